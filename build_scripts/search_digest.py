"""The digest Pagefind indexes in place of a built page: its title, its metadata, the opening of
its text word for word, then every other distinct word of the text once, in order of first use.

Why: Pagefind stores the position of every occurrence of every word. In a collection where
"đối", "ngoại", "nhân", "dân" occur twenty times in each of 2,000 directives, the index chunks
one query needs grow to megabytes (2.3 MB measured for "doi ngoai nhan dan"). Every word of
the text stays findable through the digest, but a word's posting list holds at most one entry
per page beyond the opening. How often a word occurs is kept as a weight (Pagefind's
`data-pagefind-weight`), so a directive about people-to-people diplomacy still outranks one that
mentions it once. Excerpts come from the opening (search.js cuts at OPENING_END).

Words found in more than COMMON_SHARE of all pages ("của", "nhân", "dân" in this collection)
tell pages apart only where they characterise one: in its title and opening. Beyond the opening
they are left out, which is what keeps a query of four such words within its byte budget.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import jinja2

#: Words of the text kept in order (with positions) for excerpts.
OPENING_WORDS = 60
#: Ends the opening in the indexed text; not a word, so Pagefind does not index it.
OPENING_END = "⁂"
#: Share of pages above which a word is indexed only in titles and openings, in collections of
#: at least COMMON_MIN_PAGES (a small index is light anyway, and five pages make no statistics).
COMMON_SHARE = 0.5
COMMON_MIN_PAGES = 200
#: Occurrences in the page -> weight of the word in the digest (Pagefind's default is 1).
FREQUENCY_WEIGHTS = ((10, 2.0), (3, 1.0), (1, 0.5))
WORD = re.compile(r"\S+")
TOKEN_EDGE = re.compile(r"^\W+|\W+$")
#: Elements whose text is never part of a document.
SKIPPED_TAGS = {"script", "style", "nav", "button", "template", "svg"}
VOID_TAGS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}

DIGEST = jinja2.Environment(autoescape=True).from_string(
    """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8"><title>{{ title }}</title></head>
<body><article>
<h1>{{ title }}</h1>
{% for key, value in meta %}<span data-pagefind-meta="{{ key }}:{{ value }}"></span>
{% endfor %}<p>{{ opening }} {{ end }}</p>
{% for weight, words in tiers %}<p data-pagefind-weight="{{ weight }}">{{ words }}</p>
{% endfor %}</article></body></html>
"""
)


ARTICLE = re.compile(r"<article\b.*</article>", re.S)
HTML_LANG = re.compile(r'<html\b[^>]*\blang="([^"]*)"')


@dataclass
class PageText:
    """What a built page says, as the digest needs it."""

    lang: str = ""
    title: str = ""
    meta: list[tuple[str, str]] = field(default_factory=list)
    words: list[str] = field(default_factory=list)  # the text, in order
    aside: list[str] = field(default_factory=list)  # panels beside the text: searched, not shown


class _ArticleReader(HTMLParser):
    """Reads the title and text of a page's <article>, leaving out the parts search.py excludes."""

    def __init__(self, excluded_classes: set[str], aside_classes: set[str]):
        super().__init__(convert_charrefs=True)
        self.excluded_classes = excluded_classes
        self.aside_classes = aside_classes
        self.aside_depth = 0  # depth of the aside panel while it is open
        self.aside: list[str] = []
        self.page = PageText()
        self.stack: list[tuple[str, bool]] = []  # (tag, skipped) of open elements in <article>
        self.title_depth = 0  # depth of the first <h1> while it is open
        self.text: list[str] = []

    def _skipped(self) -> bool:
        return any(skipped for _, skipped in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "html":
            self.page.lang = attributes.get("lang") or ""
        if not self.stack:
            if tag == "article":
                self.stack.append((tag, False))
            return
        classes = set((attributes.get("class") or "").split())
        skipped = (
            tag in SKIPPED_TAGS
            or bool(classes & self.excluded_classes)
            or "data-search-ignore" in attributes
        )
        meta = attributes.get("data-pagefind-meta")
        if meta and ":" in meta and not self._skipped():
            key, value = meta.split(":", 1)
            self.page.meta.append((key.strip(), value))
        if tag in VOID_TAGS:
            self.text.append(" ")
            return
        self.stack.append((tag, skipped))
        if classes & self.aside_classes and not self.aside_depth:
            self.aside_depth = len(self.stack)
        if tag == "h1" and not self.page.title and not self._skipped():
            self.title_depth = len(self.stack)
        else:
            self.text.append(" ")

    def handle_endtag(self, tag):
        if not any(open_tag == tag for open_tag, _ in self.stack):
            return  # a stray end tag, or one outside <article>
        while self.stack:
            open_tag, _ = self.stack.pop()
            if open_tag == tag:
                break
        if self.title_depth > len(self.stack):
            self.title_depth = 0
        if self.aside_depth > len(self.stack):
            self.aside_depth = 0
        (self.aside if self.aside_depth else self.text).append(" ")

    def handle_data(self, data):
        if not self.stack or self._skipped():
            return
        if self.title_depth:
            self.page.title += data
        elif self.aside_depth:
            self.aside.append(data)
        else:
            self.text.append(data)


def read_page(html: str, excluded_classes: set[str], aside_classes: set[str]) -> PageText:
    """Title, metadata, text and asides of a built page's <article>."""
    reader = _ArticleReader(excluded_classes, aside_classes)
    # Only <article> is read: handing the parser just that (and the language from <html>)
    # halves the time at thousands of pages, where header, menus and scripts are half the bytes.
    article = ARTICLE.search(html)
    reader.feed(article.group(0) if article else html)
    reader.close()
    page = reader.page
    if article:
        lang = HTML_LANG.search(html)
        page.lang = lang.group(1) if lang else ""
    page.title = " ".join(page.title.split())
    page.words = WORD.findall("".join(reader.text))
    page.aside = WORD.findall("".join(reader.aside))
    return page


def _key(word: str) -> str:
    return TOKEN_EDGE.sub("", word).lower()


def common_words(pages: list[PageText]) -> set[str]:
    """Words found in more than COMMON_SHARE of `pages` (none for a small collection)."""
    if len(pages) < COMMON_MIN_PAGES:
        return set()
    found = Counter(key for page in pages for key in {_key(w) for w in page.words + page.aside})
    return {key for key, n in found.items() if n > COMMON_SHARE * len(pages)}


def digest(page: PageText, common: frozenset[str] | set[str] = frozenset()) -> str:
    """The HTML Pagefind indexes for `page`."""
    opening, rest = page.words[:OPENING_WORDS], page.words[OPENING_WORDS:] + page.aside
    counts = Counter(_key(w) for w in page.words + page.aside)
    seen = {_key(w) for w in opening}
    tiers: dict[float, list[str]] = {weight: [] for _, weight in FREQUENCY_WEIGHTS}
    for word in rest:
        key = _key(word)
        if not key or key in seen or key in common:
            continue
        seen.add(key)
        weight = next(w for least, w in FREQUENCY_WEIGHTS if counts[key] >= least)
        tiers[weight].append(key)
    return DIGEST.render(
        lang=page.lang,
        title=page.title,
        meta=page.meta,
        opening=" ".join(opening),
        end=OPENING_END,
        tiers=[(weight, " ".join(words)) for weight, words in tiers.items() if words],
    )
