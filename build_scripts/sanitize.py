"""The output allowlist: rendered HTML of every content page and feed body goes through nh3
(ammonia) before anyone sees it.

Why here and not in the Markdown: Markdown has more ways to spell markup than any check of the
text can know (entity-encoded `javascript:`, escaped brackets, attribute lists, raw HTML inside
lists...). `markup.py` reports what it can find, with the line; the guarantee is this module,
which reads the HTML a browser would read and keeps only what our Markdown extensions produce
(mkdocs.yml: abbr, attr_list, def_list, footnotes, md_in_html, tables, toc, admonition; the
converter's `doc-` classes, convert/render.py). Scripts exist only in the theme's templates.

Images must be on the site itself: an image from another host would tell that host who reads
which page, on page load. Such an image is replaced by its alt text.
"""

from __future__ import annotations

import html
import re
from urllib.parse import urlsplit

import nh3

#: Elements Python-Markdown and our extensions write, and the generated pages' `<small>`.
TAGS = frozenset(
    {
        *("p", "br", "hr", "blockquote", "pre", "code", "em", "strong", "small", "sup", "sub"),
        *("h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "dl", "dt", "dd"),
        *("table", "thead", "tbody", "tr", "th", "td", "a", "img", "abbr", "div", "span"),
    }
)
#: Attributes by element; "*" applies to all of them. `class`, `id`, `lang` and `align` are
#: filtered by value below.
ATTRIBUTES = {
    "*": {"class", "id", "lang"},
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "abbr": {"title"},
    # Generated pages keep lists of citing documents out of the search digest (search.py).
    "div": {"data-search-ignore"},
    "ol": {"start"},
    "th": {"align"},
    "td": {"align"},
}
URL_SCHEMES = frozenset({"http", "https", "mailto"})

#: Classes our Markdown writes: the converter's `doc-` vocabulary, the portal's own `portal-`
#: ones (pages.py), footnotes' and admonitions' (with Material's admonition types).
CLASS_PREFIXES = ("doc-", "portal-")
CLASSES = frozenset(
    {
        *("footnote", "footnote-ref", "footnote-backref", "admonition", "admonition-title"),
        *("note", "abstract", "info", "tip", "success", "question", "warning", "failure"),
        *("danger", "bug", "example", "quote"),
    }
)
#: Heading ids (slugs.heading_id), footnote ids (`fn:1`, `fnref2:1`), attr_list ids. Not `__x`:
#: the theme's own elements (`__config`, `__drawer`...) must stay the ones scripts find.
ID = re.compile(r"(?!__)[A-Za-z0-9][A-Za-z0-9_:.-]*")
LANG = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{1,8})*")
ALIGNMENTS = frozenset({"left", "center", "right"})
START = re.compile(r"[0-9]{1,9}")

#: An <img> as nh3 writes it: attributes always double-quoted, `"` inside written `&quot;`.
IMG = re.compile(r'<img((?:\s+[a-z-]+="[^"]*")*)\s*/?>')
IMG_ATTRIBUTE = re.compile(r'([a-z-]+)="([^"]*)"')
#: What browsers drop from a URL before reading it (ASCII whitespace and controls).
URL_IGNORED = re.compile(r"[\x00-\x20\x7f]+")


def _attribute(tag: str, name: str, value: str) -> str | None:
    """The value to keep for an attribute nh3 already allows by name, or None to drop it."""
    if name == "class":
        kept = [c for c in value.split() if c in CLASSES or c.startswith(CLASS_PREFIXES)]
        return " ".join(kept) or None
    if name == "id":
        return value if ID.fullmatch(value) else None
    if name == "lang":
        return value if LANG.fullmatch(value) else None
    if name == "align":
        return value if value in ALIGNMENTS else None
    if name == "start":
        return value if START.fullmatch(value) else None
    return value


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    attributes={tag: set(names) for tag, names in ATTRIBUTES.items()},
    attribute_filter=_attribute,
    url_schemes=set(URL_SCHEMES),
    link_rel=None,  # links are ours or the text's; no rel is added to what the page had
    strip_comments=True,
)


def is_on_site(src: str, own_origin: str = "") -> bool:
    """Whether an image address leads to the site itself: a relative path, or an absolute URL
    on `own_origin` (the feeds make every address absolute). `//host/x` and `/\\host/x` are
    other hosts, as browsers read them."""
    url = URL_IGNORED.sub("", html.unescape(src)).replace("\\", "/")
    if not url.startswith("//") and not urlsplit(url).scheme:
        return True
    if not own_origin:
        return False
    own, this = urlsplit(own_origin), urlsplit(url)
    return (this.scheme, this.netloc) == (own.scheme, own.netloc)


def _image(match: re.Match, own_origin: str) -> str:
    attributes = dict(IMG_ATTRIBUTE.findall(match.group(1)))
    src = attributes.get("src")
    if src is not None and is_on_site(src, own_origin):
        return match.group()
    # Nothing is lost: the reader still sees what the image was of.
    return html.escape(html.unescape(attributes.get("alt", "")), quote=False)


def clean(fragment: str, own_origin: str = "") -> str:
    """`fragment` with only the elements, attributes and addresses of the allowlist; images on
    another host than `own_origin` (or any host, without it) become their alt text."""
    cleaned = _CLEANER.clean(fragment)
    return IMG.sub(lambda m: _image(m, own_origin), cleaned)
