"""The render cache: a second build takes unchanged pages from it and writes the same bytes; a
changed page, a changed set of pages it links to, or a render that warned is rendered again."""

from __future__ import annotations

import importlib.util
import logging
import re
from pathlib import Path

import pytest
from mkdocs.exceptions import Abort

from build_scripts import caches, rendercache
from build_scripts.bench import corpus
from build_scripts.frontmatter import dump
from build_scripts.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent


def entry(content: str = "<p>x</p>") -> rendercache.Rendered:
    toc = [{"title": "A", "id": "a", "level": 2, "children": []}]
    return rendercache.Rendered(content, toc, "T", ["a"])


def test_an_entry_is_found_only_under_its_own_key(tmp_path):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp", "pages-1")
    key = cache.key("van-ban/a.md", "van-ban/a/", "# A\n")
    assert cache.get("van-ban/a.md", key) is None
    cache.put("van-ban/a.md", key, entry())
    assert cache.get("van-ban/a.md", key) == entry()
    assert cache.key("van-ban/a.md", "van-ban/a/", "# A!\n") != key
    assert cache.key("van-ban/b.md", "van-ban/a/", "# A\n") != key
    other = rendercache.RenderCache(tmp_path, "vi", "fp2", "pages-1")
    assert other.key("van-ban/a.md", "van-ban/a/", "# A\n") != key
    assert rendercache.RenderCache(tmp_path, "en", "fp", "pages-1").get("van-ban/a.md", key) is None
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_page_linking_to_pages_depends_on_which_pages_exist(tmp_path):
    linked = entry('<p><a href="../b/">B</a> <a href="#x">x</a></p>')
    cache = rendercache.RenderCache(tmp_path, "vi", "fp", "pages-1")
    key = cache.key("a.md", "a/", "[B](b.md)")
    cache.put("a.md", key, linked)
    assert cache.get("a.md", key) == linked
    assert rendercache.RenderCache(tmp_path, "vi", "fp", "pages-2").get("a.md", key) is None
    # Anchors and absolute addresses do not depend on other pages.
    plain = entry('<p><a href="#x">x</a> <a href="https://x.vn/">v</a> <img src="/a.png"></p>')
    assert not rendercache.links_to_pages(plain.content)
    cache.put("c.md", "k", plain)
    assert rendercache.RenderCache(tmp_path, "vi", "fp", "pages-2").get("c.md", "k") == plain


def test_entries_of_pages_no_longer_built_are_pruned(tmp_path):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp", "p")
    for uri in ("a.md", "b.md"):
        cache.put(uri, "k", entry())
    next_build = rendercache.RenderCache(tmp_path, "vi", "fp", "p")
    assert next_build.get("a.md", "k") == entry()  # b.md was removed from the site
    assert next_build.prune() == 1
    assert next_build.get("a.md", "k") == entry() and next_build.get("b.md", "k") is None


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp", "p")
    cache.put("a.md", "k", entry())
    next((tmp_path / "vi").glob("*.json")).write_text("{not json", encoding="utf-8")
    assert cache.get("a.md", "k") is None


def test_the_fingerprint_names_functions_stably():
    from build_scripts.slugs import heading_id

    configs = {"toc": {"slugify": heading_id}}
    assert rendercache.fingerprint(["toc"], configs) == rendercache.fingerprint(["toc"], configs)
    assert rendercache.fingerprint(["toc"], configs) != rendercache.fingerprint(["abbr"], configs)


@pytest.fixture
def project(tmp_path) -> Path:
    root = tmp_path / "project"
    root.mkdir()
    corpus.scaffold(ROOT, root)  # the real configuration, theme and editorial pages
    docs = root / "content" / "docs" / "van-ban"
    for n in range(1, 4):
        meta = {
            "title": f"Kế hoạch số {n}",
            "doc_type": "Kế hoạch",
            "number": f"{n}/KH-UBND",
            "date": f"2023-03-0{n}",
            "issuer": "Ủy ban nhân dân tỉnh Đồng Nai",
            "topics": ["doi-ngoai-nhan-dan"],
        }
        body = f"## Mục đích\n\nNội dung văn bản số {n}.[^1]\n\n[^1]: Ghi chú {n}.\n"
        (docs / f"d{n}.md").write_text(dump(meta, body), encoding="utf-8")
    return root


def files_of(site: Path) -> dict[str, bytes]:
    return {p.relative_to(site).as_posix(): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def rendered_counts(caplog) -> list[tuple[int, int]]:
    counts = []
    for record in caplog.records:
        found = re.search(r"Markdown: (\d+) pages from the cache, (\d+)", record.getMessage())
        if found:
            counts.append((int(found[1]), int(found[2])))
    return counts


def test_a_second_build_takes_pages_from_the_cache_and_writes_the_same_bytes(
    project, caplog, monkeypatch
):
    monkeypatch.delenv(caches.ENV, raising=False)
    caplog.set_level(logging.INFO, logger="mkdocs")
    build_site(str(project / "mkdocs.yml"), project / "site1")
    assert any((project / caches.DEFAULT / rendercache.FOLDER / "vi").glob("*.json"))
    first = rendered_counts(caplog)
    assert len(first) == 2 and all(hits == 0 for hits, _ in first)
    caplog.clear()
    build_site(str(project / "mkdocs.yml"), project / "site2")
    second = rendered_counts(caplog)
    assert len(second) == 2 and all(hits > 0 for hits, _ in second)
    assert files_of(project / "site1") == files_of(project / "site2")

    # An edited directive is rendered again: its page shows the new text.
    page = project / "content" / "docs" / "van-ban" / "d2.md"
    page.write_text(page.read_text(encoding="utf-8").replace("số 2.", "số hai."), "utf-8")
    build_site(str(project / "mkdocs.yml"), project / "site3")
    html = (project / "site3" / "van-ban" / "d2" / "index.html").read_text(encoding="utf-8")
    assert "Nội dung văn bản số hai." in html


def test_a_render_that_warned_warns_again_in_the_next_build(project, monkeypatch):
    monkeypatch.setenv(caches.ENV, str(project / "elsewhere"))
    page = project / "content" / "docs" / "van-ban" / "d3.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n[x](khong-co.md)\n", "utf-8")
    for attempt in ("site1", "site2"):  # strict: the broken link fails both builds
        with pytest.raises(Abort):
            build_site(str(project / "mkdocs.yml"), project / attempt, strict=True)
    assert (project / "elsewhere" / rendercache.FOLDER / "vi").is_dir()
    assert not (project / caches.DEFAULT / rendercache.FOLDER).exists()


def test_the_fingerprint_follows_the_code_of_ours_the_settings_use(tmp_path, monkeypatch):
    from build_scripts.slugs import heading_id

    configs = {"toc": {"slugify": heading_id}}
    assert rendercache._our_modules(configs) == {"build_scripts.slugs"}
    assert rendercache._our_modules(["abbr", "build_scripts.mdx:Ext"]) == {"build_scripts.mdx"}
    before = rendercache.fingerprint(["toc"], configs)
    # A change to slugs.py (the heading ids) is a change to every page's HTML.
    copy = tmp_path / "slugs.py"
    copy.write_text(Path(heading_id.__code__.co_filename).read_text() + "\n# changed\n")
    spec = type("Spec", (), {"origin": str(copy)})()
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: spec)
    assert rendercache.fingerprint(["toc"], configs) != before
