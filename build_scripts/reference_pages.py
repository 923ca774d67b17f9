"""Reference pages: one per cited document (its identity: number and the issuer's scope), with
what the citing texts say of it, the candidates of an ambiguous citation, and at a local
number's own address the list of every cited document with that number.

Text from documents goes through `mdtext.escape`, as in `pages`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from . import glossary
from .catalog import Catalog, CitedDocument, reference_slug
from .identity import full_issuer, missing_province
from .mdtext import escape, link
from .pages import (
    GeneratedPage,
    _page,
    count,
    document_uri,
    listing,
    reference_uri,
    rel,
    title_of,
    ui,
)
from .urls import REFERENCES_DIR


def reference_title(entry: CitedDocument, lang: str) -> str:
    kind = entry.best("doc_type")
    if kind and lang == "en":
        kind = glossary.doc_type_en(kind)
    prefix = {"vi": "số", "en": "No."}[lang]
    return f"{kind} {prefix} {entry.number}" if kind else entry.number


def reference_pages(catalog: Catalog, lang: str) -> Iterator[GeneratedPage]:
    index_uri = f"{REFERENCES_DIR}/index.md"
    rows = []
    by_number: dict[str, list[CitedDocument]] = defaultdict(list)
    for entry in catalog.cited.values():
        uri = reference_uri(entry)
        by_number[reference_slug(entry.number)].append(entry)
        rows.append(
            f"- {link(reference_title(entry, lang), rel(uri, index_uri))} "
            f"{escape(_entry_issuer(entry, lang))}({count(len(entry.cited_by), lang)})"
        )
        body = reference_body(entry, lang, catalog)
        yield GeneratedPage(uri, _page(reference_title(entry, lang), body))
    taken = {entry.slug for entry in catalog.cited.values()}
    for slug, entries in sorted(by_number.items()):
        if slug not in taken:  # the number's own address (the one-page-per-number of before)
            yield GeneratedPage(*number_page(slug, entries, lang))
    body = ui("references_intro", lang) + "\n\n" + "\n".join(rows) + "\n"
    yield GeneratedPage(index_uri, _page(ui("references", lang), body))


def _entry_issuer(entry: CitedDocument, lang: str) -> str:
    issuer = entry.best("issuer")
    if not issuer:
        return ""
    if lang == "en":
        issuer = glossary.issuer_en(issuer)[0]
    return f"· {full_issuer(issuer, entry.scope)} "


def number_page(slug: str, entries: list[CitedDocument], lang: str) -> tuple[str, str]:
    """Every cited document sharing a number, at the number's own address: the page a
    citation had before identities, and where a reader lands from an old link."""
    uri = f"{REFERENCES_DIR}/{slug}.md"
    rows = [
        f"- {link(reference_title(e, lang), rel(reference_uri(e), uri))} "
        f"{escape(_entry_issuer(e, lang))}"
        for e in entries
    ]
    title = ui("same_number", lang, n=entries[0].number)
    return uri, _page(title, _not_searched("\n".join(rows) + "\n"))


def _not_searched(markdown: str) -> str:
    """Lists of other documents: their words would make this page match those documents'
    searches (as the citation lists of a document page, see search.EXCLUDED_CLASSES)."""
    return f"<div data-search-ignore markdown>\n\n{markdown}\n</div>\n"


def reference_body(entry: CitedDocument, lang: str, catalog: Catalog | None = None) -> str:
    uri = reference_uri(entry)
    out = []
    parents = [catalog.cited[k] for k in entry.implements if k in catalog.cited] if catalog else []
    if parents:  # as the citing texts say: "Thông tri 01-TT/TU về thực hiện Chỉ thị 12-CT/TW"
        links = ", ".join(
            link(reference_title(p, lang), rel(reference_uri(p), uri)) for p in parents
        )
        out.append(f"**{ui('implements', lang)}:** {links}")
    if entry.document is not None:
        d = entry.document
        out.append(
            f"**{ui('full_text', lang)}:** {link(title_of(d, lang), rel(document_uri(d), uri))}"
        )
    else:
        out.append(ui("not_here", lang))
    if entry.candidates:
        candidates = _not_searched(listing(entry.candidates, lang, uri))
        out.append(ui("candidates", lang) + "\n\n" + candidates)
    described = []
    for key, label_key in (
        ("doc_type", "doc_type"),
        ("date", "date"),
        ("issuer", "issuer"),
        ("title", "title"),
    ):
        value = entry.best(key)
        if not value:
            continue
        if key == "date":
            value = glossary.format_date(value, lang)
        elif key == "doc_type" and lang == "en":
            value = glossary.doc_type_en(value)
        elif key == "issuer":
            value = glossary.issuer_en(value)[0] if lang == "en" else value
        elif key == "title" and lang == "en":
            continue  # a Vietnamese title would read as English here
        described.append(f"- {glossary.label(label_key, lang)}: {escape(str(value))}")
    if described:
        out.append(f"## {ui('described_as', lang)}\n\n" + "\n".join(described))
    province = missing_province(entry.best("issuer") or "", entry.scope)
    if province:  # read from the citing text's own province: not what the texts write
        out.append(_not_searched(f"{ui('province', lang)}: {escape(province)}"))
    out.append(
        f"## {ui('cited_by', lang)} ({len(entry.cited_by)})\n\n"
        + _not_searched(listing(entry.cited_by, lang, uri))
    )
    return "\n\n".join(out) + "\n"
