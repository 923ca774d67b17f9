"""OCR corrections: the usual misreadings of header and closing words, by family, and never a
change to the body."""

from __future__ import annotations

import pytest

from build_scripts.convert import convert_text
from build_scripts.convert.readers.ocr_fix import correct_line

CASES = {
    # a dropped or wrong tone mark on a heading word
    "CONG HOA XA HOI CHU NGHIA VIET NAM": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "CỘNG HOÀ XÃ HỘI CHỦ NGHỈA VIỆT NAM": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "Độc lập - Tư do - Hạnh phúc": "Độc lập - Tự do - Hạnh phúc",
    "Doc lap – Tu do – Hanh phuc": "Độc lập - Tự do - Hạnh phúc",
    "KÊ HOẠCH": "KẾ HOẠCH",
    "HUONG DAN": "HƯỚNG DẪN",
    "THÔNG BẢO": "THÔNG BÁO",
    "QUYÉT ĐỊNH": "QUYẾT ĐỊNH",
    "CHI THI": "CHỈ THỊ",
    "CÔNG VĂN": "CÔNG VĂN",
    "Noi nhận:": "Nơi nhận:",
    "Kinh gửi: Sở Ngoại vụ": "Kính gửi: Sở Ngoại vụ",
    "Và việc thành lập Tổ": "Về việc thành lập Tổ",
    "TM. BAN THUONG TRUC": "TM. BAN THƯỜNG TRỰC",
    "KT. CHU TỊCH": "KT. CHỦ TỊCH",
    # a lost first letter of a position word
    "HỦ TỊCH": "CHỦ TỊCH",
    "PHÓ HỦ TỊCH": "PHÓ CHỦ TỊCH",
    "RƯỞNG BAN": "TRƯỞNG BAN",
    # I, l, | for 1 and O for 0 inside a number or a date; a lost colon
    "Số: l2/KH-UBND": "Số: 12/KH-UBND",
    "Số: 1O5/UBND-NV": "Số: 105/UBND-NV",
    "Số: I7/KH-MTTQ-BTT": "Số: 17/KH-MTTQ-BTT",
    "Số597/HC-QLHC": "Số: 597/HC-QLHC",
    "Lào Cai, ngày 2O tháng l1 năm 2O25": "Lào Cai, ngày 20 tháng 11 năm 2025",
    # what is not a vocabulary word is left alone
    "ỦY BAN NHÂN DÂN TỈNH LÀO CAI": "ỦY BAN NHÂN DÂN TỈNH LÀO CAI",
    "Số: 12/KH-UBND": "Số: 12/KH-UBND",
    "Nguyễn Văn Hòa": "Nguyễn Văn Hòa",
}


@pytest.mark.parametrize("read", CASES)
def test_header_and_closing_words_corrected(read: str) -> None:
    assert correct_line(read) == CASES[read]


def test_columns_corrected_each() -> None:
    assert correct_line("Số: l2/KH-UBND\tCONG HOA XA HOI CHU NGHIA VIET NAM") == (
        "Số: 12/KH-UBND\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    )


SCAN = """ỦY BAN NHÂN DÂN
TỈNH LÀO CAI
Số: l2/KH-UBND
CONG HOA XA HOI CHU NGHIA VIET NAM
Độc lập - Tư do - Hạnh phúc
Lào Cai, ngày 2O tháng 5 năm 2024
KÊ HOẠCH
Tuyên truyền đối ngoại năm 2024
Căn cứ Kế hoạch số l2/KH-UBND, Ủy ban nhân dân tỉnh ban hành kế hoạch.
KÊ HOẠCH
Nơi nhận:
- Như trên;
- Lưu: VT.
TM. ỦY BAN NHÂN DÂN
KT. HỦ TỊCH
PHÓ CHỦ TỊCH
Nguyễn Văn A
"""


def test_ocr_text_corrected_in_header_and_closing_only() -> None:
    conversion = convert_text(SCAN, "scan.png", ocr=True)
    found = conversion.inspect()
    assert found["doc_type"] == "Kế hoạch"
    assert found["number"] == "12/KH-UBND"
    assert found["date"] == "2024-05-20"
    assert found["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai"
    assert found["signer_title"].startswith("TM. ỦY BAN NHÂN DÂN / KT. CHỦ TỊCH")
    assert conversion.meta["ocr"] is True
    # the body keeps what OCR read, for the editor to check against the original
    assert "Căn cứ Kế hoạch số l2/KH-UBND" in conversion.markdown
    assert "KÊ HOẠCH" in conversion.markdown
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in conversion.markdown


def test_text_not_from_ocr_is_never_corrected() -> None:
    conversion = convert_text(SCAN, "scan.txt")
    assert "ocr" not in conversion.meta
    assert "CONG HOA XA HOI CHU NGHIA VIET NAM" in conversion.markdown
