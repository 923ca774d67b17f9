"""Markdown and HTML exports of a directive (pandoc, markitdown, mammoth): the document's
lines without the export's syntax.

A table row whose cells hold one line each becomes one line, cells joined by TABs (as a
text export of the two-column header reads); a row whose cells hold several paragraphs is
read cell by cell, as docx_reader reads a Word table. Emphasis wrapped around a whole line
and backslash escapes go; bold inside a line stays `**bold**`, which the renderer shows.
HTML is read with lxml's parser, never with patterns on tags.
"""

from __future__ import annotations

import itertools
import re

import lxml.html

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm", ".xhtml")

ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|<>~\"'])")
WHOLE_EMPHASIS = re.compile(r"^(\*\*\*|\*\*|__|\*|_)(?=\S)(.+?)(?<=\S)\1$")
UNDERSCORE_BOLD = re.compile(r"(?<!\w)__(?=\S)(.+?)(?<=\S)__(?!\w)")
STAR_ITALIC = re.compile(r"(?<![*\w])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![*\w])")
UNDERSCORE_ITALIC = re.compile(r"(?<![_\w])_(?=[^\s_])([^_]+?)(?<=[^\s_])_(?![_\w])")
ATX_HEADING = re.compile(r"^#{1,6}\s+(.*?)\s*#*\s*$")
GRID_BORDER = re.compile(r"^\s*\+(?:[-=:]+\+)+\s*$")
PIPE_SEPARATOR = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
EM_DASH = re.compile(r"(?<=[\w\s])---(?=[\w\s])")
EN_DASH = re.compile(r"(?<=[\w\s])--(?=[\w\s])")
STRAIGHT_QUOTES = re.compile(r'(?<![\w"])"([^"\n]+?)"(?![\w"])')
#: The borders and column rule of pandoc's simple and multiline tables.
DASH_BORDER = re.compile(r"^\s*-{10,}\s*$")
DASH_COLUMNS = re.compile(r"^\s*-{3,}(?:\s+-{3,})+\s*$")
SETEXT_RULE = re.compile(r"^\s*(?:=+|-{3,})\s*$")
BR = re.compile(r"<br\s*/?>", re.IGNORECASE)
#: Paragraphs inside a pipe-table cell: `<br>` (pandoc, mammoth) or two spaces (markitdown).
CELL_BREAK = re.compile(r"<br\s*/?>|\s{2,}", re.IGNORECASE)
BLOCK_TAGS = frozenset(
    [
        *("p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr"),
        *("blockquote", "section", "article", "header", "footer", "pre", "address", "center"),
    ]
)


def looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or "<body" in head


def looks_like_markdown(text: str) -> bool:
    """A grid or pipe table of an export, or `**` around a whole line."""
    lines = text.split("\n")[:80]
    return any(GRID_BORDER.match(x) or PIPE_SEPARATOR.match(x) for x in lines)


def read_html(text: str) -> str:
    """The lines of an HTML export: one per paragraph, list item or table row."""
    root = lxml.html.document_fromstring(text)
    body = root.find("body") if root.find("body") is not None else root
    out: list[str] = []
    _html_block(body, out)
    return "\n".join(out)


def _html_block(element, out: list[str]) -> None:
    inline: list[str] = [element.text or ""]
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in ("script", "style", "head", "title"):
            inline.append(child.tail or "")
            continue
        if tag == "table":
            _flush(inline, out)
            out.extend(_table_lines([_cells_of_row(tr) for tr in child.iter("tr")]))
        elif tag in BLOCK_TAGS:
            _flush(inline, out)
            _html_block(child, out)
        elif tag == "br":
            inline.append("\n")
        else:
            inline.append(_inline_text(child))
        inline.append(child.tail or "")
    _flush(inline, out)


def _inline_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        parts.append("\n" if child.tag == "br" else _inline_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _flush(inline: list[str], out: list[str]) -> None:
    for line in "".join(inline).split("\n"):
        if line.strip():
            out.append(" ".join(line.split()))
    inline.clear()


def _cells_of_row(tr) -> list[list[str]]:
    cells = []
    for cell in tr:
        if cell.tag in ("td", "th"):
            lines: list[str] = []
            _html_block(cell, lines)
            cells.append(lines)
    return cells


def _table_lines(rows: list[list[list[str]]]) -> list[str]:
    """A table's rows: one TAB-joined line per row of one-line cells, else cell by cell."""
    out: list[str] = []
    for cells in rows:
        cells = [[line for line in cell if line.strip()] for cell in cells]
        if all(len(cell) <= 1 for cell in cells):
            joined = "\t".join(cell[0] for cell in cells if cell)
            if joined:
                out.append(joined)
        else:
            out.extend(line for cell in cells for line in cell)
    return out


def read_markdown(text: str) -> str:
    """The lines of a Markdown export: paragraphs rejoined, tables laid out, syntax gone."""
    lines = text.split("\n")
    out: list[str] = []
    paragraph: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if GRID_BORDER.match(line):
            _end_paragraph(paragraph, out)
            i = _grid_table(lines, i, out)
            continue
        if DASH_BORDER.match(line) and _dash_table_end(lines, i):
            _end_paragraph(paragraph, out)
            i = _dash_table(lines, i, _dash_table_end(lines, i), out)
            continue
        if (
            line.lstrip().startswith("|")
            and i + 1 < len(lines)
            and PIPE_SEPARATOR.match(lines[i + 1])
        ):
            _end_paragraph(paragraph, out)
            i = _pipe_table(lines, i, out)
            continue
        if line.lstrip().lower().startswith(("<table", "<div", "<p")):
            _end_paragraph(paragraph, out)
            end = i
            while end < len(lines) and lines[end].strip():
                end += 1
            out.extend(read_html("\n".join(lines[i:end])).split("\n"))
            i = end
            continue
        stripped = line.strip()
        if not stripped or (SETEXT_RULE.match(stripped) and paragraph):
            _end_paragraph(paragraph, out)
        elif (
            ATX_HEADING.match(stripped)
            or stripped[:2] in ("- ", "* ", "+ ")
            or line.endswith(("  ", "\\"))
        ):
            _end_paragraph(paragraph, out)
            paragraph.append(stripped.rstrip("\\"))
            _end_paragraph(paragraph, out)
        else:
            paragraph.append(stripped)
        i += 1
    _end_paragraph(paragraph, out)
    return "\n".join(out)


def _end_paragraph(paragraph: list[str], out: list[str]) -> None:
    if paragraph:
        out.append(clean_inline(" ".join(paragraph)))
        paragraph.clear()


def clean_inline(text: str) -> str:
    """One line of Markdown as the document's text: heading marks, whole-line emphasis and
    escapes gone; inner bold kept as `**`."""
    text = text.strip()
    heading = ATX_HEADING.match(text)
    if heading:
        text = heading.group(1)
    text = BR.sub(" ", text)
    while True:
        whole = WHOLE_EMPHASIS.match(text)
        if not whole:
            break
        text = whole.group(2).strip()
    text = UNDERSCORE_BOLD.sub(r"**\1**", text)
    text = STAR_ITALIC.sub(r"\1", UNDERSCORE_ITALIC.sub(r"\1", text))
    return _typographic(ESCAPED.sub(r"\1", text))


def _typographic(text: str) -> str:
    """Pandoc writes Markdown with ASCII for typographic punctuation (its `smart` extension:
    `--` an en dash, `---` an em dash, straight quotes); the document had the real marks."""
    text = EM_DASH.sub("—", text)
    text = EN_DASH.sub("–", text)
    return STRAIGHT_QUOTES.sub(r"“\1”", text)


def _grid_table(lines: list[str], i: int, out: list[str]) -> int:
    """A pandoc grid table from its top border at line i; the index after it."""
    border = lines[i]
    bounds = [m.start() for m in re.finditer(r"\+", border)]
    rows: list[list[list[str]]] = []
    cells: list[list[str]] = [[] for _ in bounds[1:]]
    i += 1
    while i < len(lines) and (GRID_BORDER.match(lines[i]) or lines[i].lstrip().startswith("|")):
        line = lines[i]
        if GRID_BORDER.match(line):
            if any(cells):
                rows.append([_cell_paragraphs(c) for c in cells])
            cells = [[] for _ in bounds[1:]]
        else:
            for n, (a, b) in enumerate(itertools.pairwise(bounds)):
                cells[n].append(line[a + 1 : b].strip())
        i += 1
    if any(cells):
        rows.append([_cell_paragraphs(c) for c in cells])
    out.extend(_table_lines(rows))
    return i


def _dash_table_end(lines: list[str], i: int) -> int:
    """Index of the bottom border of a multiline table whose top border is line i, else 0:
    the table has a column rule, and its bottom border is followed by a blank line."""
    columns = False
    for j in range(i + 1, min(len(lines), i + 400)):
        if DASH_COLUMNS.match(lines[j]):
            columns = True
        elif DASH_BORDER.match(lines[j]) and (j + 1 == len(lines) or not lines[j + 1].strip()):
            return j if columns else 0
    return 0


def _dash_table(lines: list[str], top: int, bottom: int, out: list[str]) -> int:
    """A pandoc multiline table: columns where the column rule has its dashes, rows between
    blank lines; the index after the bottom border."""
    rule = next(x for x in lines[top:bottom] if DASH_COLUMNS.match(x))
    bounds = [(m.start(), m.end()) for m in re.finditer(r"-+", rule)]
    bounds[-1] = (bounds[-1][0], 10**6)
    rows: list[list[list[str]]] = []
    chunk: list[str] = []
    for line in [*lines[top + 1 : bottom], ""]:
        if line.strip() and not DASH_COLUMNS.match(line):
            chunk.append(line)
        elif chunk:
            cells = []
            for n, (start, end) in enumerate(bounds):
                begin = 0 if n == 0 else start
                stop = bounds[n + 1][0] if n + 1 < len(bounds) else end
                cells.append(_cell_paragraphs([x[begin:stop].strip() for x in chunk]))
            rows.append(cells)
            chunk = []
    out.extend(_table_lines(rows))
    return bottom + 1


def _cell_paragraphs(lines: list[str]) -> list[str]:
    """A grid cell's lines: wrapped lines rejoined, blank lines between paragraphs."""
    out: list[str] = []
    paragraph: list[str] = []
    for line in [*lines, ""]:
        if line:
            paragraph.append(line)
        else:
            _end_paragraph(paragraph, out)
    return out


def _pipe_table(lines: list[str], i: int, out: list[str]) -> int:
    rows: list[list[list[str]]] = []
    while i < len(lines) and lines[i].lstrip().startswith("|"):
        if not PIPE_SEPARATOR.match(lines[i]):
            row = lines[i].strip().strip("|")
            cells = re.split(r"(?<!\\)\|", row)
            rows.append(
                [[clean_inline(p) for p in CELL_BREAK.split(c) if p.strip()] for c in cells]
            )
        i += 1
    out.extend(_table_lines(rows))
    return i
