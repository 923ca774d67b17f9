"""`portal translated van-ban/x.en.md`: record that the translation matches the Vietnamese text.

The English file keeps `translation_of: <hash of the Vietnamese title and body>`; when the
Vietnamese text changes, the hash no longer matches and `portal check` warns that the
translation may be out of date. An editor runs this command after translating or reviewing.
Only that one line of the English file changes: the rest is kept byte for byte.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import frontmatter
from ..catalog import EN_SUFFIX
from ..model import content_hash
from ..problems import Problem, display_path

KEY = "translation_of"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "translated",
        help="ghi nhận bản dịch khớp với bản tiếng Việt hiện tại [mark a translation current]",
        description="Ghi 'translation_of' (mã của bản tiếng Việt) vào tệp x.en.md.",
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="x.en.md (or its x.md)")
    p.set_defaults(func=run)


def pair(path: Path) -> tuple[Path, Path]:
    """(Vietnamese file, English file) for either of them."""
    if path.name.endswith(EN_SUFFIX):
        return path.with_name(path.name[: -len(EN_SUFFIX)] + ".md"), path
    return path, path.with_name(path.stem + EN_SUFFIX)


class NotMarked(Exception):
    """The translation could not be marked; carries the problem to show."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(str(problem))


def mark_translated(path: Path) -> str:
    """Write the Vietnamese text's hash into the English file of `path`; say where."""
    vi, en = pair(path)
    shown_vi, shown_en = display_path(vi), display_path(en)
    original = _parse(vi, shown_vi)
    text = _read(en, shown_en)
    translation = _parse(en, shown_en)
    title = original.meta.get("title")
    if not isinstance(title, str) or not title.strip():
        raise NotMarked(Problem(shown_vi, original.line_of("title"), "thiếu 'title' [missing]"))
    if not translation.meta:
        raise NotMarked(
            Problem(shown_en, 1, "bản dịch chưa có front matter với 'title' [no front matter]")
        )
    marker = content_hash(title, original.body)
    if translation.meta.get(KEY) == marker:
        line = translation.key_lines[KEY]
        return f"{shown_en}:{line}: {KEY} đã đúng, không đổi [already up to date]"
    newline = "\r\n" if "\r\n" in text else "\n"
    lines = text.replace("\r\n", "\n").split("\n")
    if KEY in translation.key_lines:
        line = translation.key_lines[KEY]
        lines[line - 1] = f"{KEY}: {marker}"
    else:
        line = translation.body_line - 1  # the closing '---', which moves down one line
        lines.insert(line - 1, f"{KEY}: {marker}")
    en.write_bytes(newline.join(lines).encode("utf-8"))
    return f"{shown_en}:{line}: {KEY}: {marker}, khớp với {shown_vi} [recorded]"


def _read(path: Path, shown: str) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        raise NotMarked(Problem(shown, 0, "không có tệp này [file not found]")) from None
    except UnicodeDecodeError:
        raise NotMarked(Problem(shown, 0, "tệp không phải UTF-8 [file is not UTF-8]")) from None


def _parse(path: Path, shown: str) -> frontmatter.Document:
    try:
        return frontmatter.parse(_read(path, shown).replace("\r\n", "\n"))
    except frontmatter.FrontMatterError as exc:
        raise NotMarked(Problem(shown, exc.line, str(exc))) from None


def run(args: argparse.Namespace) -> int:
    code = 0
    for name in args.paths:
        try:
            print(mark_translated(Path(name)))
        except NotMarked as exc:
            print(exc.problem, file=sys.stderr)
            code = 1
    return code
