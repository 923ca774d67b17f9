"""Content that attacks the build or the host: every case is a `file:line` message from the
catalog (so build, serve, check and publish refuse it alike), quickly, never a traceback."""

from __future__ import annotations

import io
import os
import time
import zipfile
from pathlib import Path

import pytest
from test_check import DIRECTIVE, clean_project, run_check, translation_of

from build_scripts import frontmatter, share_images
from build_scripts.convert.docx_reader import MAX_EXPANDED_BYTES, read_docx
from build_scripts.convert.errors import ConversionError
from build_scripts.pipeline import build_catalog
from build_scripts.problems import ContentError

CLEAN = ["0 lỗi, 0 cảnh báo [0 errors, 0 warnings]"]


def _write(root: Path, name: str, text: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _errors_of_build(root: Path) -> list[str]:
    """What the build itself (not only `portal check`) refuses, as it prints it."""
    with pytest.raises(ContentError) as refused:
        build_catalog(root / "content/docs", root=root)
    return [str(p) for p in refused.value.problems]


def alias_bomb(levels: int = 9) -> str:
    """A few lines of YAML that name nine to the power `levels` words."""
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    for level in range(1, levels):
        lines.append(f"a{level}: &a{level} [" + ", ".join([f"*a{level - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\ntitle: *a{levels - 1}\n"


def test_alias_bomb_in_a_page_title_fails_fast_with_its_line(tmp_path, capsys):
    root = clean_project(tmp_path)
    _write(root, "content/docs/gioi-thieu.md", f"---\n{alias_bomb()}---\n\n# Giới thiệu\n")
    started = time.perf_counter()
    code, out = run_check(root, capsys)
    assert time.perf_counter() - started < 5
    message = (
        "content/docs/gioi-thieu.md:2: front matter không được dùng neo và bí danh YAML "
        "('&tên', '*tên') [YAML anchors and aliases are not allowed in front matter]"
    )
    assert out == [message, "1 lỗi, 0 cảnh báo [1 error, 0 warnings]"]
    assert code == 1
    assert _errors_of_build(root) == [message]


def test_alias_in_a_directive_is_refused(tmp_path, capsys):
    root = clean_project(tmp_path)
    text = DIRECTIVE.replace("place", "x").replace(
        "issuer: Ban", "place: &p Sơn La\nsigner: *p\nissuer: Ban"
    )
    _write(root, "content/docs/van-ban/a.md", text)
    _, out = run_check(root, capsys)
    assert out[0] == (
        "content/docs/van-ban/a.md:6: front matter không được dùng neo và bí danh YAML "
        "('&tên', '*tên') [YAML anchors and aliases are not allowed in front matter]"
    )


def test_the_front_matter_cache_still_answers_after_the_alias_rule(tmp_path):
    from build_scripts.caches import Memo

    text = DIRECTIVE
    cache = Memo(tmp_path / "fm.pickle")
    first = frontmatter.parse(text, cache)
    cache.save()
    again = Memo(tmp_path / "fm.pickle")
    assert again.get(f"{frontmatter._parser_version()}\n" + text.split("---\n")[1][:-1])
    assert frontmatter.parse(text, again) == first


def test_front_matter_over_64_kib(tmp_path, capsys):
    root = clean_project(tmp_path)
    text = DIRECTIVE.replace("---\n\n", "summary: " + "chữ " * 20000 + "\n---\n\n")
    _write(root, "content/docs/van-ban/a.md", text)
    code, out = run_check(root, capsys)
    size = len(text.split("\n---\n")[0].removeprefix("---\n").encode())
    assert size > 64 * 1024
    assert out[0] == (
        f"content/docs/van-ban/a.md:1: front matter dài {size} byte, quá giới hạn 64 KiB "
        "[front matter larger than 64 KiB]"
    )
    assert code == 1


@pytest.mark.parametrize("folder", ["van-ban", "chu-de"])
def test_document_over_2_mib(tmp_path, capsys, folder):
    root = clean_project(tmp_path)
    text = DIRECTIVE + ("Nội dung kế hoạch rất dài. " * 80000)
    _write(root, f"content/docs/{folder}/dai.md", text)
    _, out = run_check(root, capsys)
    size = len(text.encode())
    assert (
        f"content/docs/{folder}/dai.md: tệp dài {size} byte, quá giới hạn 2 MiB "
        "[document larger than 2 MiB]"
    ) in out


LONG_TITLE = "x" * 1001


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("van-ban/a.md", DIRECTIVE.replace("Công tác thông tin đối ngoại năm 2023", LONG_TITLE)),
        ("van-ban/a.en.md", translation_of(DIRECTIVE, title=LONG_TITLE)),
        ("gioi-thieu.md", f"---\ntitle: {LONG_TITLE}\n---\n\n# Giới thiệu\n"),
    ],
)
def test_title_over_1000_characters(tmp_path, capsys, name, text):
    root = clean_project(tmp_path)
    _write(root, f"content/docs/{name}", text)
    code, out = run_check(root, capsys)
    assert out[0] == (
        f"content/docs/{name}:2: 'title' dài 1001 ký tự, quá giới hạn 1000 "
        "[title longer than 1000 characters]"
    )
    assert code == 1


@pytest.mark.parametrize(
    ("page", "line", "message"),
    [
        ("title: [a, b]", 2, "'title' phải là chữ (đang là list) [title must be text]"),
        ("title: {a: <script>}", 2, "'title' phải là chữ (đang là dict) [title must be text]"),
        ("title: 5", 2, "'title' phải là chữ (đang là int) [title must be text]"),
        (
            "title: T\nsubtitle: <img src=x onerror=alert(1)>",
            3,
            "khóa 'subtitle' không dùng cho trang; các khóa hợp lệ: title, description, hide "
            "[unknown key]",
        ),
        (
            "hide: [toc, '\"><b>']",
            2,
            "'hide' phải là danh sách trong: navigation, toc, footer, path, tags, feedback "
            "[invalid hide]",
        ),
        (
            "title: T\ndescription: 5",
            3,
            "'description' phải là chữ (đang là int) [description must be text]",
        ),
    ],
)
def test_page_text_keys_must_be_text(tmp_path, capsys, page, line, message):
    root = clean_project(tmp_path)
    _write(root, "content/docs/gioi-thieu.md", f"---\n{page}\n---\n\n# Giới thiệu\n")
    code, out = run_check(root, capsys)
    assert out == [f"content/docs/gioi-thieu.md:{line}: {message}", out[-1]]
    assert code == 1
    assert _errors_of_build(root) == [f"content/docs/gioi-thieu.md:{line}: {message}"]


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("{number: 12-CT/TW, doc_type: 5}", "doc_type"),
        ("{number: 12-CT/TW, issuer: [a, b]}", "issuer"),
        ("{number: [1, 2]}", "number"),
        ("{number: 12-CT/TW, title: {a: b}, doc_type: 1.5}", "doc_type, title"),
    ],
)
def test_wrong_types_inside_references(tmp_path, capsys, reference, message):
    root = clean_project(tmp_path)
    text = DIRECTIVE.replace("topics:", f"references:\n  - {reference}\ntopics:")
    _write(root, "content/docs/van-ban/a.md", text)
    _write(root, "content/docs/van-ban/a.en.md", translation_of(text))
    code, out = run_check(root, capsys)
    assert out == [
        f"content/docs/van-ban/a.md:7: tham chiếu thứ 1: {message} phải là chữ "
        f"[reference 1: {message} must be text]",
        "1 lỗi, 0 cảnh báo [1 error, 0 warnings]",
    ]
    assert code == 1


def test_translation_summary_must_be_text(tmp_path, capsys):
    root = clean_project(tmp_path)
    english = translation_of(DIRECTIVE).replace("---\n\nText", "summary: [a]\n---\n\nText")
    _write(root, "content/docs/van-ban/a.en.md", english)
    _, out = run_check(root, capsys)
    assert out[0] == (
        "content/docs/van-ban/a.en.md:4: 'summary' phải là chữ (đang là list) "
        "[summary must be text]"
    )


@pytest.mark.parametrize(
    "source", ["/etc/passwd", "../../etc/passwd", "..", ".git", "a/b.txt", "C:\\\\x.txt"]
)
def test_source_outside_content_sources_stops_the_build_too(tmp_path, source):
    root = clean_project(tmp_path)
    text = DIRECTIVE.replace("source: 305.txt", f"source: '{source}'")
    _write(root, "content/docs/van-ban/a.md", text)
    _write(root, "content/docs/van-ban/a.en.md", translation_of(text))
    assert _errors_of_build(root) == [
        "content/docs/van-ban/a.md:8: 'source' phải là tên một tệp trong content/sources/, "
        f"không kèm thư mục (đang là '{source}') [source must be a file name]"
    ]


SYMLINK = (
    ": liên kết tượng trưng (symlink) không được phép trong content/: hãy chép tệp thật vào "
    "[symlinks are not allowed under content/]"
)


@pytest.mark.parametrize(
    "link",
    [
        "content/docs/van-ban/passwd.md",
        "content/docs/passwd.txt",
        "content/sources/passwd.txt",
        "content/docs/git",
    ],
)
def test_symlinks_under_content_are_errors_in_check_and_build(tmp_path, capsys, link):
    root = clean_project(tmp_path)
    secret = tmp_path / "outside" / "secret.md"
    _write(tmp_path, "outside/secret.md", "---\ntitle: secret\n---\nroot:x:0:0\n")
    os.symlink(secret if not link.endswith("git") else secret.parent, root / link)
    code, out = run_check(root, capsys)
    assert out[0] == link + SYMLINK
    assert code == 1
    assert link + SYMLINK in _errors_of_build(root)
    assert not any("root:x" in line for line in out)


@pytest.mark.parametrize("name", ["van-ban/b.markdown", "van-ban/b.mkd", "ghi-chu.mdown"])
def test_markdown_under_another_suffix_is_refused(tmp_path, capsys, name):
    root = clean_project(tmp_path)
    _write(root, f"content/docs/{name}", DIRECTIVE + '<img src=x onerror="alert(1)">\n')
    stem = Path(name).stem
    message = (
        f"content/docs/{name}: tệp Markdown phải có đuôi '.md': đổi tên thành '{stem}.md' "
        "[Markdown must be named .md]"
    )
    code, out = run_check(root, capsys)
    assert out == [message, "1 lỗi, 0 cảnh báo [1 error, 0 warnings]"]
    assert code == 1
    assert _errors_of_build(root) == [message]


@pytest.mark.parametrize(
    "name", ["van-ban/a.md~", "van-ban/a.md.bak", "van-ban/.a.md.swp", "#a.md#", "a.md.orig"]
)
def test_editors_leftovers_are_a_warning_and_left_out(tmp_path, capsys, name):
    root = clean_project(tmp_path)
    _write(root, f"content/docs/{name}", DIRECTIVE)
    code, out = run_check(root, capsys)
    assert out == [
        f"content/docs/{name}: cảnh báo [warning]: tệp thừa của trình soạn thảo, không được "
        "đăng; hãy xóa nó [editor's leftover file, not published]",
        "0 lỗi, 1 cảnh báo [0 errors, 1 warning]",
    ]
    assert code == 0
    assert build_catalog(root / "content/docs", root=root).stray == {name}


def _docx_bomb(path: Path, expanded: int) -> None:
    """A zip with a document part of `expanded` zero bytes: it compresses a thousandfold."""
    chunk = b"\0" * (1024 * 1024)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as part:
            for _ in range(expanded // len(chunk)):
                part.write(chunk)


def test_docx_zip_bomb_is_refused_quickly(tmp_path):
    bomb = tmp_path / "bomb.docx"
    _docx_bomb(bomb, MAX_EXPANDED_BYTES + 64 * 1024 * 1024)
    assert bomb.stat().st_size < 1024 * 1024
    started = time.perf_counter()
    with pytest.raises(ConversionError) as refused:
        read_docx(bomb.read_bytes())
    assert time.perf_counter() - started < 2
    assert str(refused.value) == (
        "tệp Word giải nén ra hơn 128 MiB: không đọc [.docx expands to more than 128 MiB]"
    )


def test_docx_whose_directory_understates_its_sizes_is_read_only_to_the_limit(tmp_path):
    """A directory that declares small sizes does not get the entry read past what it said:
    the reader stops, and the damaged zip is "not a valid .docx"."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (8 * 1024 * 1024))
    data = bytearray(buffer.getvalue())
    # Rewrite the declared uncompressed size (local header and central directory) as 1 KiB.
    for signature, offset in ((b"PK\x03\x04", 22), (b"PK\x01\x02", 24)):
        at = data.find(signature)
        data[at + offset : at + offset + 4] = (1024).to_bytes(4, "little")
    with pytest.raises(ConversionError) as refused:
        read_docx(bytes(data))
    assert "[not a valid .docx]" in str(refused.value)


def test_docx_with_too_many_entries(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for index in range(2001):
            archive.writestr(f"word/media/{index}.bin", b"")
    with pytest.raises(ConversionError) as refused:
        read_docx(buffer.getvalue())
    assert str(refused.value) == (
        "tệp Word có 2001 phần, quá giới hạn 2000 [.docx has more than 2000 entries]"
    )


@pytest.mark.parametrize("title", ["A" * 20000, "Kế hoạch " * 2500])
def test_share_card_of_a_huge_title_is_drawn_in_well_under_a_second(title):
    card = share_images.Card(
        kicker="KẾ HOẠCH SỐ 1/KH",
        title=title,
        details=("Ban Thường trực " * 500, "20/02/2023"),
        brand="Văn bản đối ngoại",
        lang="vi",
    )
    started = time.perf_counter()
    share_images.draw(card)
    assert time.perf_counter() - started < 1


HTML = "trong nội dung văn bản: nội dung chỉ được là chữ"


@pytest.mark.parametrize(
    ("text", "line", "expected"),
    [
        ("[x](&#106;avascript:alert(1))", 12, "'javascript:' trong nội dung văn bản bị cấm"),
        ("[x][a]\n\n[a]: &#x6A;avascript&colon;alert(1)", 14, "'javascript:' trong nội dung"),
        ('\\\\<img src=x onerror="alert(1)">', 12, "mã HTML '<img src=x onerror=\"alert(1)\">'"),
        ('<x. onfocus="alert(1)" autofocus>', 12, "mã HTML '<x. onfocus=\"alert(1)\" autofocus>'"),
        ("  ```\n\n<script>alert(1)</script>\n\n  ```", 14, f"mã HTML '<script>' {HTML}"),
        ("```\n<b>x</b>", 13, f"mã HTML '<b>' {HTML}"),  # an unclosed fence is text
        # Words after a fence open no code block: Markdown renders the <b>.
        ("``` not a language\n\n<b>x</b>\n\n```", 14, f"mã HTML '<b>' {HTML}"),
        ("[x](data:text/html;base64,PHNjcmlwdD4=)", 12, "liên kết tới địa chỉ 'data:'"),
        ("[x]: <DATA:text/html,x>", 12, "liên kết tới địa chỉ 'data:'"),
        ("![x](https://images.example.org/x.png)", 12, "ảnh lấy từ trang khác không được dùng"),
        ("![x](//images.example.org/x.png)", 12, "ảnh lấy từ trang khác không được dùng"),
    ],
)
def test_markup_spellings_the_issue_found_are_reported_at_their_line(
    tmp_path, capsys, text, line, expected
):
    root = clean_project(tmp_path)
    _write(root, "content/docs/van-ban/a.md", DIRECTIVE + text + "\n")
    code, out = run_check(root, capsys)
    assert code == 1
    assert any(o.startswith(f"content/docs/van-ban/a.md:{line}: {expected}") for o in out), out


def test_a_closed_fence_at_the_margin_is_code(tmp_path, capsys):
    root = clean_project(tmp_path)
    text = DIRECTIVE + "````\n<b>x</b>\n```\n````\n"
    _write(root, "content/docs/van-ban/a.md", text)
    _write(root, "content/docs/van-ban/a.en.md", translation_of(text))
    assert run_check(root, capsys) == (0, CLEAN)
