"""PDF input: the text layer read with poppler's pdftotext (word boxes), laid out by
`layout`; a PDF with no text layer (a scan) goes to OCR.

Chosen over pdfplumber after measuring both on two-column headers (see the commit that
added this module): poppler gives the same words 8 times faster, and the word boxes are
all the layout step needs.
"""

from __future__ import annotations

from lxml import etree

from .layout import Word, page_text
from .tools import require, run

XHTML = "{http://www.w3.org/1999/xhtml}"
#: Fewer letters than this on every page: a scan, not a text layer.
MIN_LETTERS = 20


def pdf_words(data: bytes) -> list[list[Word]]:
    """The words of each page with their boxes, from the PDF's text layer."""
    pdftotext = require("pdftotext", "tệp PDF")
    out = run([pdftotext, "-bbox", "-enc", "UTF-8", "-", "-"], "tệp PDF", 120, data)
    root = etree.fromstring(out, etree.XMLParser(recover=True, huge_tree=True))
    pages = []
    for page in root.iter(f"{XHTML}page"):
        words = [
            Word(
                float(w.get("xMin")),
                float(w.get("yMin")),
                float(w.get("xMax")),
                float(w.get("yMax")),
                w.text or "",
            )
            for w in page.iter(f"{XHTML}word")
            if (w.text or "").strip()
        ]
        pages.append(words)
    return pages


def has_text_layer(pages: list[list[Word]]) -> bool:
    letters = sum(c.isalpha() for words in pages for w in words for c in w.text)
    return letters >= MIN_LETTERS


def read_pdf_text(pages: list[list[Word]]) -> str:
    return page_text(pages)
