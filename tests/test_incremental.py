"""Dirty rebuilds (portal serve): an edit renders again what it changes, and only that."""

from __future__ import annotations

import shutil
from pathlib import Path

from build_scripts.pipeline import build_into, search_bundles, use_bundles

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


def site_files(site: Path) -> dict[str, bytes]:
    """Every file of a built site, its search index included."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file()
    }


def test_after_each_edit_a_dirty_rebuild_shows_what_a_full_build_shows(tmp_path, monkeypatch):
    """The dependency rules (dependencies.py, engine/incremental.py): a change of a title that
    another page shows, a deleted directive, one more directive citing another: after each, the
    dirty rebuild's site is the same, file for file, as a build from nothing."""
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content", project / "content")
    monkeypatch.setenv("PORTAL_CACHE_DIR", str(tmp_path / "cache"))
    docs = project / "content" / "docs" / "van-ban"
    config = str(project / "mkdocs.yml")
    url = "http://127.0.0.1:8000/"
    site = tmp_path / "site"
    build_into(config, site, site_url=url, serve_url=url)

    def same_as_from_nothing(step: str) -> None:
        build_into(config, site, site_url=url, serve_url=url, dirty=True)
        use_bundles(search_bundles(config, site))  # what portal serve does next, in the background
        fresh = tmp_path / f"fresh-{step}"
        monkeypatch.setenv("PORTAL_CACHE_DIR", str(tmp_path / f"cache-{step}"))
        build_into(config, fresh, site_url=url, serve_url=url)
        monkeypatch.setenv("PORTAL_CACHE_DIR", str(tmp_path / "cache"))
        dirty, full = site_files(site), site_files(fresh)
        assert sorted(dirty) == sorted(full), step
        assert [p for p in full if dirty[p] != full[p]] == [], step

    # One more directive, implementing 175/KH-UBND: that page lists it among those citing it.
    original = docs / f"{EDITED}.md"
    added = docs / "2022-176-kh-ubnd.md"
    added.write_text(
        original.read_text(encoding="utf-8")
        .replace("number: 175/KH-UBND", "number: 176/KH-UBND", 1)
        .replace("title: Triển khai", "title: Tiếp tục triển khai", 1)
        .replace(
            "references:\n",
            "references:\n- number: 175/KH-UBND\n  doc_type: Kế hoạch\n  date: '2022-08-01'\n"
            "  issuer: Ủy ban nhân dân tỉnh Đồng Nai\n  relation: implements\n",
            1,
        ),
        "utf-8",
    )
    same_as_from_nothing("add")
    cited_page = site / "van-ban" / EDITED / "index.html"
    citing_page = site / "van-ban" / "2022-176-kh-ubnd" / "index.html"
    assert "2022-176-kh-ubnd" in cited_page.read_text("utf-8")

    # Both titles changed in turn: each page shows the other (its chain, its "cited by").
    for path, new_title in ((original, "Kế hoạch đã sửa tên"), (added, "Kế hoạch mới sửa tên")):
        text = path.read_text(encoding="utf-8")
        title_lines = text.split("\ndoc_type:")[0]
        path.write_text(text.replace(title_lines, f"---\ntitle: {new_title}", 1), "utf-8")
        same_as_from_nothing(f"title of {path.stem}")
    assert "Kế hoạch mới sửa tên" in cited_page.read_text("utf-8")  # its "cited by" list
    assert "Kế hoạch đã sửa tên" not in citing_page.read_text("utf-8")  # numbers, not titles

    # The citing one deleted: its pages go, and the cited page no longer lists it.
    added.unlink()
    same_as_from_nothing("delete")
    assert not (site / "van-ban" / "2022-176-kh-ubnd").exists()
    assert "2022-176-kh-ubnd" not in cited_page.read_text("utf-8")

    # A directive deleted with its translation, in both languages.
    for path in docs.glob(f"{UNRELATED}*.md"):
        path.unlink()
    same_as_from_nothing("delete with translation")
    assert not (site / "van-ban" / UNRELATED).exists()
    assert not (site / "en" / "van-ban" / UNRELATED).exists()
