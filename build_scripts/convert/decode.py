"""Decode and normalise: bytes of a plain-text directive become clean NFC text.

Directives arrive as UTF-8 (with or without BOM), UTF-16 (with BOM) or Windows-1258, whose
text uses combining tone marks. Everything after this step sees NFC text with LF line ends,
plain spaces for non-breaking ones, and no page-break furniture.
"""

from __future__ import annotations

import codecs
import re
import unicodedata

from .blocks import Doubt
from .errors import ConversionError

#: Letters a Vietnamese text may contain beyond ASCII (NFC), plus its usual punctuation.
VIETNAMESE_LETTERS = frozenset(
    unicodedata.normalize("NFC", base + mark).casefold()
    for base in "aăâeêioôơuưy"
    for mark in ("", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323")
) | {"đ"}
TYPOGRAPHY = frozenset("“”‘’–—…•·§°«»×\u00a0\u200b\ufeff\u00ad€²³¹")
#: Share of non-ASCII characters outside the Vietnamese repertoire that we still accept from
#: a Windows-1258 decoding; random bytes decode to symbols and exceed it by far.
MAX_FOREIGN_SHARE = 0.02

SPACES = re.compile(r"[\u00a0\u2007\u202f\u2000-\u200a]")
INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x85]")
PAGE_NUMBER = re.compile(
    r"^[ \t]*(?:-[ \t]*\d{1,3}[ \t]*-|Trang[ \t]+\d{1,3}(?:[ \t]*/[ \t]*\d{1,3})?)[ \t]*$"
)
BARE_NUMBER = re.compile(r"^[ \t]*\d{1,3}[ \t]*$")
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
#: A text may carry a few stray control characters (a NUL from a bad export); more than this
#: share of the characters and the file is binary, not text.
MAX_CONTROL_SHARE = 0.01
#: ... and a handful is always stray, however short the text.
STRAY_CONTROLS = 8


def decode_bytes(data: bytes) -> str:
    """Bytes -> text, or ConversionError naming the line of the first undecodable byte."""
    if not data.strip(b" \t\r\n\x0c\xef\xbb\xbf\xff\xfe\x00"):
        raise ConversionError("tệp rỗng [empty file]")
    for bom, codec in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return _decode_unicode(data[len(bom) :], codec)
    guessed = _bomless_utf16(data)
    if guessed:
        return _decode_unicode(data, guessed)
    if data.count(0) > max(STRAY_CONTROLS, MAX_CONTROL_SHARE * len(data)):
        line = data[: data.index(b"\x00")].count(b"\n") + 1
        raise ConversionError("không phải tệp văn bản: có byte NUL [binary file, not text]", line)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    text = _decode_cp1258(data)
    if text is None:
        line = data[: utf8_error.start].count(b"\n") + 1
        byte = data[utf8_error.start]
        raise ConversionError(
            f"không đọc được mã ký tự: byte 0x{byte:02X} không hợp lệ trong UTF-8 và văn bản "
            "cũng không phải Windows-1258; hãy lưu lại dưới dạng UTF-8 [undecodable text]",
            line,
        )
    return text


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 without BOM shows as NUL in every other byte of mostly-ASCII text."""
    sample = data[:4000]
    if len(sample) < 8:
        return None
    even, odd = sample[0::2], sample[1::2]
    if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
        return "utf-16-le"
    if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
        return "utf-16-be"
    return None


def _decode_unicode(data: bytes, codec: str) -> str:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].decode(codec, errors="replace").count("\n") + 1
        name = "UTF-16" if codec.startswith("utf-16") else "UTF-8"
        raise ConversionError(
            f"không đọc được mã ký tự: tệp có dấu BOM {name} nhưng nội dung hỏng "
            f"({exc.reason}) [invalid {name}]",
            line,
        ) from None
    if text.count("\x00") > max(STRAY_CONTROLS, MAX_CONTROL_SHARE * len(text)):
        line = text[: text.index("\x00")].count("\n") + 1
        raise ConversionError("không phải tệp văn bản: có ký tự NUL [binary file, not text]", line)
    return text


def _decode_cp1258(data: bytes) -> str | None:
    """Windows-1258 text, or None when the bytes do not read as Vietnamese in it."""
    try:
        text = unicodedata.normalize("NFC", data.decode("cp1258"))
    except UnicodeDecodeError:
        return None
    if len(CONTROL.findall(text)) > max(STRAY_CONTROLS, MAX_CONTROL_SHARE * len(text)):
        return None
    foreign = [
        c
        for c in text
        if ord(c) > 127 and c.casefold() not in VIETNAMESE_LETTERS and c not in TYPOGRAPHY
    ]
    non_ascii = sum(1 for c in text if ord(c) > 127)
    if not non_ascii or len(foreign) > MAX_FOREIGN_SHARE * non_ascii:
        return None
    return text


def drop_controls(text: str) -> tuple[str, list[Doubt]]:
    """The text without stray control characters, and a doubt at each line that had some."""
    if not CONTROL.search(text):
        return text, []
    doubts = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        found = CONTROL.findall(line)
        if found:
            codes = ", ".join(sorted({f"0x{ord(c):02X}" for c in found}))
            doubts.append(
                Doubt(
                    number,
                    f"đã bỏ {len(found)} ký tự điều khiển ({codes}) [control characters dropped]",
                )
            )
            lines[number - 1] = CONTROL.sub("", line)
    return "\n".join(lines), doubts


def normalise_text(text: str) -> str:
    """NFC, LF line ends, plain spaces; form feeds and lone page numbers become blank lines."""
    text = unicodedata.normalize("NFC", text)
    text = LINE_ENDS.sub("\n", text)
    text = INVISIBLE.sub("", SPACES.sub(" ", text))
    lines = text.split("\n")
    out: list[str] = []
    for i, line in enumerate(lines):
        if "\f" in line:
            # A page break: the page number printed beside it is furniture, not text.
            parts = line.split("\f")
            kept = [p for p in parts if not (BARE_NUMBER.match(p) or PAGE_NUMBER.match(p))]
            line = " ".join(p for p in kept if p.strip())
        elif PAGE_NUMBER.match(line) or (BARE_NUMBER.match(line) and _next_to_page_break(lines, i)):
            line = ""
        out.append(line.rstrip())
    return "\n".join(out)


def _next_to_page_break(lines: list[str], i: int) -> bool:
    """A bare number is a page number only when a form feed sits on a neighbouring line."""
    for step in (-1, 1):
        j = i + step
        while 0 <= j < len(lines) and "\f" not in lines[j] and not lines[j].strip():
            j += step
        if 0 <= j < len(lines) and "\f" in lines[j]:
            return True
    return False
