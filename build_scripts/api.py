"""Open data: `api/documents.json` and `api/references.json`, documented in README.md."""

from __future__ import annotations

import json
from pathlib import Path

from . import languages
from .catalog import DOCUMENTS_DIR, Catalog
from .pages import REFERENCES_DIR

SCHEMA_VERSION = 1


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
                "signer": d.signer,
                "topics": d.topics,
                "references": [r.to_dict() for r in d.references],
                "cited_by": [o.slug for o in catalog.cited_by(d)],
                "urls": {lang: "/" + languages.url_in(lang, uri) for lang in ("vi", "en")},
                "source": f"/nguon/{d.source}" if d.source else None,
                "translation": d.translation_status,
            }
        )
    return {"version": SCHEMA_VERSION, "count": len(items), "documents": items}


def references_json(catalog: Catalog) -> dict:
    """Every cited document, how the citing texts describe it, and who cites it."""
    items = []
    for entry in catalog.cited.values():
        uri = f"{REFERENCES_DIR}/{entry.slug}.md"
        date = entry.best("date")
        items.append(
            {
                "number": entry.number,
                "doc_type": entry.best("doc_type"),
                "date": date.isoformat() if date else None,
                "issuer": entry.best("issuer"),
                "title": entry.best("title"),
                "in_portal": entry.document.slug if entry.document else None,
                "cited_by": [d.slug for d in entry.cited_by],
                "urls": {lang: "/" + languages.url_in(lang, uri) for lang in ("vi", "en")},
            }
        )
    return {"version": SCHEMA_VERSION, "count": len(items), "references": items}


def write(catalog: Catalog, site_dir: Path) -> None:
    out = site_dir / "api"
    out.mkdir(parents=True, exist_ok=True)
    for name, data in (
        ("documents.json", documents_json(catalog)),
        ("references.json", references_json(catalog)),
    ):
        text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False)
        (out / name).write_text(text + "\n", encoding="utf-8")
