"""The recognisable pieces of a Vietnamese administrative document, as named patterns.

Patterns that name fixed phrases run on `key()` of the text: upper-case ASCII of the same
length as the original, so "Cộng hoà", "CỘNG HÒA" and "CONG HOA" all match and positions
still point into the original text.
"""

from __future__ import annotations

import re
from functools import cache

from ..slugs import fold

DASH = r"[-–—‐]"

#: Quốc hiệu of state documents and the Party header.
NATIONAL_TITLE = re.compile(
    r"CONG\s*HOA\s+XA\s+HOI\s+CHU\s+NGHIA\s+VIET\s+NAM|DANG\s+CONG\s+SAN\s+VIET\s+NAM"
)
MOTTO = re.compile(rf"DOC\s*LAP\s*{DASH}+\s*TU\s*DO\s*{DASH}+\s*HANH\s*PHUC")
#: "Số: 75 /MTTQ-BTT", "Số:   /UBND-KT", "Số 123-KH/BTGTU".
NUMBER_LINE = re.compile(r"^SO\s*(?::|\.|\s(?=\s*[\d/]))")
#: "Đồng Nai, ngày 25 tháng 7 năm 2025"; the place may be blank or missing.
PLACE_DATE = re.compile(
    r"^(?:(?P<place>[A-Z*][^,\d]{0,60}?)\s*,\s*)?NGAY\b[\s\d./-]*(?:THANG|/|\d)"
)
SUBJECT_LINE = re.compile(r"^(?:V\s*/\s*V|V\.V\.?|VE\s+VIEC)\b\s*:?")
RECIPIENTS = re.compile(r"^KINH\s+GUI\s*:?")
DISTRIBUTION = re.compile(r"^NOI\s+NHAN\s*:?")
#: Signature authority: TM. (on behalf of), KT. (deputising), TL., TUQ., Q. (acting).
SIGN_AUTHORITY = re.compile(
    r"^(?:\*\*)?\s*(?:(?:T\s*/\s*M|K\s*/\s*T|T\s*/\s*L)\s*\.?|(?:TM|KT|TL|TUQ|Q)\s*\.)\s*[A-Z]"
)
#: A position line of the signature block ("PHÓ CHỦ TỊCH", "TRƯỞNG BAN").
SIGN_POSITION = re.compile(
    r"^(?:PHO\s+)?(?:CHU\s+TICH|TRUONG\s+BAN|TRUONG\s+TIEU\s+BAN|GIAM\s+DOC|BI\s+THU|"
    r"CUC\s+TRUONG|VU\s+TRUONG|TONG\s+GIAM\s+DOC|THU\s+TRUONG|CHANH\s+VAN\s+PHONG|"
    r"BO\s+TRUONG|THU\s+TUONG|CHU\s+NHIEM|VIEN\s+TRUONG|TONG\s+CUC\s+TRUONG)\b"
)
RULE = re.compile(r"^[-_=*~.…─—–·•\s]+$")
#: A line of lone symbols: the box left for a seal or signature, the star under a Party
#: committee's name. Furniture: read, never shown.
BLANK_MARK = re.compile(r"^[\s□■◻▢○●•*]+$")
#: "(Ban hành kèm theo Quyết định số ...)", "(Kèm theo Kế hoạch số ...)".
ISSUED_WITH = re.compile(r"^[(\[]?\s*(?:BAN\s+HANH\s+)?KEM\s+THEO\b")

#: Document types as headed in the text (upper case ASCII key -> sentence case).
DOC_TYPES: dict[str, str] = {
    "KE HOACH": "Kế hoạch",
    "HUONG DAN": "Hướng dẫn",
    "QUYET DINH": "Quyết định",
    "CHI THI": "Chỉ thị",
    "THONG TRI": "Thông tri",
    "NGHI QUYET": "Nghị quyết",
    "KET LUAN": "Kết luận",
    "THONG BAO": "Thông báo",
    "BAO CAO": "Báo cáo",
    "TO TRINH": "Tờ trình",
    "CHUONG TRINH HANH DONG": "Chương trình hành động",
    "KE HOACH HANH DONG": "Kế hoạch hành động",
    "CHUONG TRINH": "Chương trình",
    "QUY CHE": "Quy chế",
    "QUY DINH": "Quy định",
    "CONG VAN": "Công văn",
    "DE AN": "Đề án",
    "PHUONG AN": "Phương án",
    "THONG CAO": "Thông cáo",
    "GIAY MOI": "Giấy mời",
    "GIAY PHEP": "Giấy phép",
    "GIAY GIOI THIEU": "Giấy giới thiệu",
    "GIAY CHUNG NHAN": "Giấy chứng nhận",
    "THU MOI": "Thư mời",
    "LOI KEU GOI": "Lời kêu gọi",
    "DIEU LE": "Điều lệ",
    "BIEN BAN": "Biên bản",
    "NGHI DINH": "Nghị định",
    "THONG TU": "Thông tư",
    "CONG DIEN": "Công điện",
    "THU": "Thư",
}
DOC_TYPE_LINE = re.compile(
    r"^(?:\*\*)?\s*("
    + "|".join(sorted(DOC_TYPES, key=len, reverse=True))
    + r")\s*(?:\*\*)?\s*:?\s*$"
)

#: Document type codes of a number ("175/KH-UBND", "12-CT/TW"), for documents with no heading.
TYPE_CODES: dict[str, str] = {
    "KH": "Kế hoạch",
    "HD": "Hướng dẫn",
    "QĐ": "Quyết định",
    "QD": "Quyết định",
    "CT": "Chỉ thị",
    "NQ": "Nghị quyết",
    "KL": "Kết luận",
    "TB": "Thông báo",
    "BC": "Báo cáo",
    "TTR": "Tờ trình",
    "TTr": "Tờ trình",
    "CTR": "Chương trình",
    "CTr": "Chương trình",
    "QC": "Quy chế",
    "CV": "Công văn",
    "ĐA": "Đề án",
    "TT": "Thông tri",
}


def key(text: str) -> str:
    """Upper-case ASCII with one character per character of the (NFC) `text`, so offsets in
    the key are offsets in the text."""
    return "".join(map(_key_char, text))


@cache
def _key_char(char: str) -> str:
    folded = (fold(char)[:1] or char).upper()
    return folded if len(folded) == 1 else char


def matches(pattern: re.Pattern, text: str) -> re.Match | None:
    """`pattern.match` on the key of a text."""
    return pattern.match(key(text))


#: Words a sentence cannot end on ("... Thông tri số 01-TT/TU ngày" / "14/4/2022 của ..."): a
#: line ending on one was cut by a page or line break, and a heading never ends on one.
LINKING_WORDS = (
    "ngày",
    "của",
    "và",
    "số",
    "về",
    "với",
    "các",
    "những",
    "theo",
    "tại",
    "trong",
    "cho",
    "để",
    "là",
    "được",
    "do",
    "từ",
    "đến",
    "hoặc",
    "hay",
    "như",
    "bằng",
    "trên",
    "giữa",
    "nhằm",
    "thuộc",
    "vào",
    "qua",
    "sau",
    "trước",
    "khi",
    "mà",
    "thì",
)
_LINKING = frozenset(LINKING_WORDS)


def ends_mid_sentence(text: str) -> bool:
    """Does the text end on a comma or a linking word ("... số 01-TT/TU ngày")?"""
    text = text.rstrip()
    if text.endswith(","):
        return True
    last = text.rsplit(None, 1)[-1] if text else ""
    return last.lower() in _LINKING
