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
from collections.abc import Iterable
from dataclasses import dataclass, field

import jinja2
from lxml import etree
from lxml import html as lxml_html

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

    def keys(self) -> list[str]:
        """The index key of every word of text and asides, in order (computed once)."""
        cached = self.__dict__.get("_keys")
        if cached is None or len(cached) != len(self.words) + len(self.aside):
            cached = self.__dict__["_keys"] = [_key(w) for w in self.words + self.aside]
        return cached


class _ArticleReader:
    """Reads the title and text of a page's <article>, leaving out the parts search.py excludes.

    The article is parsed by lxml (C, some twenty times faster than html.parser at thousands of
    pages) and walked once; every element boundary separates words."""

    def __init__(self, excluded_classes: set[str], aside_classes: set[str]):
        self.excluded_classes = excluded_classes
        self.aside_classes = aside_classes
        self.page = PageText()
        self.text: list[str] = []
        self.aside: list[str] = []

    def read(self, article: etree._Element) -> None:
        self.page.meta.extend(_meta(article))
        self._children(article, False, self.text)

    def _children(self, element: etree._Element, skipped: bool, out: list[str]) -> None:
        """The text inside `element`, into `out` (text, asides or title), unless skipped."""
        if element.text and not skipped:
            out.append(element.text)
        for child in element:
            tag = child.tag
            if isinstance(tag, str):  # not a comment
                self._element(child, tag, skipped, out)
            if child.tail and not skipped:
                out.append(child.tail)

    def _element(self, element: etree._Element, tag: str, skipped: bool, out: list[str]) -> None:
        attributes = element.attrib
        if not skipped:
            self.page.meta.extend(_meta(element))
        out.append(" ")
        if tag in VOID_TAGS:
            return
        classes = set(attributes.get("class", "").split())
        skipped = (
            skipped
            or tag in SKIPPED_TAGS
            or bool(classes & self.excluded_classes)
            or "data-search-ignore" in attributes
        )
        if tag == "h1" and not skipped and not self.page.title:
            title: list[str] = []
            self._children(element, skipped, title)
            self.page.title = " ".join("".join(title).split())
        elif classes & self.aside_classes:
            self._children(element, skipped, self.aside)
        else:
            self._children(element, skipped, out)
        out.append(" ")


def _meta(element: etree._Element) -> list[tuple[str, str]]:
    meta = element.attrib.get("data-pagefind-meta")
    if meta and ":" in meta:
        key, value = meta.split(":", 1)
        return [(key.strip(), value)]
    return []


def read_page(html: str, excluded_classes: set[str], aside_classes: set[str]) -> PageText:
    """Title, metadata, text and asides of a built page's <article> (nothing without one)."""
    reader = _ArticleReader(excluded_classes, aside_classes)
    # Only <article> is parsed (and the language read from <html>): header, menus and scripts
    # are half the bytes of a page.
    article = ARTICLE.search(html)
    lang = HTML_LANG.search(html)
    reader.page.lang = lang.group(1) if lang else ""
    if article:
        reader.read(lxml_html.fragment_fromstring(article.group(0)))
    page = reader.page
    page.words = WORD.findall("".join(reader.text))
    page.aside = WORD.findall("".join(reader.aside))
    return page


_KEYS: dict[str, str] = {}


def _key(word: str) -> str:
    """The form a word is counted under: lower case, without punctuation at its edges.
    Remembered, since a collection has far fewer distinct words than words."""
    key = _KEYS.get(word)
    if key is None:
        if len(_KEYS) > 1_000_000:
            _KEYS.clear()
        key = _KEYS[word] = TOKEN_EDGE.sub("", word).lower()
    return key


def common_words(pages: list[PageText]) -> set[str]:
    """Words found in more than COMMON_SHARE of `pages` (none for a small collection)."""
    return common_keys([set(page.keys()) for page in pages])


def common_keys(pages: Iterable[Iterable[str]]) -> set[str]:
    """The same, from the distinct word keys of each page."""
    found: Counter[str] = Counter()
    count = 0
    for keys in pages:
        found.update(keys)
        count += 1
    if count < COMMON_MIN_PAGES:
        return set()
    return {key for key, n in found.items() if n > COMMON_SHARE * count}


def distinct_keys(page: PageText) -> str:
    """The distinct word keys of a page, one a line, sorted: small enough to remember."""
    return "\n".join(sorted(set(page.keys()) - {""}))


@dataclass(frozen=True)
class Summary:
    """What digest() needs of a page, without its text: the opening, and each later word key
    once, in order of first use, with how often the page uses it. Remembered for every page
    between builds (search.py), a fraction of the size of the text."""

    lang: str
    title: str
    meta: tuple[tuple[str, str], ...]
    opening: tuple[str, ...]  # the first OPENING_WORDS words, as written
    later: tuple[str, ...]  # keys past the opening, each once (none that the opening has)
    counts: tuple[int, ...]  # occurrences in the page of each of `later`


def summarise(page: PageText) -> Summary:
    opening = page.words[:OPENING_WORDS]
    keys = page.keys()
    counts = Counter(keys)
    seen = set(keys[:OPENING_WORDS])
    later: list[str] = []
    for key in keys[len(opening) :]:
        if key and key not in seen:
            seen.add(key)
            later.append(key)
    return Summary(
        page.lang,
        page.title,
        tuple(page.meta),
        tuple(opening),
        tuple(later),
        tuple(counts[key] for key in later),
    )


def digest(page: PageText | Summary, common: frozenset[str] | set[str] = frozenset()) -> str:
    """The HTML Pagefind indexes for `page`."""
    summary = page if isinstance(page, Summary) else summarise(page)
    tiers: dict[float, list[str]] = {weight: [] for _, weight in FREQUENCY_WEIGHTS}
    for key, count in zip(summary.later, summary.counts, strict=True):
        if key in common:
            continue
        weight = next(w for least, w in FREQUENCY_WEIGHTS if count >= least)
        tiers[weight].append(key)
    return DIGEST.render(
        lang=summary.lang,
        title=summary.title,
        meta=summary.meta,
        opening=" ".join(summary.opening),
        end=OPENING_END,
        tiers=[(weight, " ".join(words)) for weight, words in tiers.items() if words],
    )
