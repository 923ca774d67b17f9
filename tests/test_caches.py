"""Where the caches live, how cached files reach the site, and what a damaged cache does."""

from __future__ import annotations

import json
import logging
import os
import pickle
import subprocess
from pathlib import Path

import pytest

from build_scripts import caches, rendercache, share_images

ROOT = Path(__file__).resolve().parent.parent


def test_the_cache_is_in_the_project_unless_configured(tmp_path, monkeypatch):
    monkeypatch.delenv(caches.ENV, raising=False)
    assert caches.root(tmp_path) == tmp_path / ".cache"
    monkeypatch.setenv(caches.ENV, str(tmp_path / "kept"))
    assert caches.root(Path("/elsewhere")) == tmp_path / "kept"


def test_a_cached_file_reaches_the_site_as_a_file_of_its_own(tmp_path):
    """Damaging the cache in place (a disk error, an editor) cannot change a live release."""
    source = tmp_path / "cache" / "a.png"
    source.parent.mkdir()
    source.write_bytes(b"png of a card")
    target = tmp_path / "site" / "anh" / "a.png"
    caches.copy_file(source, target)
    assert target.read_bytes() == b"png of a card"
    assert not os.path.samefile(source, target)
    with open(source, "r+b") as damaged:  # written into, not replaced
        damaged.write(b"XXX")
    assert target.read_bytes() == b"png of a card"
    caches.copy_file(source, target)  # again, over the old one (a dirty rebuild)
    assert target.read_bytes() == b"XXX of a card"
    assert not os.path.samefile(source, target)


def test_without_an_in_kernel_copy_the_bytes_are_copied(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "copy_file_range", refuse)
    source = tmp_path / "a.txt"
    source.write_text("văn bản " * 10_000, encoding="utf-8")
    target = tmp_path / "site" / "a.txt"
    target.parent.mkdir()
    target.write_text("cũ, dài hơn " * 20_000, encoding="utf-8")
    caches.copy_file(source, target)
    assert target.read_text(encoding="utf-8") == "văn bản " * 10_000
    assert not os.path.samefile(source, target)


def test_a_default_folder_is_used_only_inside_and_only_when_unset(tmp_path, monkeypatch):
    monkeypatch.delenv(caches.ENV, raising=False)
    with caches.defaulting_to(tmp_path / "www" / ".cache"):
        assert caches.root(tmp_path) == tmp_path / "www" / ".cache"
    assert caches.ENV not in os.environ
    monkeypatch.setenv(caches.ENV, str(tmp_path / "chosen"))
    with caches.defaulting_to(tmp_path / "www" / ".cache"):
        assert caches.root(tmp_path) == tmp_path / "chosen"
    assert os.environ[caches.ENV] == str(tmp_path / "chosen")


# --- a damaged cache is computed again, never handed out -------------------------------------


def filled_memo(path: Path) -> None:
    memo = caches.Memo(path)
    memo.put("một", {"title": "Một", "lines": [1, 2]})
    memo.put("hai", "<p>hai</p>")
    memo.save()


def damage_entries(path: Path, change) -> None:
    """Rewrite each entry of a Memo file with `change(bytes) -> bytes`; the file stays a pickle."""
    form, entries = pickle.loads(path.read_bytes())
    path.write_bytes(pickle.dumps((form, {k: change(v) for k, v in entries.items()})))


@pytest.mark.parametrize(
    "damage",
    [
        lambda path: path.write_bytes(path.read_bytes()[:40]),  # cut short
        lambda path: path.write_bytes(b"\x80\x05garbage" * 9),  # not a pickle
        lambda path: path.write_bytes(pickle.dumps(["a list"])),  # a pickle of another shape
        lambda path: damage_entries(path, lambda v: v[:-3]),  # entries cut short
        lambda path: damage_entries(
            path, lambda v: v[:40] + bytes([v[40] ^ 255]) + v[41:]
        ),  # a byte changed
        lambda path: damage_entries(path, lambda v: v[32:]),  # entries without their hash
        lambda path: damage_entries(path, lambda v: b"\x00" * 32 + pickle.dumps(7)),
    ],
)
def test_a_damaged_memo_is_computed_again_with_a_warning(tmp_path, caplog, damage):
    path = tmp_path / "memo.pickle"
    filled_memo(path)
    damage(path)
    with caplog.at_level(logging.WARNING, logger="portal.caches"):
        memo = caches.Memo(path)
        assert memo.get("một") is None and memo.get("hai") is None
        assert not memo.keep("một")
    assert len(caplog.records) == 1 and "computed again" in caplog.records[0].getMessage()
    memo.put("một", {"title": "Một"})
    memo.save()
    assert caches.Memo(path).get("một") == {"title": "Một"}  # rebuilt
    assert caches.Memo(path).get("hai") is None


def test_a_memo_of_an_earlier_version_is_dropped_quietly(tmp_path, caplog):
    path = tmp_path / "memo.pickle"
    path.write_bytes(pickle.dumps({b"k" * 32: pickle.dumps("old")}))  # entries without hashes
    with caplog.at_level(logging.WARNING):
        assert caches.Memo(path).known == {}
    assert not caplog.records


def test_a_whole_memo_is_used_without_a_warning(tmp_path, caplog):
    path = tmp_path / "memo.pickle"
    filled_memo(path)
    with caplog.at_level(logging.WARNING):
        memo = caches.Memo(path)
        assert memo.get("một") == {"title": "Một", "lines": [1, 2]}
        assert memo.keep("hai")
    assert not caplog.records


def test_a_damaged_front_matter_cache_fails_no_build(tmp_path):
    """Every entry of the front matter cache damaged: the catalog is read as without one."""
    from build_scripts import pipeline

    docs = tmp_path / "docs" / "van-ban"
    docs.mkdir(parents=True)
    directives = (ROOT / "content/docs/van-ban").glob("*.md")
    for source in sorted(p for p in directives if not p.name.endswith(".en.md"))[:3]:
        (docs / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    cache_dir = tmp_path / "cache"
    plain = pipeline.read_catalog(tmp_path / "docs", root=tmp_path)
    pipeline.read_catalog(tmp_path / "docs", root=tmp_path, cache_dir=cache_dir)
    damage_entries(cache_dir / pipeline.PARSE_CACHE, lambda v: v[:-5] + b"\xff" * 5)
    again = pipeline.read_catalog(tmp_path / "docs", root=tmp_path, cache_dir=cache_dir)
    assert again.documents == plain.documents and len(again.documents) == 3
    assert [str(p) for p in again.problems] == [str(p) for p in plain.problems]


def rendered() -> rendercache.Rendered:
    toc = [{"title": "A", "id": "a", "level": 2, "children": []}]
    return rendercache.Rendered("<p>x</p>", toc, "T", ["a"])


def edit_entry(entry: dict) -> None:
    entry["rendered"]["content"] = "<p>changed</p>"


def reshape_entry(entry: dict) -> None:
    entry["rendered"] = {"content": 5}
    entry["check"] = rendercache._check(entry["rendered"], entry["links"])  # a matching hash


@pytest.mark.parametrize(
    "damage",
    [
        lambda slot: slot.write_bytes(slot.read_bytes()[:30]),
        lambda slot: slot.write_bytes(b"\xff\xfe garbage"),
        lambda slot: slot.write_text(json.dumps(_changed(slot, edit_entry))),
        lambda slot: slot.write_text(json.dumps(_changed(slot, reshape_entry))),
    ],
)
def test_a_damaged_render_cache_entry_is_rendered_again(tmp_path, caplog, damage):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp")
    key = cache.key("van-ban/a.md", "van-ban/a/", "# A\n")
    cache.put("van-ban/a.md", key, rendered(), {})
    (slot,) = (tmp_path / "vi").glob("*.json")
    damage(slot)
    nowhere = {}.get
    with caplog.at_level(logging.WARNING, logger="portal.caches"):
        assert cache.get("van-ban/a.md", key, nowhere) is None
    assert "damaged entry" in caplog.text and not slot.exists()
    cache.put("van-ban/a.md", key, rendered(), {})
    assert cache.get("van-ban/a.md", key, nowhere) == rendered()


def _changed(slot: Path, change) -> dict:
    entry = json.loads(slot.read_text(encoding="utf-8"))
    change(entry)
    return entry


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # cut short
        lambda data: data[:-12],  # all but its end chunk
        lambda data: data[:200] + bytes([data[200] ^ 1]) + data[201:],  # one bit changed
        lambda data: b"",
    ],
)
def test_a_damaged_share_card_is_drawn_again_not_published(tmp_path, damage):
    card = share_images.Card("KẾ HOẠCH · 1/KH", "Tiêu đề", ("Ủy ban",), "Cổng", "vi")
    images = [share_images.ShareImage("anh-chia-se/van-ban/a.png", card)]
    (cached,) = share_images.ensure_cached(images, tmp_path).values()
    whole = cached.read_bytes()
    assert share_images.is_whole_png(cached)
    cached.write_bytes(damage(whole))
    assert not share_images.is_whole_png(cached)
    report = share_images.CacheReport()
    share_images.ensure_cached(images, tmp_path, report)
    assert (report.drawn, report.reused) == (1, 0)
    assert cached.read_bytes() == whole


def test_a_card_left_half_drawn_by_a_killed_build_is_removed(tmp_path):
    dead = subprocess.Popen(["true"])
    dead.wait()
    left = tmp_path / f"0123abcd.{dead.pid}.partial"
    drawing = tmp_path / f"4567ef01.{os.getpid()}.partial"  # a build still drawing it
    for path in (left, drawing):
        path.write_bytes(b"\x89PNG half")
    share_images.prune(tmp_path, [])
    assert not left.exists() and drawing.exists()
