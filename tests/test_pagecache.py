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
    (slot,) = (tmp_path / "vi").glob("*/*.json")
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


def test_each_site_address_keeps_its_own_pages(tmp_path: Path) -> None:
    # portal serve (its own address) and portal build in one project: neither replaces the
    # other's entries, so the build after a preview is not a build from nothing.
    built = pagecache.PageCache(tmp_path, "vi", "https://portal.example/")
    built.put("a.md", "k-build", "<html>built</html>")
    served = pagecache.PageCache(tmp_path, "vi", "http://127.0.0.1:8000/")
    assert served.get("a.md", "k-serve") is None  # a build asks first, then keeps
    served.put("a.md", "k-serve", "<html>served</html>")
    served.prune()
    again = pagecache.PageCache(tmp_path, "vi", "https://portal.example/")
    assert again.get("a.md", "k-build") == "<html>built</html>"
    assert (
        pagecache.PageCache(tmp_path, "vi", "http://127.0.0.1:8000/").get("a.md", "k-serve")
        == "<html>served</html>"
    )


def test_a_full_build_removes_the_pages_of_addresses_no_longer_used(tmp_path: Path) -> None:
    import os
    import time

    for port in (8001, 8002, 8003):
        pagecache.PageCache(tmp_path, "vi", f"http://127.0.0.1:{port}/").put("a.md", "k", "A")
    (tmp_path / "vi" / "old.json").write_text("{}", encoding="utf-8")  # before folders
    hours_ago = time.time() - 3 * 3600
    for n, folder in enumerate(sorted((tmp_path / "vi").iterdir())):
        if folder.is_dir():
            os.utime(folder, (hours_ago + n, hours_ago + n))
    current = pagecache.PageCache(tmp_path, "vi", "https://portal.example/")
    assert current.get("a.md", "k") is None
    current.put("a.md", "k", "A")
    assert current.prune() == 1 + 2  # the old-style entry, and two addresses' one entry each
    assert len([p for p in (tmp_path / "vi").iterdir() if p.is_dir()]) == pagecache.KEPT_SITES
    assert current.get("a.md", "k") == "A"


def test_an_address_used_a_moment_ago_is_never_removed(tmp_path: Path) -> None:
    # A serve and two builds at once: none removes a folder another may be writing into.
    for port in (8001, 8002, 8003):
        pagecache.PageCache(tmp_path, "vi", f"http://127.0.0.1:{port}/").put("a.md", "k", "A")
    current = pagecache.PageCache(tmp_path, "vi", "https://portal.example/")
    current.prune()
    assert len([p for p in (tmp_path / "vi").iterdir() if p.is_dir()]) == 4
