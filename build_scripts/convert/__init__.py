"""Directive converter: plain-text or Word directives -> Markdown with YAML front matter.

Steps, each a module: decode (bytes -> NFC text), docx_reader (.docx -> text), lines (cells
of flattened columns), header, dates, issuer, closing, body, footnotes, references, escape,
render; `pipeline.convert_text` runs them in order.
"""

from __future__ import annotations

from .errors import ConversionError
from .pipeline import Conversion, convert_path, convert_text
from .references import extract_references

__all__ = ["Conversion", "ConversionError", "convert_path", "convert_text", "extract_references"]
