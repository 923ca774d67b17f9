"""The catalog: every directive of `content/docs/van-ban/`, read and validated before anything is
written, with the translations and citations that link them."""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from . import contentfiles, frontmatter, markup
from .caches import Memo, code_version
from .citations import CitationIndex, CitedDocument, build_index, reference_slug
from .identity import CENTRAL, Scope, issuer_scope, number_key
from .model import EN_FIELDS, Directive, Reference, Translation
from .problems import Problem, display_path
from .urls import DOCUMENTS_DIR

__all__ = ["Catalog", "CitedDocument", "Reference", "load_catalog", "reference_slug"]

#: Where directives live inside the docs folder.
EN_SUFFIX = ".en.md"


@dataclass
class Catalog:
    """All directives, newest first, with the index of cited documents."""

    documents: list[Directive]
    problems: list[Problem]
    scopes: dict[str, Scope] = field(default_factory=dict)  # by slug: the issuer's scope
    index: CitationIndex = field(default_factory=lambda: CitationIndex({}, {}))
    #: Editors' leftovers in the docs folder (relative paths), which the site leaves out.
    stray: set[str] = field(default_factory=set)

    @property
    def cited(self) -> dict[str, CitedDocument]:
        """Every cited document by its identity key, in the order of their pages' slugs."""
        return self.index.entries

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def by_slug(self, slug: str) -> Directive | None:
        return self._slugs.get(slug)

    def scope(self, d: Directive) -> Scope:
        return self.scopes.get(d.slug) or Scope()

    def with_topic(self, topic: str) -> list[Directive]:
        return [d for d in self.documents if topic in d.topics]

    def target(self, d: Directive, index: int) -> CitedDocument:
        """What the `index`-th citation of `d` resolves to."""
        return self.index.target(d, index)

    def cited_by(self, directive: Directive) -> list[Directive]:
        """Documents of the portal whose citations resolve to `directive`."""
        entry = self.index.entry_of(directive)
        return entry.cited_by if entry else []

    def entry_of(self, directive: Directive) -> CitedDocument | None:
        return self.index.entry_of(directive)

    def cited_document(self, slug: str) -> CitedDocument | None:
        """The cited document whose reference page has this slug."""
        if len(self._cited_slugs) != len(self.cited):  # the index is set after construction
            self._cited_slugs = {entry.slug: entry for entry in self.cited.values()}
        return self._cited_slugs.get(slug)

    def remembered(self, kind: str, key, compute):
        """`compute()`, once for this catalog per (kind, key): what pages derive from the
        catalog alone (a cited entry's facts, what it implements), asked for by many pages."""
        memo = self._memo.setdefault(kind, {})
        if key not in memo:
            memo[key] = compute()
        return memo[key]

    def __post_init__(self) -> None:
        self._slugs = {d.slug: d for d in self.documents}
        self._cited_slugs: dict[str, CitedDocument] = {}
        self._memo: dict[str, dict] = {}


def document_scope(d: Directive) -> Scope:
    """The issuer's scope: the front matter's `province`/`level` where given, else what the
    issuer, the place line and the text say."""
    found = issuer_scope(d.issuer, d.place, d.body, tuple(d.distribution))
    if d.province == CENTRAL or d.level == CENTRAL:
        return Scope(CENTRAL, CENTRAL)
    return Scope(d.level or found.level, d.province or found.province, found.locality)


def _remembered_scope(d: Directive, cache: Memo | None) -> Scope:
    """document_scope, kept in `cache` by what it reads: finding the province a text names
    reads the whole text, the largest cost of reading a catalog of unchanged documents."""
    if cache is None:
        return document_scope(d)
    key = json.dumps(
        ["scope", _scope_code(), d.issuer, d.place, d.body, d.distribution, d.province, d.level],
        ensure_ascii=False,
        default=str,
    )
    found = cache.get(key)
    if isinstance(found, Scope):
        return found
    scope = document_scope(d)
    cache.put(key, scope)
    return scope


def _remembered_markup(shown: str, doc: frontmatter.Document, cache: Memo | None) -> list:
    """markup.problems, kept in `cache` by the file's name and text: reading every line of
    every text for markup is the next cost of a catalog of unchanged documents."""
    if cache is None:
        return markup.problems(shown, doc)
    key = json.dumps(["markup", _markup_code(), shown, doc.body_line, doc.body], ensure_ascii=False)
    found = cache.get(key)
    if isinstance(found, list):
        return found
    found = markup.problems(shown, doc)
    cache.put(key, found)
    return found


@functools.cache
def _markup_code() -> str:
    return code_version("build_scripts.markup", "build_scripts.problems")


@functools.cache
def _scope_code() -> str:
    return code_version(__name__, "build_scripts.identity", "build_scripts.slugs")


def identity(d: Directive, scope: Scope) -> tuple:
    """Issuer, number and year; a document without a number also by its date, type and title."""
    issuer = " ".join(d.issuer.lower().split())
    if d.number:
        return (number_key(d.number), d.issued_year, issuer, scope.key)
    return (None, d.date or d.issued_year, d.doc_type, issuer, scope.key, d.title)


def load_catalog(
    docs_dir: Path,
    classify=None,
    root: Path | None = None,
    cache: Memo | None = None,
) -> Catalog:
    """Read every directive and translation under `docs_dir`; collect every problem at once.

    `classify(title, body) -> list[str]` assigns topics to documents whose front matter has none.
    `cache` keeps parsed front matter for the next build.
    """
    folder = docs_dir / DOCUMENTS_DIR
    sources = docs_dir.parent / "sources"  # content/docs beside content/sources
    scanned = contentfiles.scan(docs_dir, sources if sources.is_dir() else None, root)
    problems: list[Problem] = list(scanned.problems)
    documents: list[Directive] = []
    # A symlink is reported by the scan and never read: it may point anywhere on the host.
    paths = sorted(p for p in folder.glob("*.md") if not p.is_symlink()) if folder.is_dir() else []
    # Every file is in one folder: resolve it once, not once a file (thousands of them).
    shown_folder = display_path(folder, root)

    def shown(path: Path) -> str:
        return f"{shown_folder}/{path.name}" if shown_folder else path.name

    for path in paths:
        if path.name.endswith(EN_SUFFIX):
            continue
        directive = _read_directive(path, shown(path), problems, cache)
        if directive is None:
            continue
        if directive.topics_from_rules and classify is not None:
            directive.topics = classify(directive.title, directive.body)
        documents.append(directive)
    by_slug = {d.slug: d for d in documents}
    for path in paths:
        if path.name.endswith(EN_SUFFIX):
            _attach_translation(path, by_slug, shown(path), problems, cache)
    scopes = {d.slug: _remembered_scope(d, cache) for d in documents}
    _check_unique_numbers(documents, scopes, problems)
    documents.sort(key=Directive.sort_key)
    catalog = Catalog(documents, problems, scopes, stray=scanned.stray)
    catalog.index = build_index(documents, scopes)
    if cache is not None:
        cache.save()
    return catalog


def _read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    try:
        too_large = contentfiles.too_large(path.stat().st_size, shown)
        if too_large is not None:
            problems.append(too_large)
            return None
        data = path.read_bytes()
    except OSError as exc:
        problems.append(Problem(shown, 0, f"không đọc được tệp: {exc.strerror}"))
        return None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        problems.append(Problem(shown, line, "tệp không phải UTF-8 [file is not UTF-8]"))
        return None
    return text.replace("\r\n", "\n")


def _read_directive(
    path: Path,
    shown: str,
    problems: list[Problem],
    cache: Memo | None = None,
) -> Directive | None:
    text = _read_text(path, shown, problems)
    if text is None:
        return None
    try:
        doc = frontmatter.parse(text, cache)
    except frontmatter.FrontMatterError as exc:
        problems.append(Problem(shown, exc.line, str(exc)))
        return None
    if not doc.meta:
        problems.append(
            Problem(shown, 1, "thiếu front matter (khối '---' ở đầu tệp) [no front matter]")
        )
        return None
    problems.extend(_remembered_markup(shown, doc, cache))
    from .model import directive_from_meta

    directive, found = directive_from_meta(doc.meta, doc.body, path.stem, shown, doc.key_lines)
    problems.extend(found)
    return directive


def _attach_translation(
    path: Path,
    by_slug: dict[str, Directive],
    shown: str,
    problems: list[Problem],
    cache: Memo | None = None,
) -> None:
    slug = path.name[: -len(EN_SUFFIX)]
    text = _read_text(path, shown, problems)
    if text is None:
        return
    try:
        doc = frontmatter.parse(text, cache)
    except frontmatter.FrontMatterError as exc:
        problems.append(Problem(shown, exc.line, str(exc)))
        return
    problems.extend(_remembered_markup(shown, doc, cache))
    directive = by_slug.get(slug)
    if directive is None:
        if not (path.parent / f"{slug}.md").exists():
            problems.append(
                Problem(shown, 1, f"bản dịch không có văn bản gốc '{slug}.md' [orphan translation]")
            )
        return
    for key in doc.meta:
        if key not in EN_FIELDS:
            problems.append(
                Problem(
                    shown,
                    doc.line_of(key),
                    f"khóa '{key}' không dùng cho bản dịch; "
                    f"các khóa hợp lệ: {', '.join(EN_FIELDS)}",
                )
            )
    title = doc.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        problems.append(
            Problem(shown, doc.line_of("title"), "bản dịch thiếu 'title' (tiêu đề tiếng Anh)")
        )
        return
    too_long = contentfiles.title_problem(title, shown, doc.line_of("title"))
    if too_long is not None:
        problems.append(too_long)
        return
    for key in ("summary", "translator"):
        value = doc.meta.get(key)
        if value is not None and not isinstance(value, str):
            problems.append(
                Problem(
                    shown,
                    doc.line_of(key),
                    f"'{key}' phải là chữ (đang là {type(value).__name__}) [{key} must be text]",
                )
            )
            return
    marker = doc.meta.get("translation_of")
    if not isinstance(marker, str) or not marker.startswith("sha256:"):
        problems.append(
            Problem(
                shown,
                doc.line_of("translation_of"),
                "thiếu 'translation_of' hợp lệ; chạy 'portal translated "
                f"{shown}' sau khi dịch xong [missing translation hash]",
                "warning",
            )
        )
        marker = ""
    directive.translation = Translation(
        title=" ".join(title.split()),
        body=doc.body,
        translation_of=marker,
        summary=doc.meta.get("summary"),
        path=shown,
    )
    if directive.translation_status == "outdated" and marker:
        problems.append(
            Problem(
                shown,
                doc.line_of("translation_of"),
                "bản tiếng Việt đã thay đổi sau khi dịch: cần xem lại bản dịch "
                "[translation may be out of date]",
                "warning",
            )
        )


def _check_unique_numbers(
    documents: list[Directive], scopes: dict[str, Scope], problems: list[Problem]
) -> None:
    seen: dict[tuple, Directive] = {}
    for d in sorted(documents, key=lambda d: d.path):
        if not d.number:
            continue
        # The same number recurs every year and across issuers and provinces (01/KH-UBND of
        # 2024 exists in each); only the same number from the same issuer in the same year is
        # a duplicate.
        key = identity(d, scopes[d.slug])
        if key in seen:
            problems.append(
                Problem(
                    d.path,
                    0,
                    f"số '{d.number}' trùng với {seen[key].path} [duplicate document number]",
                )
            )
        else:
            seen[key] = d
