"""Citations resolved to the document they mean, by issuer, number and year, never by number
alone: the index of cited documents behind reference pages, "cited by" lists, body links, the
chain of implementation and `api/*.json`.

Each citation of each document resolves to one `CitedDocument`: the portal document it names when
exactly one fits (same number, the year of the citation's date, the issuer's scope and body),
else an entry of its own identity (number + the issuer's scope), which lists the candidates
when several portal documents fit. An ambiguous citation is never credited to one of them.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from .identity import CENTRAL, Scope, cited_scope, fold, number_key, same_body
from .model import Directive, Reference
from .slugs import slugify


@dataclass
class CitedDocument:
    """A document cited by one or more documents of the portal, whether or not its text is here."""

    number: str
    slug: str
    key: str  # its identity: "doc:<slug>" for a portal document, else "<number>@<scope>"
    scope: Scope = field(default_factory=Scope)
    descriptions: list[Reference] = field(default_factory=list)  # as each citing text puts it
    cited_by: list[Directive] = field(default_factory=list)
    document: Directive | None = None  # the portal's own copy, when it has one
    candidates: list[Directive] = field(default_factory=list)  # when the citation is ambiguous
    implements: list[str] = field(default_factory=list)  # keys, as the citing texts say
    implemented_by: list[Directive] = field(default_factory=list)

    #: best()'s answers, with the number of descriptions they were computed from.
    _best: dict = field(default_factory=dict, compare=False, repr=False)

    def best(self, key: str):
        """The most common non-empty value of `key` among the citing descriptions."""
        if self.document is not None and getattr(self.document, key, None):
            return getattr(self.document, key)
        known = self._best.get(key)
        if known is not None and known[0] == len(self.descriptions):
            return known[1]  # pages ask again and again: a much-cited entry has thousands
        counts: dict = defaultdict(int)
        for ref in self.descriptions:
            value = getattr(ref, key)
            if value:
                counts[value] += 1
        found = max(sorted(counts, key=str), key=lambda v: counts[v]) if counts else None
        self._best[key] = (len(self.descriptions), found)
        return found


def reference_slug(number: str) -> str:
    """URL slug of a cited number: '12-CT/TW' -> '12-ct-tw'."""
    return slugify(number, max_words=12) or "van-ban"


def _same_place(a: str | None, b: str | None) -> bool:
    return fold(a or "").lower() == fold(b or "").lower()


def fits(scope: Scope, doc: Scope) -> bool:
    """Whether a document issued in `doc` can be the one a citation of `scope` names. A part of
    either that is unknown does not exclude it."""
    if scope.level == CENTRAL or doc.level == CENTRAL:
        # a citation that names no issuer may mean the centre's (its numbers are unique)
        return scope.level == doc.level or scope.level is None
    if scope.province and doc.province and not _same_place(scope.province, doc.province):
        return False
    if scope.level and doc.level and scope.level != doc.level:
        return False
    return not (scope.locality and doc.locality and not _same_place(scope.locality, doc.locality))


@dataclass
class CitationIndex:
    """Every citation of the portal resolved; built once a catalog is read."""

    entries: dict[str, CitedDocument]  # by identity key, in slug order
    targets: dict[tuple[str, int], CitedDocument]  # (citing slug, index of its reference)

    def target(self, d: Directive, index: int) -> CitedDocument:
        return self.targets[(d.slug, index)]

    def entry_of(self, d: Directive) -> CitedDocument | None:
        return self.entries.get("doc:" + d.slug)


def build_index(documents: list[Directive], scopes: dict[str, Scope]) -> CitationIndex:
    by_number: dict[str, list[Directive]] = defaultdict(list)
    for d in documents:
        if d.number:
            by_number[number_key(d.number)].append(d)
    entries: dict[str, CitedDocument] = {}
    targets: dict[tuple[str, int], CitedDocument] = {}
    pending: list[tuple[Directive, Reference, CitedDocument]] = []
    for d in documents:
        own = scopes[d.slug]
        for i, ref in enumerate(d.references):
            entry = _resolve(ref, d, own, by_number, scopes, entries)
            targets[(d.slug, i)] = entry
            entry.descriptions.append(ref)
            if not entry.cited_by or entry.cited_by[-1] is not d:
                entry.cited_by.append(d)
            # by identity: a directive's == compares every field, and a much-implemented
            # entry's list is thousands long
            if ref.relation == "implements" and not any(o is d for o in entry.implemented_by[-1:]):
                entry.implemented_by.append(d)
            if ref.implements:
                pending.append((d, ref, entry))
    for d, ref, entry in pending:
        own = scopes[d.slug]
        mentioned = [
            targets[(d.slug, j)]
            for j, other in enumerate(d.references)
            if number_key(other.number) == number_key(ref.implements)
        ]
        parent = mentioned[0] if mentioned else None
        if parent is None:
            parent = _resolve(Reference(ref.implements), None, own, by_number, scopes, entries)
        if parent is not entry and parent.key not in entry.implements:
            entry.implements.append(parent.key)
    _assign_slugs(entries)
    ordered = dict(sorted(entries.items(), key=lambda kv: (kv[1].slug, kv[0])))
    return CitationIndex(ordered, targets)


def _resolve(
    ref: Reference,
    citing: Directive | None,
    own: Scope,
    by_number: dict[str, list[Directive]],
    scopes: dict[str, Scope],
    entries: dict[str, CitedDocument],
) -> CitedDocument:
    scope = cited_scope(ref.issuer, ref.number, own)
    found = [d for d in by_number.get(number_key(ref.number), []) if d is not citing]
    if ref.date:
        found = [d for d in found if d.issued_year in (None, ref.date.year)]
    found = [d for d in found if fits(scope, scopes[d.slug])]
    if ref.issuer:
        found = [d for d in found if same_body(ref.issuer, d.issuer)]
    if len(found) == 1:
        doc = found[0]
        key = "doc:" + doc.slug
        if key not in entries:
            entries[key] = CitedDocument(doc.number or ref.number, "", key, scopes[doc.slug])
            entries[key].document = doc
        return entries[key]
    key = f"{number_key(ref.number)}@{scope.key or '?'}"
    if key not in entries:
        entries[key] = CitedDocument(ref.number, "", key, scope)
    entry = entries[key]
    for d in found:
        if not any(o is d for o in entry.candidates):
            entry.candidates.append(d)
    entry.candidates.sort(key=lambda d: d.slug)
    return entry


def _base_slug(entry: CitedDocument) -> str:
    base = reference_slug(entry.number)
    if entry.scope.level == CENTRAL:
        return base
    place = entry.scope.locality or entry.scope.province
    return f"{base}-{slugify(place, 12)}" if place else base


def _assign_slugs(entries: dict[str, CitedDocument]) -> None:
    """One page each, readable and stable: the number, the issuer's place where it is local,
    the year where two documents of the same body share a number."""
    groups: dict[str, list[CitedDocument]] = defaultdict(list)
    for key in sorted(entries):
        groups[_base_slug(entries[key])].append(entries[key])
    taken: set[str] = set()
    for base, group in sorted(groups.items()):
        for entry in group:
            slug = base
            if len(group) > 1 and entry.document is not None:
                year = entry.document.issued_year
                slug = f"{base}-{year}" if year else f"{base}-{entry.document.slug}"
            n = 2
            while slug in taken:
                slug, n = f"{base}-{n}", n + 1
            entry.slug = slug
            taken.add(slug)
