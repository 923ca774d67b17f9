"""OCR's usual confusions, corrected in the header and the closing only, never in the body.

Tesseract misreads Vietnamese capitals in predictable ways: a tone mark dropped or wrong on
a heading word ("CONG HOA XA HOI CHU NGHIA VIET NAM", "KÊ HOẠCH"), `I`/`l` for `1` and `O`
for `0` inside a number ("Số: l2/KH-UBND"), the first letter of a position word lost
("HỦ TỊCH"). A part of a line is corrected when, compared without diacritics, it is one of
the words every directive uses (VOCABULARY); the body keeps what OCR read, for the editor to
check against the original.
"""

from __future__ import annotations

import re
from functools import cache

from ..closing import find_closing_start
from ..header import parse_header
from ..patterns import DOC_TYPES, NUMBER_LINE, PLACE_DATE, key

POSITIONS = (
    "CHỦ TỊCH",
    "TRƯỞNG BAN",
    "TRƯỞNG TIỂU BAN",
    "GIÁM ĐỐC",
    "TỔNG GIÁM ĐỐC",
    "BÍ THƯ",
    "CỤC TRƯỞNG",
    "VỤ TRƯỞNG",
    "BỘ TRƯỞNG",
    "THỨ TRƯỞNG",
    "THỦ TƯỚNG",
    "CHÁNH VĂN PHÒNG",
    "THỦ TRƯỞNG",
    "TRƯỞNG PHÒNG",
)
BODIES = (
    "BAN THƯỜNG TRỰC",
    "BAN THƯỜNG VỤ",
    "ỦY BAN NHÂN DÂN",
    "BAN CHẤP HÀNH",
    "CHÍNH PHỦ",
    "BAN CHỈ ĐẠO",
    "HỘI ĐỒNG NHÂN DÂN",
    "ỦY BAN MTTQ VIỆT NAM",
    "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
)
#: The words of headers and closings, as they must read.
VOCABULARY = (
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "ĐẢNG CỘNG SẢN VIỆT NAM",
    "Độc lập - Tự do - Hạnh phúc",
    *(t.upper() for t in DOC_TYPES.values()),
    *POSITIONS,
    *(f"PHÓ {p}" for p in POSITIONS),
    *BODIES,
)
#: Labels that start a part: corrected where the part starts with them.
LABELS = ("Nơi nhận:", "Kính gửi:", "Về việc ")
DEPUTY = re.compile(r"^PH[OÓÒỎÕỌ]\s+(.+)$")
AUTHORITY = re.compile(r"^((?:TM|KT|TL|TUQ|Q)\s*[.,]\s*|T/M\s*)(.+)$")
#: A run of digits as OCR may read it: digits with I, l, |, O or o among them.
NUMBER_RUN = re.compile(
    r"(?<![^\W\d_])[0-9IlO|o]*[0-9][0-9IlO|o]*(?![^\W\d_])|(?<=\s)[IlO|]{1,2}(?=/)"
)
GLUED_NUMBER = re.compile(r"^S[ốoóồổỗộôõ]\s*(?=\d)")
DIGITS = str.maketrans({"I": "1", "l": "1", "|": "1", "O": "0", "o": "0"})


def correct_ocr(lines: list[str]) -> list[str]:
    """The lines with the header and closing corrected; body lines as OCR read them."""
    fixed = [correct_line(line) for line in lines]
    header_end = parse_header(fixed).end
    closing_start = find_closing_start(fixed, header_end)
    return fixed[:header_end] + lines[header_end:closing_start] + fixed[closing_start:]


def correct_line(line: str) -> str:
    return "\t".join(_correct_part(part) for part in line.split("\t"))


def _correct_part(part: str) -> str:
    text = " ".join(part.split())
    if not text:
        return part
    known = _vocabulary_word(text)
    if known:
        return known
    deputy = DEPUTY.match(text)
    if deputy and _vocabulary_word(deputy.group(1)) in POSITIONS:
        return f"PHÓ {_vocabulary_word(deputy.group(1))}"
    authority = AUTHORITY.match(text)
    if authority:
        rest = _vocabulary_word(authority.group(2))
        if rest:
            return authority.group(1).replace(",", ".") + rest
    for label in LABELS:
        size = len(label)
        if _folded(text[:size]) == _folded(label) or (
            text[size - 1 : size] in (":", " ") and _close(_folded(text[:size]), _folded(label))
        ):
            return label + text[size:]
    text = GLUED_NUMBER.sub("Số: ", text)  # "Số597/HC-QLHC": the colon and space lost
    folded = key(text)
    if NUMBER_LINE.match(folded) or PLACE_DATE.match(folded):
        return NUMBER_RUN.sub(lambda m: m.group(0).translate(DIGITS), text)
    return text


def _vocabulary_word(text: str) -> str | None:
    """The vocabulary word this text is, compared without diacritics; a misread letter is
    forgiven in a long word, and a lost first letter in a position word."""
    folded = _folded(text)
    if len(folded) < 4:
        return None
    for word in VOCABULARY:
        target = _folded(word)
        if folded == target:
            return word
        if len(target) >= 12 and abs(len(target) - len(folded)) <= 1 and _close(folded, target):
            return word
        if len(folded) >= 6 and folded in (target[1:], target[2:]):
            return word
    return None


@cache
def _folded(text: str) -> str:
    """Upper-case ASCII without spaces or dashes: what OCR gets right of a heading word."""
    return re.sub(r"[\W_]+", "", key(text))


def _close(a: str, b: str) -> bool:
    """One substitution, insertion or deletion apart at most."""
    if len(a) == len(b):
        return sum(x != y for x, y in zip(a, b, strict=True)) <= 1
    short, long = sorted((a, b), key=len)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))
