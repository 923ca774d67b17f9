"""Which directive pages an edit affects, by explicit rules: what a directive's page shows of
other documents, written down as data, so that a rebuild of only some pages (portal serve)
renders every page whose view changed and no other.

A directive's page shows its own facts and text, and of other documents only what reaches it
through the citation index (citations.py, views.document_view):

- its **face**: its own front matter as others show it (title, number, date, type, issuer, place,
  topics, translation status) and its references as written;
- the **entries it touches**: its own entry (who cites it, who implements it), the entry each of
  its references resolves to (a portal document's face, or a reference page's number and the
  descriptions every citing text gives), and each entry of its chain of implementation.

An entry's **digest** covers what any page shows of it: its slug, the face of its document or of
its candidates, the descriptions citing texts give, the faces of the documents that cite and
implement it, and what it implements. A page's **signature** is its face with the digests of the
entries it touches. A page whose signature differs from the last build's is rendered again,
together with every page whose source changed (the engine's own rule) and every generated page
whose Markdown did (listings, reference pages: engine/incremental.py). A document deleted or
renamed leaves the set of pages: its pages go (`gone`).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from .catalog import Catalog
from .citations import CitedDocument
from .model import Directive
from .views import implementation_chain


def face(d: Directive) -> str:
    """What other pages show of `d`, and what decides where its citations go."""
    shown = [
        d.slug,
        d.title,
        d.number,
        d.doc_type,
        d.date,
        d.year,
        d.issuer,
        d.place,
        d.province,
        d.level,
        d.signer,
        d.signer_title,
        list(d.topics),
        d.translation_status,
        d.translation.title if d.translation is not None else None,
        [vars(ref) for ref in d.references],
    ]
    return json.dumps(shown, ensure_ascii=False, sort_keys=True, default=str)


def _digest(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode() + b"\0")
    return digest.hexdigest()


def entry_digest(entry: CitedDocument, faces: Mapping[str, str]) -> str:
    """What any page shows of a cited document (see the module's docstring)."""
    return _digest(
        [
            entry.key,
            entry.slug,
            entry.number,
            repr(entry.scope),
            faces[entry.document.slug] if entry.document is not None else "-",
            json.dumps([vars(ref) for ref in entry.descriptions], default=str, sort_keys=True),
            *("cites " + faces[o.slug] for o in entry.cited_by),
            *("candidate " + faces[o.slug] for o in entry.candidates),
            *("implemented by " + faces[o.slug] for o in entry.implemented_by),
            *("implements " + key for key in entry.implements),
        ]
    )


def touched(catalog: Catalog, d: Directive) -> list[str]:
    """The keys of the entries `d`'s page shows something of."""
    keys = ["doc:" + d.slug]
    keys += [catalog.target(d, i).key for i in range(len(d.references))]
    keys += [entry.key for entry in implementation_chain(catalog, d)]
    return list(dict.fromkeys(keys))


def signatures(catalog: Catalog) -> dict[str, str]:
    """Each directive's page signature, by slug."""
    faces = {d.slug: face(d) for d in catalog.documents}
    entries: dict[str, str] = {}

    def digest_of(key: str) -> str:
        if key not in entries:
            entry = catalog.cited.get(key)
            entries[key] = "-" if entry is None else entry_digest(entry, faces)
        return entries[key]

    return {
        d.slug: _digest([faces[d.slug], *(digest_of(k) for k in touched(catalog, d))])
        for d in catalog.documents
    }


@dataclass
class Changes:
    """What a rebuild must do beyond the engine's own rule (a newer source is rendered)."""

    render: set[str]  # slugs of directives whose pages show something that changed
    gone: set[str]  # slugs of directives no longer in the catalog


def compare(before: Mapping[str, str], after: Mapping[str, str]) -> Changes:
    """The pages to render again and the pages to remove, from two builds' signatures."""
    render = {slug for slug, signature in after.items() if before.get(slug) != signature}
    return Changes(render=render, gone=set(before) - set(after))
