"""The header: issuing body, quốc hiệu, number, place and date, type heading, title, Kính gửi.

The header is read from the top, cell by cell, until the first line that belongs to the
body. Two-column layouts arrive flattened in many ways (separate lines, TABs, runs of
spaces, merged lines), so each cell is recognised on its own, whatever its position.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from ..model import normalise_number
from .blocks import Block, Doubt
from .dates import parse_date_line
from .header_items import (
    ISSUER_BASIS,
    LABELLED,
    NOTE_ABOVE,
    NUMBER_DIGITS,
    first_anchor,
    header_cells,
    read_labelled,
    skip_blank,
    type_heading,
)
from .lines import Cell, is_upper
from .patterns import (
    BLANK_MARK,
    DOC_TYPES,
    MOTTO,
    NATIONAL_TITLE,
    NUMBER_LINE,
    PLACE_DATE,
    RECIPIENTS,
    RULE,
    SUBJECT_LINE,
    key,
)
from .title import TERMINAL, continues, read_title, title_text
from .unfold import place_start

NUMBER_VALUE = re.compile(r"^S[ốố]\s*[:.]?\s*(?P<value>.*)$", re.IGNORECASE)
#: A place-and-date line glued after the number with a single space.
MERGED_DATE = re.compile(
    r"\s((?:[^\W\d_]\S*\s){0,4}[^\W\d_][^\s,]*\s*,\s*ng[àa]y\b.*)$", re.IGNORECASE
)
NOTES = re.compile(r"^(DU THAO|MAT|TOI MAT|KHAN|HOA TOC|THUONG KHAN|BAN CHINH THUC)\b")
LIST_MARKER = re.compile(r"^[-+•–*]\s*")


@dataclass
class Header:
    """What the header says, and the blocks it is rendered from."""

    issuer_lines: list[Cell] = field(default_factory=list)
    number: str | None = None
    number_seen: bool = False
    place: str | None = None
    date: dt.date | None = None
    year: int | None = None
    date_seen: bool = False
    doc_type: str | None = None
    subject: bool = False  # a "V/v" line: the document is a Công văn
    title: str | None = None
    recipients: list[str] = field(default_factory=list)
    party: bool = False
    national_seen: bool = False
    given: dict[str, str] = field(default_factory=dict)  # "Cơ quan ban hành: ..." lines
    basis: list[Cell] = field(default_factory=list)  # "(Thành lập theo Quyết định số ...)"
    blocks: list[Block] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)
    end: int = 0  # index of the first body line


def parse_header(lines: list[str], start: int = 0) -> Header:
    """Read the header from line index `start` (0: the top of the document)."""
    header = Header()
    i = skip_blank(lines, start)
    anchor = first_anchor(lines, i)
    taken: set[tuple[int, int]] = set()
    title_cells: list[Cell] = []
    while i < len(lines):
        cells = header_cells(lines, i, taken)
        if not cells:
            i += 1
            continue
        if header.doc_type and not header.subject:
            break
        first = cells[0]
        typed = type_heading(first) if len(cells) == 1 and not header.doc_type else None
        if not typed and len(cells) == 1 and header.date_seen and not header.subject:
            typed = _upper_type_and_title(first)
        if typed:
            header.doc_type, inline = typed
            opening = None
            if inline:  # "KẾ HOẠCH Tổ chức Hội nghị ..." on one line
                heading = first.text[: -len(inline)].rstrip()
                header.blocks.append(Block("doc-type", [Cell(first.line, heading)]))
                opening = Cell(first.line, inline)
            else:
                header.blocks.append(Block("doc-type", [first]))
            i = read_title(lines, i + 1, header, title_cells, opening)
            break
        if RECIPIENTS.match(key(first.text)):
            break
        unread = _unread_cells(cells, header, title_cells)
        if unread:
            if i < anchor:  # a note above the header: kept as it is, and said
                for cell in unread:
                    header.blocks.append(Block("note", [cell]))
                    header.doubts.append(Doubt(cell.line, f"{NOTE_ABOVE}: '{cell.text[:60]}'"))
                i += 1
                continue
            if unread[0] is first and _subject_continues(cells, header, title_cells, lines, i):
                i += 1
                continue
            break
        i += 1
    if title_cells:
        header.title = title_text(title_cells)
    header.title = header.title or header.given.get("title")
    header.doc_type = header.doc_type or header.given.get("doc_type")
    i = _read_recipients(lines, i, header)
    header.end = i
    if header.number_seen and header.number is None:
        header.doubts.append(
            Doubt(_line_of(header, "number"), "số văn bản để trống [blank number]")
        )
    return header


def _unread_cells(cells: list[Cell], header: Header, title_cells: list[Cell]) -> list[Cell]:
    """Classify the cells of one line in order; the ones from the first that is not a header
    cell on (empty when every cell was read)."""
    for n, cell in enumerate(cells):
        if not _header_cell(cell, header, title_cells):
            return cells[n:]
    return []


def _header_cell(cell: Cell, header: Header, title_cells: list[Cell]) -> bool:
    """Classify one header cell into a block; False when it is not a header cell."""
    k = key(cell.plain)
    if NATIONAL_TITLE.match(k):
        header.national_seen = True
        header.party = k.startswith("DANG")
        header.blocks.append(Block("national", [cell]))
    elif MOTTO.match(k):
        header.blocks.append(Block("motto", [cell]))
    elif BLANK_MARK.match(cell.text):
        pass  # the star under a Party committee's name: furniture
    elif RULE.match(cell.text):
        header.blocks.append(Block("rule", [cell]))
    elif NUMBER_LINE.match(k) and cell.plain[:1] == "S":  # "số 111-KH/TU ..." is running text
        _read_number(cell, header)
    elif LABELLED.match(k) and not header.doc_type and not header.subject:
        read_labelled(cell, header)
    elif ISSUER_BASIS.match(k) and header.issuer_lines and not header.subject:
        header.basis.append(cell)  # "(Thành lập theo Quyết định số ...)" under the issuer
        header.blocks.append(Block("issuer-note", [cell]))
    elif PLACE_DATE.match(k) and not header.date_seen:
        _read_date(cell, header)
    elif SUBJECT_LINE.match(k) and not header.subject:
        header.subject = True
        cell, date = _subject_and_date(cell, header)
        title_cells.append(cell)
        header.blocks.append(Block("subject", [cell]))
        if date:
            header.blocks.append(Block("date", [date]))
    elif NOTES.match(k) and len(cell.plain) < 40:
        header.blocks.append(Block("note", [cell]))
    elif is_upper(cell.plain) and len(cell.plain) < 120:
        header.issuer_lines.append(cell)
        header.blocks.append(Block("issuer", [cell]))
    else:
        return False
    return True


def _upper_type_and_title(cell: Cell) -> tuple[str, str] | None:
    """ "KẾ HOẠCH TỔ CHỨC HỘI NGHỊ ..." below the date line: a type heading in capitals with
    its title on the same line (under the date, an upper-case line is no longer the issuer)."""
    found = INLINE_UPPER_TYPE.match(key(cell.plain))
    if not found or not is_upper(cell.plain) or len(cell.plain) > MAX_UPPER_HEADING:
        return None
    rest = cell.text[found.end() :].strip()
    return DOC_TYPES[found.group(1)], rest if len(rest.split()) >= 2 else ""


INLINE_UPPER_TYPE = re.compile(
    r"^(?:\*\*)?\s*(" + "|".join(sorted(DOC_TYPES, key=len, reverse=True)) + r")\s+(?=\S)"
)
MAX_UPPER_HEADING = 200


def _subject_and_date(cell: Cell, header: Header) -> tuple[Cell, Cell | None]:
    """ "V/v ... đặc biệt Hà Nội, ngày 27 tháng 3 năm 2026": a date line merged after the
    subject by one space is read as the date; the subject cell is what comes before it."""
    found = PLACE_DATE_IN_TEXT.search(cell.text)
    if not found or header.date_seen:
        return cell, None
    start = place_start(cell.text, found.start())
    date = Cell(cell.line, cell.text[start:], cell.col + 1)
    if start == 0 or not PLACE_DATE.match(key(date.plain)):
        return cell, None
    _read_date(date, header, text=date.plain)
    return Cell(cell.line, cell.text[:start].rstrip(), cell.col), date


PLACE_DATE_IN_TEXT = re.compile(r",\s*ng[àa]y\b")


def _read_number(cell: Cell, header: Header) -> None:
    header.number_seen = True
    value = NUMBER_VALUE.match(cell.plain).group("value")
    merged = MERGED_DATE.search(value)
    if merged:  # "Số: 12/KH-UBND Đồng Nai, ngày ..." merged by one space
        _read_date(cell, header, text=merged.group(1))
        value = value[: merged.start()]
    number = normalise_number(value).rstrip(".,;")
    header.number = number if NUMBER_DIGITS.match(number) else None
    header.blocks.append(Block("number", [cell]))


def _read_date(cell: Cell, header: Header, text: str | None = None) -> None:
    header.date_seen = True
    found = parse_date_line(text or cell.plain)
    header.place, header.date, header.year = found.place, found.date, found.year
    if found.problem:
        header.doubts.append(Doubt(cell.line, found.problem))
    if text is None:
        header.blocks.append(Block("date", [cell]))


def _subject_continues(cells, header, title_cells, lines, i) -> bool:
    """The V/v subject goes on over lines that are not header items ("số 111-KH/TU ...")."""
    if not (header.subject and title_cells and len(cells) >= 1):
        return False
    last = title_cells[-1]
    if last.line != i or TERMINAL.search(last.text):  # only directly below, no blank line
        return False
    first = cells[0]
    if not (continues(first.plain) or _header_follows(lines, i + 1)):
        return False
    title_cells.append(first)
    header.blocks.append(Block("subject", [first]))
    return all(_header_cell(c, header, title_cells) for c in cells[1:])


def _header_follows(lines: list[str], start: int, within: int = 4) -> bool:
    """Does a header item (quốc hiệu, motto, place and date) come within the next lines?

    Then a capitalised line under an open "V/v" subject ("Xuân Quê hương" năm 2025) is still
    the subject: the left column of the header has not ended."""
    seen = 0
    for raw in lines[start:]:
        text = " ".join(raw.split())
        if not text:
            continue
        k = key(text)
        if NATIONAL_TITLE.match(k) or MOTTO.match(k) or PLACE_DATE.match(k):
            return True
        seen += 1
        if seen >= within:
            return False
    return False


def _read_recipients(lines: list[str], i: int, header: Header) -> int:
    """ "Kính gửi:" and the addressees after it, inline or one per marked line."""
    j = skip_blank(lines, i)
    if j >= len(lines):
        return i
    first = " ".join(lines[j].split())
    found = RECIPIENTS.match(key(first))
    if not found:
        return i
    cut = len(first) - len(first[found.end() :])  # key() keeps offsets
    label = Cell(j + 1, first[:cut].strip())
    header.blocks.append(Block("recipients-label", [label]))
    inline = first[cut:].strip()
    items: list[Cell] = []
    if inline:
        items.append(Cell(j + 1, inline))
    j += 1
    while j < len(lines):
        raw = lines[j]
        text = " ".join(raw.split())
        if not text:
            if items and j + 1 < len(lines) and not lines[j + 1].strip():
                break
            nxt = skip_blank(lines, j)
            if items or nxt >= len(lines) or not LIST_MARKER.match(lines[nxt].strip()):
                break
            j = nxt
            continue
        marked = LIST_MARKER.match(text)
        indented = (
            raw[:1] in "\t " and len(text) < 100 and items and items[-1].text.endswith((";", ","))
        )
        if not (marked or indented):
            break
        items.append(Cell(j + 1, text))
        j += 1
    for item in items:
        header.blocks.append(Block("recipient", [item]))
        name = LIST_MARKER.sub("", item.text).strip().rstrip(";,.").strip()
        if name:
            header.recipients.append(name)
    return j


def _line_of(header: Header, kind: str) -> int:
    return next((b.line for b in header.blocks if b.kind == kind), 0)
