"""Word input: a .docx built here with python-docx (header table, body paragraphs, a
superscript footnote marker and its text after the signature, closing table)."""

from __future__ import annotations

from pathlib import Path

import docx

from build_scripts.convert import convert_path

from .support import render_html, visible_text


def _make_docx(path: Path) -> None:
    document = docx.Document()
    header = document.add_table(rows=2, cols=2)
    header.cell(0, 0).text = "ỦY BAN MTTQ VIỆT NAM"
    header.cell(0, 0).add_paragraph("TỈNH ĐỒNG NAI")
    header.cell(0, 0).add_paragraph("BAN THƯỜNG TRỰC")
    header.cell(0, 1).text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    header.cell(0, 1).add_paragraph("Độc lập - Tự do - Hạnh phúc")
    header.cell(1, 0).text = "Số: 12/KH-MTTQ-BTT"
    header.cell(1, 1).text = "Đồng Nai, ngày 3 tháng 4 năm 2024"
    heading = document.add_paragraph()
    heading.add_run("KẾ HOẠCH").bold = True
    document.add_paragraph("Công tác đối ngoại nhân dân năm 2024")
    intro = document.add_paragraph("Thực hiện Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư")
    marker = intro.add_run("1")
    marker.font.superscript = True
    intro.add_run(", Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh xây dựng kế hoạch ")
    intro.add_run("với nội dung").bold = True
    intro.add_run(" như sau:")
    document.add_paragraph("I. MỤC ĐÍCH, YÊU CẦU")
    document.add_paragraph("- Tăng cường giao lưu nhân dân với các nước láng giềng.")
    closing = document.add_table(rows=1, cols=2)
    closing.cell(0, 0).text = "Nơi nhận:"
    closing.cell(0, 0).add_paragraph("- Như trên;")
    closing.cell(0, 0).add_paragraph("- Lưu: VT.")
    closing.cell(0, 1).text = "TM. BAN THƯỜNG TRỰC"
    closing.cell(0, 1).add_paragraph("CHỦ TỊCH")
    closing.cell(0, 1).add_paragraph("")
    closing.cell(0, 1).add_paragraph("Nguyễn Văn Hòa")
    note = document.add_paragraph()
    note.add_run("1").font.superscript = True
    note.add_run(" Chỉ thị về tăng cường sự lãnh đạo của Đảng đối với đối ngoại nhân dân.")
    document.save(path)


def test_docx_metadata_and_page(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.docx"
    _make_docx(source)
    conversion = convert_path(source)
    found = conversion.inspect()
    assert found["doc_type"] == "Kế hoạch"
    assert found["number"] == "12/KH-MTTQ-BTT"
    assert found["date"] == "2024-04-03"
    assert found["place"] == "Đồng Nai"
    assert found["issuer"] == "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Đồng Nai"
    assert found["title"] == "Công tác đối ngoại nhân dân năm 2024"
    assert found["signer"] == "Nguyễn Văn Hòa"
    assert found["signer_title"] == "TM. BAN THƯỜNG TRỰC / CHỦ TỊCH"
    assert found["distribution"] == ["Như trên", "Lưu: VT"]
    assert [r["number"] for r in found["references"]] == ["12-CT/TW"]
    assert found["warnings"] == []
    page = render_html(conversion.markdown)
    assert '<sup id="fnref:1">' in page and 'class="footnote"' in page
    assert "<strong>với nội dung</strong>" in page
    assert "<h2" in page and "I. MỤC ĐÍCH, YÊU CẦU" in visible_text(page)


def test_every_table_cell_is_read_once_in_order(tmp_path: Path) -> None:
    """A header table of many cells: none skipped, none repeated (cells were once told apart
    by the id() of lxml proxies, which Python reuses)."""
    from build_scripts.convert.docx_reader import read_docx

    document = docx.Document()
    table = document.add_table(rows=12, cols=3)
    for r in range(12):
        for c in range(3):
            table.cell(r, c).text = f"ô {r}-{c}"
    path = tmp_path / "bang.docx"
    document.save(path)
    for _ in range(20):
        lines = read_docx(path.read_bytes()).splitlines()
        cells = [line for line in lines if line.startswith("ô ")]
        assert cells == [f"ô {r}-{c}" for r in range(12) for c in range(3)]
