"""Generated pages: topic listings, the archive, reference pages, and English pages of directives
that have no translation yet. Each function returns Markdown; the plugin adds it as a virtual file.

All text from documents goes through `mdtext.escape`, so nothing in a directive becomes markup.
"""

from __future__ import annotations

import posixpath
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass

from . import glossary, urls, wording
from .catalog import Catalog, CitedDocument
from .identity import CENTRAL, full_issuer
from .mdtext import escape, link
from .model import TOPICS, Directive
from .slugs import slugify
from .urls import ARCHIVE_DIR, topic_uri

PAGE_SIZE = 20

UI = wording.PAGE


def ui(key: str, lang: str, **values) -> str:
    return wording.say(UI, key, lang, **values)


@dataclass(frozen=True)
class GeneratedPage:
    """A page the build adds: where it goes (docs-relative .md path) and its Markdown."""

    src_uri: str
    markdown: str


def document_uri(d: Directive) -> str:
    return urls.document_uri(d.slug)


def reference_uri(entry: CitedDocument) -> str:
    return urls.reference_uri(entry.slug)


def rel(target: str, from_uri: str) -> str:
    """Relative link from one docs .md file to another, for MkDocs to validate and rewrite.

    What posixpath.relpath gives for these clean relative paths, without its two abspath calls
    (tens of thousands of links a build)."""
    start = posixpath.dirname(from_uri)
    if not start:
        return target
    start_parts, target_parts = start.split("/"), target.split("/")
    common = 0
    for a, b in zip(start_parts, target_parts, strict=False):
        if a != b:
            break
        common += 1
    parts = [".."] * (len(start_parts) - common) + target_parts[common:]
    return "/".join(parts) or "."


def count(n: int, lang: str) -> str:
    return ui("count_one", lang) if n == 1 else ui("count", lang, n=n)


# --- one line of a listing ---------------------------------------------------------------


def display_title(title: str) -> str:
    """A trích yếu as a heading: a Công văn's subject follows "V/v" in lower case, which reads
    as a broken sentence at the head of a page or a list item."""
    return title[:1].upper() + title[1:]


def title_of(d: Directive, lang: str) -> str:
    """The title to show in `lang`: the translation's, or a description in English terms."""
    if lang == "vi":
        return display_title(d.title)
    if d.translation is not None:
        return d.translation.title
    number = f" No. {d.number}" if d.number else ""
    return f"{glossary.doc_type_en(d.doc_type)}{number} (in Vietnamese)"


def facts(d: Directive, lang: str) -> str:
    """Type, number, date and issuer, as one line of plain text."""
    if lang == "vi":
        kind, issuer = d.doc_type, d.issuer
    else:
        kind, issuer = glossary.doc_type_en(d.doc_type), glossary.issuer_en(d.issuer)[0]
    parts = [kind + (f" {d.number}" if d.number else "")]
    parts.append(glossary.format_date(d.date, lang, year=d.year))
    parts.append(issuer)
    return " · ".join(parts)


def listing(documents: list[Directive], lang: str, from_uri: str) -> str:
    """Markdown list of documents: linked title, then type, number, date and issuer."""
    if not documents:
        return ui("none", lang) + "\n"
    lines = []
    for d in documents:
        title = link(title_of(d, lang), rel(document_uri(d), from_uri))
        lines.append(f"- {title}  \n  <small>{escape(facts(d, lang))}</small>")
    return "\n".join(lines) + "\n"


def pager(topic: str, page: int, blocks: int, lang: str, from_uri: str) -> str:
    """Newer and older links of a topic's page (see topic_listing for how pages are numbered):
    the first page leads to the newest fixed page, each fixed page to its neighbours."""
    if blocks == 0:
        return ""
    newer = None if page == 1 else (1 if page == blocks + 1 else page + 1)
    older = blocks + 1 if page == 1 else (page - 1 if page > 2 else None)
    links = []
    if newer is not None:
        links.append(link(ui("newer", lang), rel(topic_uri(topic, newer), from_uri)))
    if older is not None:
        links.append(link(ui("older", lang), rel(topic_uri(topic, older), from_uri)))
    return "\n\n" + " · ".join(links) + "\n{ .portal-pager }\n"


# --- home page ---------------------------------------------------------------------------

LATEST = 10
#: Where an editors' page wants a generated listing; without it the listing goes at the end.
LISTING_MARKER = "<!-- danh-sach -->"


def insert_at_marker(markdown: str, listing_md: str) -> str:
    if LISTING_MARKER in markdown:
        return markdown.replace(LISTING_MARKER, listing_md, 1)
    return markdown + listing_md


def home_listing(catalog: Catalog, lang: str) -> str:
    """The newest documents, appended to the editors' home page."""
    uri = "index.md"
    archive = link(ui("all", lang), rel(f"{ARCHIVE_DIR}/index.md", uri))
    latest = listing(catalog.documents[:LATEST], lang, uri)
    return f"\n\n## {ui('latest', lang)}\n\n{latest}\n{archive}\n"


# --- topic pages -------------------------------------------------------------------------


def fixed_pages(count: int) -> int:
    """How many fixed pages of older documents a topic of `count` documents has."""
    return max(0, count // PAGE_SIZE - 1)


def topic_listing(catalog: Catalog, topic: str, lang: str, page: int = 1) -> str:
    """One page of a topic, newest first, with its pager.

    The first page holds the newest documents, PAGE_SIZE to 2 × PAGE_SIZE − 1 of them. The older
    ones are on fixed pages of PAGE_SIZE, counted from the oldest: page 2 holds the oldest
    PAGE_SIZE, page 3 the next, and so on up to the newest fixed page, which the first page's
    "older" link opens. A fixed page never changes when a newer document arrives: a link to it
    keeps showing the same documents, and a push renders again only the topic's first page
    (pages numbered from the newest all change when one document is added)."""
    documents = catalog.with_topic(topic)
    count, blocks = len(documents), fixed_pages(len(documents))
    uri = topic_uri(topic, page)
    if page == 1:
        chunk = documents[: count - blocks * PAGE_SIZE]
        heading = f"\n\n## {ui('documents', lang)} ({count})\n\n"
    else:
        block = page - 1  # counted from the oldest
        chunk = documents[count - block * PAGE_SIZE : count - (block - 1) * PAGE_SIZE]
        first, last = (block - 1) * PAGE_SIZE + 1, block * PAGE_SIZE
        heading = f"\n\n## {ui('documents_from_oldest', lang, first=first, last=last)}\n\n"
    return heading + listing(chunk, lang, uri) + pager(topic, page, blocks, lang, uri)


def topic_pages(catalog: Catalog, lang: str) -> Iterator[GeneratedPage]:
    """The fixed pages of every topic (page 1 is the editors' introduction with the listing
    added)."""
    for topic, names in TOPICS.items():
        for page in range(2, fixed_pages(len(catalog.with_topic(topic))) + 2):
            title = f"{names[lang]} ({ui('page', lang).lower()} {page})"
            body = topic_listing(catalog, topic, lang, page)
            yield GeneratedPage(topic_uri(topic, page), _page(title, body))


# --- archive -------------------------------------------------------------------------------


def archive_uri(kind: str, key: str) -> str:
    return f"{ARCHIVE_DIR}/{kind}/{key}.md"


def _by_year(catalog: Catalog) -> dict[str, list[Directive]]:
    groups: dict[str, list[Directive]] = defaultdict(list)
    for d in catalog.documents:
        groups[str(d.issued_year) if d.issued_year else "khong-ro-nam"].append(d)
    # Newest year first; documents without a year after every year, not before them.
    return dict(sorted(groups.items(), key=lambda item: (item[0].isdigit(), item[0]), reverse=True))


def _by_issuer(catalog: Catalog) -> dict[str, tuple[str, list[Directive]]]:
    """Documents by issuing body; a body named without its province ("Ban Tuyên giáo Tỉnh ủy")
    is one body per province, so the province completes its name and key."""
    groups: dict[str, tuple[str, list[Directive]]] = {}
    for d in catalog.documents:
        name = full_issuer(d.issuer, catalog.scope(d))
        key = slugify(name, max_words=16)
        groups.setdefault(key, (name, []))[1].append(d)
    return dict(sorted(groups.items()))


def _province_key(catalog: Catalog, d: Directive) -> str:
    scope = catalog.scope(d)
    if scope.level == CENTRAL:
        return CENTRAL
    return slugify(scope.province, max_words=8) if scope.province else "chua-ro"


def _by_province(catalog: Catalog) -> dict[str, tuple[str, dict[str, list[Directive]]]]:
    """Province (or the centre), then issuing body: key -> (name, {body key: documents})."""
    issuers = {id(d): key for key, (_n, docs) in _by_issuer(catalog).items() for d in docs}
    out: dict[str, tuple[str, dict[str, list[Directive]]]] = {}
    for d in catalog.documents:
        key = _province_key(catalog, d)
        name = catalog.scope(d).province if key not in (CENTRAL, "chua-ro") else key
        bodies = out.setdefault(key, (name or key, {}))[1]
        bodies.setdefault(issuers[id(d)], []).append(d)
    return dict(sorted(out.items()))


def _province_name(key: str, name: str, lang: str) -> str:
    if key == CENTRAL:
        return ui("central", lang)
    return ui("unknown_province", lang) if key == "chua-ro" else name


def archive_index(catalog: Catalog, lang: str) -> str:
    """What the archive intro page gets appended: links to every year, every province and every
    issuing body."""
    uri = f"{ARCHIVE_DIR}/index.md"
    out = [f"\n\n## {ui('by_year', lang)}\n", ui("year_legend", lang) + "\n"]
    for key, docs in _by_year(catalog).items():
        label = ui("undated", lang) if key == "khong-ro-nam" else key
        out.append(f"- {link(label, rel(archive_uri('nam', key), uri))} ({count(len(docs), lang)})")
    out.append(f"\n## {ui('by_province', lang)}\n")
    for key, (name, bodies) in _by_province(catalog).items():
        n = sum(len(docs) for docs in bodies.values())
        label = _province_name(key, name, lang)
        out.append(f"- {link(label, rel(archive_uri('tinh', key), uri))} ({count(n, lang)})")
    out.append(f"\n## {ui('by_issuer', lang)}\n\n{ui('issuer_legend', lang)}\n")
    for key, (issuer, docs) in _by_issuer(catalog).items():
        name = issuer if lang == "vi" else glossary.issuer_en(issuer)[0]
        out.append(
            f"- {link(name, rel(archive_uri('co-quan', key), uri))} ({count(len(docs), lang)})"
        )
    return "\n".join(out) + "\n"


def archive_pages(catalog: Catalog, lang: str) -> Iterator[GeneratedPage]:
    for key, docs in _by_year(catalog).items():
        uri = archive_uri("nam", key)
        title = ui("undated", lang) if key == "khong-ro-nam" else f"{ui('documents', lang)} {key}"
        legend = ui("list_legend", lang) + "\n\n"
        yield GeneratedPage(uri, _page(title, legend + listing(docs, lang, uri)))
    issuers = _by_issuer(catalog)
    for key, (issuer, docs) in issuers.items():
        uri = archive_uri("co-quan", key)
        title = issuer if lang == "vi" else glossary.issuer_en(issuer)[0]
        legend = ui("list_legend", lang) + "\n\n"
        yield GeneratedPage(uri, _page(title, legend + listing(docs, lang, uri)))
    for key, (name, bodies) in _by_province(catalog).items():
        uri = archive_uri("tinh", key)
        rows = []
        for body_key, docs in sorted(bodies.items()):
            issuer = issuers[body_key][0]
            label = issuer if lang == "vi" else glossary.issuer_en(issuer)[0]
            target = rel(archive_uri("co-quan", body_key), uri)
            rows.append(f"- {link(label, target)} ({count(len(docs), lang)})")
        body = "\n".join(rows) + "\n"
        yield GeneratedPage(uri, _page(_province_name(key, name, lang), body))


# --- references ----------------------------------------------------------------------------


# --- English pages of untranslated directives ---------------------------------------------


def untranslated_page(d: Directive) -> str:
    """The English page of a directive without translation: English facts, the Vietnamese text
    marked `lang="vi"`, and a notice saying so; never Vietnamese passed off as English."""
    notice = (
        f'!!! note "{ui("untranslated_title", "en")}"\n    {escape(ui("untranslated", "en"))}\n'
    )
    body = (
        f"{notice}\n"
        f'<div lang="vi" class="portal-vi-text" markdown>\n\n'
        f"**{escape(d.title)}**\n\n{d.body.strip()}\n\n</div>\n"
    )
    return _page(title_of(d, "en"), body)


def _page(title: str, body: str) -> str:
    import yaml

    head = yaml.safe_dump({"title": title}, allow_unicode=True, width=1000)
    return f"---\n{head}---\n\n{body}"


def generated_pages(catalog: Catalog, lang: str) -> Iterator[GeneratedPage]:
    """Every page the build adds for `lang`, in a stable order."""
    yield from topic_pages(catalog, lang)
    from .reference_pages import reference_pages  # which builds on this module's listings

    yield from archive_pages(catalog, lang)
    yield from reference_pages(catalog, lang)
    from .body_pages import body_pages  # a page per body the directives assign tasks to

    yield from body_pages(catalog, lang)
