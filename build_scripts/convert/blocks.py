"""The pieces a directive is cut into, each keeping the source lines it came from."""

from __future__ import annotations

from dataclasses import dataclass, field

from .lines import Cell

#: Kinds of block, by region. The renderer gives each a place and a CSS class.
HEADER_KINDS = (
    "issuer",
    "issuer-note",
    "national",
    "motto",
    "rule",
    "number",
    "date",
    "subject",
    "note",
    "field",
)
TITLE_KINDS = ("doc-type", "title")
BODY_KINDS = ("heading", "paragraph", "item", "article")
CLOSING_KINDS = ("dist-label", "dist-item", "sign-title", "signer", "signer-post", "mark")


@dataclass
class Block:
    """One rendered unit: a header line, a heading, a paragraph, a list item, ..."""

    kind: str
    cells: list[Cell]
    level: int = 0  # heading level (2-4) or list nesting (0-1)
    prefix: str = ""  # text of the first cell that the renderer shows as a list marker

    @property
    def line(self) -> int:
        return self.cells[0].line

    @property
    def text(self) -> str:
        """The block's text, its cells joined the way the source reads."""
        out = ""
        for cell in self.cells:
            piece = cell.text
            if not out:
                out = piece
            elif piece[:1] in ",.;:)!?”’" or out.endswith(("(", "“", "‘")):
                out += piece
            else:
                out += " " + piece
        return out


@dataclass
class Doubt:
    """A doubt worth an editor's look, at a source line (0 when about the whole text)."""

    line: int
    message: str


@dataclass
class Region:
    """The blocks of one part of the document plus what the parser doubted."""

    blocks: list[Block] = field(default_factory=list)
    warnings: list[Doubt] = field(default_factory=list)
