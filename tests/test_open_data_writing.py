"""Open data files are written as they are encoded (api._write_json), byte for byte what
json.dumps gives: at 20,000 directives holding the whole text and its pieces cost 600 MB."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from build_scripts import api


@pytest.mark.parametrize("pieces", [1, 7, api.WRITE_PIECES])
def test_streamed_json_is_the_bytes_of_dumps(tmp_path: Path, monkeypatch, pieces: int):
    monkeypatch.setattr(api, "WRITE_PIECES", pieces)
    data = {
        "schema": 2,
        "documents": [
            {"slug": f"2025-{i}-kh", "title": "Đối ngoại nhân dân “x”\n", "topics": ["a", "b"]}
            for i in range(50)
        ],
        "empty": {},
        "none": None,
        "float": 1.5,
    }
    path = tmp_path / "documents.json"
    api._write_json(path, data)
    expected = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    assert path.read_bytes() == expected.encode("utf-8")
