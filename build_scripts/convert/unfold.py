"""A document whose line breaks were lost (pasted from a web page, a chat, a PDF without
layout): its first line holds the whole header, or the whole text. It is cut back into lines
where a header item visibly starts, so the usual steps can read it; no word is changed.
"""

from __future__ import annotations

import re
from itertools import pairwise

from .patterns import DOC_TYPES, MOTTO, NATIONAL_TITLE, key

#: A line this long that holds two header items is a header that lost its line breaks.
MIN_FOLDED = 120
#: Only the first lines of a text are looked at: the header is there.
FIRST_LINES = 3
NUMBER = re.compile(r"(?<=\s)Số\s*:")
PLACE_DATE = re.compile(r",\s*ngày\b")
TYPE_NAMES = re.compile(
    r"(?<=\s)("
    + "|".join(sorted((t.upper() for t in DOC_TYPES.values()), key=len, reverse=True))
    # a type heading is followed by its title, which is not in capitals
    + r")(?=\s+(?:[^\W\d_][^\s]*[a-zà-ỹđ]|V/v|Về))"
)
LATER = re.compile(
    r"(?<=\s)(?:Kính gửi\s*:|Nơi nhận\s*:|(?:TM|KT|TL|TUQ)\.\s|[IVX]{1,4}\.\s+[A-ZĐ])"
)
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[^\W\d_])")


def unfold_lines(lines: list[str]) -> tuple[list[str], list[int]]:
    """The lines with folded header lines cut, and the source line (1-based) of each."""
    out: list[str] = []
    origin: list[int] = []
    seen = 0
    for number, line in enumerate(lines, 1):
        pieces = [line]
        if line.strip() and seen < FIRST_LINES:
            seen += 1
            pieces = _cut(line) if len(line) >= MIN_FOLDED else pieces
        out.extend(pieces)
        origin.extend([number] * len(pieces))
    return out, origin


def _cut(line: str) -> list[str]:
    folded = key(line)
    cuts: set[int] = set()
    for pattern in (NATIONAL_TITLE, MOTTO):
        found = pattern.search(folded)
        if found:
            cuts.update((found.start(), found.end()))
    number = NUMBER.search(line)
    if number:
        cuts.add(number.start())
    date = PLACE_DATE.search(line)
    if date:
        cuts.add(place_start(line, date.start()))
    typed = TYPE_NAMES.search(line, date.end() if date else 0)
    if typed:
        cuts.update((typed.start(), typed.end()))
        title_end = SENTENCE_END.search(line, typed.end())
        if title_end:
            cuts.add(title_end.end())
    for later in LATER.finditer(line, typed.end() if typed else 0):
        cuts.add(later.start())
    if len(cuts) < 2:
        return [line]
    bounds = [0, *sorted(c for c in cuts if 0 < c < len(line)), len(line)]
    pieces = [line[a:b].strip() for a, b in pairwise(bounds)]
    return [p for p in pieces if p] or [line]


def place_start(line: str, comma: int) -> int:
    """Where the place name before ", ngày" starts: up to four capitalised words back."""
    start = comma
    words = list(re.finditer(r"\S+", line[:comma]))
    for word in reversed(words[-4:]):
        if not word.group()[:1].isupper() or not word.group()[:1].isalpha():
            break
        start = word.start()
    return start
