"""What templates get to show about a page: plain data, computed from the catalog, for one page
in one language. Templates escape every value (`|e`)."""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field

from . import glossary, languages
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


def document_view(catalog: Catalog, d: Directive, page_url: str, lang: str) -> DocumentView:
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
        source = Link(label("source"), href, posixpath.basename(d.source))
    view = DocumentView(facts, topics, cites, cited_by, source, d.translation_status)
    view.description = title_of(d, lang)
    view.identity = [
        Fact(label("number"), f"{facts[0].value} {_number_phrase(d.number, lang)}"),
        next(f for f in facts if f.label == label("issuer")),
        facts[2],
    ]
    return view


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
                relative(feeds + "rss.xml", page_url, lang),
                relative(feeds + "atom.xml", page_url, lang),
                relative(languages.PREFIX[lang] + "theo-doi/", page_url, lang),
            )
    return None
