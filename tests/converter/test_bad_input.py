"""Bad input: one line naming the file (and line), exit status 1, never a traceback."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from build_scripts.cli import main


def _inspect(tmp_path: Path, name: str, data: bytes, capsys) -> tuple[int, str]:
    path = tmp_path / name
    path.write_bytes(data)
    status = main(["inspect", str(path)])
    captured = capsys.readouterr()
    assert captured.out == ""
    return status, captured.err.replace(str(tmp_path) + "/", "")


CASES = {
    "empty": ("rong.txt", b"", "rong.txt: tệp rỗng [empty file]\n"),
    "blank lines only": ("trang.txt", b"\r\n \n\t\n", "trang.txt: tệp rỗng [empty file]\n"),
    "a broken image under a text name": (
        "anh.txt",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR",
        "anh.txt: không đọc được ảnh quét: tệp hỏng hoặc không đúng định dạng [corrupt file]\n",
    ),
    "binary": (
        "du-lieu.txt",
        b"\x00\x00\x01\x02" * 64,
        "du-lieu.txt:1: không phải tệp văn bản: có byte NUL [binary file, not text]\n",
    ),
    "bad UTF-8, not Windows-1258 either (undefined byte)": (
        "hong.txt",
        "KẾ HOẠCH\n".encode() + b"S\x81 ho\xe1\n",
        "hong.txt:2: không đọc được mã ký tự: byte 0x81 không hợp lệ trong UTF-8 và văn bản "
        "cũng không phải Windows-1258; hãy lưu lại dưới dạng UTF-8 [undecodable text]\n",
    ),
    "bad UTF-8 that reads as symbols in Windows-1258": (
        "rac.txt",
        b"abc\n" + bytes([0xA4, 0xA6, 0xA8, 0xB4, 0xB8, 0xBC, 0xBD, 0xBE]) * 20,
        "rac.txt:2: không đọc được mã ký tự: byte 0xA4 không hợp lệ trong UTF-8 và văn bản "
        "cũng không phải Windows-1258; hãy lưu lại dưới dạng UTF-8 [undecodable text]\n",
    ),
    "truncated UTF-16": (
        "utf16.txt",
        codecs.BOM_UTF16_LE + "KẾ HOẠCH\nSố: 1".encode("utf-16-le") + b"\x41",
        "utf16.txt:2: không đọc được mã ký tự: tệp có dấu BOM UTF-16 nhưng nội dung hỏng "
        "(truncated data) [invalid UTF-16]\n",
    ),
    "not a docx": (
        "vanban.docx",
        b"PK\x03\x04 not really a zip",
        "vanban.docx: không mở được tệp Word (.docx): tệp hỏng hoặc không phải .docx "
        "[not a valid .docx]\n",
    ),
    "corrupt Word .doc": (
        "vanban.doc",
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 32,
        "vanban.doc: LibreOffice không chuyển được vanban.doc sang .docx: tệp hỏng hoặc không "
        "phải văn bản Word/OpenDocument [corrupt file]\n",
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_input_message(case: str, tmp_path: Path, capsys) -> None:
    name, data, message = CASES[case]
    status, err = _inspect(tmp_path, name, data, capsys)
    assert status == 1
    assert err == message
