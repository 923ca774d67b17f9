"""The title (trích yếu) under the type heading, over one line or several, and the title of a
type that has none (Giấy mời, Thông báo...), taken from its first sentence.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from .blocks import Block
from .lines import Cell, is_upper
from .patterns import ISSUED_WITH, RECIPIENTS, RULE, SIGN_POSITION, SUBJECT_LINE, key

if TYPE_CHECKING:
    from .header import Header

TERMINAL = re.compile(r"[.:;!?…]\s*$")


#: Lines that open the body right after the title ("Căn cứ ...", "Thực hiện ...").
BODY_OPENERS = re.compile(
    r"^(CAN CU|THUC HIEN|THEO DE NGHI|THEO|TRA LOI|XET|DE|NHAM|NGAY|VUA QUA|HIEN NAY|TRONG)\b"
)


#: A title line is rarely longer; a body paragraph usually is.
MAX_TITLE_LINE = 160


#: Types that often have no trích yếu: their title comes from their first sentence.
UNTITLED_TYPES = {
    "Giấy phép",
    "Giấy mời",
    "Giấy giới thiệu",
    "Giấy chứng nhận",
    "Thông báo",
    "Thư",
    "Thư mời",
    "Lời kêu gọi",
    "Công điện",
    "Thông cáo",
}


#: Opening clauses that are not what a document is about ("Căn cứ Luật ...").
PREAMBLE = re.compile(r"^(?:CAN CU|XET|THEO DE NGHI|THUC HIEN)\b")


SENTENCE_END = re.compile(r"[.:;!?](?=\s|$)")


def title_from_text(body: list[Block]) -> tuple[str | None, int]:
    """The first sentence of the body that says what the document is about, for a type
    without a trích yếu; (None, 0) when there is none."""
    for block in body:
        text = " ".join(block.text.split())
        if PREAMBLE.match(key(text)) or len(text.split()) < 3:
            continue
        end = SENTENCE_END.search(text)
        sentence = text[: end.start()] if end else text
        if len(sentence) > MAX_TITLE_LINE:
            sentence = sentence[:MAX_TITLE_LINE].rsplit(" ", 1)[0]
        return sentence.strip(" ,;-–"), block.line
    return None, 0


def read_title(
    lines: list[str], i: int, header: Header, title_cells: list[Cell], opening: Cell | None = None
) -> int:
    """The title (trích yếu) under the type heading, over one or several lines; `opening`:
    its first part when it shares the heading's line."""
    block = Block("title", [opening] if opening else [])
    previous: Cell | None = opening
    blank_run = 0
    while i < len(lines):
        text = " ".join(lines[i].split())
        if not text:
            blank_run += 1
            i += 1
            continue
        cell = Cell(i + 1, text)
        k = key(cell.plain)
        if previous is None:
            # "Thực hiện ..." may open a title; "Căn cứ ..." never does.
            if k.startswith("CAN CU") or RECIPIENTS.match(k) or len(text) > 2 * MAX_TITLE_LINE:
                break
            if header.doc_type in UNTITLED_TYPES and _sentence(text) and not SUBJECT_LINE.match(k):
                break  # "GIẤY MỜI" then "Ủy ban ... trân trọng kính mời ...": the body
        else:
            if ISSUED_WITH.match(k):  # "(Ban hành kèm theo Quyết định số ...)" ends the title
                header.blocks.append(block)
                header.blocks.append(Block("issued-with", [cell]))
                title_cells.extend(block.cells)
                return i + 1
            if RULE.match(text):
                header.blocks.append(block)
                header.blocks.append(Block("rule", [cell]))
                title_cells.extend(block.cells)
                return i + 1
            joined = (
                blank_run == 0
                and not BODY_OPENERS.match(k)
                and not RECIPIENTS.match(k)
                and (
                    continues(text)
                    or (
                        len(text) < MAX_TITLE_LINE
                        and not TERMINAL.search(previous.text)
                        and (not is_upper(text) or _upper_title_goes_on(previous.text, text))
                    )
                )
            )
            across_blank = blank_run == 1 and continues(text) and not TERMINAL.search(previous.text)
            if not (joined or across_blank):
                break
        block.cells.append(cell)
        previous = cell
        blank_run = 0
        i += 1
    if block.cells:
        header.blocks.append(block)
        title_cells.extend(block.cells)
    return i


def _upper_title_goes_on(previous: str, text: str) -> bool:
    """A title in capitals goes on over capital lines, but not into a numbered heading or
    the authority line of a decision ("CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH")."""
    k = key(text)
    return (
        is_upper(previous)
        and not NUMBERED_HEAD.match(text)
        and not SIGN_POSITION.match(k)
        and not k.startswith(
            ("BAN THUONG VU", "BAN CHAP HANH", "QUYET DINH", "UY BAN", "HOI DONG NHAN DAN")
        )
    )


NUMBERED_HEAD = re.compile(r"^(?:[IVXLC]+|\d{1,2}|[A-ZĐ])\s*[.):/-]\s|^(?:PHẦN|CHƯƠNG|MỤC|ĐIỀU)\b")


def continues(text: str) -> bool:
    """A line that carries on the previous one: it starts lower-case or with punctuation."""
    first = text.lstrip('*"“( ')[:1]
    return bool(first) and (first.islower() or first in ",;.)–-")


def title_text(cells: list[Cell]) -> str:
    text = " ".join(c.plain for c in cells)
    found = SUBJECT_LINE.match(key(text))
    if found:
        text = text[found.end() :]
    return " ".join(text.split()).strip(" .;:")


def _sentence(text: str) -> bool:
    """A full sentence, as a body opens with, rather than a title."""
    return bool(TERMINAL.search(text)) or len(text) > MAX_TITLE_LINE
