"""The closing: "Nơi nhận" list, signature block (TM./KT. line, position, name) and what
follows the name (the signer's substantive post, footnote bodies).

In Word the two sit side by side in a table, so the text export may put the last Nơi nhận
line and "KT. CHỦ TỊCH" on one line, separated by a TAB: each cell is read on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .blocks import Block, Doubt
from .lines import Cell, cells_of, is_upper
from .patterns import BLANK_MARK, DISTRIBUTION, SIGN_AUTHORITY, key

LIST_MARKER = re.compile(r"^[-+•–*]\s*")
FOOTNOTE_BODY = re.compile(r"^(?:\ufffd|[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\[\d{1,3}\])\s*\S")
NAME_WORD = re.compile(r"^[^\W\d_][^\W\d_]*$")
POSITION = re.compile(
    r"\b(CHU TICH|TRUONG|GIAM DOC|BI THU|PHO|THUONG TRUC|BAN|UY BAN|CUC|VU|TONG|THU KY|UY VIEN|"
    r"CHANH|DOAN|HOI|DANG|VIEN|THU TRUONG|TM|KT|TL|TUQ)\b"
)
MAX_POSITION = 90
#: A Nơi nhận or signature line, even beside a list item, is never longer.
MAX_ANCHOR_LINE = 200
#: A brace beside several Nơi nhận lines, split over them: "... VN; (Để" / "... ủy; báo cáo)".
BRACE_OPEN = re.compile(r"[;,]?\s*\((?P<text>[^()]*)$")
BRACE_CLOSE = re.compile(r"[;,]\s+(?P<text>[^();,]+)\)$")


@dataclass
class Closing:
    """What the closing says, and the blocks it is rendered from."""

    start: int  # index of the first closing line (len(lines) when there is none)
    blocks: list[Block] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    signer: str | None = None
    signer_title: str | None = None
    footnotes: list[Block] = field(default_factory=list)
    doubts: list[Doubt] = field(default_factory=list)


#: "(Đã ký)", "(Ký tên, đóng dấu)", "(đã ký và đóng dấu)": where the signature was, on a copy.
#: A form's "(Ký, ghi rõ họ tên)" too.
SIGNED_NOTE = re.compile(r"^\(\s*(?:DA\s+)?KY\b[^()]{0,40}\)$")


def find_closing_start(lines: list[str], lower: int) -> int:
    """Where the closing starts: the "Nơi nhận" line or the signature, whichever is first."""
    dist = sig = None
    for i in range(len(lines) - 1, lower - 1, -1):
        if len(lines[i]) > MAX_ANCHOR_LINE:
            continue  # a body paragraph; reading its cells is most of the cost of this loop
        cells = cells_of(i + 1, lines[i])
        if dist is None and cells and DISTRIBUTION.match(key(cells[0].plain)):
            dist = i
        if sig is None and any(SIGN_AUTHORITY.match(key(c.text)) for c in cells):
            sig = i
    found = [i for i in (dist, sig) if i is not None]
    if found:
        return min(found)
    return _bare_signature(lines, lower)


def _bare_signature(lines: list[str], lower: int) -> int:
    """No "Nơi nhận" and no TM./KT. line: a name at the end, with position lines above it."""
    i = len(lines) - 1
    while i >= lower and (not lines[i].strip() or FOOTNOTE_BODY.match(lines[i].strip())):
        i -= 1
    if i < lower or not is_name(" ".join(lines[i].split())):
        return len(lines)
    start = i
    j = i - 1
    while j >= lower:
        text = " ".join(lines[j].split())
        if text and not (
            is_upper(text) and len(text) <= MAX_POSITION and POSITION.search(key(text))
        ):
            break
        if text:
            start = j
        j -= 1
    return start


def is_name(text: str) -> bool:
    """A person's name: two to six capitalised words, no digits ("Nguyễn Thị Hồng Trang")."""
    words = text.strip("* ").split()
    return 2 <= len(words) <= 6 and all(
        NAME_WORD.match(w) and w[0].isupper() and (w[1:].islower() or len(w) == 1) for w in words
    )


def parse_closing(lines: list[str], start: int) -> Closing:
    """Read the closing from `start` to the end of the text."""
    closing = Closing(start)
    reader = _Reader(closing, lines)
    for i in range(start, len(lines)):
        if not lines[i].strip():
            reader.blank()
            continue
        for cell in cells_of(i + 1, lines[i]):
            reader.cell(cell, lines[i])
        reader.end_line()
    reader.finish()
    return closing


class _Reader:
    """Cell-by-cell state of the closing: in the list, in the signature, after the name."""

    def __init__(self, closing: Closing, lines: list[str]):
        self.closing = closing
        self.in_list = False
        self.tab_items = self._tab_style(lines)
        self.item: Block | None = None
        self.blank_since_item = False
        self.titles: list[str] = []

    def _tab_style(self, lines: list[str]) -> bool:
        """Word list bullets are lost in the export: then items start with a TAB instead."""
        rows = [line for line in lines[self.closing.start :] if line.strip()]
        dashes = sum(1 for line in rows if LIST_MARKER.match(line.strip()))
        tabs = sum(
            1 for line in rows if line.startswith("\t") and not LIST_MARKER.match(line.strip())
        )
        return tabs > dashes

    def blank(self) -> None:
        self.blank_since_item = True

    def end_line(self) -> None:
        pass

    def cell(self, cell: Cell, raw: str) -> None:
        k = key(cell.plain)
        closing = self.closing
        if DISTRIBUTION.match(k) and not closing.signer:
            self.in_list = True
            found = DISTRIBUTION.match(k)
            closing.blocks.append(Block("dist-label", [cell]))
            rest = cell.text[found.end() :].strip()
            if rest:
                self._new_item(Cell(cell.line, rest, cell.col))
            return
        if closing.signer and self.in_list and cell.col == 0 and LIST_MARKER.match(cell.text):
            self._new_item(cell)  # the name beside a list line; the list goes on under it
        elif closing.signer:
            self._after_name(cell)
        elif SIGN_AUTHORITY.match(k):
            self._title(cell)
        elif BLANK_MARK.match(cell.text):
            pass  # the box left for the seal or signature: furniture, not text
        elif SIGNED_NOTE.match(k):  # "(Đã ký)" stands in for the signature on a copy
            closing.blocks.append(Block("sign-note", [cell]))
        elif (self.titles or cell.col > 0) and self._is_position(cell):
            self._title(cell)
        elif (self.titles or not self.in_list or self.blank_since_item) and is_name(cell.plain):
            closing.signer = cell.plain
            closing.blocks.append(Block("signer", [cell]))
        elif (
            self.in_list
            and cell.col > 0
            and is_upper(cell.plain)
            and len(cell.plain) <= MAX_POSITION
        ):
            self._title(cell)  # the signature column beside a list line ("NGƯỜI LÀM ĐƠN")
        elif self.in_list:
            self._list_cell(cell, raw)
        elif self._is_position(cell):
            self._title(cell)
        else:
            self._other(cell)

    def _is_position(self, cell: Cell) -> bool:
        return (
            is_upper(cell.plain)
            and len(cell.plain) <= MAX_POSITION
            and not LIST_MARKER.match(cell.text)
            and bool(POSITION.search(key(cell.plain)))
        )

    def _title(self, cell: Cell) -> None:
        self.titles.append(cell.plain)
        self.closing.blocks.append(Block("sign-title", [cell]))

    def _list_cell(self, cell: Cell, raw: str) -> None:
        marked = LIST_MARKER.match(cell.text)
        tab_start = cell.col == 0 and raw[:1] == "\t"
        if marked or (self.tab_items and tab_start) or self.item is None:
            self._new_item(cell)
        elif self._is_position(cell):  # "GIÁM ĐỐC" right under the list: the signature
            self._title(cell)
        elif not self.blank_since_item:
            self.item.cells.append(cell)
        else:
            self._new_item(cell)

    def _new_item(self, cell: Cell) -> None:
        self.item = Block("dist-item", [cell])
        self.closing.blocks.append(self.item)
        self.blank_since_item = False

    def _after_name(self, cell: Cell) -> None:
        closing = self.closing
        if FOOTNOTE_BODY.match(cell.text):
            block = Block("footnote", [cell])
            closing.footnotes.append(block)
            closing.blocks.append(block)
        elif closing.footnotes:
            closing.footnotes[-1].cells.append(cell)
        elif is_upper(cell.plain) and len(cell.plain) <= MAX_POSITION:
            closing.blocks.append(Block("signer-post", [cell]))
        else:
            self._other(cell)

    def _other(self, cell: Cell) -> None:
        self.closing.blocks.append(Block("paragraph", [cell]))
        self.closing.doubts.append(
            Doubt(
                cell.line,
                f"dòng không rõ vai trò ở phần cuối, giữ nguyên: '{cell.text[:60]}' "
                "[unclassified line in the closing]",
            )
        )

    def finish(self) -> None:
        closing = self.closing
        items = [
            LIST_MARKER.sub("", b.text).strip() for b in closing.blocks if b.kind == "dist-item"
        ]
        items = [t.rstrip(";,.").strip() for t in _close_braces(items)]
        closing.distribution.extend(t for t in items if t)
        if self.titles:
            closing.signer_title = " / ".join(t.strip("* ") for t in self.titles)
        if not closing.signer and closing.start < 10**9:
            line = closing.blocks[-1].line if closing.blocks else 0
            closing.doubts.append(Doubt(line, "không tìm thấy tên người ký [no signer name]"))


def _close_braces(items: list[str]) -> list[str]:
    """Give each line a brace spans its note: ["A; (Để", "B; báo cáo)"] -> ["A (Để báo cáo)",
    "B (Để báo cáo)"]."""
    out = list(items)
    for i, item in enumerate(out):
        opened = BRACE_OPEN.search(item)
        if not opened or not opened.group("text").strip():
            continue
        for j in range(i + 1, min(i + 4, len(out))):
            closed = BRACE_CLOSE.search(out[j])
            if closed and "(" not in out[j]:
                note = f"({opened.group('text').strip()} {closed.group('text').strip()})"
                out[i] = item[: opened.start()]
                out[j] = out[j][: closed.start()]
                for k in range(i, j + 1):
                    out[k] = f"{out[k].rstrip(';, ')} {note}"
                break
    return out
