"""The quality gate: one warning per kind of bad conversion, nothing on a clean page, nothing on
the shipped directives, and shown by `portal check` and `portal add`."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from build_scripts import frontmatter, quality
from build_scripts.cli import main

ROOT = Path(__file__).resolve().parent.parent
HEAD = "---\ntitle: Thử\ndoc_type: Kế hoạch\nnumber: null\ndate: null\nissuer: Sở Ngoại vụ\n"


def _warnings(body: str, head: str = HEAD) -> list[str]:
    doc = frontmatter.parse(f"{head}---\n\n{body}")
    found = quality.problems("x.md", doc)
    assert all(p.severity == "warning" for p in found)
    return [f"{p.line}: {p.message}" for p in found]


def test_a_clean_page_has_no_warning() -> None:
    body = (
        "## I. MỤC ĐÍCH\n\n### 1\\. Mục đích\n\nNội dung.\n\n2\\. Yêu cầu dài, là một đoạn văn.\n\n"
        "### 3\\. Kinh phí\n\n## II. TỔ CHỨC THỰC HIỆN\n\n### 1\\. Sở Ngoại vụ\n\n"
        '<div class="doc-closing" markdown>\n\nKT. GIÁM ĐỐC\n{: .doc-sign-title }\n\n'
        "PHÓ GIÁM ĐỐC\n{: .doc-sign-title }\n\nNguyễn Văn An\n{: .doc-signer }\n\n</div>\n"
    )
    assert _warnings(body) == []


@pytest.mark.parametrize(
    "heading",
    [
        "### 1\\. Kiến nghị quán triệt Thông tri số 01-TT/TU ngày",
        "## I. NHIỆM VỤ CỦA",
        "### 1\\. Phối hợp với Sở Tư pháp và",
        "### 1\\. Thực hiện Kế hoạch số",
        "### 1\\. Các sở, ban, ngành,",
    ],
)
def test_a_heading_that_ends_mid_sentence(heading: str) -> None:
    found = _warnings(f"Đoạn.\n\n{heading}\n\nTiếp.\n")
    assert (
        len(found) == 1
        and found[0].startswith("11: ")
        and "[heading ends mid-sentence]" in found[0]
    )


@pytest.mark.parametrize(
    ("headings", "line"),
    [
        (["## I. A", "## II. B", "## IV. D"], 13),
        (["## I. A", "### 1\\. a", "### 2\\. b", "### 4\\. d"], 15),
        (["### 1\\. a", "### 3\\. c"], 11),
        (["### 2\\. b"], 9),
        (["### Điều 1. A", "### Điều 3. C"], 11),
    ],
)
def test_a_heading_that_breaks_the_numbering_of_its_siblings(headings, line) -> None:
    found = _warnings("\n\n".join(headings) + "\n")
    assert len(found) == 1, found
    assert found[0].startswith(f"{line}: ") and "[heading breaks the numbering" in found[0]


@pytest.mark.parametrize(
    "headings",
    [
        ["## I. A", "### 1\\. a", "### 2\\. b", "## II. B", "### 1\\. a"],
        ["## PHẦN I", "## I. A", "## PHẦN II", "## I. A"],
        ["### 1\\. a", "2\\. b là đoạn văn dài.", "### 3\\. c"],
    ],
)
def test_numbering_that_restarts_or_counts_paragraphs_is_fine(headings) -> None:
    assert _warnings("\n\n".join(headings) + "\n") == []


def test_an_attachment_restarts_the_numbering() -> None:
    body = (
        "## I. A\n\n## II. B\n\n"
        '<div class="doc-attachment" markdown>\n\n## QUY CHẾ\n\n### I. A\n\n</div>\n'
    )
    assert _warnings(body) == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("PHÓ TRƯỞNG BAN\\*\\*\\*\\*\n{: .doc-sign-title }", "[escaped * left in the text]"),
        ("Nội dung \\*quan trọng\\*.", "[escaped * left in the text]"),
        ("□\n{: .doc-sign-mark }", "[lone symbol in the text]"),
        ("■", "[lone symbol in the text]"),
        ("\\*", "[lone symbol in the text]"),
        ("•", "[lone symbol in the text]"),
    ],
)
def test_stray_marks_left_in_the_text(line: str, kind: str) -> None:
    found = _warnings(f"Đoạn.\n\n{line}\n")
    assert len(found) == 1 and found[0].startswith("11: ") and kind in found[0], found


@pytest.mark.parametrize(
    "closing",
    [
        "- Lưu: VT, KT. KT. CHỦ TỊCH\n{: .doc-sign-title }",
        "Đề nghị các đơn vị thực hiện nghiêm túc nội dung trên\n{: .doc-sign-title }",
        "Lưu: VT, KT\n{: .doc-signer }",
        "- Như trên;\n\n- Lưu: VT, KT. KT. CHỦ TỊCH",
    ],
)
def test_a_signature_block_that_absorbed_another_line(closing: str) -> None:
    body = f'<div class="doc-closing" markdown>\n\n{closing}\n\n</div>\n'
    found = _warnings(body)
    assert len(found) == 1 and "[signature block absorbed another line]" in found[0], found


def test_a_signer_title_that_absorbed_another_line() -> None:
    head = HEAD + "signer_title: KT. CHỦ TỊCH / Đề nghị các đơn vị thực hiện\n"
    found = _warnings("Nội dung.\n", head)
    assert found == [
        "7: khối chữ ký có dòng không phải chức danh, có thể lấy nhầm dòng khác [signature "
        "block absorbed another line]: 'Đề nghị các đơn vị thực hiện'"
    ]


def test_the_shipped_directives_pass_the_gate() -> None:
    pages = sorted((ROOT / "content/docs/van-ban").glob("*.md"))
    found = [
        str(p)
        for page in pages
        if not page.name.endswith(".en.md")
        for p in quality.problems(page.name, frontmatter.parse(page.read_text(encoding="utf-8")))
    ]
    assert len(pages) >= 5 and found == []


def test_portal_check_and_add_show_the_gate(tmp_path: Path, monkeypatch, capsys) -> None:
    (tmp_path / "content/docs/van-ban").mkdir(parents=True)
    source = tmp_path / "cv.txt"
    source.write_text(
        "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 9/UBND\nV/v thử\n\n## không phải tiêu đề\n\n"
        "I. NỘI DUNG\n\nIII. KINH PHÍ\n\nNơi nhận:\n- Lưu: VT.\n\nCHỦ TỊCH\n\nNguyễn Văn An\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    assert main(["add", "cv.txt"]) == 0
    out = capsys.readouterr().out
    assert "[heading breaks the numbering of its siblings]" in out
    main(["check"])
    assert "[heading breaks the numbering of its siblings]" in capsys.readouterr().out
    shutil.rmtree(tmp_path / "content")
