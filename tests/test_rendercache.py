"""The render cache: a second build takes unchanged pages from it and writes the same bytes; a
changed page, a page whose link targets moved or went, or a render that warned is rendered
again."""

from __future__ import annotations

import importlib.util
import json
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


def none(path: str) -> None:
    """A build in which no other page exists."""
    return None


def test_an_entry_is_found_only_under_its_own_key(tmp_path):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp")
    key = cache.key("van-ban/a.md", "van-ban/a/", "# A\n")
    assert cache.get("van-ban/a.md", key, none) is None
    cache.put("van-ban/a.md", key, entry(), {})
    assert cache.get("van-ban/a.md", key, none) == entry()
    assert cache.key("van-ban/a.md", "van-ban/a/", "# A!\n") != key
    assert cache.key("van-ban/b.md", "van-ban/a/", "# A\n") != key
    other = rendercache.RenderCache(tmp_path, "vi", "fp2")
    assert other.key("van-ban/a.md", "van-ban/a/", "# A\n") != key
    assert rendercache.RenderCache(tmp_path, "en", "fp").get("van-ban/a.md", key, none) is None
    assert (cache.hits, cache.misses) == (1, 1)


def test_a_page_is_used_while_the_pages_it_looked_up_answer_the_same(tmp_path):
    linked = entry('<p><a href="../b/">B</a> <a href="#x">x</a></p>')
    cache = rendercache.RenderCache(tmp_path, "vi", "fp")
    key = cache.key("a.md", "a/", "[B](b.md) [C](c.md)")
    # Its render found b.md at b/ and looked for c.md in vain.
    cache.put("a.md", key, linked, {"b.md": "b/", "c.md": None})
    same = {"b.md": "b/", "c.md": None, "d.md": "d/"}  # another page added: no matter
    assert cache.get("a.md", key, same.get) == linked
    assert cache.get("a.md", key, {"c.md": None}.get) is None  # b.md deleted
    assert cache.get("a.md", key, {"b.md": "b-moi/"}.get) is None  # b.md served elsewhere
    assert cache.get("a.md", key, {"b.md": "b/", "c.md": "c/"}.get) is None  # c.md added
    assert cache.get("a.md", key, same.get) == linked  # a miss does not discard the entry


def test_entries_of_pages_no_longer_built_are_pruned(tmp_path):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp")
    for uri in ("a.md", "b.md"):
        cache.put(uri, "k", entry(), {})
    next_build = rendercache.RenderCache(tmp_path, "vi", "fp")
    assert next_build.get("a.md", "k", none) == entry()  # b.md was removed from the site
    assert next_build.prune() == 1
    assert next_build.get("a.md", "k", none) == entry()
    assert next_build.get("b.md", "k", none) is None


def test_a_damaged_entry_is_a_miss(tmp_path):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp")
    cache.put("a.md", "k", entry(), {})
    next((tmp_path / "vi").glob("*.json")).write_text("{not json", encoding="utf-8")
    assert cache.get("a.md", "k", none) is None


def test_lookups_are_part_of_what_the_entry_hash_covers(tmp_path, caplog):
    cache = rendercache.RenderCache(tmp_path, "vi", "fp")
    cache.put("a.md", "k", entry(), {"b.md": "b/"})
    (slot,) = (tmp_path / "vi").glob("*.json")
    kept = json.loads(slot.read_text(encoding="utf-8"))
    kept["links"] = {}  # as if the page had looked up nothing: its entry is not trusted
    slot.write_text(json.dumps(kept), encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="portal.caches"):
        assert cache.get("a.md", "k", none) is None
    assert "damaged entry" in caplog.text and not slot.exists()


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


def test_adding_a_page_keeps_the_others_and_deleting_one_renders_its_linkers_again(
    project, caplog, monkeypatch
):
    monkeypatch.delenv(caches.ENV, raising=False)
    docs = project / "content" / "docs" / "van-ban"
    d1 = docs / "d1.md"
    d1.write_text(d1.read_text(encoding="utf-8") + "\nXem [số 3](d3.md).\n", "utf-8")
    build_site(str(project / "mkdocs.yml"), project / "site1")
    slots = project / caches.DEFAULT / rendercache.FOLDER / "vi"
    before = {p.name: p.stat().st_mtime_ns for p in slots.glob("*.json")}

    # One more directive: the directives' own entries stay as they were (not rendered again).
    (docs / "d4.md").write_text(
        (docs / "d2.md").read_text(encoding="utf-8").replace("2/KH-UBND", "4/KH-UBND"), "utf-8"
    )
    build_site(str(project / "mkdocs.yml"), project / "site2")
    after = {p.name: p.stat().st_mtime_ns for p in slots.glob("*.json")}
    kept = [name for name, stamp in before.items() if after.get(name) == stamp]
    store = caches.Slots(slots, "render cache")
    directives = {store.path(f"van-ban/d{n}.md").name for n in (1, 2, 3)}
    assert directives <= set(kept) and store.path("van-ban/d4.md").name in after

    # d3 deleted: d1, which links to it, is rendered again and says its link is broken.
    (docs / "d3.md").unlink()
    caplog.clear()
    caplog.set_level(logging.WARNING, logger="mkdocs")
    build_site(str(project / "mkdocs.yml"), project / "site3")
    assert "d1.md' contains a link 'd3.md'" in caplog.text
