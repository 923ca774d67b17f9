"""Readers: a received file, whatever its form, becomes the text lines the parser reads.

Dispatched by content first (magic bytes), then by extension: PDF (text layer or scan), page
images (OCR), Word and OpenDocument files (LibreOffice for the old ones), Markdown and HTML
exports, plain text. Each reader says whether its text comes from OCR, and what it dropped.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..blocks import Doubt
from ..decode import decode_bytes, drop_controls
from ..docx_reader import OLE_MAGIC, read_docx
from ..errors import ConversionError
from . import export, ocr, office, pdf

IMAGE_MAGIC = (b"\x89PNG\r\n\x1a\n", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*")
IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".tif", ".tiff")
OFFICE_SUFFIXES = (".doc", ".odt", ".rtf")


@dataclass
class SourceText:
    """The text of a received file, ready for the parser."""

    text: str
    ocr: bool = False
    doubts: list[Doubt] = field(default_factory=list)


def read_source(path: Path, data: bytes) -> SourceText:
    """The text of a file of any form this portal reads; ConversionError for the rest."""
    suffix = path.suffix.lower()
    if not data.strip():
        raise ConversionError("tệp rỗng [empty file]")
    if data.startswith(b"%PDF") or suffix == ".pdf":
        return _read_pdf(data)
    if data.startswith(IMAGE_MAGIC) or suffix in IMAGE_SUFFIXES:
        return _scanned(ocr.read_scan(ocr.ocr_image(data, "ảnh quét")))
    if suffix in OFFICE_SUFFIXES or data.startswith((OLE_MAGIC, b"{\\rtf")) or _is_odf(data):
        return SourceText(read_docx(office.to_docx(data, path.name)))
    if suffix == ".docx" or data.startswith(b"PK\x03\x04"):
        return SourceText(read_docx(data))
    text, doubts = drop_controls(decode_bytes(data))
    if suffix in export.MARKDOWN_SUFFIXES or (
        suffix != ".txt" and export.looks_like_markdown(text)
    ):
        text = export.read_markdown(text)
    elif suffix in export.HTML_SUFFIXES or export.looks_like_html(text):
        text = export.read_html(text)
    return SourceText(text, doubts=doubts)


def _read_pdf(data: bytes) -> SourceText:
    pages = pdf.pdf_words(data)
    if pdf.has_text_layer(pages):
        return SourceText(pdf.read_pdf_text(pages))
    return _scanned(ocr.read_scan(ocr.ocr_pdf(data)))


def _scanned(text: str) -> SourceText:
    if not any(c.isalpha() for c in text):
        raise ConversionError("không đọc được chữ nào trong ảnh quét [no readable text]")
    return SourceText(text, ocr=True)


def _is_odf(data: bytes) -> bool:
    """An OpenDocument file: a zip whose first member names its mimetype."""
    return data.startswith(b"PK\x03\x04") and b"application/vnd.oasis.opendocument" in data[:200]
