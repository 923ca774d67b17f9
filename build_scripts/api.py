"""Open data: `api/documents.json` and `api/references.json`, documented in README.md."""

from __future__ import annotations

import json
from pathlib import Path

from . import languages
from .catalog import Catalog, CitedDocument
from .identity import CENTRAL
from .urls import DOCUMENTS_DIR, REFERENCES_DIR


def _page_urls(uri: str) -> dict[str, str]:
    return {lang: "/" + languages.url_in(lang, uri) for lang in ("vi", "en")}


def _target_url(entry: CitedDocument) -> dict[str, str]:
    """Where a citation links: the document's page when it is here, else its reference page."""
    if entry.document is not None:
        return _page_urls(f"{DOCUMENTS_DIR}/{entry.document.slug}.md")
    return _page_urls(f"{REFERENCES_DIR}/{entry.slug}.md")


def _reference(catalog: Catalog, d, i: int, ref) -> dict:
    entry = catalog.target(d, i)
    out = ref.to_dict()
    out["identity"] = entry.key
    out["resolved"] = entry.document.slug if entry.document else None
    out["candidates"] = [c.slug for c in entry.candidates]
    out["urls"] = _target_url(entry)
    return out


SCHEMA_VERSION = 2


def documents_json(catalog: Catalog) -> dict:
    """Every document with its metadata, citations, page paths and translation status."""
    items = []
    for d in catalog.documents:
        uri = f"{DOCUMENTS_DIR}/{d.slug}.md"
        items.append(
            {
                "slug": d.slug,
                "number": d.number,
                "doc_type": d.doc_type,
                "title": d.title,
                "title_en": d.translation.title if d.translation else None,
                "date": d.date.isoformat() if d.date else None,
                "year": d.issued_year,
                "place": d.place,
                "issuer": d.issuer,
                "province": catalog.scope(d).province,
                "level": catalog.scope(d).level,
                "locality": catalog.scope(d).locality,
                "signer": d.signer,
                "topics": d.topics,
                "references": [_reference(catalog, d, i, r) for i, r in enumerate(d.references)],
                "cited_by": [o.slug for o in catalog.cited_by(d)],
                "urls": _page_urls(uri),
                "source": f"/nguon/{d.source}" if d.source else None,
                "translation": d.translation_status,
            }
        )
    return {"version": SCHEMA_VERSION, "count": len(items), "documents": items}


def references_json(catalog: Catalog) -> dict:
    """Every cited document, how the citing texts describe it, and who cites it."""
    items: dict[str, dict] = {}
    for entry in catalog.cited.values():
        uri = f"{REFERENCES_DIR}/{entry.slug}.md"
        date = entry.best("date")
        scope = entry.scope
        items[entry.key] = {
            "number": entry.number,
            "province": scope.province if scope.level != CENTRAL else CENTRAL,
            "level": scope.level,
            "locality": scope.locality,
            "doc_type": entry.best("doc_type"),
            "date": date.isoformat() if date else None,
            "issuer": entry.best("issuer"),
            "title": entry.best("title"),
            "in_portal": entry.document.slug if entry.document else None,
            "candidates": [d.slug for d in entry.candidates],
            "implements": list(entry.implements),
            "cited_by": [d.slug for d in entry.cited_by],
            "urls": _page_urls(uri),
        }
    return {"version": SCHEMA_VERSION, "count": len(items), "references": items}


TASKS_VERSION = 1


def tasks_json(catalog: Catalog) -> dict:
    """Every task of every document: who (lead, support, as written and as one body), what,
    the deadline as written and resolved, the sentence's anchor on the document page."""
    from .task_views import anchor_id, body_name, body_slug

    items = []
    for d in catalog.documents:
        urls = _page_urls(f"{DOCUMENTS_DIR}/{d.slug}.md")
        for i, task in enumerate(d.tasks, 1):
            out = {"document": d.slug, "index": i, **task.to_dict()}
            out["bodies"] = [
                {"name": body_name(n, catalog, d), "slug": body_slug(body_name(n, catalog, d)),
                 "role": role}
                for role, names in (("lead", task.lead), ("support", task.support))
                for n in names
            ]  # fmt: skip
            out["url"] = urls["vi"] + "#" + anchor_id(i)
            items.append(out)
    return {"version": TASKS_VERSION, "count": len(items), "tasks": items}


#: The encoder's pieces written at a time: the files are tens of megabytes at 20,000
#: directives, and json.dumps would hold the whole text and its millions of pieces at once.
WRITE_PIECES = 1 << 16


def write(catalog: Catalog, site_dir: Path) -> None:
    out = site_dir / "api"
    out.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("documents.json", documents_json),
        ("references.json", references_json),
        ("tasks.json", tasks_json),
    ):
        _write_json(out / name, data(catalog))  # one file's data in memory at a time


def _write_json(path: Path, data: dict) -> None:
    """The bytes of json.dumps(data, ensure_ascii=False, indent=1) and a newline, written as
    they are encoded."""
    encoder = json.JSONEncoder(ensure_ascii=False, indent=1, sort_keys=False)
    with open(path, "w", encoding="utf-8", newline="\n") as handle:
        pieces: list[str] = []
        for piece in encoder.iterencode(data):
            pieces.append(piece)
            if len(pieces) >= WRITE_PIECES:
                handle.write("".join(pieces))
                pieces.clear()
        pieces.append("\n")
        handle.write("".join(pieces))
