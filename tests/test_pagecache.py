"""The page cache's parts: what a key can be made of, and entries damaged on disk."""

from __future__ import annotations

import datetime
import json
import logging
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_scripts import pagecache


@dataclass
class View:
    text: str
    links: list[str]


def test_a_value_is_written_down_so_that_any_change_shows() -> None:
    values = [
        View("a", ["x"]),
        View("a", ["y"]),
        View("b", ["x"]),
        {"a": 1},
        {"a": "1"},
        datetime.date(2024, 3, 15),
        "2024-03-15",
        [1, 2],
        (2, 1),
        Path("a/b"),
        None,
    ]
    written = [json.dumps(pagecache.canonical(v), sort_keys=True) for v in values]
    assert len(set(written)) == len(values)


def test_a_value_with_no_written_form_makes_the_page_uncacheable() -> None:
    with pytest.raises(pagecache.Uncacheable):
        pagecache.canonical({"view": [object()]})


@pytest.mark.parametrize(
    "damage",
    [
        lambda slot: slot.write_bytes(slot.read_bytes()[:30]),
        lambda slot: slot.write_bytes(b"\xff\xfe garbage"),
        lambda slot: slot.write_text(
            slot.read_text(encoding="utf-8").replace("<p>x</p>", "<p>y</p>"), encoding="utf-8"
        ),
    ],
)
def test_a_damaged_entry_is_rendered_again(tmp_path: Path, caplog, damage) -> None:
    cache = pagecache.PageCache(tmp_path, "vi")
    cache.put("van-ban/a.md", "key-1", "<html><p>x</p></html>")
    (slot,) = (tmp_path / "vi").glob("*.json")
    damage(slot)
    with caplog.at_level(logging.WARNING, logger="portal.caches"):
        assert cache.get("van-ban/a.md", "key-1") is None
    assert "damaged entry" in caplog.text and not slot.exists()


def test_an_entry_is_handed_out_for_its_own_key_only(tmp_path: Path) -> None:
    cache = pagecache.PageCache(tmp_path, "vi")
    cache.put("van-ban/a.md", "key-1", "<html>A</html>")
    assert cache.get("van-ban/a.md", "key-2") is None
    assert cache.get("van-ban/b.md", "key-1") is None
    assert cache.get("van-ban/a.md", "key-1") == "<html>A</html>"
    assert (cache.hits, cache.misses) == (1, 2)


def test_a_full_build_removes_the_entries_of_pages_it_did_not_visit(tmp_path: Path) -> None:
    cache = pagecache.PageCache(tmp_path, "vi")
    cache.put("a.md", "k", "A")
    cache.put("b.md", "k", "B")
    later = pagecache.PageCache(tmp_path, "vi")
    assert later.get("a.md", "k") == "A"
    assert later.prune() == 1
    assert later.get("a.md", "k") == "A" and later.get("b.md", "k") is None
