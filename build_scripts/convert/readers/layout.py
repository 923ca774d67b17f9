"""Positioned words of a page (a PDF's text layer, or OCR) -> the text lines the parser reads.

Both readers give words with boxes; this step rebuilds what the eye sees. Words on the same
baseline form a row; a gap wider than a line's height splits a row into segments (columns).
The two-column header and the closing are read column by column, left then right, as
docx_reader reads a Word table; other tables are read row by row, cells joined by TABs. A
body paragraph wrapped over several rows becomes one line again: a row continues the one
above when the first word of it would not have fitted at the end of that row.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from statistics import median
from unicodedata import normalize

from ..patterns import (
    DISTRIBUTION,
    MOTTO,
    NATIONAL_TITLE,
    SIGN_AUTHORITY,
    SIGN_POSITION,
    key,
)

#: A gap between words wider than this many line heights separates two columns.
COLUMN_GAP = 1.0
#: A row further below the one above than this many line heights starts a new paragraph.
PARAGRAPH_GAP = 0.75
#: Words a blank to fill in follows or precedes (in lower case: "VIỆT NAM" is not "năm").
BLANK_BEFORE = frozenset(("Số:", "Số", "ngày", "tháng", "năm"))
BLANK_AFTER = frozenset(("tháng", "năm"))
#: The header band begins within this many rows of the top of the first page.
HEADER_ROWS = 6


@dataclass(frozen=True)
class Word:
    x0: float
    y0: float
    x1: float
    y1: float
    text: str


@dataclass
class Segment:
    words: list[Word]

    @property
    def x0(self) -> float:
        return self.words[0].x0

    @property
    def x1(self) -> float:
        return self.words[-1].x1

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass
class Row:
    words: list[Word]
    segments: list[Segment] = field(default_factory=list)

    @property
    def y0(self) -> float:
        return min(w.y0 for w in self.words)

    @property
    def y1(self) -> float:
        return max(w.y1 for w in self.words)

    @property
    def height(self) -> float:
        return median(w.y1 - w.y0 for w in self.words)


def rows_of(words: list[Word]) -> list[Row]:
    """Words grouped into rows (overlapping vertically by half a word's height), top down,
    each row cut into segments at wide gaps."""
    rows: list[Row] = []
    for word in sorted(words, key=lambda w: (w.y0, w.x0)):
        height = word.y1 - word.y0
        for row in reversed(rows[-3:]):
            overlap = min(row.y1, word.y1) - max(row.y0, word.y0)
            if overlap > 0.5 * min(height, row.height):
                row.words.append(word)
                break
        else:
            rows.append(Row([word]))
    for row in rows:
        row.words.sort(key=lambda w: w.x0)
        gap = COLUMN_GAP * row.height
        row.segments = [Segment([row.words[0]])]
        for word in row.words[1:]:
            last = row.segments[-1]
            if word.x0 - last.x1 > gap and not _blank_left(last.words[-1].text, word.text):
                row.segments.append(Segment([word]))
            else:
                last.words.append(word)
    return rows


def _blank_left(before: str, after: str) -> bool:
    """A gap left for a number or a date to be written in ("Số:      /HD-MTTQ",
    "ngày     tháng 11"), not a gap between columns."""
    before, after = normalize("NFC", before), normalize("NFC", after)  # PDFs may decompose
    return before in BLANK_BEFORE or after.startswith("/") or after in BLANK_AFTER


def page_text(pages: list[list[Word]]) -> str:
    """The lines of every page; pages separated by a form feed, as pdftotext does."""
    return "\f\n".join(
        "\n".join(_page_lines(rows_of(words), n == 0)) for n, words in enumerate(pages)
    )


def _page_lines(rows: list[Row], first_page: bool) -> list[str]:
    if not rows:
        return []
    single = [r for r in rows if len(r.segments) == 1] or rows
    left = min(r.segments[0].x0 for r in single)
    right = max(r.segments[-1].x1 for r in single)
    out: list[str] = []
    previous: Row | None = None
    i = 0
    while i < len(rows):
        band = _band_at(rows, i, first_page, left, right)
        if band:
            end, gutter = band
            out.extend(_columns(rows[i:end], gutter))
            i, previous = end, None
            continue
        row = rows[i]
        text = "\t".join(s.text for s in row.segments)
        if previous is not None and len(row.segments) == 1 and _continues(previous, row, right):
            out[-1] = _join(out[-1], text)
        else:
            out.append(text)
        previous = row if len(row.segments) == 1 else None
        i += 1
    return out


def _band_at(
    rows: list[Row], i: int, first_page: bool, left: float, right: float
) -> tuple[int, float] | None:
    """(end, gutter) of a two-column header or closing band starting at row i, else None."""
    start = next((j for j in range(i, min(i + 3, len(rows))) if len(rows[j].segments) == 2), None)
    if start is None:
        return None
    gutter = rows[start].segments[1].x0
    head = first_page and start < HEADER_ROWS
    if i != start and not head:
        return None
    end, last_right = start, start
    for j in range(i, len(rows)):
        segments = rows[j].segments
        if len(segments) > 2 or any(s.x0 < gutter - 2 < s.x1 - 4 for s in segments):
            break  # a row across the gutter: the band is over
        if segments[-1].x0 >= gutter - 2 * rows[j].height:
            last_right = j
        end = j + 1
    end = last_right + 1
    listing = any(DISTRIBUTION.match(key(s.text)) for r in rows[i:end] for s in r.segments)
    while end < len(rows) and _left_column_goes_on(rows[end - 1], rows[end], gutter, listing):
        end += 1
    band = rows[i:end]
    texts_left = [key(s.text) for r in band for s in r.segments if s.x1 < gutter]
    texts_right = [key(s.text) for r in band for s in r.segments if s.x1 >= gutter]
    closing = any(DISTRIBUTION.match(t) for t in texts_left) or any(
        SIGN_AUTHORITY.match(t) or SIGN_POSITION.match(t) for t in texts_right
    )
    heading = any(NATIONAL_TITLE.search(t) or MOTTO.search(t) for t in texts_right)
    if (head and heading) or closing:
        return end, gutter
    return None


def _left_column_goes_on(above: Row, row: Row, gutter: float, listing: bool) -> bool:
    """A left-column line below the right column's last: the rest of a long V/v (it goes on
    in lower case), an item of the Nơi nhận list."""
    text = row.segments[0].text
    return (
        len(row.segments) == 1
        and row.segments[0].x1 < gutter
        and row.y0 - above.y1 < PARAGRAPH_GAP * above.height
        and (text[:1].islower() or (listing and text[:1] in "-+•"))
    )


def _columns(band: list[Row], gutter: float) -> list[str]:
    """A band read column by column; a heading phrase wrapped inside its column, and a line
    wrapped in the middle of a phrase (it ends in a comma, or the next one starts in lower
    case), are rejoined."""
    left = [s.text for r in band for s in r.segments if s.x1 < gutter]
    right = [s.text for r in band for s in r.segments if s.x1 >= gutter]
    return _rejoin_headings(_rejoin_wrapped(left)) + _rejoin_headings(_rejoin_wrapped(right))


def _rejoin_wrapped(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        wrapped = line[:1].islower() and not out[-1].endswith((";", ".", ":")) if out else False
        if out and (wrapped or out[-1].endswith(",")):
            out[-1] = _join(out[-1], line)
        else:
            out.append(line)
    return out


def _rejoin_headings(lines: list[str]) -> list[str]:
    out: list[str] = []
    for line in lines:
        if out:
            joined = f"{out[-1]} {line}"
            for pattern in (NATIONAL_TITLE, MOTTO):
                if (
                    pattern.search(key(joined))
                    and not pattern.search(key(out[-1]))
                    and not pattern.search(key(line))
                ):
                    out[-1] = joined
                    break
            else:
                out.append(line)
            continue
        out.append(line)
    return out


def _continues(above: Row, row: Row, right: float) -> bool:
    """A wrapped line: close below, and its first word would not have fitted above."""
    if row.y0 - above.y1 > PARAGRAPH_GAP * above.height:
        return False
    first = row.words[0]
    space = 0.25 * above.height
    return above.segments[-1].x1 + space + (first.x1 - first.x0) > right - 0.5 * space


def _join(line: str, more: str) -> str:
    """A number broken at its hyphen ("07-" / "CV/BTGDVTU") joins without a space."""
    if line.endswith("-") and len(line) > 1 and not line[-2].isspace():
        return line + more
    return f"{line} {more}"
