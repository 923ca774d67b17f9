"""The forms a directive arrives in, made from a plain text with the real tools: a Word file
whose header and closing are two-column tables (python-docx), then from it Markdown (pandoc,
markitdown), HTML (pandoc), PDF, .odt and .doc (LibreOffice) and a scanned page image
(pdftoppm). The layout comes from the converter's own reading of the text, so every seed and
corpus text gets the layout an office would have typed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from build_scripts.convert.closing import find_closing_start, parse_closing
from build_scripts.convert.decode import decode_bytes, normalise_text
from build_scripts.convert.header import parse_header
from build_scripts.convert.lines import cells_of, split_lines

#: Header kinds typed in the left column of the two-column header; the others go right.
LEFT_HEADER = ("issuer", "number", "subject", "note")
RIGHT_HEADER = ("national", "motto", "date")
#: Closing kinds typed in the left column (Nơi nhận); the signature goes right.
LEFT_CLOSING = ("dist-label", "dist-item")
RIGHT_CLOSING = ("sign-title", "signer", "signer-post", "mark")


#: A4 with the margins of Decree 30/2020 (3 cm left, 2 cm right): 16 cm of text.
COLUMNS = (Cm(7.5), Cm(8.5))


def layout_of(text: str) -> tuple[list[str], list[str], list[str], list[str], list[str], list[str]]:
    """(header left, header right, lines between header and closing, closing left, closing
    right, lines after the closing table), every non-blank cell of the text exactly once."""
    lines = split_lines(normalise_text(text))
    header = parse_header(lines)
    closing = parse_closing(lines, find_closing_start(lines, header.end))
    side: dict[tuple[int, int], str] = {}
    for block in header.blocks:
        for cell in block.cells:
            if block.kind in LEFT_HEADER or block.kind in RIGHT_HEADER:
                side[cell.line, cell.col] = "L" if block.kind in LEFT_HEADER else "R"
            elif block.kind != "rule":  # type, title, Kính gửi: below the table
                side[cell.line, cell.col] = "m"
    for block in closing.blocks:
        for cell in block.cells:
            if block.kind in LEFT_CLOSING or block.kind in RIGHT_CLOSING:
                side[cell.line, cell.col] = "l" if block.kind in LEFT_CLOSING else "r"
    head_l: list[str] = []
    head_r: list[str] = []
    middle: list[str] = []
    close_l: list[str] = []
    close_r: list[str] = []
    after: list[str] = []
    last = "L"
    for number, line in enumerate(lines, start=1):
        cells = cells_of(number, line)
        for cell in cells:
            where = side.get((cell.line, cell.col))
            if where is None and number - 1 < header.end and not middle and last in "LR":
                where = last  # a rule line or a subject's next line stays in its column
            if where is None:
                where = "a" if close_l or close_r else "m"
            if where in "LR" and middle:
                where = "m"  # column lines after the body has begun stay in the text
            last = where
            target = {"L": head_l, "R": head_r, "m": middle, "l": close_l, "r": close_r}
            target.get(where, after).append(cell.text)
    return head_l, head_r, middle, close_l, close_r, after


def write_docx(text: str, path: Path) -> None:
    """The text as an office types it in Word: tables for the header and the closing."""
    head_l, head_r, middle, close_l, close_r, after = layout_of(text)
    document = docx.Document()
    section = document.sections[0]
    section.page_width, section.page_height = Cm(21), Cm(29.7)
    section.left_margin, section.right_margin = Cm(3), Cm(2)
    document.styles["Normal"].font.name = "Times New Roman"
    document.styles["Normal"].font.size = Pt(13)
    _table(document, head_l, head_r)
    heading = True
    for line in middle:
        paragraph = document.add_paragraph(line)
        paragraph.paragraph_format.space_after = Pt(6)
        heading = heading and not line.startswith(("Căn cứ", "Kính gửi", "Thực hiện"))
        if heading and len(line) < 200:  # the type and the title, centred as typed
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _table(document, close_l, close_r)
    for line in after:
        document.add_paragraph(line)
    document.save(path)


def _table(document, left: list[str], right: list[str]) -> None:
    """A borderless two-column table as offices type it: the right column wide enough for
    the national title on one line."""
    if not left and not right:
        return
    table = document.add_table(rows=1, cols=2)
    table.autofit = False
    for cell, texts, width in zip(table.rows[0].cells, (left, right), COLUMNS, strict=True):
        cell.width = width
        cell.text = texts[0] if texts else ""
        for text in texts[1:]:
            cell.add_paragraph(text)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(0)
            for run in paragraph.runs:
                run.font.size = Pt(11)


def read_text(path: Path) -> str:
    return decode_bytes(path.read_bytes())


def tool(name: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is missing: run 'make forms-tools' (apt-get install ...)"
    return found


def soffice_convert(sources: list[Path], target: str, out: Path, profile: Path) -> None:
    """LibreOffice converts every source in one run (starting it is the slow part)."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [
            tool("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )


def pandoc(source: Path, target: Path, to: str) -> None:
    subprocess.run(
        [tool("pandoc"), str(source), "-t", to, "-o", str(target)],
        check=True,
        capture_output=True,
        timeout=120,
    )


def markitdown(source: Path, target: Path) -> None:
    from markitdown import MarkItDown

    target.write_text(MarkItDown().convert(str(source)).text_content, encoding="utf-8")


def _render(pdf: Path, prefix: Path, *pages: str) -> None:
    subprocess.run(
        [tool("pdftoppm"), "-r", str(SCAN_DPI), "-gray", "-png", *pages, str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=300,
    )


#: Offices scan at 300 dpi.
SCAN_DPI = 300


def scan_first_page(pdf: Path, target: Path) -> None:
    """The first page printed and scanned to a PNG image."""
    _render(pdf, target.with_suffix(""), "-f", "1", "-l", "1", "-singlefile")


def scan_pdf(pdf: Path, target: Path) -> None:
    """Every page printed and scanned into one PDF of images, with no text layer, as an
    office scanner's black-and-white mode makes it (300 dpi, one bit, CCITT G4)."""
    from PIL import Image

    folder = target.parent / f"{target.stem}-pages"
    folder.mkdir()
    _render(pdf, folder / "page")
    pages = [_black_and_white(Image.open(p)) for p in sorted(folder.glob("page-*.png"))]
    assert pages, f"pdftoppm made no page of {pdf}"
    pages[0].save(target, save_all=True, append_images=pages[1:], resolution=SCAN_DPI)


def _black_and_white(image):
    return image.convert("L").point(lambda v: 255 if v > 160 else 0).convert("1")
