"""Readers, rule by rule: the layout of positioned words, Markdown and HTML exports, stray
control characters, what is refused (one line naming the file) and a missing tool."""

from __future__ import annotations

from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.convert import convert_path
from build_scripts.convert.readers import export, tools
from build_scripts.convert.readers.layout import Word, page_text

HEIGHT = 12.0


def _row(y: float, *pieces: tuple[float, str]) -> list[Word]:
    """Words of one row: each piece starts at x and its words are 6 units a letter wide."""
    words = []
    for x, text in pieces:
        for part in text.split():
            words.append(Word(x, y, x + 6 * len(part), y + HEIGHT, part))
            x += 6 * len(part) + 4
    return words


def test_two_column_header_read_column_by_column() -> None:
    page = [
        *_row(0, (0, "ỦY BAN NHÂN DÂN"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA")),
        *_row(14, (0, "TỈNH LÀO CAI"), (300, "VIỆT NAM")),
        *_row(28, (0, "Số: 12/KH-UBND"), (300, "Độc lập - Tự do - Hạnh phúc")),
        *_row(42, (0, "V/v tuyên truyền đối ngoại"), (300, "Lào Cai, ngày 3 tháng 4 năm 2024")),
        *_row(56, (0, "năm 2024")),
        *_row(84, (0, "Kính gửi: Sở Ngoại vụ")),
    ]
    assert page_text([page]).split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "Số: 12/KH-UBND",
        "V/v tuyên truyền đối ngoại năm 2024",  # a wrapped V/v, in lower case, goes on
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",  # a wrapped national title is one line again
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 3 tháng 4 năm 2024",
        "Kính gửi: Sở Ngoại vụ",
    ]


def test_wrapped_paragraphs_rejoined_and_short_lines_kept() -> None:
    full = "a " * 40  # a row that reaches the right margin
    page = [
        *_row(0, (0, full + "số 07-")),
        *_row(14, (0, "CV/BTGDVTU ngày 07/7/2025.")),
        *_row(28, (0, "I. MỤC ĐÍCH")),
        *_row(42, (0, full + "xong")),
        *_row(70, (0, "1. Mục đích")),
    ]
    lines = page_text([page]).split("\n")
    assert lines[0].endswith("số 07-CV/BTGDVTU ngày 07/7/2025.")  # a number broken at "-"
    assert lines[1:] == ["I. MỤC ĐÍCH", (full + "xong").strip(), "1. Mục đích"]


def test_closing_read_column_by_column() -> None:
    page = [
        *_row(0, (0, "Nơi nhận:"), (300, "TM. ỦY BAN NHÂN DÂN")),
        *_row(14, (0, "- Như trên;"), (300, "CHỦ TỊCH")),
        *_row(28, (0, "- Lưu: VT.")),
        *_row(42, (300, "Nguyễn Văn A")),
    ]
    assert page_text([page]).split("\n") == [
        "Nơi nhận:",
        "- Như trên;",
        "- Lưu: VT.",
        "TM. ỦY BAN NHÂN DÂN",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
    ]


def test_other_tables_read_row_by_row() -> None:
    page = [*_row(0, (0, "STT"), (100, "Nội dung"), (300, "Thời gian"))]
    assert page_text([page]) == "STT\tNội dung\tThời gian"


MARKDOWN = r"""+----------------------+------------------------------------+
| **ỦY BAN NHÂN DÂN**  | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT   |
|                      | NAM**                              |
| **TỈNH LÀO CAI**     |                                    |
|                      | *Độc lập \- Tự do \- Hạnh phúc*    |
| Số: 12/KH\-UBND      |                                    |
|                      | *Lào Cai, ngày 3 tháng 4 năm 2024* |
+======================+====================================+
+----------------------+------------------------------------+

**KẾ HOẠCH**

Tuyên truyền đối ngoại năm 2024

1\. Nội dung có **chữ đậm** và
dòng xuống hàng

| Nơi nhận:<br>\- Như trên; | **CHỦ TỊCH**<br>Nguyễn Văn A |
|---|---|
"""


def test_markdown_export_lines() -> None:
    assert export.read_markdown(MARKDOWN).split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "Số: 12/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 3 tháng 4 năm 2024",
        "KẾ HOẠCH",
        "Tuyên truyền đối ngoại năm 2024",
        "1. Nội dung có **chữ đậm** và dòng xuống hàng",
        "Nơi nhận:",
        "- Như trên;",
        "CHỦ TỊCH",
        "Nguyễn Văn A",
    ]


HTML = """<!DOCTYPE html><html><head><title>x</title><style>p{}</style></head><body>
<table><tr><td><p>ỦY BAN NHÂN DÂN</p><p>TỈNH LÀO CAI</p><p>Số: 12/KH-UBND</p></td>
<td><p><strong>CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM</strong></p><p>Độc lập - Tự do - Hạnh phúc</p>
<p>Lào Cai, ngày 3 tháng 4 năm 2024</p></td></tr></table>
<p><b>KẾ HOẠCH</b></p><p>Tuyên truyền đối ngoại &amp; hợp tác<br/>năm 2024</p>
<table><tr><td>STT</td><td>Nội dung</td></tr></table>
</body></html>"""


def test_html_export_lines() -> None:
    assert export.read_html(HTML).split("\n") == [
        "ỦY BAN NHÂN DÂN",
        "TỈNH LÀO CAI",
        "Số: 12/KH-UBND",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "Lào Cai, ngày 3 tháng 4 năm 2024",
        "KẾ HOẠCH",
        "Tuyên truyền đối ngoại & hợp tác",
        "năm 2024",
        "STT\tNội dung",
    ]


TEXT = "ỦY BAN NHÂN DÂN TỈNH LÀO CAI\nSố: 12/KH-UBND\nKẾ HOẠCH\nTuyên truyền\n\nCăn cứ Luật.\n"


def test_stray_nul_dropped_with_a_warning(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.txt"
    source.write_bytes(TEXT.replace("Tuyên", "Tuy\x00ên\x07").encode())
    conversion = convert_path(source)
    assert conversion.meta["title"] == "Tuyên truyền"
    assert (
        4,
        "đã bỏ 2 ký tự điều khiển (0x00, 0x07) [control characters dropped]",
    ) in [(w.line, w.message) for w in conversion.warnings]


def test_image_without_text_refused_in_one_line(tmp_path: Path, capsys) -> None:
    from PIL import Image

    source = tmp_path / "trang.png"
    Image.new("L", (400, 300), 255).save(source)
    assert main(["inspect", str(source)]) == 1
    err = capsys.readouterr().err
    assert err == f"{source}: không đọc được chữ nào trong ảnh quét [no readable text]\n"


def test_missing_libreoffice_says_how_to_install(tmp_path: Path, capsys, monkeypatch) -> None:
    source = tmp_path / "vanban.odt"
    source.write_bytes(b"PK\x03\x04" + b"mimetypeapplication/vnd.oasis.opendocument.text")
    monkeypatch.setattr(tools.shutil, "which", lambda name: None)
    assert main(["inspect", str(source)]) == 1
    assert capsys.readouterr().err == (
        f"{source}: cần chương trình 'soffice' để đọc tệp .odt (LibreOffice); cài bằng: "
        "apt-get install libreoffice-writer-nogui [soffice is not installed]\n"
    )


@pytest.mark.parametrize("suffix", [".md", ".html"])
def test_exports_convert_like_the_text(tmp_path: Path, suffix: str) -> None:
    source = tmp_path / f"ke-hoach{suffix}"
    source.write_text(MARKDOWN if suffix == ".md" else HTML, encoding="utf-8")
    found = convert_path(source).inspect()
    assert (found["doc_type"], found["number"], found["date"]) == (
        "Kế hoạch",
        "12/KH-UBND",
        "2024-04-03",
    )
    assert found["issuer"] == "Ủy ban nhân dân tỉnh Lào Cai"


def test_blanks_left_for_number_and_date_are_not_columns() -> None:
    page = [
        *_row(0, (0, "ỦY BAN MTTQ VIỆT NAM"), (300, "Độc lập - Tự do - Hạnh phúc")),
        *_row(14, (0, "Số:"), (80, "/HD-MTTQ-BTT"), (300, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM")),
        *_row(28, (300, "Quảng Ninh, ngày"), (440, "tháng 11 năm 2025")),
    ]
    assert page_text([page]).split("\n") == [
        "ỦY BAN MTTQ VIỆT NAM",  # "NAM" is no "năm" before a blank
        "Số: /HD-MTTQ-BTT",
        "Độc lập - Tự do - Hạnh phúc",
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Quảng Ninh, ngày tháng 11 năm 2025",
    ]
