"""The received file of a directive, published beside its page as the original.

Static hosts pick the content type from the file extension, so the name is kept. A text
original is published re-encoded as UTF-8 with a byte-order mark: hosts serve `.txt` as
`text/plain` without a charset, and a browser then guesses the encoding (a phone's Chromium
takes UTF-8 without a BOM for windows-1252, and Vietnamese turns to mojibake); the BOM
makes every browser read UTF-8. The page labels the link with the format and size.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from .convert.decode import decode_bytes
from .convert.errors import ConversionError

#: What a reader calls each form, by extension.
FORMATS = {
    ".pdf": "PDF",
    ".docx": "Word",
    ".doc": "Word",
    ".odt": "OpenDocument",
    ".rtf": "RTF",
    ".txt": "TXT",
    ".md": "Markdown",
    ".markdown": "Markdown",
    ".html": "HTML",
    ".htm": "HTML",
    ".png": "PNG",
    ".jpg": "JPEG",
    ".jpeg": "JPEG",
    ".tif": "TIFF",
    ".tiff": "TIFF",
}
#: Originals that are plain text, published as UTF-8 with a BOM.
TEXT_SUFFIXES = (".txt", ".md", ".markdown")


def published_bytes(path: Path) -> bytes | None:
    """What to publish instead of the file as it is (a text original, as UTF-8 with a BOM);
    None to publish the file unchanged."""
    if path.suffix.lower() not in TEXT_SUFFIXES:
        return None
    data = path.read_bytes()
    try:
        text = decode_bytes(data)
    except ConversionError:
        return None  # not readable as text: published as received
    return codecs.BOM_UTF8 + text.encode("utf-8")


def describe(path: Path, lang: str) -> str:
    """'PDF, 212 KB' / 'TXT, 4,5 KB': the format and the size of the published original."""
    kind = FORMATS.get(path.suffix.lower(), path.suffix.lstrip(".").upper() or "?")
    published = published_bytes(path)
    size = len(published) if published is not None else path.stat().st_size
    return f"{kind}, {_size(size, lang)}"


def _size(size: int, lang: str) -> str:
    if size >= 1024 * 1024:
        value, unit = size / (1024 * 1024), "MB"
    else:
        value, unit = max(size / 1024, 0.1), "KB"
    shown = f"{value:.0f}" if value >= 10 else f"{value:.1f}"
    return f"{shown.replace('.', ',') if lang == 'vi' else shown} {unit}"
