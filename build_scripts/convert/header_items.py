"""Header items that need more than one pattern: an item a narrow column split over two
lines, the labelled lines some exports put above the header ("Số hiệu: ...", "Ngày ban
hành: ..."), a type heading merged with its title, and where the header starts under a note.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import TYPE_CHECKING

from ..model import normalise_number
from .blocks import Block, Doubt
from .dates import parse_date_line
from .lines import Cell, cells_of, is_upper
from .patterns import (
    DOC_TYPE_LINE,
    DOC_TYPES,
    MOTTO,
    NATIONAL_TITLE,
    NUMBER_LINE,
    PLACE_DATE,
    SUBJECT_LINE,
    key,
)

if TYPE_CHECKING:
    from .header import Header

#: The code part of a document number ("/KH-UBND", "-CV/TU"): "Số 3 đoàn" is running text.
CODE = re.compile(r"[/-]\s*[A-ZĐ]")
#: A number has digits before its first separator; "/UBND-KT" alone is a blank number.
NUMBER_DIGITS = re.compile(r"^\d")


#: Labelled lines some exports put above the header ("Số hiệu: ...", "Ngày ban hành: ...").
LABELS = {
    "SO HIEU": "number",
    "SO KY HIEU": "number",
    "NUMBER": "number",
    "NGAY BAN HANH": "date",
    "NGAY KY": "date",
    "NGAY": "date",
    "DATE": "date",
    "LOAI VAN BAN": "doc_type",
    "DOC_TYPE": "doc_type",
    "CO QUAN BAN HANH": "issuer",
    "NOI BAN HANH": "issuer",
    "ISSUER": "issuer",
    "TRICH YEU": "title",
    "TIEU DE": "title",
    "TITLE": "title",
}


LABELLED = re.compile(
    r"^(?P<label>" + "|".join(sorted(LABELS, key=len, reverse=True)) + r")\s*:\s*(?=\S)"
)


#: A line under the issuer naming the act it was set up by ("(Thành lập theo Quyết định số").
ISSUER_BASIS = re.compile(
    r"^[(\[]?\s*(?:(?:DUOC\s+)?THANH\s+LAP\s+)?THEO\s+(?:QUYET\s+DINH|NGHI\s+QUYET|"
    r"CONG\s+VAN|VAN\s+BAN|THONG\s+BAO|KE\s+HOACH)\b"
)


#: The doubt for a line above the header that is not part of it.
NOTE_ABOVE = "dòng ghi chú phía trên phần đầu văn bản, giữ nguyên [note above the header]"


#: How many lines a note above the header may take before the header is given up on.
MAX_NOTE_LINES = 8


def first_anchor(lines: list[str], i: int) -> int:
    """Index of the first line, among the next few, that only a header has (quốc hiệu,
    motto, number, date, type heading); 0 when none, so nothing above it is a note."""
    seen = 0
    for j in range(i, len(lines)):
        cells = cells_of(j + 1, lines[j])
        if not cells:
            continue
        for cell in cells:
            k = key(cell.plain)
            if (
                NATIONAL_TITLE.match(k)
                or MOTTO.match(k)
                or (NUMBER_LINE.match(k) and CODE.search(cell.plain) and cell.plain[:1] == "S")
                or (PLACE_DATE.match(k) and len(cell.plain) < 80)
                or LABELLED.match(k)
                or type_heading(cell)
            ):
                return j
        seen += 1
        if seen >= MAX_NOTE_LINES:
            break
    return 0


def header_cells(lines: list[str], i: int, taken: set[tuple[int, int]]) -> list[Cell]:
    """The cells of line i, with a header item split over two lines joined back ("CỘNG HÒA XÃ
    HỘI CHỦ NGHĨA" / "VIỆT NAM", "Hà Nội, ngày 5 tháng 3" / "năm 2024", "Số:" / "12/KH")."""
    cells = [c for c in cells_of(i + 1, lines[i]) if (i, c.col) not in taken]
    j = skip_blank(lines, i + 1)
    if not cells or j >= len(lines) or j - i > 2:
        return cells
    following = cells_of(j + 1, lines[j])
    for n, cell in enumerate(cells):
        if not _incomplete(cell):
            continue
        same_col = [c for c in following if c.col == cell.col and (j, c.col) not in taken]
        for candidate in same_col + following[-1:]:
            joined = f"{cell.text} {candidate.text}"
            if (j, candidate.col) not in taken and _completes(cell.text, joined):
                cells[n] = Cell(cell.line, joined, cell.col)
                taken.add((j, candidate.col))
                break
    return cells


#: Beginnings of header items that a narrow column breaks over two lines.
NATIONAL_HEAD = re.compile(r"^(?:CONG\s*HOA(?:\s+XA\s+HOI(?:\s+CHU\s+NGHIA)?)?|DANG\s+CONG\s+SAN)$")


MOTTO_HEAD = re.compile(r"^DOC\s*LAP\b[-–—‐\sA-Z]*$")


DATE_TAIL = re.compile(r"^(?:THANG|NAM)\b")


def _incomplete(cell: Cell) -> bool:
    k = key(cell.plain)
    if NATIONAL_HEAD.match(k) or (MOTTO_HEAD.match(k) and not MOTTO.match(k)):
        return True
    if PLACE_DATE.match(k) and not re.search(r"\d{4}", k):
        return True
    return bool(NUMBER_LINE.match(k)) and not re.search(r"[\dA-Z]", k[2:].strip(" :."))


def _completes(head: str, joined: str) -> bool:
    k, j = key(head), key(joined)
    if NATIONAL_HEAD.match(k):
        return bool(NATIONAL_TITLE.match(j))
    if MOTTO_HEAD.match(k):
        return bool(MOTTO.match(j))
    if PLACE_DATE.match(k):
        return bool(DATE_TAIL.match(j[len(k) :].strip())) and bool(re.search(r"\d{4}", j))
    return bool(re.match(r"^\d+\s*[-/]?\s*[A-Z]", j[len(k) :].strip()))


def type_heading(cell: Cell) -> tuple[str, str] | None:
    """(type, title on the same line) of a type heading: "KẾ HOẠCH", or "KẾ HOẠCH Tổ chức
    Hội nghị ..." where the heading and the title were merged."""
    k = key(cell.plain)
    found = DOC_TYPE_LINE.match(k)
    if found:
        return DOC_TYPES[found.group(1)], ""
    inline = INLINE_TYPE.match(k)
    if not inline or not is_upper(cell.text[: inline.end(1)]):
        return None
    rest = cell.text[inline.end() :]
    first_word = rest.split()[0] if rest.split() else ""
    if len(rest) < 10 or not first_word[:1].isupper() or is_upper(first_word) or is_upper(rest):
        return None
    return DOC_TYPES[inline.group(1)], rest


INLINE_TYPE = re.compile(
    r"^(?:\*\*)?\s*(" + "|".join(sorted(DOC_TYPES, key=len, reverse=True)) + r")\s*(?:\*\*)?\s+"
)


def read_labelled(cell: Cell, header: Header) -> None:
    """A "Số hiệu: ..." / "Ngày ban hành: ..." line: its value is the field it names."""
    found = LABELLED.match(key(cell.plain))
    name, value = LABELS[found.group("label")], cell.plain[found.end() :].strip()
    header.blocks.append(Block("field", [cell]))
    if name == "number":
        header.number_seen = True
        number = normalise_number(value).rstrip(".,;")
        header.number = number if NUMBER_DIGITS.match(number) else None
    elif name == "date":  # not date_seen: the header's own date line, if any, is still read
        try:
            header.date = dt.date.fromisoformat(value)
            header.year = header.date.year
        except ValueError:
            spoken = value if key(value).startswith("NGAY") else f"ngày {value}"
            found_date = parse_date_line(spoken)
            header.date, header.year = found_date.date, found_date.year
            if found_date.problem:
                header.doubts.append(Doubt(cell.line, found_date.problem))
    elif name == "doc_type":
        header.given[name] = DOC_TYPES.get(key(value).strip(" *:"), value)
    elif name == "title":
        found_subject = SUBJECT_LINE.match(key(value))
        header.given[name] = value[found_subject.end() :].strip() if found_subject else value
    else:
        header.given[name] = value


def skip_blank(lines: list[str], i: int) -> int:
    while i < len(lines) and not lines[i].strip():
        i += 1
    return i
