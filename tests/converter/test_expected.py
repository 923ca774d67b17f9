"""Every field of both expected.json files, for all twelve texts (the acceptance bar)."""

from __future__ import annotations

import json
import unicodedata

import pytest

from build_scripts.convert import convert_path

from .support import TEXTS


def _cases() -> list[tuple[str, str, dict]]:
    out = []
    for folder in ("seeds", "corpus"):
        expected = json.loads((TEXTS / folder / "expected.json").read_text(encoding="utf-8"))
        out += [(folder, name, fields) for name, fields in sorted(expected.items())]
    return out


def _norm(value):
    if isinstance(value, str):
        return " ".join(unicodedata.normalize("NFC", value).split())
    if isinstance(value, list):
        return [_norm(v) for v in value]
    return value


@pytest.mark.parametrize(("folder", "name", "fields"), _cases(), ids=lambda x: str(x)[:40])
def test_expected_fields(folder: str, name: str, fields: dict) -> None:
    found = convert_path(TEXTS / folder / name).inspect()
    for key, want in fields.items():
        if key == "references_include":
            numbers = {_norm(r["number"]) for r in found["references"]}
            assert set(_norm(want)) <= numbers, f"{name}: references miss {set(want) - numbers}"
        elif key == "topics":
            assert sorted(_norm(found["topics"])) == sorted(_norm(want)), f"{name}: topics"
        else:
            assert _norm(found[key]) == _norm(want), f"{name}: {key}"
