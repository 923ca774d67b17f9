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


# --- attachments -----------------------------------------------------------------------------

DECISION = (
    "ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH AN GIANG\tĐộc lập - Tự do - "
    "Hạnh phúc\nSố: 5/QĐ-UBND\tAn Giang, ngày 2 tháng 3 năm 2024\n\nQUYẾT ĐỊNH\nBan hành Quy "
    "chế hoạt động của Tổ công tác người Việt Nam ở nước ngoài\n\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH"
    "\n\nCăn cứ Luật Tổ chức chính quyền địa phương;\n\nQUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm "
    "theo Quyết định này Quy chế hoạt động của Tổ công tác.\nĐiều 2. Quyết định có hiệu lực từ "
    "ngày ký.\n\nNơi nhận:\tTM. ỦY BAN NHÂN DÂN\n- Như Điều 2;\tCHỦ TỊCH\n- Lưu: VT.\n\n"
    "\tNguyễn Văn An\n\n"
)
REGULATION = (
    "{head}QUY CHẾ\nHoạt động của Tổ công tác người Việt Nam ở nước ngoài\n(Ban hành kèm theo "
    "Quyết định số 5/QĐ-UBND ngày 2/3/2024 của Ủy ban nhân dân tỉnh An Giang)\n\nChương I\n"
    "QUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nQuy chế này quy định hoạt động của Tổ.\n\n"
    "Điều 2. Đối tượng áp dụng\n\nCác thành viên Tổ công tác.\n\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"
    "\n\nNguyễn Văn An\n"
)
FORM = (
    "Mẫu số 01\n\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n\tĐộc lập - Tự do - Hạnh phúc\n"
    "\t......, ngày ... tháng ... năm ...\n\nĐƠN ĐỀ NGHỊ\nTham gia Tổ công tác\n\n"
    "Kính gửi: Ủy ban nhân dân tỉnh An Giang.\n\nTôi tên là: ................\n\n"
    "Nơi nhận:\n- Như trên;\n- Lưu.\tNGƯỜI LÀM ĐƠN\n\t(Ký, ghi rõ họ tên)\n"
)
APPENDIX = (
    "PHỤ LỤC I\nDANH SÁCH THÀNH VIÊN TỔ CÔNG TÁC\n(Kèm theo Quyết định số 5/QĐ-UBND ngày "
    "2/3/2024)\n\n1. Ông Trần Văn Bình, Giám đốc Sở Ngoại vụ, Tổ trưởng.\n2. Bà Lê Thị Cúc, "
    "Phó Giám đốc Sở Ngoại vụ, Tổ phó.\n"
)


@pytest.mark.parametrize(
    "attachments",
    [
        [REGULATION.format(head="")],
        [
            REGULATION.format(
                head="ỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                "TỈNH AN GIANG\tĐộc lập - Tự do - Hạnh phúc\n\n"
            )
        ],
        [APPENDIX],
        [FORM],
        [REGULATION.format(head=""), APPENDIX, FORM],
    ],
    ids=["regulation", "regulation-with-header", "appendix", "form", "all-three"],
)
def test_attachments_keep_the_first_header_and_stay_in_the_page(attachments) -> None:
    text = DECISION + "\n".join(attachments)
    conversion = convert_text(text, "qd.txt")
    found = conversion.inspect()
    assert (found["doc_type"], found["number"], found["date"]) == (
        "Quyết định",
        "5/QĐ-UBND",
        "2024-03-02",
    )
    assert found["title"] == (
        "Ban hành Quy chế hoạt động của Tổ công tác người Việt Nam ở nước ngoài"
    )
    assert (found["signer"], found["signer_title"]) == (
        "Nguyễn Văn An",
        "TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH",
    )
    assert found["distribution"] == ["Như Điều 2", "Lưu: VT"]
    page = conversion.markdown
    assert page.count('<div class="doc-attachment" markdown>') == len(attachments)
    before, _, after = page.partition('<div class="doc-attachment" markdown>')
    assert "Nguyễn Văn An\n{: .doc-signer }" in before
    assert "Chương I" not in before and "Tôi tên là" not in before
    html = render_html(page)
    assert '<div class="doc-attachment">' in html
    if attachments[0].startswith("QUY CHẾ"):
        assert "## QUY CHẾ Hoạt động của Tổ công tác người Việt Nam ở nước ngoài" in after
    _all_words_kept(text)


def test_a_quoc_hieu_or_appendix_inside_the_body_is_the_body() -> None:
    """Before the closing, a "PHỤ LỤC" line is a heading of the body, not an attachment."""
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 8/KH-UBND\n\nKẾ HOẠCH\nGiao lưu hữu nghị\n\n"
        "I. NỘI DUNG\n\nPHỤ LỤC KINH PHÍ\n\nKinh phí từ ngân sách tỉnh." + CLOSING
    )
    assert "doc-attachment" not in convert_text(text, "kh.txt").markdown


# --- types without a trích yếu, titles over several lines ----------------------------------


@pytest.mark.parametrize(
    ("heading", "body", "title"),
    [
        (
            "GIẤY MỜI",
            "Ủy ban nhân dân tỉnh trân trọng kính mời đại diện kiều bào dự Hội nghị gặp mặt "
            "đầu xuân: 8 giờ ngày 5/2/2024.",
            "Ủy ban nhân dân tỉnh trân trọng kính mời đại diện kiều bào dự Hội nghị gặp mặt "
            "đầu xuân",
        ),
        (
            "THÔNG BÁO",
            "Căn cứ Quy chế làm việc;\n\nỦy ban nhân dân tỉnh thông báo lịch tiếp công dân "
            "tháng 3 năm 2024. Đề nghị các cơ quan phối hợp.",
            "Ủy ban nhân dân tỉnh thông báo lịch tiếp công dân tháng 3 năm 2024",
        ),
        (
            "GIẤY PHÉP",
            "Căn cứ Nghị định số 12/2012/NĐ-CP;\n\nCHO PHÉP\n\nHội hữu nghị Việt - Lào tỉnh "
            "tổ chức Hội thảo quốc tế về giao lưu nhân dân.",
            "Hội hữu nghị Việt - Lào tỉnh tổ chức Hội thảo quốc tế về giao lưu nhân dân",
        ),
    ],
)
def test_a_type_without_trich_yeu_takes_its_first_sentence(heading, body, title) -> None:
    text = f"ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/UBND\n\n{heading}\n\n{body}" + CLOSING
    conversion = convert_text(text, "x.txt")
    assert conversion.meta["title"] == title
    assert any("[title taken from the text]" in w.message for w in conversion.warnings)


def test_a_type_with_no_title_and_no_sentence_leaves_the_title_null() -> None:
    text = "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/KH-UBND\n\nKẾ HOẠCH\n\nCăn cứ Luật." + CLOSING
    conversion = convert_text(text, "x.txt")
    assert conversion.meta["title"] is None and conversion.meta["doc_type"] == "Kế hoạch"


@pytest.mark.parametrize(
    "title_lines",
    [
        ["Tổ chức Hội nghị gặp mặt", "người Việt Nam ở nước ngoài", "nhân dịp Tết Nguyên đán"],
        ["TỔ CHỨC HỘI NGHỊ GẶP MẶT", "NGƯỜI VIỆT NAM Ở NƯỚC NGOÀI", "NHÂN DỊP TẾT NGUYÊN ĐÁN"],
        ["Tổ chức Hội nghị gặp mặt người Việt Nam", "Ở Nước Ngoài nhân dịp Tết Nguyên đán"],
    ],
)
def test_a_title_over_several_lines_is_read_whole(title_lines: list[str]) -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/KH-UBND\n\nKẾ HOẠCH\n"
        + "\n".join(title_lines)
        + "\n\nI. MỤC ĐÍCH\n\nGắn kết kiều bào."
        + CLOSING
    )
    assert convert_text(text, "x.txt").meta["title"] == " ".join(title_lines)


def test_an_upper_case_title_stops_at_a_numbered_heading() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/KH-UBND\n\nKẾ HOẠCH\nGẶP MẶT KIỀU BÀO\n"
        "I. MỤC ĐÍCH\n\nGắn kết kiều bào." + CLOSING
    )
    assert convert_text(text, "x.txt").meta["title"] == "GẶP MẶT KIỀU BÀO"


# --- footnotes, page furniture, the issuer's founding act, unclassified lines ---------------


@pytest.mark.parametrize(
    ("marks", "bodies"),
    [
        (("¹", "²"), ("¹ Kết luận số 57-KL/TW.", "² Chỉ thị số 12-CT/TW.")),
        (("[1]", "[2]"), ("[1] Kết luận số 57-KL/TW.", "[2] Chỉ thị số 12-CT/TW.")),
    ],
)
def test_footnote_bodies_after_the_signature_are_paired(marks, bodies) -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/KH-UBND\n\nKẾ HOẠCH\nThông tin đối ngoại\n\n"
        f"Quán triệt Kết luận{marks[0]} và Chỉ thị{marks[1]} của Trung ương."
        + CLOSING
        + "\n"
        + "\n".join(bodies)
        + "\n"
    )
    conversion = convert_text(text, "x.txt")
    assert "[^1]: Kết luận số 57-KL/TW." in conversion.markdown
    assert "[^2]: Chỉ thị số 12-CT/TW." in conversion.markdown
    assert conversion.meta["signer"] == "Nguyễn Văn An"


@pytest.mark.parametrize("furniture", ["- 2 -", "Trang 2/5", "\f", "\f2", "2\n\f", "2", "12"])
def test_page_furniture_between_two_halves_of_a_sentence(furniture: str) -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/KH-UBND\n\nKẾ HOẠCH\nThông tin đối ngoại\n\n"
        "I. NỘI DUNG\n\n1. Quán triệt Thông tri số 01-TT/TU ngày\n\n"
        f"{furniture}\n\n14/4/2022 của Ban Thường vụ Tỉnh ủy đến cán bộ." + CLOSING
    )
    page = convert_text(text, "x.txt").markdown
    assert "1\\. Quán triệt Thông tri số 01-TT/TU ngày 14/4/2022 của Ban Thường vụ" in page
    assert "Trang" not in page and "- 2 -" not in page and "#" not in page.split("I. NỘI")[1]
    assert "\n\n2\n\n" not in page and "\n\n12\n\n" not in page


def test_a_number_that_is_text_is_kept() -> None:
    """A bare number after a finished sentence, or before a new paragraph, is the text's."""
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/KH-UBND\n\nKẾ HOẠCH\nThông tin đối ngoại\n\n"
        "Số đoàn vào tỉnh trong năm là:\n\n12\n\nSố đoàn ra:\n\n3\n\nTổng hợp gửi Sở." + CLOSING
    )
    _all_words_kept(text)


def test_an_issuer_block_that_names_its_founding_act() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nBAN CHỈ ĐẠO CÔNG TÁC VỀ\nNGƯỜI VIỆT NAM Ở NƯỚC NGOÀI\n"
        "(Thành lập theo Quyết định số 12/QĐ-UBND ngày 5/3/2024)\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT "
        "NAM\nSố: 3/KH-BCĐ\tAn Giang, ngày 9 tháng 3 năm 2024\n\nKẾ HOẠCH\nGặp mặt kiều bào\n\n"
        "Nội dung." + CLOSING
    )
    conversion = convert_text(text, "x.txt")
    found = conversion.inspect()
    assert "Quyết định" not in found["issuer"] and found["issuer"].startswith("Ban Chỉ đạo")
    assert (found["number"], found["date"]) == ("3/KH-BCĐ", "2024-03-09")
    assert "12/QĐ-UBND" in [r["number"] for r in found["references"]]
    assert "{: .doc-issuer-note }" in conversion.markdown


def test_unclassified_lines_stay_in_order_and_are_reported() -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/KH-UBND\n\nKẾ HOẠCH\nThông tin đối ngoại\n\n"
        "Nội dung.\n\nNơi nhận:\n- Lưu: VT.\tCHỦ TỊCH\n\nNguyễn Văn An\nghi chú viết tay: đã "
        "gửi bản điện tử\n"
    )
    conversion = convert_text(text, "x.txt")
    assert any("[unclassified line in the closing]" in w.message for w in conversion.warnings)
    _all_words_kept(text)


@pytest.mark.parametrize("note", ["(Ký, ghi rõ họ tên)", "(Đã ký)", "(Ký tên, đóng dấu)"])
def test_a_signature_column_beside_the_list_is_not_a_list_item(note: str) -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/UBND\nV/v thử\n\nNội dung.\n\n"
        f"Nơi nhận:\n- Như trên;\n- Lưu.\tNGƯỜI LÀM ĐƠN\n\t{note}\n\n\tTrần Thị Hoa\n"
    )
    found = _inspect(text)
    assert (found["signer_title"], found["signer"]) == ("NGƯỜI LÀM ĐƠN", "Trần Thị Hoa")
    assert found["distribution"] == ["Như trên", "Lưu"]


@pytest.mark.parametrize(
    "head",
    [
        "Số: 12/KH-UBND\nNgày: 05/03/2024\n\nỦY BAN NHÂN DÂN TỈNH AN GIANG\n\nKẾ HOẠCH\n"
        "Gặp mặt kiều bào",
        "Ngày: 5 tháng 3 năm 2024\nSố: 12/KH-UBND\nỦY BAN NHÂN DÂN TỈNH AN GIANG\nKẾ HOẠCH\n"
        "Gặp mặt kiều bào",
        "---\ntitle: Gặp mặt kiều bào\nnumber: 12/KH-UBND\ndate: 2024-03-05\ndoc_type: Kế hoạch\n"
        "issuer: Ủy ban nhân dân tỉnh An Giang\n---",
        "Loại văn bản: Kế hoạch\nSố ký hiệu: 12/KH-UBND\nNgày ký: 05-03-2024\nNơi ban hành: Ủy ban "
        "nhân dân tỉnh An Giang\nTiêu đề: Gặp mặt kiều bào",
        "Ngày: 05/03/2024\nỦY BAN NHÂN DÂN\tCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nTỈNH AN GIANG\t"
        "An Giang, ngày 5 tháng 3 năm 2024\nSố: 12/KH-UBND\n\nKẾ HOẠCH\nGặp mặt kiều bào",
    ],
)
def test_a_header_that_starts_with_front_matter_like_lines(head: str) -> None:
    text = head + "\n\nỦy ban nhân dân tỉnh ban hành Kế hoạch gặp mặt kiều bào." + CLOSING
    found = _inspect(text)
    assert (found["doc_type"], found["number"], found["date"]) == (
        "Kế hoạch",
        "12/KH-UBND",
        "2024-03-05",
    )
    assert (found["title"], found["issuer"]) == (
        "Gặp mặt kiều bào",
        "Ủy ban nhân dân tỉnh An Giang",
    )
    _all_words_kept(text)


@pytest.mark.parametrize(
    "authority",
    ["HỘI ĐỒNG NHÂN DÂN TỈNH AN GIANG", "BỘ TRƯỞNG BỘ NGOẠI GIAO", "THỦ TƯỚNG CHÍNH PHỦ"],
)
def test_a_title_in_capitals_stops_at_the_authority_line(authority: str) -> None:
    text = (
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 12/QĐ-UBND\n\nQUYẾT ĐỊNH\nVỀ CHÍNH SÁCH HỖ TRỢ\n"
        f"KIỀU BÀO VỀ QUÊ ĂN TẾT\n{authority}\n\nCăn cứ Luật.\n\nĐiều 1. Hỗ trợ." + CLOSING
    )
    assert _inspect(text)["title"] == "VỀ CHÍNH SÁCH HỖ TRỢ KIỀU BÀO VỀ QUÊ ĂN TẾT"


@pytest.mark.parametrize(
    ("heading", "doc_type", "title"),
    [
        (
            "CHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết số 22-NQ/TW của Bộ Chính trị",
            "Chương trình hành động",
            "Thực hiện Nghị quyết số 22-NQ/TW của Bộ Chính trị",
        ),
        (
            "KẾ HOẠCH TỔ CHỨC HỘI NGHỊ GẶP MẶT KIỀU BÀO",
            "Kế hoạch",
            "TỔ CHỨC HỘI NGHỊ GẶP MẶT KIỀU BÀO",
        ),
        (
            "THÔNG BÁO KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY\nvề công tác đối ngoại",
            "Thông báo",
            "KẾT LUẬN CỦA THƯỜNG TRỰC TỈNH ỦY về công tác đối ngoại",
        ),
        (
            "KẾ HOẠCH Tổ chức Hội nghị gặp mặt\nkiều bào năm 2024",
            "Kế hoạch",
            "Tổ chức Hội nghị gặp mặt kiều bào năm 2024",
        ),
    ],
)
def test_a_type_heading_that_carries_its_title(heading, doc_type, title) -> None:
    text = (
        "TỈNH ỦY AN GIANG\tĐẢNG CỘNG SẢN VIỆT NAM\n*\tAn Giang, ngày 5 tháng 3 năm 2024\n"
        f"Số 12-CTr/TU\n\n{heading}\n\nNội dung." + CLOSING
    )
    found = _inspect(text)
    assert (found["doc_type"], found["title"], found["issuer"]) == (
        doc_type,
        title,
        "Tỉnh ủy An Giang",
    )
    _all_words_kept(text)
