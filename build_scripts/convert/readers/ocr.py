"""Scans and photographs: Tesseract's Vietnamese model reads each page image; its word boxes
go through the same `layout` step as a PDF's text layer. A scanned PDF is rendered page by
page with poppler's pdftoppm first.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from .layout import Word, page_text
from .tools import require, run

#: Resolution a scanned PDF page is rendered at: enough for 12-13 pt type.
DPI = 300
#: Words Tesseract is less sure of than this (0-100) are noise: specks, stamps, signatures.
MIN_CONFIDENCE = 30


def ocr_image(data: bytes, what: str) -> list[list[Word]]:
    """The words Tesseract reads on each page of an image (PNG, JPEG, a multi-page TIFF)."""
    tesseract = require("tesseract", what)
    out = run([tesseract, "stdin", "stdout", "-l", "vie", "--psm", "4", "tsv"], what, 300, data)
    pages: dict[int, list[Word]] = {}
    for line in out.decode("utf-8", "replace").splitlines()[1:]:
        cols = line.split("\t")
        if len(cols) < 12 or cols[0] != "5" or not cols[11].strip():
            continue
        if float(cols[10]) < MIN_CONFIDENCE and not any(c.isalnum() for c in cols[11]):
            continue
        x, y, w, h = (float(v) for v in cols[6:10])
        pages.setdefault(int(cols[1]), []).append(Word(x, y, x + w, y + h, cols[11].strip()))
    return [pages[n] for n in sorted(pages)]


def ocr_pdf(data: bytes) -> list[list[Word]]:
    """Every page of a scanned PDF, rendered and read."""
    pdftoppm = require("pdftoppm", "tệp PDF quét")
    with tempfile.TemporaryDirectory(prefix="portal-ocr-") as folder:
        prefix = Path(folder) / "page"
        run(
            [pdftoppm, "-r", str(DPI), "-gray", "-png", "-", str(prefix)], "tệp PDF quét", 300, data
        )
        images = sorted(Path(folder).glob("page-*.png"), key=lambda p: int(p.stem.split("-")[-1]))
        return [page for image in images for page in ocr_image(image.read_bytes(), "tệp PDF quét")]


def read_scan(pages: list[list[Word]]) -> str:
    return page_text(pages)
