"""Every file under `content/` is read as what it is, before the engine sees any of it.

MkDocs publishes whatever it finds in the docs folder: Markdown under `.markdown` or `.mkd`
becomes a page the catalog never checked, an editor's `x.md~` or `#x.md#` is copied to the site
as a file, and a symlink is followed wherever it points (`/etc/passwd`, `.git/config`). The
catalog runs this scan on every read, so build, serve, check and publish refuse the same files.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from . import frontmatter
from .model import title_too_long
from .problems import Problem, display_path

#: Suffixes MkDocs reads as Markdown (mkdocs.utils.markdown_extensions) besides `.md`, and the
#: other common spellings of Markdown.
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd", ".mdwn", ".mdtxt", ".mdtext")
#: Editors' and systems' leftovers: backups, swap and lock files, merge leftovers.
STRAY_SUFFIXES = (".bak", ".swp", ".swo", ".swx", ".orig", ".rej", ".tmp", ".old")
STRAY_NAMES = frozenset({".DS_Store", "Thumbs.db", "desktop.ini"})
STRAY_PATTERN = re.compile(r".*~|#.*#|\.#.*|\._.*")
#: One directive is some tens of KiB; a text this large is a mistake or an attack on the build.
MAX_DOCUMENT_BYTES = 2 * 1024 * 1024
#: The front matter of a page outside van-ban/ (home, topics, about...): text the theme prints,
#: and which parts of the layout to hide. Material prints other keys it knows (`subtitle`,
#: `status`, `icon`) unescaped or into an include path, so no other key is accepted.
PAGE_TEXT_KEYS = ("title", "description")
PAGE_HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")


def is_stray(name: str) -> bool:
    """Whether a file name is an editor's or a system's leftover, never published."""
    return (
        name in STRAY_NAMES
        or name.endswith(STRAY_SUFFIXES)
        or STRAY_PATTERN.fullmatch(name) is not None
    )


def is_other_markdown(name: str) -> bool:
    return name.lower().endswith(OTHER_MARKDOWN)


@dataclass
class Scan:
    """What the scan found: problems, and the stray files the build must leave out."""

    problems: list[Problem] = field(default_factory=list)
    stray: set[str] = field(default_factory=set)  # relative to the docs folder, POSIX


def scan(docs_dir: Path, sources_dir: Path | None, root: Path | None = None) -> Scan:
    """Symlinks, other Markdown suffixes, stray files and oversized files under the docs and
    sources folders; the front matter of every page outside `van-ban/` (the catalog reads
    those inside itself)."""
    found = Scan()
    for folder in (docs_dir, sources_dir):
        if folder is not None and folder.is_dir():
            _walk(folder, folder == docs_dir, root, found)
    return found


def _walk(folder: Path, is_docs: bool, root: Path | None, found: Scan) -> None:
    for parent, dirs, files in os.walk(folder):
        here = Path(parent)
        shown_here = display_path(here, root)  # once a folder: thousands of files share it
        for name in sorted(dirs):
            if (here / name).is_symlink():
                found.problems.append(_symlink(f"{shown_here}/{name}"))
        dirs[:] = sorted(d for d in dirs if not (here / d).is_symlink())
        for name in sorted(files):
            path = here / name
            shown = f"{shown_here}/{name}"
            if path.is_symlink():
                found.problems.append(_symlink(shown))
            elif is_stray(name):
                if is_docs:  # sources are published only when a page names them
                    found.stray.add(path.relative_to(folder).as_posix())
                found.problems.append(
                    Problem(
                        shown,
                        0,
                        "tệp thừa của trình soạn thảo, không được đăng; hãy xóa nó "
                        "[editor's leftover file, not published]",
                        "warning",
                    )
                )
            elif is_docs and is_other_markdown(name):
                found.problems.append(
                    Problem(
                        shown,
                        0,
                        f"tệp Markdown phải có đuôi '.md': đổi tên thành "
                        f"'{PurePosixPath(name).stem}.md' [Markdown must be named .md]",
                    )
                )
            elif is_docs and name.endswith(".md"):
                _check_page(path, shown, folder, found)


def _symlink(shown: str) -> Problem:
    return Problem(
        shown,
        0,
        "liên kết tượng trưng (symlink) không được phép trong content/: hãy chép tệp thật vào "
        "[symlinks are not allowed under content/]",
    )


def too_large(size: int, shown: str) -> Problem | None:
    """The problem of a document of `size` bytes, if it is over the limit."""
    if size <= MAX_DOCUMENT_BYTES:
        return None
    limit = MAX_DOCUMENT_BYTES // (1024 * 1024)
    return Problem(
        shown,
        0,
        f"tệp dài {size} byte, quá giới hạn {limit} MiB [document larger than {limit} MiB]",
    )


def title_problem(title: str, shown: str, line: int) -> Problem | None:
    """A title longer than any real one would stall every page, card and feed it appears in."""
    message = title_too_long(title)
    return Problem(shown, line, message) if message else None


def _check_page(path: Path, shown: str, docs: Path, found: Scan) -> None:
    """A page other than a directive: readable, of a sane size, with text where text goes."""
    if path.relative_to(docs).parts[0] == "van-ban":
        return
    size = path.stat().st_size
    problem = too_large(size, shown)
    if problem is not None:
        found.problems.append(problem)
        return
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n")
        doc = frontmatter.parse(text)
    except UnicodeDecodeError:
        found.problems.append(Problem(shown, 1, "tệp không phải UTF-8 [file is not UTF-8]"))
        return
    except frontmatter.FrontMatterError as exc:
        found.problems.append(Problem(shown, exc.line, str(exc)))
        return
    for key in doc.meta:
        if key not in (*PAGE_TEXT_KEYS, "hide"):
            found.problems.append(
                Problem(
                    shown,
                    doc.line_of(str(key)),
                    f"khóa '{key}' không dùng cho trang; các khóa hợp lệ: "
                    f"{', '.join(PAGE_TEXT_KEYS)}, hide [unknown key]",
                )
            )
    hide = doc.meta.get("hide")
    if hide is not None and not (
        isinstance(hide, list) and all(isinstance(h, str) and h in PAGE_HIDE for h in hide)
    ):
        found.problems.append(
            Problem(
                shown,
                doc.line_of("hide"),
                f"'hide' phải là danh sách trong: {', '.join(PAGE_HIDE)} [invalid hide]",
            )
        )
    for key in PAGE_TEXT_KEYS:
        value = doc.meta.get(key)
        if value is not None and not isinstance(value, str):
            found.problems.append(
                Problem(
                    shown,
                    doc.line_of(key),
                    f"'{key}' phải là chữ (đang là {type(value).__name__}) [{key} must be text]",
                )
            )
    title = doc.meta.get("title")
    if isinstance(title, str):
        problem = title_problem(title, shown, doc.line_of("title"))
        if problem is not None:
            found.problems.append(problem)
