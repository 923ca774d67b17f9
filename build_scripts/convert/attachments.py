"""Attachments: what follows the signed document (the regulation a decision issues, an
appendix, a form template with its own quốc hiệu, blank date and Nơi nhận).

The metadata is the first, real header's; each attachment is read with the same steps as a
document (header, body, closing) so it keeps its layout, and rendered in the page as an
attachment. An attachment only starts after a closing: a "PHỤ LỤC" or a quốc hiệu inside the
body is the body's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block
from .body import parse_body
from .closing import SIGNED_NOTE, find_closing_start, is_name, parse_closing
from .header import parse_header
from .lines import Cell, cells_of, collapse, is_upper
from .patterns import (
    DISTRIBUTION,
    DOC_TYPE_LINE,
    ISSUED_WITH,
    NATIONAL_TITLE,
    NUMBER_LINE,
    PLACE_DATE,
    RULE,
    SIGN_AUTHORITY,
    SIGN_POSITION,
    key,
)

#: The heading of an appendix or a form: "PHỤ LỤC II", "Mẫu số 01", "BIỂU MẪU".
ATTACHMENT_HEAD = re.compile(r"^(?:PHU\s+LUC|MAU\s+(?:SO\s+)?\d+|BIEU\s+MAU|DANH\s+SACH\s+KEM)\b")
#: How far above "(Ban hành kèm theo ...)" its type heading and title may start.
MAX_TITLE_ABOVE = 6


@dataclass
class Attachment:
    """One attachment: its own header, body and closing blocks."""

    header: list[Block] = field(default_factory=list)
    body: list[Block] = field(default_factory=list)
    closing: list[Block] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in (*self.header, *self.body, *self.closing))


def find_attachments(lines: list[str], lower: int) -> list[int]:
    """Indices of the lines where attachments start, after the document's closing.

    The first attachment needs a closing before it; a later one may follow an attachment
    that has none (an appendix), when it opens with a quốc hiệu or a "PHỤ LỤC"/"Mẫu số" line
    after some text of the previous one."""
    starts: list[int] = []
    floor: int | None = None  # the line after the last closing anchor, when one was seen
    in_head = False  # still in the header of the attachment that just started
    previous = ""
    for i in range(lower, len(lines)):
        text = collapse(lines[i])
        if not text:
            continue
        if floor is None and not starts and not _may_close(text, previous):
            previous = text  # before the first closing only a closing anchor matters
            continue
        cells = cells_of(i + 1, lines[i])
        if _closing_anchor(cells, previous):
            floor, in_head = i + 1, False
        elif _opens(lines, i, cells) and (
            floor is not None or (starts and not in_head and _opens_strongly(cells))
        ):
            start = _start_of(lines, i, floor if floor is not None else starts[-1] + 1)
            if not starts or start > starts[-1]:
                starts.append(start)
            floor, in_head = None, True
        elif in_head and not _header_like(text) and not _opens(lines, i, cells):
            in_head = False
        previous = text
    return starts


#: What a closing anchor line holds somewhere: cheap to test on every line of a long body.
CLOSING_HINT = re.compile(
    r"N[ơo]i\s+nh[ậa]n|(?:^|\s)(?:[TK]\s*/\s*[MTL]|TM|KT|TL|TUQ|Q)\s*\.?\s", re.IGNORECASE
)


def _may_close(text: str, previous: str) -> bool:
    if len(text) > MAX_ANCHOR_LINE:
        return False
    return bool(CLOSING_HINT.search(text)) or (previous.isupper() and len(text) < 60)


#: A closing anchor line (a Nơi nhận item beside "KT. CHỦ TỊCH") is never longer.
MAX_ANCHOR_LINE = 200


def _opens_strongly(cells) -> bool:
    """A quốc hiệu or an appendix/form heading: a new attachment even without a closing."""
    first = key(cells[0].plain)
    return bool(ATTACHMENT_HEAD.match(first)) or any(
        NATIONAL_TITLE.match(key(c.plain)) for c in cells
    )


def read_attachments(lines: list[str], starts: list[int]) -> list[Attachment]:
    """Each attachment read as a document of its own, between its start and the next one."""
    out = []
    for n, start in enumerate(starts):
        end = starts[n + 1] if n + 1 < len(starts) else len(lines)
        part = lines[:end]
        heading, first = _appendix_heading(part, start)
        header = parse_header(part, first)
        header.blocks[:0] = heading
        closing = parse_closing(part, find_closing_start(part, header.end))
        body = parse_body(part, header.end, closing.start, header.doc_type)
        out.append(Attachment(header.blocks, body, closing.blocks))
    return out


def _appendix_heading(lines: list[str], start: int) -> tuple[list[Block], int]:
    """ "PHỤ LỤC I" / "DANH SÁCH ..." / "(Kèm theo ...)": the heading of an appendix or a form,
    as type, title and kèm-theo blocks; and the index of the line after it."""
    text = collapse(lines[start])
    if not ATTACHMENT_HEAD.match(key(text)) or len(cells_of(start + 1, lines[start])) > 1:
        return [], start
    blocks = [Block("doc-type", [Cell(start + 1, text)])]
    i = start + 1
    while i < len(lines) and (text := collapse(lines[i])):
        cells = cells_of(i + 1, lines[i])
        if len(cells) > 1 or any(NATIONAL_TITLE.match(key(c.plain)) for c in cells):
            break
        if ISSUED_WITH.match(key(text)):
            blocks.append(Block("issued-with", [Cell(i + 1, text)]))
            return blocks, i + 1
        if not is_upper(text):
            break
        blocks.append(Block("title", [Cell(i + 1, text)]))
        i += 1
    return blocks, i


def _closing_anchor(cells, previous: str) -> bool:
    """A Nơi nhận line, a TM./KT. line, or a name under a position line."""
    first = cells[0]
    if DISTRIBUTION.match(key(first.plain)):
        return True
    if any(SIGN_AUTHORITY.match(key(c.text)) for c in cells):
        return True
    return is_name(first.plain) and len(cells) == 1 and _is_position(previous)


def _is_position(text: str) -> bool:
    return is_upper(text) and bool(SIGN_POSITION.match(key(text.strip("* "))))


def _opens(lines: list[str], i: int, cells) -> bool:
    """Does line i open an attachment (quốc hiệu, appendix or form heading, a type heading,
    or the "kèm theo" line under one)?"""
    if any(NATIONAL_TITLE.match(key(c.plain)) for c in cells):
        return True
    first = cells[0].plain
    k = key(first)
    if len(first) <= 120 and (ATTACHMENT_HEAD.match(k) or ISSUED_WITH.match(k)):
        return True
    return len(cells) == 1 and is_upper(first) and bool(DOC_TYPE_LINE.match(k))


def _start_of(lines: list[str], i: int, floor: int) -> int:
    """Back from the opening line over the attachment's own header: issuer lines above its
    quốc hiệu, the type heading and title above its "kèm theo" line."""
    k = key(collapse(lines[i]))
    start = i
    if ISSUED_WITH.match(k):
        for j in range(i - 1, max(floor, i - MAX_TITLE_ABOVE) - 1, -1):
            text = collapse(lines[j])
            if not text:
                break
            if DOC_TYPE_LINE.match(key(text)) or ATTACHMENT_HEAD.match(key(text)):
                start = j
                break
    j = start - 1
    while j >= floor:
        text = collapse(lines[j])
        if text and not _header_like(text):
            break
        if text:
            start = j
        j -= 1
    return start


def _header_like(text: str) -> bool:
    """A line of an attachment's own header, above the line that opened it."""
    k = key(text)
    if SIGN_AUTHORITY.match(k) or SIGNED_NOTE.match(k) or _is_position(text):
        return False
    return (
        (is_upper(text) and len(text) < 120)
        or bool(NUMBER_LINE.match(k))
        or bool(PLACE_DATE.match(k))
        or bool(BLANK_DATE.search(k))
        or bool(RULE.match(text))
    )


#: A form's date line left to fill in: "......, ngày ... tháng ... năm ...".
BLANK_DATE = re.compile(r",\s*NGAY\b.*THANG")
