"""Layouts seen in real directives, each rule on a short family of cases: Party documents,
central bodies' signer chains, attachments, types without trích yếu, labelled lines, one-line
texts, footnotes after the signature, page numbers, an issuer block naming its founding act."""

from __future__ import annotations

from collections import Counter

import pytest

from build_scripts.convert import convert_text
from build_scripts.convert.lines import words

from .support import render_html, visible_text

CLOSING = "\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n"


def _inspect(text: str) -> dict:
    return convert_text(text, "x.txt").inspect()


def _all_words_kept(text: str) -> None:
    page = render_html(convert_text(text, "x.txt").markdown)
    lost = Counter(words(text)) - Counter(words(visible_text(page)))
    assert not lost, f"words lost: {list(lost)[:10]}"


# --- never a refusal -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Xin chào các bạn,\nđây là một lá thư bình thường.\n",
        "Một dòng duy nhất.",
        "\n\n\nKẾ HOẠCH\n\nCăn cứ Luật Tổ chức chính quyền địa phương.\n",
        "Nội dung\tcó\tô bảng\n",
    ],
)
def test_a_text_with_no_recognisable_header_converts_with_nulls(text: str) -> None:
    conversion = convert_text(text, "thu.txt")
    meta = conversion.meta
    assert {"title", "doc_type", "issuer", "number", "date"} <= set(meta)
    assert meta["title"] is None and meta["issuer"] is None
    said = " ".join(w.message for w in conversion.warnings)
    assert "[no title]" in said and "[no issuer]" in said
    _all_words_kept(text)


@pytest.mark.parametrize(
    ("text", "doc_type", "number", "date", "title"),
    [
        (
            "ỦY BAN NHÂN DÂN TỈNH AN GIANG Số: 12/TB-UBND An Giang, ngày 5 tháng 3 năm 2024 "
            "THÔNG BÁO Về việc nghỉ lễ Quốc khánh. Cán bộ, công chức nghỉ lễ từ ngày 1/9/2024 "
            "đến hết ngày 2/9/2024.",
            "Thông báo",
            "12/TB-UBND",
            "2024-03-05",
            "nghỉ lễ Quốc khánh",
        ),
        (
            "SỞ NGOẠI VỤ TỈNH ĐỒNG NAI CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - "
            "Hạnh phúc Số: 7/KH-SNgV Đồng Nai, ngày 2 tháng 12 năm 2024 KẾ HOẠCH Tổ chức Hội "
            "nghị người Việt Nam ở nước ngoài năm 2025. I. MỤC ĐÍCH Gắn kết kiều bào.",
            "Kế hoạch",
            "7/KH-SNgV",
            "2024-12-02",
            "Tổ chức Hội nghị người Việt Nam ở nước ngoài năm 2025",
        ),
    ],
)
def test_a_whole_document_on_one_line(text, doc_type, number, date, title) -> None:
    found = _inspect(text)
    assert (found["doc_type"], found["number"], found["date"]) == (doc_type, number, date)
    assert found["title"] == title
    _all_words_kept(text)


def test_labelled_lines_above_the_header_give_the_fields() -> None:
    text = (
        "Số hiệu: 12/KH-UBND\nNgày ban hành: 05/03/2024\nLoại văn bản: Kế hoạch\n"
        "Cơ quan ban hành: Ủy ban nhân dân tỉnh An Giang\nTrích yếu: V/v tổ chức Ngày hội "
        "kiều bào\n\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau." + CLOSING
    )
    found = _inspect(text)
    assert (found["number"], found["date"], found["doc_type"]) == (
        "12/KH-UBND",
        "2024-03-05",
        "Kế hoạch",
    )
    assert found["issuer"] == "Ủy ban nhân dân tỉnh An Giang"
    assert found["title"] == "tổ chức Ngày hội kiều bào"
    _all_words_kept(text)


def test_a_header_item_split_over_two_lines_is_read_whole() -> None:
    text = (
        "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA\nTỈNH AN GIANG\tVIỆT NAM\n"
        "\tĐộc lập - Tự do -\n\tHạnh phúc\nSố:\n12/KH-UBND\tAn Giang, ngày 5 tháng 3\n\tnăm 2024"
        "\n\nKẾ HOẠCH\nTổ chức Ngày hội kiều bào\n\nNội dung." + CLOSING
    )
    found = _inspect(text)
    assert found["issuer"] == "Ủy ban nhân dân tỉnh An Giang"
    assert (found["number"], found["date"], found["place"]) == (
        "12/KH-UBND",
        "2024-03-05",
        "An Giang",
    )
    page = convert_text(text, "x.txt").markdown
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n{: .doc-national }" in page
    assert "Độc lập - Tự do - Hạnh phúc\n{: .doc-motto }" in page


# --- Party documents -------------------------------------------------------------------------

PARTY = (
    "ĐẢNG BỘ TỈNH BÌNH DƯƠNG\nBAN THƯỜNG VỤ TỈNH ỦY\n*\n{number}\n{subject}\n"
    "ĐẢNG CỘNG SẢN VIỆT NAM\nBình Dương, ngày 5 tháng 3 năm 2024\n\n"
    "Kính gửi: Các huyện ủy, thị ủy, thành ủy.\n\nBan Thường vụ Tỉnh ủy đề nghị như sau./.\n\n"
    "Nơi nhận:\n- Như trên,\n- Lưu Văn phòng Tỉnh ủy.\t{authority}\n{position}\n\nNguyễn Văn Lộc\n"
)


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số 123 -CV/TU", "123-CV/TU"),
        ("Số  123-CV/TU", "123-CV/TU"),
        ("Số: 123 - CV/TU", "123-CV/TU"),
        ("Số 123- CV /TU", "123-CV/TU"),
        ("Số:123-CV/TU", "123-CV/TU"),
    ],
)
@pytest.mark.parametrize(
    "subject",
    [
        "về việc tăng cường công tác đối ngoại nhân dân",
        "V/v tăng cường công tác đối ngoại nhân dân",
    ],
)
def test_party_number_and_lower_case_subject(line: str, number: str, subject: str) -> None:
    text = PARTY.format(
        number=line, subject=subject, authority="T/M BAN THƯỜNG VỤ", position="PHÓ BÍ THƯ"
    )
    found = _inspect(text)
    assert found["number"] == number
    assert (found["doc_type"], found["title"]) == (
        "Công văn",
        "tăng cường công tác đối ngoại nhân dân",
    )
    assert found["issuer"] == "Ban Thường vụ Tỉnh ủy Bình Dương"
    assert found["place"] == "Bình Dương" and found["date"] == "2024-03-05"
    assert "*" not in convert_text(text, "x.txt").markdown.split("</div>")[0].replace("**", "")


@pytest.mark.parametrize(
    ("authority", "position"),
    [
        ("T/M BAN THƯỜNG VỤ", "PHÓ BÍ THƯ"),
        ("TM. BAN THƯỜNG VỤ", "BÍ THƯ"),
        ("TM BAN THƯỜNG VỤ", "BÍ THƯ"),
        ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        ("KT. TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
        ("TL. BAN THƯỜNG VỤ", "CHÁNH VĂN PHÒNG"),
        ("TUQ. CHỦ TỊCH", "CHÁNH VĂN PHÒNG"),
        ("Q. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"),
    ],
)
def test_signing_forms(authority: str, position: str) -> None:
    text = PARTY.format(
        number="Số 123-CV/TU", subject="V/v thử", authority=authority, position=position
    )
    found = _inspect(text)
    assert found["signer_title"] == f"{authority} / {position}"
    assert found["signer"] == "Nguyễn Văn Lộc"
    assert found["distribution"] == ["Như trên", "Lưu Văn phòng Tỉnh ủy"]


# --- central bodies ------------------------------------------------------------------------

CENTRAL_HEAD = (
    "{issuer}\t{national}\n-------\tĐộc lập - Tự do - Hạnh phúc\n"
    "Số: 9416/VPCP-QHQT\tHà Nội, ngày 12 tháng 12 năm 2024\nV/v triển khai kết quả chuyến thăm"
    "\n\nKính gửi: Bộ Ngoại giao.\n\nThủ tướng Chính phủ có ý kiến như sau./.\n\n"
)
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
CENTRAL_NAMES = {
    "CHÍNH PHỦ": "Chính phủ",
    "VĂN PHÒNG CHÍNH PHỦ": "Văn phòng Chính phủ",
    "BỘ NGOẠI GIAO": "Bộ Ngoại giao",
}


@pytest.mark.parametrize(
    ("closing", "signer_title", "distribution"),
    [
        (  # the signature beside the list, the name on the last list line
            "Nơi nhận:\tTM. CHÍNH PHỦ\n- Như trên;\tKT. THỦ TƯỚNG\n- Thủ tướng, các PTTg;\t"
            "PHÓ THỦ TƯỚNG\n- VPCP: BTCN;\n- Lưu: VT, QHQT (2).\tTrần Hồng Hà\n",
            "TM. CHÍNH PHỦ / KT. THỦ TƯỚNG / PHÓ THỦ TƯỚNG",
            ["Như trên", "Thủ tướng, các PTTg", "VPCP: BTCN", "Lưu: VT, QHQT (2)"],
        ),
        (  # the name inside the list column, more items under it
            "Nơi nhận:\tKT. BỘ TRƯỞNG, CHỦ NHIỆM\n- Như trên;\tTHỨ TRƯỞNG\n- Lãnh đạo Bộ;\n"
            "- Các Vụ: ĐNA, LPQT;\tLê Thị Thu Hằng\n- Lưu: HC, NVNONN.\n",
            "KT. BỘ TRƯỞNG, CHỦ NHIỆM / THỨ TRƯỞNG",
            ["Như trên", "Lãnh đạo Bộ", "Các Vụ: ĐNA, LPQT", "Lưu: HC, NVNONN"],
        ),
        (  # columns one after the other, interleaved line by line
            "Nơi nhận:\n- Như trên;\nTL. BỘ TRƯỞNG\n- Lưu: VT, HTQT.\n"
            "VỤ TRƯỞNG VỤ HỢP TÁC QUỐC TẾ\n\nNguyễn Minh Vũ\n",
            "TL. BỘ TRƯỞNG / VỤ TRƯỞNG VỤ HỢP TÁC QUỐC TẾ",
            ["Như trên", "Lưu: VT, HTQT"],
        ),
    ],
)
@pytest.mark.parametrize("issuer", ["CHÍNH PHỦ", "VĂN PHÒNG CHÍNH PHỦ", "BỘ NGOẠI GIAO"])
def test_central_signer_chains(issuer, closing, signer_title, distribution) -> None:
    text = CENTRAL_HEAD.format(issuer=issuer, national=NATIONAL) + closing
    found = _inspect(text)
    assert found["signer_title"] == signer_title
    assert found["distribution"] == distribution
    assert found["signer"] in ("Trần Hồng Hà", "Lê Thị Thu Hằng", "Nguyễn Minh Vũ")
    assert (found["number"], found["date"]) == ("9416/VPCP-QHQT", "2024-12-12")
    assert found["issuer"] == CENTRAL_NAMES[issuer]
    assert not [w for w in convert_text(text, "x.txt").warnings if "[unclassified" in w.message]
    _all_words_kept(text)
