"""Feeds: RSS 2.0 and Atom for each language and each topic, written by feedgen.

Paths, from the root of each language's site (the English ones under /en/):
`rss.xml`, `atom.xml`, `chu-de/<topic>/rss.xml`, `chu-de/<topic>/atom.xml`.

Each feed holds the newest FEED_SIZE directives, each with its full text as HTML. Everything in a
feed comes from the catalog, never from the clock: the channel's date is its newest item's, so the
same content gives the same bytes. Dates are the directive's date of issue at midnight in Vietnam;
a directive with only a year is dated 1 January of that year; one with neither has no RSS pubDate
(readers then show when they first saw it) and, in Atom, which requires a date, the feed's date.
"""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from xml.etree.ElementTree import Element

import markdown
from feedgen.ext.base import BaseEntryExtension, BaseExtension
from feedgen.feed import FeedGenerator
from lxml import html as lxml_html
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from . import caches, glossary, languages, mdtext, sanitize, share_images, urls, wording
from .caches import Memo
from .catalog import Catalog
from .model import TOPICS, VIETNAM_TZ, Directive
from .pages import document_uri, facts, title_of
from .urls import TOPICS_DIR

#: Words of the text a Vietnamese item's summary opens with when editors wrote none.
SUMMARY_WORDS = 60
#: Blocks of a directive's text that only repeat its facts (header, title) or are not its text.
SKIPPED_IN_OPENING = (
    "//*[contains(concat(' ', normalize-space(@class), ' '), ' doc-header ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' doc-heading ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' doc-recipients ')"
    " or contains(concat(' ', normalize-space(@class), ' '), ' footnote ')]"
)
BLOCKS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "div", "dt", "dd", "td", "th", "br")
FEED_SIZE = 50  # items per feed: full texts make a long feed heavy for a phone to fetch
FORMATS = urls.FEED_FORMATS
GENERATOR = "portal-doi-ngoai"
#: The stylesheet a browser shows feeds with, from a language's root (theme/assets/feed.xsl).
STYLESHEET = "assets/feed.xsl"
#: The date of a feed with no dated item: the portal's newest document, or failing that this.
NO_DATE = dt.datetime(2000, 1, 1, tzinfo=VIETNAM_TZ)

#: Characters XML 1.0 forbids (C0 controls but TAB, LF, CR; surrogates; U+FFFE, U+FFFF), and the
#: C1 controls, which only ever come from text decoded with the wrong code page.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

UI = wording.FEED


#: As in mkdocs.yml; the plugin passes the site's own list.
MARKDOWN_EXTENSIONS = [
    "abbr",
    "attr_list",
    "def_list",
    "footnotes",
    "md_in_html",
    "tables",
    "toc",
    "admonition",
]


def xml_text(text: str) -> str:
    """`text` without the characters that would make a feed invalid XML."""
    return NOT_XML.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))


def xml_line(text: str) -> str:
    """`xml_text` on one line: a title, a name."""
    return " ".join(xml_text(text).split())


feed_path = urls.feed_path


def feed_paths() -> list[str]:
    """Every feed of a language's site, for checks of links to them."""
    return [feed_path(kind, topic) for topic in (None, *TOPICS) for kind in FORMATS]


def feed_title(site_title: str, lang: str, topic: str | None = None) -> str:
    if topic is None:
        return UI["feed_title"][lang].format(site=site_title)
    return UI["topic_title"][lang].format(site=site_title, topic=TOPICS[topic][lang])


@dataclass
class FeedSite:
    """What one language's feeds need to know about the site."""

    lang: str
    base_url: str  # absolute URL of the language's root, ending in '/'
    title: str
    description: str
    renderer: BodyRenderer
    image_sizes: dict[str, int] = field(default_factory=dict)  # share image path -> bytes


@dataclass(frozen=True)
class FeedFile:
    path: str  # inside the language's site
    content: bytes


def with_stylesheet(feed: bytes, path: str) -> bytes:
    """The feed with an <?xml-stylesheet?> line naming theme/assets/feed.xsl, so that a browser
    shows it as a readable page (with the address to paste into a reader) instead of raw XML.
    feedgen has no option for processing instructions: the line goes right after the XML
    declaration, relative to the feed, so it works under any site address."""
    declaration, newline, rest = feed.partition(b"\n")
    if not declaration.startswith(b"<?xml ") or not newline:
        raise ValueError(f"{path}: feedgen's output does not start with an XML declaration")
    href = posixpath.relpath(STYLESHEET, posixpath.dirname(path) or ".")
    instruction = f'<?xml-stylesheet type="text/xsl" href="{href}"?>'.encode()
    return declaration + b"\n" + instruction + b"\n" + rest


def published(d: Directive) -> dt.datetime | None:
    """When a directive was issued, as an aware datetime in Vietnam, or None if not even the
    year is known."""
    if d.date:
        return dt.datetime.combine(d.date, dt.time(0, 0), VIETNAM_TZ)
    if d.year:
        return dt.datetime(d.year, 1, 1, tzinfo=VIETNAM_TZ)
    return None


def build_feeds(catalog: Catalog, site: FeedSite) -> list[FeedFile]:
    """Every feed of one language: the whole portal, then each topic, RSS and Atom."""
    html: dict[str, tuple[str, str]] = {}  # slug -> (summary, content), each rendered once
    fallback = next((p for p in map(published, catalog.documents) if p), NO_DATE)
    out = []
    for topic in (None, *TOPICS):
        documents = catalog.with_topic(topic) if topic else catalog.documents
        fg = _feed(documents[:FEED_SIZE], topic, site, html, fallback)
        page_url = site.base_url + (f"{TOPICS_DIR}/{topic}/" if topic else "")
        for kind, (_, media_type) in FORMATS.items():
            path = feed_path(kind, topic)
            # feedgen takes the last link as RSS's <link>: the page, after the feed itself.
            self_link = {"href": site.base_url + path, "rel": "self", "type": media_type}
            page_link = {"href": page_url, "rel": "alternate", "type": "text/html"}
            fg.link([self_link, page_link], replace=True)
            content = fg.rss_str(pretty=True) if kind == "rss" else fg.atom_str(pretty=True)
            out.append(FeedFile(path, with_stylesheet(content, path)))
    return out


def _feed(
    documents: list[Directive],
    topic: str | None,
    site: FeedSite,
    html: dict[str, tuple[str, str]],
    fallback: dt.datetime,
) -> FeedGenerator:
    lang = site.lang
    dates = [p for p in map(published, documents) if p]
    updated = max(dates) if dates else fallback
    page_url = site.base_url + (f"{TOPICS_DIR}/{topic}/" if topic else "")
    if topic:
        description = UI["topic_description"][lang].format(topic=TOPICS[topic][lang])
        image = share_images.topic_image_path(topic)
    else:
        description, image = site.description, share_images.SITE_IMAGE
    title = xml_line(feed_title(site.title, lang, topic))

    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)  # dc:creator: RSS <author> wants an e-mail
    fg.register_extension("entry_links", BaseExtension, EntryLinks, atom=True, rss=False)
    fg.id(site.base_url + feed_path("atom", topic))
    fg.title(title)
    fg.description(xml_text(description))
    fg.language(lang)
    fg.image(url=site.base_url + image, title=title, link=page_url)
    fg.logo(site.base_url + image)
    fg.generator(GENERATOR)
    fg.updated(updated)
    for d in documents:
        _item(fg, d, site, html, updated)
    return fg


def _item(
    fg: FeedGenerator,
    d: Directive,
    site: FeedSite,
    html: dict[str, tuple[str, str]],
    feed_date: dt.datetime,
) -> None:
    lang = site.lang
    uri = document_uri(d)
    url = site.base_url + f"{uri[:-3]}/"
    if d.slug not in html:
        content = _content_html(d, lang, site, url, uri)
        html[d.slug] = (_summary_html(d, lang, site, content), content)
    summary, content = html[d.slug]

    fe = fg.add_entry(order="append")  # feedgen prepends by default; the catalog is newest first
    fe.id(url)
    fe.guid(url, permalink=True)
    fe.title(xml_line(title_of(d, lang)))
    fe.link(href=url, rel="alternate", type="text/html")
    fe.description(summary, isSummary=True)
    fe.summary(summary, type="html")
    fe.content(content, type="html")  # feedgen escapes it, once
    when = published(d)
    if when:
        fe.published(when)
    fe.updated(when or feed_date)
    issuer = d.issuer if lang == "vi" else glossary.issuer_en(d.issuer)[0]
    fe.author(name=xml_line(issuer))
    fe.dc.dc_creator(xml_line(issuer))
    for topic in d.topics:
        fe.category(term=topic, label=TOPICS[topic][lang])
    image = share_images.document_image_path(d.slug)
    if image in site.image_sizes:
        fe.enclosure(site.base_url + image, str(site.image_sizes[image]), "image/png")
    fe.entry_links.links = fe.link()


def _summary_html(d: Directive, lang: str, site: FeedSite, content: str) -> str:
    """Type, number, date and issuer, then the editors' summary, or in Vietnamese, where
    editors rarely write one, the opening of the text."""
    translated = d.translation.summary if d.translation else None
    summary = d.summary if lang == "vi" else translated
    if not summary and lang == "vi":
        summary = opening(content)
    parts = [facts(d, lang), *([summary] if summary else [])]
    markdown = "\n\n".join(mdtext.escape(xml_text(p)) for p in parts)
    return site.renderer.render(markdown)


def opening(content_html: str, words: int = SUMMARY_WORDS) -> str:
    """The first `words` words of a directive's text as plain text, after the header and title
    blocks (the facts line already says what they say), with "…" when there is more."""
    if not content_html.strip():
        return ""
    root = lxml_html.fragment_fromstring(content_html, create_parent="div")
    for element in root.xpath(SKIPPED_IN_OPENING):
        element.drop_tree()
    for element in root.iter(*BLOCKS):  # blocks end a word, as they do on the page
        element.tail = "\n" + (element.tail or "")
    found = root.text_content().split()
    return " ".join(found[:words]) + (" …" if len(found) > words else "")


def _content_html(d: Directive, lang: str, site: FeedSite, url: str, uri: str) -> str:
    """The full text: the Vietnamese body, the English translation, or for a directive not yet
    translated, a notice and the Vietnamese text marked as Vietnamese."""
    if lang == "vi":
        markdown = d.body
    elif d.translation is not None:
        markdown = d.translation.body
        if d.translation_status == "outdated":
            markdown = _note("warning", "outdated_title", "outdated", lang) + markdown
    else:
        markdown = (
            _note("note", "vi_only_title", "vi_only", lang)
            + '<div lang="vi" markdown>\n\n'
            + f"**{mdtext.escape(d.title)}**\n\n{d.body.strip()}\n\n</div>\n"
        )
    return site.renderer.render(xml_text(markdown), page_url=url, src_uri=uri)


def _note(kind: str, title_key: str, text_key: str, lang: str) -> str:
    title, text = UI[title_key][lang], mdtext.escape(UI[text_key][lang])
    return f'!!! {kind} "{title}"\n    {text}\n\n'


class EntryLinks(BaseEntryExtension):
    """Puts back the rel, type and length of an Atom entry's links.

    feedgen 1.0.0 writes them with their href only (lkiesow/python-feedgen#135), so the share
    image would read as a second page link instead of an enclosure. This goes through feedgen's
    extension hook and does nothing once feedgen writes the attributes itself."""

    def __init__(self) -> None:
        self.links: list[dict] = []

    def extend_atom(self, entry):
        elements = [e for e in entry if e.tag == "link"]
        for element, link in zip(elements, self.links, strict=True):
            for key in ("rel", "type", "length"):
                if link.get(key):
                    element.set(key, str(link[key]))
        return entry


# --- Markdown to HTML for feed items ---------------------------------------------------------


class BodyRenderer:
    """Markdown to HTML with the site's extensions, every link made absolute: a feed reader
    shows an item away from the site, where a relative link leads nowhere."""

    def __init__(
        self,
        base_url: str,
        extensions: list | None = None,
        extension_configs: dict | None = None,
        memo: Memo | None = None,
        version: str = "",
    ) -> None:
        """`memo` keeps renders for the next build; `version` names everything besides the
        text that they depend on (extensions, renderer and portal code: rendercache.py)."""
        self._links = _AbsoluteLinks(base_url)
        self._md = markdown.Markdown(
            extensions=[*(extensions or MARKDOWN_EXTENSIONS), _LinksExtension(self._links)],
            extension_configs=extension_configs or {},
        )
        self._memo, self._base_url = memo, base_url
        self._version = version + caches.code_version(sanitize.__name__)

    def render(self, text: str, page_url: str = "", src_uri: str = "") -> str:
        """HTML of `text`; its links resolve from `page_url`, its .md links from `src_uri`."""
        key = f"{self._version}\n{self._base_url}\n{page_url}\n{src_uri}\n{text}"
        found = self._memo.get(key) if self._memo is not None else None
        if found is not None:
            return found
        self._links.page_url, self._links.src_uri = page_url, src_uri
        self._md.reset()
        # A feed reader shows the item as HTML: only the pages' allowlist, images of this site.
        html = sanitize.clean(self._md.convert(text), own_origin=self._base_url)
        if self._memo is not None:
            self._memo.put(key, html)
        return html


class _LinksExtension(Extension):
    def __init__(self, links: _AbsoluteLinks) -> None:
        super().__init__()
        self.links = links

    def extendMarkdown(self, md: markdown.Markdown) -> None:
        self.links.md = md
        # Priority 0: after every other tree step, the footnotes' included.
        md.treeprocessors.register(self.links, "portal_absolute_links", 0)


class _AbsoluteLinks(Treeprocessor):
    """Relative href and src to absolute URLs, for the page being rendered."""

    def __init__(self, base_url: str) -> None:
        super().__init__()
        self.base_url = base_url
        self.page_url = ""
        self.src_uri = ""

    def run(self, root: Element) -> None:
        for element in root.iter():
            for attr in ("href", "src"):
                value = element.get(attr)
                if value is not None:
                    element.set(attr, self.absolute(value))

    def absolute(self, href: str) -> str:
        parts = urlsplit(href)
        if parts.scheme or parts.netloc or not self.page_url:
            return href
        if parts.path.endswith(".md"):
            # A link between documents, as MkDocs resolves it: from the Markdown file's folder.
            target = posixpath.normpath(posixpath.join(posixpath.dirname(self.src_uri), parts.path))
            if not target.startswith("../"):
                fragment = f"#{parts.fragment}" if parts.fragment else ""
                return self.base_url + languages.page_path(target) + fragment
        return urljoin(self.page_url, href)
