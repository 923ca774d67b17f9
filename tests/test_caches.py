"""Where the caches live, and how cached files reach the site."""

from __future__ import annotations

import os
from pathlib import Path

from build_scripts import caches


def test_the_cache_is_in_the_project_unless_configured(tmp_path, monkeypatch):
    monkeypatch.delenv(caches.ENV, raising=False)
    assert caches.root(tmp_path) == tmp_path / ".cache"
    monkeypatch.setenv(caches.ENV, str(tmp_path / "kept"))
    assert caches.root(Path("/elsewhere")) == tmp_path / "kept"


def test_a_cached_file_is_linked_into_the_site(tmp_path):
    source = tmp_path / "cache" / "a.png"
    source.parent.mkdir()
    source.write_bytes(b"png")
    target = tmp_path / "site" / "anh" / "a.png"
    caches.link_or_copy(source, target)
    assert target.read_bytes() == b"png"
    assert os.path.samefile(source, target)
    caches.link_or_copy(source, target)  # again, over the old one (a dirty rebuild)
    assert os.path.samefile(source, target)


def test_a_file_that_cannot_be_linked_is_copied(tmp_path, monkeypatch):
    def refuse(*args):
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", refuse)
    source = tmp_path / "a.txt"
    source.write_text("văn bản", encoding="utf-8")
    target = tmp_path / "site" / "a.txt"
    caches.link_or_copy(source, target)
    assert target.read_text(encoding="utf-8") == "văn bản"
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
