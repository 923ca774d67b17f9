"""The body as structure: Roman sections, Chương/Phần/Bước, numbered headings, paragraphs,
bullets. Lines keep their order; a line broken by a page break is joined back.

Quoted passages (law articles cited in full) are kept as plain paragraphs: their "Điều 56."
and "1." belong to the quoted law, not to this document.
"""

from __future__ import annotations

import re

from .blocks import Block
from .lines import Cell, collapse, is_upper
from .patterns import BLANK_MARK, ends_mid_sentence

ROMAN = re.compile(r"^(?:X{0,2})(?:IX|IV|V?I{1,3}|V|X)\s*[.\-–):/]\s*\S")
PART = re.compile(r"^(PHẦN|Phần|CHƯƠNG|Chương|BƯỚC|Bước)\s+\S")
SECTION = re.compile(r"^(MỤC|Mục)\s+[\dIVX]+\b")
ARTICLE = re.compile(r"^Điều\s+\d+\s*[.:]")
LETTER = re.compile(r"^[A-ZĐ]\s*[.)]\s+\S")
NUMBERED = re.compile(r"^\d{1,2}\s*\.\s*\S")
SUBNUMBERED = re.compile(r"^\d{1,2}\.\d{1,2}(?:\.\d{1,2})?\.?\s+\S")
BULLET = re.compile(r"^(?P<mark>[-+•–]|\*(?=\s))\s*(?=\S)")
TERMINAL = re.compile(r"[.:;!?…]\s*$|\./\.$")
#: Types whose body is organised in articles (Điều).
ARTICLE_TYPES = {
    "Quyết định",
    "Quy chế",
    "Quy định",
    "Nghị quyết",
    "Điều lệ",
    "Nghị định",
    "Thông tư",
}
MAX_HEADING = 160
#: A page break (its number and form feed dropped) leaves up to this many blank lines.
MAX_BREAK_BLANKS = 6


def parse_body(lines: list[str], start: int, end: int, doc_type: str | None) -> list[Block]:
    """Blocks of the body between the header and the closing, in source order."""
    blocks: list[Block] = []
    quote_open = False
    blanks = 0
    bullet_marks: list[str] = []
    for i in range(start, end):
        text = collapse(lines[i])
        if not text or BLANK_MARK.match(text):  # a lone "□" or "*" is furniture
            blanks += 1
            continue
        cell = Cell(i + 1, text)
        previous = blocks[-1] if blocks else None
        if previous and _page_number(previous, text, lines, i, end):
            blanks += 1  # the number of a page that broke a sentence: furniture
            continue
        if previous and _continues(previous, text, blanks):
            previous.cells.append(cell)
            quote_open = _quote_state(quote_open, text)
            blanks = 0
            continue
        blanks = 0
        if quote_open:
            block = Block("paragraph", [cell])
        else:
            block = _classify(cell, doc_type, previous, bullet_marks)
        if (
            block.kind == "heading"
            and previous
            and previous.kind == "heading"
            and is_upper(text)
            and is_upper(previous.text)
            and previous.cells[-1].line == i
        ):
            previous.cells.append(cell)  # a heading broken over two upper-case lines
        else:
            blocks.append(block)
        quote_open = _quote_state(quote_open, text)
    return blocks


def _classify(
    cell: Cell, doc_type: str | None, previous: Block | None, bullet_marks: list[str]
) -> Block:
    text = cell.plain
    # A line that ends on "ngày", "của", a comma... is a sentence cut by a break, not a heading.
    short = len(text) <= MAX_HEADING and not TERMINAL.search(text) and not ends_mid_sentence(text)
    if ROMAN.match(text) and len(text) <= MAX_HEADING:
        return Block("heading", [cell], level=2)
    if PART.match(text) and len(text) <= MAX_HEADING:
        return Block("heading", [cell], level=2)
    if SECTION.match(text) and short:
        return Block("heading", [cell], level=3)
    if ARTICLE.match(text) and doc_type in ARTICLE_TYPES:
        # "Điều 2. Hiệu lực" is a heading; an article whose text follows its number on the
        # same line stays a paragraph, its "Điều 2." shown in bold so articles can be scanned.
        return Block("heading", [cell], level=3) if short else Block("article", [cell])
    if SUBNUMBERED.match(text) and short:
        return Block("heading", [cell], level=4)
    if NUMBERED.match(text) and short and not SUBNUMBERED.match(text):
        return Block("heading", [cell], level=3)
    if LETTER.match(text) and is_upper(text) and len(text) <= MAX_HEADING:
        return Block("heading", [cell], level=3)
    bullet = BULLET.match(cell.text)
    if bullet:
        mark = bullet.group("mark")
        if previous is None or previous.kind != "item" or mark == "*":
            bullet_marks.clear()  # "* Thời gian thực hiện:" heads the dashes under it
        if mark not in bullet_marks:
            bullet_marks.append(mark)
        return Block("item", [cell], level=min(bullet_marks.index(mark), 1), prefix=bullet.group())
    if is_upper(text) and len(text) <= MAX_HEADING and len(text.split()) >= 2:
        return Block("heading", [cell], level=3)
    return Block("paragraph", [cell])


def _continues(previous: Block, text: str, blanks: int) -> bool:
    """A paragraph cut by a page or line break goes on with a lower-case word or punctuation."""
    if previous.kind not in ("paragraph", "item", "article") or blanks > MAX_BREAK_BLANKS:
        return False
    last = previous.cells[-1].text
    if TERMINAL.search(last):
        return False
    first = text[:1]
    if (
        first.isdigit()
        and ends_mid_sentence(last)
        and not last.endswith(",")
        and not (NUMBERED.match(text) or SUBNUMBERED.match(text))
    ):
        return True  # "... Thông tri số 01-TT/TU ngày" / "14/4/2022 của Ban Thường vụ"
    if blanks > 2:
        return False
    return first.islower() or (first in ",;.)" and not text.startswith("..."))


def _page_number(previous: Block, text: str, lines: list[str], i: int, end: int) -> bool:
    """A bare number on its own line between the two halves of a sentence ("... ngày" / "2" /
    "14/4/2022 của ..."): the page number a page break left, not the text's."""
    if not BARE_NUMBER.match(text) or int(text) < 2 or previous.kind == "heading":
        return False
    if TERMINAL.search(previous.cells[-1].text):
        return False
    j = i + 1
    while j < end and not lines[j].strip():
        j += 1
    if j >= end:
        return False
    following = collapse(lines[j])
    return _continues(previous, following, 2) and not BARE_NUMBER.match(following)


BARE_NUMBER = re.compile(r"^\d{1,3}$")


def _quote_state(open_: bool, text: str) -> bool:
    """Whether a quotation is still open after this line (“...” or straight quotes)."""
    curly = text.count("“") - text.count("”")
    if curly:
        open_ = curly > 0
    if text.count('"') % 2:
        open_ = not open_
    return open_
