"""Dirty rebuilds (portal serve): an edit renders again what it changes, and only that."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_scripts.pipeline import build_into

ROOT = Path(__file__).resolve().parent.parent
EDITED = "2022-175-kh-ubnd"  # translated, cited by nothing, in two topics
UNRELATED = "2025-75-mttq-btt"


def test_an_edit_rebuilds_its_pages_and_leaves_the_others(tmp_path):
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content", project / "content")
    site = tmp_path / "site"
    config = str(project / "mkdocs.yml")
    url = "http://127.0.0.1:8000/"  # as portal serve builds: its address, pages that reload
    build_into(config, site, site_url=url, serve_url=url)
    page = site / "van-ban" / EDITED / "index.html"
    english = site / "en" / "van-ban" / EDITED / "index.html"
    other = site / "van-ban" / UNRELATED / "index.html"
    assert "Translation may be out of date" not in english.read_text(encoding="utf-8")
    other_written = other.stat().st_mtime_ns

    source = project / "content" / "docs" / "van-ban" / f"{EDITED}.md"
    text = source.read_text(encoding="utf-8")
    source.write_text(text.replace("Tạo sự thống nhất", "Tạo sự THỐNG NHẤT", 1), "utf-8")
    build_into(config, site, site_url=url, serve_url=url, dirty=True)

    assert "Tạo sự THỐNG NHẤT" in page.read_text(encoding="utf-8")
    assert "Translation may be out of date" in english.read_text(encoding="utf-8")
    assert other.stat().st_mtime_ns == other_written
    assert (site / "pagefind").is_dir() and (site / "en" / "pagefind").is_dir()
