"""Directive converter: a received directive, whatever its form -> Markdown with YAML front
matter.

Steps, each a module: readers (the received file -> text lines: PDF, OCR of scans, Word and
OpenDocument, Markdown and HTML exports), decode (bytes -> NFC text), docx_reader (.docx ->
text), unfold (a header that lost its line breaks), lines (cells of flattened columns), header
(with header_items and title), dates, issuer, closing, attachments (what follows the signed
document), body, footnotes, references, escape, render; `pipeline.convert_text` runs them in
order. A text is never refused: what cannot be read is None and a doubt for the editor.
"""

from __future__ import annotations

from .errors import ConversionError
from .pipeline import Conversion, convert_path, convert_text
from .references import extract_references

__all__ = ["Conversion", "ConversionError", "convert_path", "convert_text", "extract_references"]
