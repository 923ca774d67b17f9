"""`portal check`: every problem at once, as `path:line: message`, sorted, with a summary line."""

from __future__ import annotations

import shutil
import textwrap
from pathlib import Path

import pytest

from build_scripts.cli import main
from build_scripts.model import content_hash

DIRECTIVE = """\
---
title: Công tác thông tin đối ngoại năm 2023
doc_type: Kế hoạch
number: 305/KH-MTTQ-BTT
date: 2023-02-20
issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La
topics: [thong-tin-doi-ngoai]
source: 305.txt
---

Nội dung kế hoạch.
"""


def make_project(root: Path, files: dict[str, str]) -> Path:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def translation_of(text: str, title: str = "Plan") -> str:
    """An English file that records the hash of the Vietnamese `text`."""
    from build_scripts import frontmatter

    doc = frontmatter.parse(text)
    marker = content_hash(doc.meta["title"], doc.body)
    return f"---\ntitle: {title}\ntranslation_of: '{marker}'\n---\n\nText.\n"


def run_check(root: Path, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--root", str(root)])
    return code, capsys.readouterr().out.splitlines()


def clean_project(tmp_path: Path) -> Path:
    return make_project(
        tmp_path,
        {
            "content/sources/305.txt": "Văn bản gốc.\n",
            "content/docs/index.md": "# Trang chủ\n\n[Kế hoạch](van-ban/a.md)\n",
            "content/docs/van-ban/a.md": DIRECTIVE,
            "content/docs/van-ban/a.en.md": translation_of(DIRECTIVE),
        },
    )


def test_clean_project_passes(tmp_path, capsys):
    code, out = run_check(clean_project(tmp_path), capsys)
    assert out == ["0 lỗi, 0 cảnh báo [0 errors, 0 warnings]"]
    assert code == 0


def test_every_problem_at_once_sorted_with_summary(tmp_path, capsys, monkeypatch):
    root = clean_project(tmp_path)
    make_project(
        root,
        {
            # A bad date (catalog's check, reused) and a link to a page that does not exist.
            "content/docs/van-ban/b.md": DIRECTIVE.replace("2023-02-20", "20/02/2023")
            + "\nXem [kế hoạch cũ](c.md).\n",
            # No translation (warning), a source that is not there, raw HTML in the text.
            "content/docs/van-ban/d.md": DIRECTIVE.replace("305/KH", "306/KH")
            .replace("305.txt", "306.txt")
            .replace("Nội dung kế hoạch.", 'Nội dung <span onclick="x()">kế hoạch</span>.'),
            "content/docs/gioi-thieu.md": "# Giới thiệu\n\n\nXem [văn bản](van-ban/khong-co.md)\n",
        },
    )
    monkeypatch.chdir(root)
    code, out = run_check(Path("."), capsys)
    assert out == [
        "content/docs/gioi-thieu.md:4: liên kết hỏng: 'van-ban/khong-co.md' không tồn tại "
        "(content/docs/van-ban/khong-co.md) [broken link]",
        "content/docs/van-ban/b.md:5: 'date' phải là ngày dạng YYYY-MM-DD, ví dụ 2023-02-20 "
        "(đang là '20/02/2023')",
        "content/docs/van-ban/b.md:13: liên kết hỏng: 'c.md' không tồn tại "
        "(content/docs/van-ban/c.md) [broken link]",
        "content/docs/van-ban/d.md:1: cảnh báo [warning]: chưa có bản tiếng Anh "
        "(van-ban/d.en.md) [no English translation]",
        "content/docs/van-ban/d.md:8: tệp nguồn '306.txt' không có trong content/sources/ "
        "[source file not found]",
        "content/docs/van-ban/d.md:11: mã HTML '</span>' trong nội dung văn bản: "
        "nội dung chỉ được là chữ; nếu cần dấu '<' hãy viết '&lt;' [raw HTML in a directive]",
        "content/docs/van-ban/d.md:11: mã HTML '<span onclick=\"x()\">' trong nội dung văn bản: "
        "nội dung chỉ được là chữ; nếu cần dấu '<' hãy viết '&lt;' [raw HTML in a directive]",
        "6 lỗi, 1 cảnh báo [6 errors, 1 warning]",
    ]
    assert code == 1


def test_warnings_alone_exit_zero(tmp_path, capsys):
    root = clean_project(tmp_path)
    (root / "content/docs/van-ban/a.en.md").unlink()
    code, out = run_check(root, capsys)
    assert code == 0
    assert out[-1] == "0 lỗi, 1 cảnh báo [0 errors, 1 warning]"


def test_outdated_translation_is_the_catalogs_warning(tmp_path, capsys):
    root = clean_project(tmp_path)
    (root / "content/docs/van-ban/a.md").write_text(
        DIRECTIVE.replace("Nội dung", "Nội dung mới"), encoding="utf-8"
    )
    code, out = run_check(root, capsys)
    assert code == 0
    assert out == [
        "content/docs/van-ban/a.en.md:3: cảnh báo [warning]: bản tiếng Việt đã thay đổi "
        "sau khi dịch: cần xem lại bản dịch [translation may be out of date]",
        "0 lỗi, 1 cảnh báo [0 errors, 1 warning]",
    ]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Xem <b>đậm</b>", "mã HTML '<b>'"),
        ("<!-- ghi chú -->", "mã HTML '<!-- ghi chú -->'"),
        ("[bấm](JavaScript:alert(1))", "'javascript:' trong nội dung văn bản bị cấm"),
        ("Đoạn văn.{: onclick=alert(1) }", "'{: onclick=alert(1) }' là thuộc tính Markdown"),
        # The converter's structure is allowed only exactly as the converter writes it.
        ('<div class="doc-header" onclick="x()" markdown>', 'mã HTML \'<div class="doc-header"'),
        ("{: .doc-date onclick=x }", "'{: .doc-date onclick=x }' là thuộc tính Markdown"),
        ("Số: 1 {: .doc-number }", "'{: .doc-number }' là thuộc tính Markdown"),
    ],
)
def test_markup_in_a_directive_is_an_error(tmp_path, capsys, line, expected):
    root = clean_project(tmp_path)
    (root / "content/docs/van-ban/a.md").write_text(DIRECTIVE + line + "\n", encoding="utf-8")
    code, out = run_check(root, capsys)
    assert code == 1
    assert any(f"a.md:12: {expected}" in o for o in out), out


@pytest.mark.parametrize(
    "line",
    [
        "Số người tham gia < 50, tỷ lệ > 10%",  # comparison signs, not tags
        "Xem \\<b> và \\{: .x } và &lt;div&gt;",  # escaped, as the converter writes them
        "Mã `<b>` trong ví dụ",  # code span
        "Liên hệ <https://example.org/> hoặc <a@example.org>",  # Markdown autolinks
        # What the converter writes around the header and closing (convert/render.py).
        '<div class="doc-header" markdown>\n\nSố: 1/KH\n{: .doc-number }\n\n</div>',
    ],
)
def test_text_that_only_looks_like_markup_passes(tmp_path, capsys, line):
    root = clean_project(tmp_path)
    text = DIRECTIVE + line + "\n"
    (root / "content/docs/van-ban/a.md").write_text(text, encoding="utf-8")
    (root / "content/docs/van-ban/a.en.md").write_text(translation_of(text), encoding="utf-8")
    code, out = run_check(root, capsys)
    assert out == ["0 lỗi, 0 cảnh báo [0 errors, 0 warnings]"]
    assert code == 0


@pytest.mark.parametrize(
    ("link", "message"),
    [
        ("[a](a.md)", None),
        ("[a](a.md#muc-1)", None),
        ("[a](./a.md)", None),
        ("[b](../index.md)", None),
        ("[x](https://example.org/x.md)", None),
        ("[x](#muc)", None),
        ("[dẫn chiếu](../tham-chieu/12-ct-tw.md)", None),  # generated: a cited document
        ("[a](<a b.md>)", "liên kết hỏng: 'a b.md' không tồn tại (content/docs/van-ban/a b.md)"),
        ("[a](a.en.md)", "liên kết 'a.en.md' trỏ tới bản dịch: hãy trỏ tới 'a.md'"),
        ("[a](../../README.md)", "liên kết '../../README.md' trỏ ra ngoài thư mục content/docs/"),
        ("[a]: ../khong-co.md", "liên kết hỏng: '../khong-co.md' không tồn tại"),
        ("```\n[a](khong-co.md)\n```", None),  # inside fenced code: text
    ],
)
def test_internal_links(tmp_path, capsys, link, message):
    root = clean_project(tmp_path)
    text = DIRECTIVE.replace("topics:", "references: [{number: 12-CT/TW}]\ntopics:")
    text += "\n" + link + "\n"
    (root / "content/docs/van-ban/e.md").write_text(text.replace("305", "307"), encoding="utf-8")
    (root / "content/docs/van-ban/e.en.md").write_text(
        translation_of(text.replace("305", "307")), encoding="utf-8"
    )
    (root / "content/sources/307.txt").write_text("x", encoding="utf-8")
    code, out = run_check(root, capsys)
    if message is None:
        assert out == ["0 lỗi, 0 cảnh báo [0 errors, 0 warnings]"]
        assert code == 0
    else:
        assert out[0].startswith(f"content/docs/van-ban/e.md:14: {message}"), out
        assert code == 1


def test_source_must_be_a_plain_file_name(tmp_path, capsys):
    root = clean_project(tmp_path)
    text = DIRECTIVE.replace("source: 305.txt", "source: ../../etc/passwd")
    (root / "content/docs/van-ban/a.md").write_text(text, encoding="utf-8")
    (root / "content/docs/van-ban/a.en.md").write_text(translation_of(text), encoding="utf-8")
    code, out = run_check(root, capsys)
    assert out[0] == (
        "content/docs/van-ban/a.md:8: 'source' phải là tên một tệp trong "
        "content/sources/, không kèm thư mục (đang là '../../etc/passwd') "
        "[source must be a file name]"
    )
    assert code == 1


def test_two_files_at_one_address_and_file_names_that_are_not_slugs(tmp_path, capsys):
    root = clean_project(tmp_path)
    make_project(
        root,
        {
            "content/docs/gioi-thieu.md": "# A\n",
            "content/docs/gioi-thieu/index.md": "# B\n",
            "content/docs/van-ban/Kế hoạch 1.md": DIRECTIVE.replace("305/", "308/"),
        },
    )
    code, out = run_check(root, capsys)
    assert out[0] == (
        "content/docs/gioi-thieu/index.md:1: trùng địa chỉ trang '/gioi-thieu/' với "
        "content/docs/gioi-thieu.md; hãy đổi tên tệp [two pages at one address]"
    )
    assert out[2] == (
        "content/docs/van-ban/Kế hoạch 1.md:1: tên tệp 'Kế hoạch 1.md' phải viết thường, "
        "không dấu, các từ nối bằng '-', ví dụ 'ke-hoach-1.md' [file name is not a slug]"
    )
    assert code == 1


def test_not_a_project(tmp_path, capsys):
    assert main(["check", "--root", str(tmp_path)]) == 1
    assert capsys.readouterr().err == (
        f"portal check: không thấy thư mục content/docs/ trong '{tmp_path}' "
        "[not a portal project folder]\n"
    )


def test_a_date_that_does_not_exist_is_reported_at_its_line(tmp_path, capsys):
    root = clean_project(tmp_path)
    text = DIRECTIVE.replace(
        "topics:", "references:\n  - {number: 12-CT/TW, date: 2022-02-30}\ntopics:"
    )
    (root / "content/docs/van-ban/a.md").write_text(text, encoding="utf-8")
    code, out = run_check(root, capsys)
    assert out == [
        "content/docs/van-ban/a.md:8: ngày '2022-02-30' không có thật: viết dạng YYYY-MM-DD, "
        "ví dụ 2023-02-20 [invalid date]",
        "1 lỗi, 0 cảnh báo [1 error, 0 warnings]",
    ]
    assert code == 1


def test_translated_records_the_hash_the_check_wants(tmp_path, capsys, monkeypatch):
    root = clean_project(tmp_path)
    monkeypatch.chdir(root)
    english = "---\ntitle: Plan\ntranslation_of: sha256:0000000000000000\n---\n\nText.\n"
    Path("content/docs/van-ban/a.en.md").write_text(english, encoding="utf-8")
    assert run_check(Path("."), capsys)[1][0].endswith("[translation may be out of date]")

    assert main(["translated", "content/docs/van-ban/a.en.md"]) == 0
    marker = content_hash("Công tác thông tin đối ngoại năm 2023", "\nNội dung kế hoạch.\n")
    assert capsys.readouterr().out == (
        f"content/docs/van-ban/a.en.md:3: translation_of: {marker}, khớp với "
        "content/docs/van-ban/a.md [recorded]\n"
    )
    assert Path("content/docs/van-ban/a.en.md").read_text(encoding="utf-8") == english.replace(
        "sha256:0000000000000000", marker
    )
    assert run_check(Path("."), capsys) == (0, ["0 lỗi, 0 cảnh báo [0 errors, 0 warnings]"])

    assert main(["translated", "content/docs/van-ban/a.md"]) == 0  # the Vietnamese file works too
    assert capsys.readouterr().out == (
        "content/docs/van-ban/a.en.md:3: translation_of đã đúng, không đổi [already up to date]\n"
    )


def test_translated_adds_the_key_when_missing_and_keeps_the_rest(tmp_path, capsys, monkeypatch):
    root = clean_project(tmp_path)
    monkeypatch.chdir(root)
    english = "---\r\ntitle: >-\r\n  A long\r\n  title\r\nsummary: S.\r\n---\r\n\r\nText.\r\n"
    Path("content/docs/van-ban/a.en.md").write_bytes(english.encode("utf-8"))
    assert main(["translated", "content/docs/van-ban/a.en.md"]) == 0
    assert capsys.readouterr().out.startswith("content/docs/van-ban/a.en.md:6: translation_of: ")
    written = Path("content/docs/van-ban/a.en.md").read_bytes().decode("utf-8")
    marker = content_hash("Công tác thông tin đối ngoại năm 2023", "\nNội dung kế hoạch.\n")
    assert written == english.replace("---\r\n\r\n", f"translation_of: {marker}\r\n---\r\n\r\n")
    assert run_check(Path("."), capsys)[0] == 0


@pytest.mark.parametrize(
    ("files", "message"),
    [
        ({}, "content/docs/van-ban/b.md: không có tệp này [file not found]"),
        (
            {"content/docs/van-ban/b.md": DIRECTIVE},
            "content/docs/van-ban/b.en.md: không có tệp này [file not found]",
        ),
        (
            {"content/docs/van-ban/b.md": DIRECTIVE, "content/docs/van-ban/b.en.md": "Text.\n"},
            "content/docs/van-ban/b.en.md:1: bản dịch chưa có front matter với 'title' "
            "[no front matter]",
        ),
        (
            {
                "content/docs/van-ban/b.md": DIRECTIVE.replace("date: 2023-02-20", "date: [x"),
                "content/docs/van-ban/b.en.md": "---\ntitle: B\n---\n",
            },
            "content/docs/van-ban/b.md:6: YAML sai: expected ',' or ']', but got ':'",
        ),
    ],
)
def test_translated_errors(tmp_path, capsys, monkeypatch, files, message):
    root = make_project(clean_project(tmp_path), files)
    monkeypatch.chdir(root)
    assert main(["translated", "content/docs/van-ban/b.en.md"]) == 1
    assert capsys.readouterr().err == message + "\n"


# --- portal add: the converter's output plus questions for the editor -------------------------

SEED = Path(__file__).resolve().parent.parent / "content/sources/002_ebb838856d6dcd4f.txt"


@pytest.fixture
def inbox(tmp_path, monkeypatch) -> Path:
    """A project folder with an empty docs folder and a received directive in inbox/."""
    (tmp_path / "content/docs").mkdir(parents=True)
    (tmp_path / "inbox").mkdir()
    shutil.copy(SEED, tmp_path / "inbox")
    monkeypatch.chdir(tmp_path)
    return tmp_path / "inbox"


def test_add_keeps_the_source_writes_the_page_and_asks_what_is_missing(inbox, capsys):
    assert main(["add", f"inbox/{SEED.name}"]) == 0
    page = "content/docs/van-ban/huong-dan-ban-tuyen-giao-tinh-uy.md"
    assert capsys.readouterr().out.splitlines() == [
        f"inbox/{SEED.name}:7: cảnh báo [warning]: không có khối cơ quan ban hành; suy ra "
        "'Ban Tuyên giáo Tỉnh ủy' [issuer inferred from the text]",
        f"content/sources/{SEED.name}: đã lưu bản gốc [source saved]",
        f"{page}: đã tạo [document created]",
        f"{page}:6: number: không thấy số ký hiệu; ghi số nếu văn bản có, ví dụ "
        "'305/KH-MTTQ-BTT', nếu không thì để null [no document number]",
        f"{page}:7: date: chưa xác định được ngày ban hành; ghi dạng YYYY-MM-DD, ví dụ "
        "2023-02-20, hoặc thêm dòng 'year: 2023' nếu chỉ biết năm [missing date]",
        f"{page}:8: issuer: cơ quan ban hành được suy ra từ nội dung ('Ban Tuyên giáo Tỉnh ủy'); "
        "đối chiếu với bản gốc [issuer inferred]",
        "3 câu hỏi cần trả lời [3 questions to answer]",
    ]
    assert Path(f"content/sources/{SEED.name}").read_bytes() == SEED.read_bytes()
    lines = Path(page).read_text(encoding="utf-8").splitlines()
    assert (lines[5], lines[6], lines[7]) == (
        "number: null",
        "date: null",
        "issuer: Ban Tuyên giáo Tỉnh ủy",
    )
    code, out = run_check(Path("."), capsys)
    assert (code, out[-1]) == (0, "0 lỗi, 1 cảnh báo [0 errors, 1 warning]")


def test_add_never_overwrites_a_page_or_another_source(inbox, capsys):
    assert main(["add", f"inbox/{SEED.name}"]) == 0
    page = Path("content/docs/van-ban/huong-dan-ban-tuyen-giao-tinh-uy.md")
    page.write_text(page.read_text(encoding="utf-8") + "\nSửa tay.\n", encoding="utf-8")
    capsys.readouterr()
    assert main(["add", f"inbox/{SEED.name}"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"inbox/{SEED.name}:1: cùng cơ quan ban hành, ngày, loại và trích yếu với {page}:7 "
        "(văn bản đã có); dùng --force để ghi đè, mọi sửa tay trong tệp sẽ mất [same issuer, "
        "number and year: duplicate, use --force]"
    )
    assert page.read_text(encoding="utf-8").endswith("Sửa tay.\n")
    (inbox / SEED.name).write_bytes(SEED.read_bytes() + b"\n")
    assert main(["add", "--force", f"inbox/{SEED.name}"]) == 1
    assert capsys.readouterr().err.splitlines()[-1] == (
        f"content/sources/{SEED.name}: đã có một tệp khác cùng tên; đổi tên tệp nhận được "
        "rồi thêm lại [another source has this name]"
    )


def test_add_takes_a_text_with_no_header_and_asks_for_what_it_lacks(inbox, capsys):
    """Never a refusal for a text: the unknown keys are null and each is a question."""
    (inbox / "thu.txt").write_text("Xin chào.\n", encoding="utf-8")
    assert main(["add", "inbox/thu.txt"]) == 0
    page = "content/docs/van-ban/thu.md"
    out = capsys.readouterr().out.splitlines()
    assert out[-7:] == [
        f"{page}:2: title: chưa có trích yếu; ghi tiêu đề văn bản (không có 'V/v' hay 'Về việc' "
        "ở đầu) [no title]",
        f"{page}:3: doc_type: chưa xác định được loại văn bản; ghi loại, ví dụ 'Kế hoạch', "
        "'Công văn', 'Thông báo' [no document type]",
        f"{page}:4: number: không thấy số ký hiệu; ghi số nếu văn bản có, ví dụ "
        "'305/KH-MTTQ-BTT', nếu không thì để null [no document number]",
        f"{page}:5: date: chưa xác định được ngày ban hành; ghi dạng YYYY-MM-DD, ví dụ "
        "2023-02-20, hoặc thêm dòng 'year: 2023' nếu chỉ biết năm [missing date]",
        f"{page}:6: issuer: chưa xác định được cơ quan ban hành; ghi đầy đủ, ví dụ 'Ủy ban nhân "
        "dân tỉnh Đồng Nai' [no issuer]",
        f"{page}:8: topics: chưa xác định được chủ đề; thêm dòng 'topics: [...]' với một hay "
        "nhiều chủ đề trong: doi-ngoai-nhan-dan, thong-tin-doi-ngoai, "
        "nguoi-viet-nam-o-nuoc-ngoai [no topic]",
        "6 câu hỏi cần trả lời [6 questions to answer]",
    ]
    text = Path(page).read_text(encoding="utf-8")
    assert text.startswith("---\ntitle: null\ndoc_type: null\nnumber: null\ndate: null\n")
    assert text.endswith("---\n\nXin chào.\n")
    # portal check refuses the page until the questions are answered
    assert main(["check"]) == 1
    assert f"{page}:2: thiếu 'title' [missing]" in capsys.readouterr().out


def test_add_refuses_only_a_file_without_text(inbox, capsys):
    (inbox / "rong.txt").write_bytes(b"")
    assert main(["add", "inbox/rong.txt"]) == 1
    assert capsys.readouterr() == ("", "inbox/rong.txt: tệp rỗng [empty file]\n")
    assert not Path("content/sources").exists()
    assert list(Path("content/docs").iterdir()) == []
