"""Where a converted document goes: its own address, never another document's.

A document is identified by issuer, number and year. The address is the year and number
('2024-01-kh-ubnd'); when another issuer's document already has it, the issuer's place is added
('2024-01-kh-ubnd-son-la'), then its short form, so the first document never moves: its slug is
its file name. The same issuer, number and year is the same document: refused, naming both files,
unless `--force` says to overwrite it.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .. import frontmatter
from ..catalog import EN_SUFFIX, document_scope, identity
from ..convert import Conversion
from ..identity import body_kind
from ..model import directive_from_meta
from ..problems import display_path
from ..slugs import slugify


@dataclass(frozen=True)
class Placement:
    """The file to write, or why not: `path` is None when refused."""

    path: Path | None
    message: str = ""


def _identity_of(meta: dict, body: str, slug: str) -> tuple | None:
    directive, _ = directive_from_meta(meta, body, slug, slug, {})
    return identity(directive, document_scope(directive)) if directive else None


def _existing(folder: Path, base: str) -> list[Path]:
    paths = [folder / f"{base}.md", *sorted(folder.glob(f"{base}-*.md"))]
    return [p for p in paths if p.is_file() and not p.name.endswith(EN_SUFFIX)]


def _short_forms(conversion: Conversion) -> list[str]:
    """Suffixes that tell this issuer from another: its place, then the initials of its body
    with the place ("ubnd-son-la" beside "mttq..."); an unnumbered document's address has its
    place already ("2023-02-21-ke-hoach-tam-ky"), so only the initials go there."""
    meta = conversion.meta
    directive, _ = directive_from_meta(meta, conversion.markdown, conversion.slug, "", {})
    if directive is None:
        return []
    scope = document_scope(directive)
    place = scope.locality or scope.province or directive.place
    place = slugify(place, 6) if place and scope.level != "central" else ""
    initials = "".join(w[0] for w in body_kind(directive.issuer).split())
    if place and conversion.slug.endswith("-" + place):
        place = ""
    forms = [place, f"{initials}-{place}" if place else initials]
    return [f.strip("-") for f in forms if f.strip("-")]


def _number_line(path: Path, number: str | None) -> int:
    """The line of a document's number in a text (the source or a Markdown file), else 1."""
    if not number:
        return 1
    try:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return 1
    bare = number.replace(" ", "")
    return next((i for i, line in enumerate(lines, 1) if bare in line.replace(" ", "")), 1)


def _identity_in(path: Path) -> tuple[tuple | None, int] | None:
    """(identity, line of its number) of a document file; None when it cannot be read."""
    try:
        doc = frontmatter.parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, frontmatter.FrontMatterError):
        return None
    if not doc.meta:
        return None
    found = _identity_of(doc.meta, doc.body, path.stem)
    return None if found is None else (found, doc.line_of("number" if found[0] else "date"))


def _refusal(
    conversion: Conversion, source: Path, path: Path, theirs: tuple | None, root: Path | None
) -> str:
    if theirs is None:
        return (
            f"{display_path(source, root)}: {display_path(path, root)} đã có; dùng --force để "
            "ghi đè [exists, use --force]"
        )
    number = conversion.meta.get("number")
    what = "số và năm" if number else "ngày, loại và trích yếu"
    return (
        f"{display_path(source, root)}:{_number_line(source, number)}: cùng cơ quan ban hành, "
        f"{what} với {display_path(path, root)}:{theirs[1]} (văn bản đã có); dùng --force để "
        "ghi đè, mọi sửa tay trong tệp sẽ mất [same issuer, number and year: duplicate, "
        "use --force]"
    )


def place(
    conversion: Conversion, folder: Path, source: Path, force: bool, root: Path | None = None
) -> Placement:
    """The address of `conversion` in `folder` (see the module's docstring)."""
    base = conversion.slug
    mine = _identity_of(conversion.meta, conversion.markdown, base)
    taken: set[str] = set()
    for path in _existing(folder, base):
        theirs = _identity_in(path)
        if theirs is None or theirs[0] == mine:  # unreadable: it may be this very document
            if force:
                return Placement(path)
            return Placement(None, _refusal(conversion, source, path, theirs, root))
        taken.add(path.stem)
    for slug in [base, *(f"{base}-{s}" for s in _short_forms(conversion))]:
        if slug not in taken:
            return Placement(folder / f"{slug}.md")
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return Placement(folder / f"{base}-{n}.md")
