"""Source lines and the cells of flattened two-column layouts.

Word's two-column header and closing tables reach us flattened: cells joined by TABs or by
long runs of spaces, or merged into one line. Every later step works on `Cell`s, which keep
the source line number so warnings can point at it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .patterns import (
    DISTRIBUTION,
    MOTTO,
    NATIONAL_TITLE,
    NUMBER_LINE,
    PLACE_DATE,
    SIGN_AUTHORITY,
    SIGN_POSITION,
    key,
)

TABS = re.compile(r"\t+")
#: A run of spaces that may separate two columns ("TỈNH  LÀO CAI" has two, inside one cell).
SPACE_RUN = re.compile(r" {3,}")
#: What may start the right-hand column after a run of spaces.
COLUMN_STARTS = (NATIONAL_TITLE, MOTTO, NUMBER_LINE, PLACE_DATE, SIGN_AUTHORITY, DISTRIBUTION)
#: Phrases distinctive enough to split a line even when the columns are merged by one space.
MERGED_STARTS = (NATIONAL_TITLE, MOTTO)
BOLD_MARK = re.compile(r"\*\*")
LETTER = re.compile(r"[^\W\d_]")
WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class Cell:
    """One piece of text on one source line (a whole line, or one column of it)."""

    line: int  # 1-based source line
    text: str  # stripped, TABs and space runs inside collapsed
    col: int = 0  # 0 for the first cell of its line

    @property
    def plain(self) -> str:
        """The text without the `**` bold marks some sources carry."""
        return BOLD_MARK.sub("", self.text).strip()


def split_lines(text: str) -> list[str]:
    """The text as a list of lines; index i is source line i + 1."""
    return text.split("\n")


def cells_of(number: int, line: str) -> list[Cell]:
    """The non-empty cells of one source line: split at TABs, and at space runs or merged
    phrases only where a recognisable column starts (so "ngày     tháng 11" stays whole)."""
    parts: list[str] = []
    for piece in TABS.split(line):
        for part in _split_space_runs(piece):
            parts.extend(_split_merged(part))
    texts = [collapse(p) for p in parts if p.strip()]
    joined: list[str] = []
    for text in texts:
        # "Số:" TAB "/UBND-KT": a blank number's suffix belongs to the "Số:" cell.
        if joined and text.startswith("/") and matches_number(joined[-1]):
            joined[-1] = f"{joined[-1]} {text}"
        else:
            joined.append(text)
    return [Cell(number, t, i) for i, t in enumerate(joined)]


def matches_number(text: str) -> bool:
    return bool(NUMBER_LINE.match(key(text)))


def _split_space_runs(piece: str) -> list[str]:
    out, start = [], 0
    for run in SPACE_RUN.finditer(piece):
        rest = key(piece[run.end() :])
        if piece[start : run.start()].strip() and (
            any(p.match(rest) for p in COLUMN_STARTS) or _upper_position(piece[run.end() :])
        ):
            out.append(piece[start : run.start()])
            start = run.end()
    out.append(piece[start:])
    return out


def _upper_position(text: str) -> bool:
    """An upper-case signature position after a space run ("PHÓ CHỦ TỊCH")."""
    head = SPACE_RUN.split(text)[0]
    return bool(SIGN_POSITION.match(key(head))) and is_upper(head)


def _split_merged(part: str) -> list[str]:
    folded = key(part)
    for pattern in MERGED_STARTS:
        found = pattern.search(folded)
        if found and found.start() > 0 and part[: found.start()].strip():
            head, tail = part[: found.start()], part[found.start() :]
            return [head, *_split_merged(tail)]
    return [part]


def collapse(text: str) -> str:
    """Inner runs of whitespace become one space."""
    return " ".join(text.split())


def is_upper(text: str) -> bool:
    """True when the text has letters and none of them is lower-case."""
    letters = LETTER.findall(text)
    return bool(letters) and all(not c.islower() for c in letters)


def words(text: str) -> list[str]:
    """The words of a text (letters and digits), as the word-order checks see them."""
    return WORD.findall(text)
