"""What `portal check` adds to the catalog's own validation: links between pages, source files,
missing translations, and pages that would share one address.

The catalog (model.py, catalog.py) already validates front matter, numbers, topics and markup in
directive texts (markup.py), so every build refuses those too; its
problems are reused as they are, so an editor sees one message per mistake whichever command
found it.
"""

from __future__ import annotations

import posixpath
import re
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from . import frontmatter, languages, markup, quality
from .catalog import EN_SUFFIX, Catalog
from .problems import Problem, display_path
from .slugs import slugify
from .urls import DOCUMENTS_DIR

DOCS_DIR = "content/docs"
SOURCES_DIR = "content/sources"

#: `[text](target "title")` and `![alt](src)`; an escaped `\[` is text, not a link.
INLINE_LINK = re.compile(
    r"(?<!\\)!?\[(?:[^\]\\]|\\.)*\]\(\s*(?P<target><[^>\n]*>|[^)\s]+)(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
)
#: `[label]: target` reference definitions (not footnotes `[^1]:`).
LINK_DEFINITION = re.compile(r"^ {0,3}\[(?!\^)[^\]]+\]:\s*(?P<target><[^>\n]*>|\S+)")
#: A URL scheme (`https:`, `mailto:`), which MkDocs leaves alone and so do we.
SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


@dataclass
class Page:
    """One Markdown file of the docs folder, read once for every check."""

    shown: str  # as the editor types it: content/docs/van-ban/x.md
    src_uri: str  # relative to the docs folder: van-ban/x.md
    doc: frontmatter.Document

    @property
    def is_directive(self) -> bool:
        return posixpath.dirname(self.src_uri) == DOCUMENTS_DIR

    def body_lines(self) -> list[tuple[int, str]]:
        """(line number in the file, text) of the body outside fenced code, code spans blanked."""
        return markup.body_lines(self.doc)


def summary(problems: list[Problem]) -> str:
    """The last line of a check: '2 lỗi, 1 cảnh báo [2 errors, 1 warning]'."""
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    english = f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"
    return f"{errors} lỗi, {warnings} cảnh báo [{english}]"


def report(problems: list[Problem], say: Callable[[str], None] = print) -> bool:
    """Say every problem and the summary line; True when there is no error."""
    for problem in problems:
        say(str(problem))
    say(summary(problems))
    return not any(p.severity == "error" for p in problems)


def check_project(root: Path, catalog: Catalog | None = None) -> list[Problem]:
    """Every problem in the project's content, sorted by path and line, each reported once."""
    from .pipeline import read_catalog
    from .settings import load as load_settings

    settings = load_settings(root)
    docs = settings.docs_dir
    if catalog is None:
        catalog = read_catalog(docs, root=root)
    problems: list[Problem] = list(catalog.problems)
    pages = read_pages(docs, root, problems)
    problems += check_links(pages, generated_uris(catalog), docs)
    problems += check_sources(catalog, pages, settings.sources_dir)
    problems += check_translations(catalog)
    problems += check_addresses(pages)
    problems += check_quality(pages)
    return sorted(set(problems))


def check_quality(pages: list[Page]) -> list[Problem]:
    """The quality gate (quality.py) on every Vietnamese directive: warnings only."""
    return [
        problem
        for page in pages
        if page.is_directive and not languages.is_translation(page.src_uri)
        for problem in quality.problems(page.shown, page.doc)
    ]


def read_pages(docs: Path, root: Path, problems: list[Problem]) -> list[Page]:
    """Every .md file under `docs`; unreadable ones outside van-ban/ are reported here (the
    catalog reports those inside)."""
    pages = []
    for path in sorted(docs.rglob("*.md")):
        shown = display_path(path, root)
        src_uri = path.relative_to(docs).as_posix()
        reported_by_catalog = posixpath.dirname(src_uri) == DOCUMENTS_DIR
        found: list[Problem] = []
        try:
            text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
            doc = frontmatter.parse(text)
        except UnicodeDecodeError:
            found.append(Problem(shown, 1, "tệp không phải UTF-8 [file is not UTF-8]"))
        except frontmatter.FrontMatterError as exc:
            found.append(Problem(shown, exc.line, str(exc)))
        else:
            pages.append(Page(shown, src_uri, doc))
        if not reported_by_catalog:
            problems.extend(found)
    return pages


def generated_uris(catalog: Catalog) -> set[str]:
    """Pages and files the build adds (topic listings, archive, cited documents, feeds): links
    to them are fine."""
    from .calendars import calendar_paths
    from .feeds import feed_paths
    from .pages import generated_pages

    pages = {page.src_uri for lang in languages.PREFIX for page in generated_pages(catalog, lang)}
    return pages | set(feed_paths()) | set(calendar_paths(catalog))


def check_links(pages: list[Page], generated: set[str], docs: Path) -> list[Problem]:
    """Relative links must lead to a page or file of the site (line of the link)."""
    existing = {p.src_uri for p in pages} | generated
    found = []
    for page in pages:
        for line, text in page.body_lines():
            targets = [m.group("target") for m in INLINE_LINK.finditer(text)]
            definition = LINK_DEFINITION.match(text)
            if definition:
                targets.append(definition.group("target"))
            for target in targets:
                message = _link_problem(target, page.src_uri, existing, docs)
                if message:
                    found.append(Problem(page.shown, line, message))
    return found


def _link_problem(target: str, from_uri: str, existing: set[str], docs: Path) -> str | None:
    written = target[1:-1] if target.startswith("<") else target
    path = unquote(written.split("#", 1)[0].split("?", 1)[0])
    if not path or SCHEME.match(path) or path.startswith("/"):
        return None  # same-page anchor, another site, or an absolute path MkDocs leaves alone
    resolved = posixpath.normpath(posixpath.join(posixpath.dirname(from_uri), path))
    if resolved == ".." or resolved.startswith("../"):
        return (
            f"liên kết '{written}' trỏ ra ngoài thư mục {DOCS_DIR}/ [link leaves the docs folder]"
        )
    if resolved.endswith(EN_SUFFIX):
        base = posixpath.basename(resolved)[: -len(EN_SUFFIX)] + ".md"
        return (
            f"liên kết '{written}' trỏ tới bản dịch: hãy trỏ tới '{base}', trang tiếng Anh "
            "tự dẫn tới bản dịch [link to the Vietnamese page, not the .en.md file]"
        )
    candidates = {resolved, resolved.rstrip("/") + ".md", resolved.rstrip("/") + "/index.md"}
    if candidates & existing or (docs / resolved).is_file():
        return None
    return f"liên kết hỏng: '{written}' không tồn tại ({DOCS_DIR}/{resolved}) [broken link]"


def check_sources(catalog: Catalog, pages: list[Page], sources: Path) -> list[Problem]:
    """`source:` names a file of content/sources/, which the site publishes beside the page."""
    lines = {p.shown: p.doc.line_of("source") for p in pages}
    found = []
    for d in catalog.documents:
        if not d.source:
            continue
        line = lines.get(d.path, 1)
        name = d.source  # a plain file name: the catalog (model.py) refuses any other
        if not (sources / name).is_file():
            message = f"tệp nguồn '{name}' không có trong {SOURCES_DIR}/ [source file not found]"
        else:
            continue
        found.append(Problem(d.path, line, message))
    return found


def check_translations(catalog: Catalog) -> list[Problem]:
    """A directive without an English file is shown to English readers untranslated: warn.
    (Outdated translations are already reported by the catalog.)"""
    return [
        Problem(
            d.path,
            1,
            f"chưa có bản tiếng Anh ({DOCUMENTS_DIR}/{d.slug}{EN_SUFFIX}) [no English translation]",
            "warning",
        )
        for d in catalog.documents
        if d.translation_status == "missing"
    ]


def check_addresses(pages: list[Page]) -> list[Problem]:
    """Two files must not give one web address (`x.md` and `x/index.md`, `X.md` and `x.md`);
    a directive's file name is its address, so it must be a slug."""
    found = []
    by_address: dict[str, list[Page]] = defaultdict(list)
    for page in pages:
        uri = page.src_uri
        if languages.is_translation(uri):
            uri = uri[: -len(EN_SUFFIX)] + ".md"
        by_address[languages.page_path(uri).casefold()].append(page)
    for address, same in by_address.items():
        originals = sorted({p.src_uri for p in same if not languages.is_translation(p.src_uri)})
        if len(originals) < 2:
            continue
        for page in same:
            if page.src_uri == originals[0] or languages.is_translation(page.src_uri):
                continue
            found.append(
                Problem(
                    page.shown,
                    1,
                    f"trùng địa chỉ trang '/{address}' với {DOCS_DIR}/{originals[0]}; "
                    "hãy đổi tên tệp [two pages at one address]",
                )
            )
    for page in pages:
        if not page.is_directive or languages.is_translation(page.src_uri):
            continue
        name = posixpath.basename(page.src_uri)
        slug = name[:-3]
        if slugify(slug, max_words=100) != slug:
            found.append(
                Problem(
                    page.shown,
                    1,
                    f"tên tệp '{name}' phải viết thường, không dấu, các từ nối bằng '-', ví dụ "
                    f"'{slugify(slug, max_words=100) or 'van-ban'}.md' [file name is not a slug]",
                )
            )
    return found
