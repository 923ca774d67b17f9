"""What templates get to show about a page: plain data, computed from the catalog, for one page
in one language. Templates escape every value (`|e`)."""

from __future__ import annotations

import html
import json
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import glossary, languages, originals, urls
from .catalog import Catalog, CitedDocument
from .identity import full_issuer, number_key
from .model import TOPICS, Directive
from .pages import title_of
from .reference_pages import reference_title
from .urls import DOCUMENTS_DIR, REFERENCES_DIR, SOURCES_URL, TOPICS_DIR


@dataclass
class Fact:
    label: str
    value: str
    href: str | None = None
    lang: str | None = None  # set when the value is in another language than the page
    note: str | None = None  # a second line under the value (the signer's position)
    note_lang: str | None = None


@dataclass
class Link:
    text: str
    href: str
    note: str = ""
    lang: str | None = None


@dataclass
class DocumentView:
    """The metadata panel and citation lists of one directive page."""

    facts: list[Fact]
    topics: list[Link]
    cites: list[Link]
    cited_by: list[Link]
    source: Link | None
    translation_status: str  # complete / missing / outdated
    labels: dict[str, str] = field(default_factory=dict)
    chain: list[Link] = field(default_factory=list)  # what it implements, top first
    implemented_by: list[Link] = field(default_factory=list)  # who implements it
    # What identifies the document, shown above its (often long) title: type and number,
    # issuing body, date, as a reader would quote it.
    identity: list[Fact] = field(default_factory=list)
    #: The page's meta description: its trích yếu (its own, not the site's description).
    description: str = ""


@dataclass
class Alternate:
    lang: str
    hreflang: str
    name: str
    href: str  # relative, for the language switcher
    url: str  # absolute, for <link rel="alternate" hreflang>


def relative(target_from_root: str, page_url: str, lang: str) -> str:
    """A link from a page (URL inside its language) to a path from the site root."""
    depth = page_url.count("/") + (1 if languages.PREFIX[lang] else 0)
    return ("../" * depth + target_from_root) or "./"


def page_alternates(src_uri: str, page_url: str, lang: str, base_url: str) -> list[Alternate]:
    """The page in every language: links for the switcher and hreflang tags."""
    out = []
    for code in ("vi", "en"):
        path = languages.url_in(code, src_uri)
        out.append(
            Alternate(
                lang=code,
                hreflang=languages.HREFLANG[code],
                name=languages.NAMES[code],
                href=relative(path, page_url, lang),
                url=base_url + path,
            )
        )
    return out


def document_view(
    catalog: Catalog, d: Directive, page_url: str, lang: str, sources: Path | None = None
) -> DocumentView:
    def label(key: str) -> str:
        return glossary.label(key, lang)

    def doc_href(other: Directive) -> str:
        return relative(languages.PREFIX[lang] + f"{DOCUMENTS_DIR}/{other.slug}/", page_url, lang)

    facts = [
        Fact(label("doc_type"), d.doc_type if lang == "vi" else glossary.doc_type_en(d.doc_type))
    ]
    # A blank number is shown as such, like a blank date: readers compare it with the paper.
    facts.append(Fact(label("number"), d.number or label("no_number")))
    facts.append(Fact(label("date"), glossary.format_date(d.date, lang, year=d.year)))
    if d.place:
        facts.append(Fact(label("place"), d.place))
    if lang == "vi":
        facts.append(Fact(label("issuer"), d.issuer))
    else:
        name, translated = glossary.issuer_en(d.issuer)
        # "the Politburo" reads well in a sentence; alone in the panel it starts a value
        name = name[:1].upper() + name[1:]
        facts.append(Fact(label("issuer"), name, lang=None if translated else "vi"))
    if d.signer:
        # The signature block as printed ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"): it says in whose name
        # and in what capacity the text was signed. Kept in Vietnamese on English pages.
        position = d.signer_title
        facts.append(
            Fact(
                label("signer"),
                d.signer,
                note=position,
                note_lang="vi" if position and lang != "vi" else None,
            )
        )
    topics = [
        Link(
            TOPICS[t][lang], relative(languages.PREFIX[lang] + f"{TOPICS_DIR}/{t}/", page_url, lang)
        )
        for t in d.topics
    ]

    def entry_href(entry: CitedDocument) -> str:
        return citation_href(entry, page_url, lang)

    cites = []
    for i, ref in enumerate(d.references):
        entry = catalog.target(d, i)
        kind = (
            ref.doc_type if lang == "vi" or not ref.doc_type else glossary.doc_type_en(ref.doc_type)
        )
        text = f"{kind} {ref.number}" if kind else ref.number
        note = glossary.format_date(ref.date, lang) if ref.date else ""
        if ref.relation:
            note = ", ".join(p for p in (RELATION_NAMES[ref.relation][lang], note) if p)
        cites.append(Link(text, entry_href(entry), note))
    cited_by = [
        Link(title_of(o, lang), doc_href(o), _short_facts(o, lang)) for o in catalog.cited_by(d)
    ]
    chain = [
        Link(
            reference_title(entry, lang),
            entry_href(entry),
            catalog.remembered("facts", (entry.key, lang), lambda e=entry: _entry_facts(e, lang)),
        )
        for entry in implementation_chain(catalog, d)
    ]
    own = catalog.entry_of(d)
    implemented_by = [
        Link(title_of(o, lang), doc_href(o), _short_facts(o, lang))
        for o in (own.implemented_by if own else [])
    ]
    source = None
    if d.source:
        href = relative(SOURCES_URL + d.source, page_url, lang)
        note = posixpath.basename(d.source)
        if sources is not None and (sources / d.source).is_file():
            # "Văn bản gốc (PDF, 212 KB)": what the reader is about to open, and how big
            note = f"{label('source')} ({originals.describe(sources / d.source, lang)})"
        source = Link(label("source"), href, note)
    view = DocumentView(
        facts,
        topics,
        cites,
        cited_by,
        source,
        d.translation_status,
        chain=chain,
        implemented_by=implemented_by,
    )
    view.description = title_of(d, lang)
    view.identity = [
        Fact(label("number"), f"{facts[0].value} {_number_phrase(d.number, lang)}"),
        next(f for f in facts if f.label == label("issuer")),
        facts[2],
    ]
    if d.ocr:
        view.labels["ocr"] = label("source_ocr")
    return view


RELATION_NAMES = {
    "implements": {"vi": "thực hiện", "en": "implemented"},
    "based_on": {"vi": "căn cứ", "en": "legal basis"},
    "replaces": {"vi": "thay thế", "en": "replaced"},
}


def citation_href(entry: CitedDocument, page_url: str, lang: str) -> str:
    """The document's page when it is in the portal, else its reference page (which lists the
    candidates of an ambiguous citation)."""
    if entry.document is not None:
        target = f"{DOCUMENTS_DIR}/{entry.document.slug}/"
    else:
        target = f"{REFERENCES_DIR}/{entry.slug}/"
    return relative(languages.PREFIX[lang] + target, page_url, lang)


def implementation_chain(catalog: Catalog, d: Directive, depth: int = 6) -> list[CitedDocument]:
    """What `d` implements, and what that implements, top first: 12-CT/TW, then 01-TT/TU."""
    parents: dict[str, list[str]] = {}
    entries = catalog.cited

    def implemented(entry_key: str | None, doc: Directive | None) -> list[str]:
        if entry_key is not None:  # the same for every chain it is in
            return list(
                catalog.remembered(
                    "implemented", entry_key, lambda: tuple(_implemented(entry_key, doc))
                )
            )
        return _implemented(entry_key, doc)

    def _implemented(entry_key: str | None, doc: Directive | None) -> list[str]:
        keys = list(entries[entry_key].implements) if entry_key else []
        if doc is not None:
            keys += [
                catalog.target(doc, i).key
                for i, ref in enumerate(doc.references)
                if ref.relation == "implements"
            ]
        return [k for k in dict.fromkeys(keys) if k != entry_key]

    frontier = implemented(None, d)
    own = catalog.entry_of(d)
    seen: list[str] = []
    while frontier and len(seen) < 20 and depth > 0:
        next_frontier = []
        for key in frontier:
            if key in seen or (own is not None and key == own.key):
                continue
            seen.append(key)
            parents[key] = implemented(key, entries[key].document)
            next_frontier += parents[key]
        frontier, depth = next_frontier, depth - 1

    heights: dict[tuple[str, int], int] = {}
    # Without a cycle, and with at most 20 keys, no walk is deeper than the guard allows, so
    # a key's height is the same whatever the depth it is reached at.
    by_depth = len(parents) > 20 or _has_cycle(
        {k: [p for p in ps if p in parents] for k, ps in parents.items()}
    )

    def height(key: str, guard: int = 0) -> int:  # how far up the chain goes from `key`
        # Remembered: a chain whose parents share ancestors is walked once, not once per path.
        memo = (key, guard if by_depth else 0)
        found = heights.get(memo)
        if found is None:
            above = [k for k in parents.get(key, []) if k in parents]
            found = 0 if not above or guard > 20 else 1 + max(height(k, guard + 1) for k in above)
            heights[memo] = found
        return found

    order = {k: i for i, k in enumerate(seen)}
    return [entries[k] for k in sorted(seen, key=lambda k: (height(k), order[k]))]


def _has_cycle(graph: dict[str, list[str]]) -> bool:
    """Whether following `graph`'s edges can come back to a key."""
    state: dict[str, int] = {}  # 1 on the current path, 2 done
    for start in graph:
        if state.get(start):
            continue
        stack = [(start, iter(graph.get(start, ())))]
        state[start] = 1
        while stack:
            key, edges = stack[-1]
            step = next(edges, None)
            if step is None:
                state[key] = 2
                stack.pop()
            elif state.get(step) == 1:
                return True
            elif not state.get(step):
                state[step] = 1
                stack.append((step, iter(graph.get(step, ()))))
    return False


def _entry_facts(entry: CitedDocument, lang: str) -> str:
    issuer = entry.best("issuer")
    if issuer and lang == "en":
        issuer = glossary.issuer_en(issuer)[0]
    if issuer:
        issuer = full_issuer(issuer, entry.scope)
    date = entry.best("date")
    return ", ".join(p for p in (issuer, glossary.format_date(date, lang) if date else "") if p)


def _number_phrase(number: str | None, lang: str) -> str:
    """'số 175/KH-UBND' / 'No. 175/KH-UBND'; 'không số' / 'unnumbered' when blank."""
    if not number:
        return glossary.label("no_number", lang)
    return f"số {number}" if lang == "vi" else f"No. {number}"


def _short_facts(d: Directive, lang: str) -> str:
    kind = d.doc_type if lang == "vi" else glossary.doc_type_en(d.doc_type)
    number = f" {d.number}" if d.number else ""
    return f"{kind}{number}, {glossary.format_date(d.date, lang, year=d.year)}"


def directive_of(catalog: Catalog, src_uri: str) -> Directive | None:
    """The directive a page shows, if it is a document page."""
    folder, name = posixpath.split(src_uri)
    if folder != DOCUMENTS_DIR or not name.endswith(".md"):
        return None
    return catalog.by_slug(name[:-3])


#: Tags whose text is never linked: links already, code, and the page's own headings' anchors.
NO_LINK_INSIDE = {"a", "code", "pre", "script", "style", "textarea", "button"}
TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^>]*?(/?)>")


INLINE_DATE = re.compile(r"^\s*,?\s*ng[àa]y\s*(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})")


def _by_date(targets: list[tuple[str, str]], after: str) -> str:
    """Of the documents a text cites by one number, the one whose date follows ("ngày
    8/6/2017"), else the first."""
    found = INLINE_DATE.match(after)
    if found and len(targets) > 1:
        day, month, year = (int(g) for g in found.groups())
        for written, href in targets:
            if written == f"{day}/{month}/{year}":
                return href
    return targets[0][1]


def _number_pattern(number: str) -> str:
    """A cited number as texts write it: "97/HD-MTTW-BTT" also as "97 /HD-MTTW-BTT"."""
    parts = re.split(r"([/-])", number)
    return r"[ \t]*".join(re.escape(p) for p in parts if p)


@dataclass
class CitationLinks:
    """Where each number a document cites leads from its page: number -> [(the citation's date
    as written, href)], and the numbers, longest first (the pattern tries them in that order)."""

    hrefs: dict[str, list[tuple[str, str]]]
    numbers: list[str]

    def key(self) -> str:
        """All that `apply` does besides the HTML, written down (the render cache's key)."""
        return json.dumps([self.hrefs, self.numbers], ensure_ascii=False, sort_keys=True)

    def apply(self, page_html: str) -> str:
        """The body's citations as links: text only is wrapped, in text outside links and
        code; deterministic."""
        if not self.hrefs:
            return page_html
        pattern = re.compile(
            r"(?<![\w/-])(" + "|".join(_number_pattern(n) for n in self.numbers) + r")(?![\w/-])"
        )

        def linked(text: str) -> str:
            def one(found: re.Match) -> str:
                targets = self.hrefs.get(number_key(found.group(1)))
                if not targets:
                    return found.group(0)
                href = _by_date(targets, text[found.end() : found.end() + 40])
                return f'<a class="portal-cite" href="{html.escape(href)}">{found.group(0)}</a>'

            return pattern.sub(one, text)

        out: list[str] = []
        depth = 0
        at = 0
        for tag in TAG.finditer(page_html):
            text = page_html[at : tag.start()]
            out.append(linked(text) if depth == 0 else text)
            out.append(tag.group(0))
            name = tag.group(2).lower()
            if name in NO_LINK_INSIDE and not tag.group(3):
                depth = max(0, depth + (-1 if tag.group(1) else 1))
            at = tag.end()
        rest = page_html[at:]
        out.append(linked(rest) if depth == 0 else rest)
        return "".join(out)


def citation_links(catalog: Catalog, d: Directive, page_url: str, lang: str) -> CitationLinks:
    """Where the citations of `d`'s text lead from its page (the document's page when it is
    here, else its reference page)."""
    hrefs: dict[str, list[tuple[str, str]]] = {}
    for i, ref in enumerate(d.references):
        href = citation_href(catalog.target(d, i), page_url, lang)
        written = f"{ref.date.day}/{ref.date.month}/{ref.date.year}" if ref.date else ""
        hrefs.setdefault(number_key(ref.number), []).append((written, href))
    # longest first, ties in a fixed order (a set's order changes from one process to another)
    numbers = sorted({ref.number for ref in d.references}, key=lambda n: (-len(n), n))
    return CitationLinks(hrefs, numbers if hrefs else [])


def link_citations(page_html: str, catalog: Catalog, d: Directive, page_url: str, lang: str) -> str:
    """The body's citations as links (CitationLinks.apply)."""
    return citation_links(catalog, d, page_url, lang).apply(page_html)


@dataclass
class FollowLinks:
    """The feeds of one topic, for the "follow this topic" line of its pages."""

    topic: str
    rss: str
    atom: str
    help: str  # the Follow page, which says what a feed is


def topic_follow(src_uri: str, page_url: str, lang: str) -> FollowLinks | None:
    """The feeds of the topic a page lists (every page of it), None for other pages."""
    for topic in TOPICS:
        if src_uri == f"{TOPICS_DIR}/{topic}.md" or src_uri.startswith(f"{TOPICS_DIR}/{topic}/"):
            feeds = languages.PREFIX[lang] + f"{TOPICS_DIR}/{topic}/"
            return FollowLinks(
                TOPICS[topic][lang],
                relative(feeds + urls.FEED_FORMATS["rss"][0], page_url, lang),
                relative(feeds + urls.FEED_FORMATS["atom"][0], page_url, lang),
                relative(languages.PREFIX[lang] + urls.FOLLOW_PAGE, page_url, lang),
            )
    return None
