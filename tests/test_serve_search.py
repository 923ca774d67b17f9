"""portal serve's search index after a dirty rebuild: built in the background and swapped in,
unless a newer build started while it was being read (tests/test_incremental.py checks that
the refreshed index is the one a build from nothing makes)."""

from __future__ import annotations

import threading
from pathlib import Path

from build_scripts.commands import serve


def test_a_dirty_rebuild_is_followed_by_a_fresh_index(monkeypatch, tmp_path: Path) -> None:
    used, dropped = [], []
    monkeypatch.setattr(serve, "search_bundles", lambda config, site: ["bundle"])
    monkeypatch.setattr(serve, "use_bundles", used.append)
    monkeypatch.setattr(serve, "discard_bundles", dropped.append)
    refresh = serve.SearchRefresh("mkdocs.yml", tmp_path)
    try:
        with refresh.building():
            pass
        refresh.request()
        assert refresh.wait(30)
        assert (used, dropped, refresh.refreshed) == ([["bundle"]], [], 1)
    finally:
        refresh.stop()


def test_an_index_read_while_a_newer_build_ran_is_dropped(monkeypatch, tmp_path: Path) -> None:
    reading, go_on = threading.Event(), threading.Event()
    calls: list[int] = []

    def slow_bundles(config, site):  # the first read is overtaken by a build
        calls.append(1)
        if len(calls) == 1:
            reading.set()
            go_on.wait(30)
        return [f"bundle-{len(calls)}"]

    used, dropped = [], []
    monkeypatch.setattr(serve, "search_bundles", slow_bundles)
    monkeypatch.setattr(serve, "use_bundles", used.append)
    monkeypatch.setattr(serve, "discard_bundles", dropped.append)
    refresh = serve.SearchRefresh("mkdocs.yml", tmp_path)
    try:
        refresh.request()
        assert reading.wait(30)
        with refresh.building():  # a newer build, while the index was being read
            pass
        refresh.request()
        go_on.set()
        assert refresh.wait(30)
        assert dropped == [["bundle-1"]]
        assert used == [["bundle-2"]]
    finally:
        refresh.stop()


def test_a_failed_refresh_says_so_and_keeps_the_index(monkeypatch, tmp_path: Path, caplog) -> None:
    def failing(config, site):
        raise OSError("disk full")

    used: list = []
    monkeypatch.setattr(serve, "search_bundles", failing)
    monkeypatch.setattr(serve, "use_bundles", used.append)
    refresh = serve.SearchRefresh("mkdocs.yml", tmp_path)
    try:
        refresh.request()
        assert refresh.wait(30)
        assert used == [] and "search index not refreshed" in caplog.text
    finally:
        refresh.stop()
