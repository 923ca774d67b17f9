"""What templates get to show about a page: plain data, computed from the catalog, for one page
in one language. Templates escape every value (`|e`)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from . import glossary, languages, originals
from .catalog import DOCUMENTS_DIR, Catalog, reference_slug
from .model import TOPICS, Directive
from .pages import REFERENCES_DIR, TOPICS_DIR, title_of

SOURCES_URL = "nguon/"  # where original source files are published, from the site root


@dataclass
class Fact:
    label: str
    value: str
    href: str | None = None
    lang: str | None = None  # set when the value is in another language than the page


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
    if d.number:
        facts.append(Fact(label("number"), d.number))
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
        facts.append(Fact(label("signer"), d.signer))
    topics = [
        Link(
            TOPICS[t][lang], relative(languages.PREFIX[lang] + f"{TOPICS_DIR}/{t}/", page_url, lang)
        )
        for t in d.topics
    ]
    cites = []
    for ref in d.references:
        own = catalog.by_number(ref.number)
        href = relative(
            languages.PREFIX[lang] + f"{REFERENCES_DIR}/{reference_slug(ref.number)}/",
            page_url,
            lang,
        )
        kind = (
            ref.doc_type if lang == "vi" or not ref.doc_type else glossary.doc_type_en(ref.doc_type)
        )
        text = f"{kind} {ref.number}" if kind else ref.number
        note = glossary.format_date(ref.date, lang) if ref.date else ""
        cites.append(Link(text, doc_href(own) if own else href, note))
    cited_by = [
        Link(title_of(o, lang), doc_href(o), _short_facts(o, lang)) for o in catalog.cited_by(d)
    ]
    source = None
    if d.source:
        href = relative(SOURCES_URL + d.source, page_url, lang)
        note = posixpath.basename(d.source)
        if sources is not None and (sources / d.source).is_file():
            # "Văn bản gốc (PDF, 212 KB)": what the reader is about to open, and how big
            note = f"{label('source')} ({originals.describe(sources / d.source, lang)})"
        source = Link(label("source"), href, note)
    view = DocumentView(facts, topics, cites, cited_by, source, d.translation_status)
    if d.ocr:
        view.labels["ocr"] = label("source_ocr")
    return view


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
