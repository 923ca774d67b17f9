"""Single rules, one short case each: dates, numbers, issuer names, type, title, signer,
escaping, references, decoding."""

from __future__ import annotations

import datetime as dt

import markdown
import pytest

from build_scripts.convert import convert_text, extract_references
from build_scripts.convert.closing import is_name
from build_scripts.convert.dates import parse_date_line
from build_scripts.convert.decode import decode_bytes, normalise_text
from build_scripts.convert.escape import escape_inline
from build_scripts.convert.issuer import case_name, compose_issuer, infer_issuer, modern_spelling
from build_scripts.convert.lines import cells_of

from .support import EXTENSIONS


@pytest.mark.parametrize(
    ("line", "place", "date", "year"),
    [
        ("Đồng Nai, ngày 25 tháng 7 năm 2025", "Đồng Nai", dt.date(2025, 7, 25), 2025),
        ("Lào Cai, ngày         tháng       năm 2025", "Lào Cai", None, 2025),
        ("Quảng Ninh, ngày     tháng 11 năm 2025", "Quảng Ninh", None, 2025),
        ("Hà Nội, ngày 5/3/2024", "Hà Nội", dt.date(2024, 3, 5), 2024),
        ("Tam Kỳ, ngày 21 tháng 02 năm 2023", "Tam Kỳ", dt.date(2023, 2, 21), 2023),
        ("Sơn La, ngày 31 tháng 2 năm 2023", "Sơn La", None, 2023),
    ],
)
def test_date_line(line, place, date, year) -> None:
    found = parse_date_line(line)
    assert (found.place, found.date, found.year) == (place, date, year)


def _header(*lines: str) -> dict:
    text = "\n".join(
        [
            *lines,
            "",
            "Nội dung văn bản.",
            "",
            "Nơi nhận:",
            "- Lưu: VT.",
            "CHỦ TỊCH",
            "",
            "Nguyễn Văn An",
        ]
    )
    return convert_text(text, "x.txt").inspect()


@pytest.mark.parametrize(
    ("line", "number"),
    [
        ("Số: 75 /MTTQ-BTT", "75/MTTQ-BTT"),
        ("Số:             /UBND-KT", None),
        ("Số:         /HD- MTTQ-BTT", None),
        ("Số 123-KH/BTGTU", "123-KH/BTGTU"),
        ("Số: 12/2024/NQ-HĐND", "12/2024/NQ-HĐND"),
        ("Số:2449-CV/ĐU", "2449-CV/ĐU"),
    ],
)
def test_number(line: str, number: str | None) -> None:
    found = _header("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", line, "KẾ HOẠCH", "Tiêu đề")
    assert found["number"] == number


@pytest.mark.parametrize(
    ("lines", "issuer"),
    [
        (
            ["ỦY BAN MTTQ VIỆT NAM", "TỈNH ĐỒNG NAI", "BAN THƯỜNG TRỰC"],
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Đồng Nai",
        ),
        (["UỶ BAN NHÂN DÂN", "TỈNH  LÀO CAI"], "Ủy ban nhân dân tỉnh Lào Cai"),
        (["BỘ CÔNG THƯƠNG", "CỤC HÓA CHẤT"], "Cục Hóa chất"),
        (["ĐẢNG BỘ TỈNH BÌNH DƯƠNG", "BAN TUYÊN GIÁO"], "Ban Tuyên giáo Tỉnh ủy Bình Dương"),
        (["TỈNH ỦY ĐỒNG NAI"], "Tỉnh ủy Đồng Nai"),
        (["UBND TỈNH ĐỒNG NAI", "SỞ NGOẠI VỤ"], "Sở Ngoại vụ tỉnh Đồng Nai"),
        (["HỘI ĐỒNG NHÂN DÂN", "THÀNH PHỐ HỒ CHÍ MINH"], "Hội đồng nhân dân thành phố Hồ Chí Minh"),
        (["ĐẢNG ỦY XÃ LƯƠNG MINH"], "Đảng ủy xã Lương Minh"),
        (
            ["UỶ BAN MẶT TRẬN TỔ QUỐC VIỆT NAM", "PHƯỜNG BẮC CAM RANH", "BAN THƯỜNG TRỰC"],
            "Ban Thường trực Ủy ban Mặt trận Tổ quốc Việt Nam phường Bắc Cam Ranh",
        ),
    ],
)
def test_issuer_from_header(lines: list[str], issuer: str) -> None:
    assert compose_issuer(lines, "") == issuer


def test_issuer_spelling_from_the_body() -> None:
    body = "Tiểu ban thông tin, tuyên truyền, khánh tiết xây dựng kế hoạch."
    lines = ["ỦY BAN BẦU CỬ XÃ PHỐ BẢNG", "TIỂU BAN THÔNG TIN, TUYÊN TRUYỀN, KHÁNH TIẾT"]
    assert compose_issuer(lines, body) == "Tiểu ban thông tin, tuyên truyền, khánh tiết"


def test_issuer_inferred_from_the_body_and_signature() -> None:
    text = "Thực hiện Chỉ thị số 12-CT/TW, Ủy ban nhân dân tỉnh ban hành Kế hoạch như sau:"
    assert infer_issuer("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", text, "Đồng Nai")[0] == (
        "Ủy ban nhân dân tỉnh Đồng Nai"
    )
    assert infer_issuer("TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH", "Không có câu nào.", "Đồng Nai")[0] == (
        "Ủy ban nhân dân Đồng Nai"
    )


def test_modern_spelling_and_case() -> None:
    assert modern_spelling("UỶ BAN Uỷ ban hoà bình Quý") == "ỦY BAN Ủy ban hòa bình Quý"
    assert case_name("BAN CHẤP HÀNH TRUNG ƯƠNG") == "Ban Chấp hành Trung ương"


@pytest.mark.parametrize(
    ("lines", "doc_type", "title"),
    [
        (
            ["KẾ HOẠCH", "Triển khai thực hiện", "nhiệm vụ năm 2024"],
            "Kế hoạch",
            "Triển khai thực hiện nhiệm vụ năm 2024",
        ),
        (["V/v tham mưu uỷ quyền thủ tục"], "Công văn", "tham mưu uỷ quyền thủ tục"),
        (["QUYẾT ĐỊNH", "Về việc thành lập Tổ công tác"], "Quyết định", "thành lập Tổ công tác"),
        (
            ["THÔNG TRI", "Về công tác đối ngoại nhân dân"],
            "Thông tri",
            "Về công tác đối ngoại nhân dân",
        ),
    ],
)
def test_type_and_title(lines: list[str], doc_type: str, title: str) -> None:
    found = _header("ỦY BAN NHÂN DÂN TỈNH ĐỒNG NAI", "Số: 1/UBND", *lines)
    assert (found["doc_type"], found["title"]) == (doc_type, title)


def test_signer_shares_a_line_with_the_distribution() -> None:
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN",
            "TỈNH LÀO CAI",
            "Số: 5/UBND-KT",
            "V/v thử",
            "",
            "Nội dung.",
            "",
            "Nơi nhận:",
            "- Như trên;",
            "- Lưu: VT, KT.\tKT. CHỦ TỊCH",
            "PHÓ CHỦ TỊCH",
            "",
            "Nguyễn Thành Sinh",
        ]
    )
    found = convert_text(text, "x.txt").inspect()
    assert found["signer_title"] == "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"
    assert found["signer"] == "Nguyễn Thành Sinh"
    assert found["distribution"] == ["Như trên", "Lưu: VT, KT"]


def test_names() -> None:
    assert is_name("Nguyễn Thị Hồng Trang")
    assert not is_name("Lưu: VT.")
    assert not is_name("PHÓ CHỦ TỊCH")


def test_cells_split_only_at_column_starts() -> None:
    assert [c.text for c in cells_of(1, "TỈNH  LÀO CAI\t\tCỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")] == [
        "TỈNH LÀO CAI",
        "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]
    assert [c.text for c in cells_of(1, "Quảng Ninh, ngày     tháng 11 năm 2025")] == [
        "Quảng Ninh, ngày tháng 11 năm 2025"
    ]
    assert [c.text for c in cells_of(1, "ỦY BAN NHÂN DÂN CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")] == [
        "ỦY BAN NHÂN DÂN",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script>",
        "# heading",
        "| a | b |",
        "> quote",
        "1. item",
        "- item",
        "[x](javascript:alert(1))",
        "*a* _b_ `c`",
        "{: .x }",
        "!!! note",
        ": def",
        "&amp;",
        "-----",
        "[^1]",
    ],
)
def test_escape_renders_literally(text: str) -> None:
    md = markdown.Markdown(extensions=EXTENSIONS)
    html = md.convert("x\n\n" + escape_inline(text))
    import html as html_lib

    assert html_lib.unescape(html) == f"<p>x</p>\n<p>{text}</p>"


def test_references() -> None:
    text = (
        "Thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư về tăng cường; "
        "Hướng dẫn số 97 /HD-MTTW-BTT ngày 09/02/2023; Văn bản số 2289-CV/TU; "
        "Luật Bầu cử số 85/2015/QH13; theo mẫu số 01/BCĐBQH-MT; Kế hoạch số 5/KH-UBND; "
        "Chỉ thị 12-CT/TW."
    )
    found = [r.to_dict() for r in extract_references(text, "5/KH-UBND")]
    assert found == [
        {
            "number": "12-CT/TW",
            "doc_type": "Chỉ thị",
            "date": "2022-01-05",
            "issuer": "Ban Bí thư",
            "relation": "implements",
        },
        {"number": "97/HD-MTTW-BTT", "doc_type": "Hướng dẫn", "date": "2023-02-09"},
        {"number": "2289-CV/TU", "doc_type": "Văn bản"},
        {"number": "85/2015/QH13", "doc_type": "Luật"},
    ]


def test_decoding_variants() -> None:
    text = "Kế hoạch số 1"
    assert normalise_text(decode_bytes(text.encode("utf-16"))) == text
    assert normalise_text(decode_bytes(b"\xef\xbb\xbf" + text.encode())) == text
    nfd_cp1258 = "Kê\u0301 hoa\u0323ch".encode("cp1258")
    assert normalise_text(decode_bytes(nfd_cp1258)) == "Kế hoạch"
    assert normalise_text("a\u00a0b\r\nc\r\n\f\n2\nd") == "a b\nc\n\n\nd"


def test_distribution_brace_over_two_lines() -> None:
    text = "\n".join(
        [
            "ỦY BAN NHÂN DÂN TỈNH X",
            "Số: 5/UBND",
            "V/v thử",
            "",
            "Nội dung.",
            "",
            "Nơi nhận:",
            "\tBan TT UBTW MTTQ VN; (Để",
            "\tBan Thường vụ Tỉnh ủy;   báo cáo)",
            "\tLưu VP.\tTM. ỦY BAN NHÂN DÂN",
            "CHỦ TỊCH",
            "",
            "Nguyễn Văn An",
        ]
    )
    assert convert_text(text, "x.txt").inspect()["distribution"] == [
        "Ban TT UBTW MTTQ VN (Để báo cáo)",
        "Ban Thường vụ Tỉnh ủy (Để báo cáo)",
        "Lưu VP",
    ]


def test_articles_of_a_decision_short_as_headings_long_with_a_bold_label():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 5/QĐ-UBND\nAn Giang, ngày 2 tháng 3 năm 2024\n\n"
        "QUYẾT ĐỊNH\nVề việc thành lập Tổ công tác\n\nQUYẾT ĐỊNH:\n\n"
        "Điều 1. Thành lập Tổ công tác gồm các ông, bà có tên sau đây.\n"
        "Điều 2. Hiệu lực thi hành\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n"
    )
    page = convert_text(text, "qd.txt").markdown
    assert "**Điều 1.** Thành lập Tổ công tác gồm các ông, bà có tên sau đây." in page
    assert "### Điều 2. Hiệu lực thi hành" in page


def test_subject_over_several_lines_before_the_national_title():
    """The left column first, then the right: a capitalised line under "V/v" is still the
    subject while the quốc hiệu and the date line are yet to come."""
    text = (
        "ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HỒ CHÍ MINH\nSỞ NGOẠI VỤ\nSố: 7/SNgV\n"
        'V/v triển khai chương trình\n"Xuân Quê hương" năm 2025\n'
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
        "TP. Hồ Chí Minh, ngày 2 tháng 12 năm 2024\n\nKính gửi:\n- Sở Tư pháp;\n- Sở Y tế.\n\n"
        "Đề nghị phối hợp./.\n\nNơi nhận:\n- Lưu: VT.\nGIÁM ĐỐC\n(Đã ký)\nTrần Thị G\n"
    )
    found = convert_text(text, "cv.txt").inspect()
    assert found["title"] == 'triển khai chương trình "Xuân Quê hương" năm 2025'
    assert (found["place"], found["date"]) == ("TP. Hồ Chí Minh", "2024-12-02")
    assert found["recipients"] == ["Sở Tư pháp", "Sở Y tế"]
    assert found["distribution"] == ["Lưu: VT"]
    assert (found["signer_title"], found["signer"]) == ("GIÁM ĐỐC", "Trần Thị G")


def test_a_capitalised_line_after_the_subject_is_body_when_no_header_follows():
    text = (
        "ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 8/UBND\nAn Giang, ngày 2 tháng 3 năm 2024\n"
        "V/v tăng cường giao lưu hữu nghị\nThực hiện Chỉ thị số 12-CT/TW, Ủy ban đề nghị như sau.\n"
        "\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn A\n"
    )
    found = convert_text(text, "cv.txt").inspect()
    assert found["title"] == "tăng cường giao lưu hữu nghị"


def test_an_issuer_name_broken_after_a_linking_word_is_one_name():
    text = (
        "BỘ NGOẠI GIAO\nỦY BAN NHÀ NƯỚC VỀ\nNGƯỜI VIỆT NAM Ở NƯỚC NGOÀI\nSố: 15/NVNONN-VP\n"
        "V/v phối hợp tổ chức Trại hè\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
        "Hà Nội, ngày 15 tháng 5 năm 2024\n\nĐề nghị phối hợp./.\n\n"
        "Nơi nhận:\n- Lưu: VT.\n\nCHỦ NHIỆM\n\nNguyễn Văn A\n"
    )
    found = convert_text(text, "cv.txt").inspect()
    assert found["issuer"] == "Ủy ban Nhà nước về người Việt Nam ở nước ngoài"


@pytest.mark.parametrize(
    ("words", "relation"),
    [
        ("Thực hiện", "implements"),
        ("Triển khai thực hiện", "implements"),
        ("Tổ chức quán triệt và triển khai thực hiện đạt hiệu quả", "implements"),
        ("Căn cứ", "based_on"),
        ("Kế hoạch này thay thế", "replaces"),
        ("Tiếp tục thực hiện tốt công tác vận động người Việt Nam ở nước ngoài theo", None),
        ("Báo cáo kết quả", None),
    ],
)
def test_relation_is_what_the_words_before_say(words: str, relation: str | None) -> None:
    text = f"{words} Kế hoạch số 05/KH-UBND ngày 02/3/2024 của UBND tỉnh; Kế hoạch số 7/KH-UBND."
    found = {r.number: r.relation for r in extract_references(text, None)}
    assert found == {"05/KH-UBND": relation, "7/KH-UBND": relation}  # a list goes on


@pytest.mark.parametrize(
    ("parent", "child_type"),
    [("Chỉ thị số 12-CT/TW", "Thông tri"), ("Nghị quyết số 59-NQ/TW", "Kế hoạch")],
)
def test_a_title_written_after_another_citation_is_not_attributed(
    parent: str, child_type: str
) -> None:
    """Thông tri 01 "về thực hiện" Chỉ thị 12; later "Thông tri 01 về “<title of 12>”": the
    quoted title belongs to 12, and 01 implements 12 (the chain 12 → 01 → this text)."""
    title = "tăng cường sự lãnh đạo của Đảng trong tình hình mới"
    text = (
        f"Thực hiện {child_type} số 01-TT/TU ngày 14/4/2022 của Ban Thường vụ Tỉnh ủy về triển "
        f"khai thực hiện {parent} ngày 05/01/2022 của Ban Bí thư về {title}, như sau:\n"
        f"Quán triệt {child_type} số 01-TT/TU ngày 14/4/2022 của Ban Thường vụ Tỉnh ủy "
        f"về “{title}”."
    )
    found = {r.number: r for r in extract_references(text, None)}
    child = found["01-TT/TU"]
    assert child.title is None
    assert child.relation == "implements"
    assert child.implements == parent.split()[-1]
    assert found[parent.split()[-1]].relation is None  # the text implements 01, not 12 directly
