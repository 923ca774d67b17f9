"""`portal convert` and `portal inspect` as an editor uses them."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from build_scripts.cli import main

from .support import TEXTS

SEED = TEXTS / "seeds" / "000_2f9792bf1edc4892.txt"


def test_convert_writes_then_refuses_to_overwrite(tmp_path: Path, capsys) -> None:
    out = tmp_path / "van-ban"
    assert main(["convert", str(SEED), "--out", str(out)]) == 0
    target = out / "2025-75-mttq-btt.md"
    assert target.read_text(encoding="utf-8").startswith("---\ntitle: quán triệt")
    target.write_text("sửa tay của biên tập viên", encoding="utf-8")
    capsys.readouterr()
    assert main(["convert", str(SEED), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.endswith("2025-75-mttq-btt.md đã có; dùng --force để ghi đè [exists, use --force]\n")
    assert not (out / "2025-75-mttq-btt-dong-nai.md").exists()  # unreadable: maybe the same
    assert target.read_text(encoding="utf-8") == "sửa tay của biên tập viên"
    assert main(["convert", str(SEED), "--out", str(out), "--force"]) == 0
    assert target.read_text(encoding="utf-8").startswith("---\n")


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    good = tmp_path / "tot.txt"
    shutil.copy(SEED, good)
    out = tmp_path / "out"
    assert main(["convert", str(empty), str(good), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert "rong.txt: tệp rỗng [empty file]" in captured.err
    assert "Traceback" not in captured.err
    assert (out / "2025-75-mttq-btt.md").exists()


def test_inspect_prints_json(capsys) -> None:
    assert main(["inspect", str(SEED)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert found["number"] == "75/MTTQ-BTT"
    assert found["slug"] == "2025-75-mttq-btt"
    assert set(found) >= {
        "doc_type",
        "number",
        "place",
        "date",
        "issuer",
        "title",
        "signer",
        "topics",
        "references",
        "year",
        "signer_title",
        "recipients",
        "distribution",
        "slug",
        "warnings",
    }


def test_a_text_without_header_is_converted_not_refused(tmp_path: Path, capsys) -> None:
    source = tmp_path / "thu.txt"
    source.write_text("\n\nXin chào các bạn,\nđây là một lá thư bình thường.\n", encoding="utf-8")
    assert main(["inspect", str(source)]) == 0
    found = json.loads(capsys.readouterr().out)
    assert (found["title"], found["doc_type"], found["issuer"]) == (None, None, None)
    assert any(w.endswith("[no title]") for w in found["warnings"])
    out = tmp_path / "out"
    assert main(["convert", str(source), "--out", str(out)]) == 0
    assert (out / "thu.md").read_text(encoding="utf-8").startswith("---\ntitle: null\n")
