"""The catalog: every directive of `content/docs/van-ban/`, read and validated before anything is
written, with the translations and citations that link them."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from . import contentfiles, frontmatter, markup
from .caches import Memo
from .model import EN_FIELDS, Directive, Reference, Translation
from .problems import Problem, display_path
from .slugs import slugify

#: Where directives live inside the docs folder.
DOCUMENTS_DIR = "van-ban"
EN_SUFFIX = ".en.md"


@dataclass
class CitedDocument:
    """A directive cited by one or more documents of the portal, whether or not its text is here."""

    number: str
    slug: str
    descriptions: list[Reference] = field(default_factory=list)  # as each citing text puts it
    cited_by: list[Directive] = field(default_factory=list)
    document: Directive | None = None  # the portal's own copy, when it has one

    def best(self, key: str):
        """The most common non-empty value of `key` among the citing descriptions."""
        counts: dict = defaultdict(int)
        for ref in self.descriptions:
            value = getattr(ref, key)
            if value:
                counts[value] += 1
        if self.document is not None and getattr(self.document, key, None):
            return getattr(self.document, key)
        return max(sorted(counts, key=str), key=lambda v: counts[v]) if counts else None


@dataclass
class Catalog:
    """All directives, newest first, with the index of cited documents."""

    documents: list[Directive]
    problems: list[Problem]
    cited: dict[str, CitedDocument] = field(default_factory=dict)  # by normalised number
    #: Editors' leftovers in the docs folder (relative paths), which the site leaves out.
    stray: set[str] = field(default_factory=set)

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == "error"]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity != "error"]

    def by_slug(self, slug: str) -> Directive | None:
        return self._slugs.get(slug)

    def by_number(self, number: str) -> Directive | None:
        return self._numbers.get(number)

    def with_topic(self, topic: str) -> list[Directive]:
        return [d for d in self.documents if topic in d.topics]

    def cited_by(self, directive: Directive) -> list[Directive]:
        """Documents of the portal whose text cites `directive`."""
        if not directive.number or directive.number not in self.cited:
            return []
        return self.cited[directive.number].cited_by

    def cited_document(self, slug: str) -> CitedDocument | None:
        """The cited document whose reference page has this slug."""
        if len(self._cited_slugs) != len(self.cited):  # `cited` is filled after construction
            self._cited_slugs = {entry.slug: entry for entry in self.cited.values()}
        return self._cited_slugs.get(slug)

    def __post_init__(self) -> None:
        self._slugs = {d.slug: d for d in self.documents}
        self._numbers = {d.number: d for d in self.documents if d.number}
        self._cited_slugs: dict[str, CitedDocument] = {}


def reference_slug(number: str) -> str:
    """URL slug of a cited document: '12-CT/TW' -> '12-ct-tw'."""
    return slugify(number, max_words=12) or "van-ban"


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
    _check_unique_numbers(documents, problems)
    documents.sort(key=Directive.sort_key)
    catalog = Catalog(documents, problems, stray=scanned.stray)
    catalog.cited = _index_citations(documents)
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
    problems.extend(markup.problems(shown, doc))
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
    problems.extend(markup.problems(shown, doc))
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


def _check_unique_numbers(documents: list[Directive], problems: list[Problem]) -> None:
    seen: dict[tuple, Directive] = {}
    for d in sorted(documents, key=lambda d: d.path):
        if not d.number:
            continue
        # The same number recurs every year and across issuers (75/MTTQ-BTT); only the same
        # number from the same issuer in the same year is a duplicate.
        key = (d.number, d.issued_year, d.issuer)
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


def _index_citations(documents: list[Directive]) -> dict[str, CitedDocument]:
    cited: dict[str, CitedDocument] = {}
    own = {d.number: d for d in documents if d.number}
    for d in documents:
        for ref in d.references:
            entry = cited.get(ref.number)
            if entry is None:
                entry = cited[ref.number] = CitedDocument(ref.number, reference_slug(ref.number))
                entry.document = own.get(ref.number)
            entry.descriptions.append(ref)
            # A document's references are read together, so a repeat is the last one cited.
            # (`d not in cited_by` compared whole dataclasses: 25 s at 2,000 documents.)
            if not entry.cited_by or entry.cited_by[-1] is not d:
                entry.cited_by.append(d)
    return dict(sorted(cited.items(), key=lambda kv: kv[1].slug))
