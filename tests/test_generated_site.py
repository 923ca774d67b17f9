"""A real build of a fixture project: listings, pagination, references, English stand-ins,
open data and escaping, checked in the HTML the build writes."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import jsonschema
import pytest
from mkdocs.exceptions import Abort

from build_scripts.bench import corpus
from build_scripts.frontmatter import dump
from build_scripts.model import content_hash
from build_scripts.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).parent / "schemas"
HOSTILE = 'Kế hoạch <script>alert("x")</script> & [link](javascript:alert(1))'


def directive(n: int, **extra) -> tuple[dict, str]:
    meta = {
        "title": f"Kế hoạch đối ngoại nhân dân số {n}",
        "doc_type": "Kế hoạch",
        "number": f"{n}/KH-UBND",
        "date": f"2023-{1 + n % 12:02d}-{1 + n % 27:02d}",
        "place": "Đồng Nai",
        "issuer": "Ủy ban nhân dân tỉnh Đồng Nai",
        "topics": ["doi-ngoai-nhan-dan"],
        "references": [{"number": "12-CT/TW", "doc_type": "Chỉ thị", "issuer": "Ban Bí thư"}],
    }
    meta.update(extra)
    return meta, f"Nội dung văn bản số {n}.\n"


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """mkdocs.yml, theme and editorial pages of the real project, with fixture directives."""
    root = tmp_path_factory.mktemp("project")
    corpus.scaffold(ROOT, root)
    docs = root / "content" / "docs" / "van-ban"
    for n in range(1, 26):
        meta, body = directive(n)
        (docs / f"d{n:02d}.md").write_text(dump(meta, body), encoding="utf-8")
    meta, body = directive(99, title=HOSTILE, topics=["thong-tin-doi-ngoai"], date=None, year=2020)
    (docs / "hostile.md").write_text(dump(meta, body), encoding="utf-8")
    # d01 translated and current, d02 translated from an older Vietnamese text, others missing.
    d01, body01 = directive(1)
    fresh = content_hash(d01["title"], "\n" + body01)
    (docs / "d01.en.md").write_text(
        dump(
            {"title": "People-to-people diplomacy plan No. 1", "translation_of": fresh},
            "The text in English.\n",
        ),
        encoding="utf-8",
    )
    (docs / "d02.en.md").write_text(
        dump(
            {"title": "Plan No. 2", "translation_of": "sha256:0000000000000000"},
            "Old English text.\n",
        ),
        encoding="utf-8",
    )
    return root


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    out = project / "site"
    build_site(str(project / "mkdocs.yml"), out)
    return out


def read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def links(html: str, css_class: str) -> list[str]:
    block = re.search(rf'<ul class="{css_class}">(.*?)</ul>', html, re.S)
    return re.findall(r'href="([^"]+)"', block.group(1)) if block else []


def test_topic_pages_list_newest_first(site):
    first = read(site, "chu-de/doi-ngoai-nhan-dan")
    assert "Văn bản (25)" in first
    listed = re.findall(r'href="\.\./\.\./van-ban/(d\d\d)/"', first)
    # 25 documents: fewer than two pages of 20, so all on the first page (test_pages.py has
    # the fixed pages of older documents)
    assert len(listed) == 25 and not (site / "chu-de" / "doi-ngoai-nhan-dan" / "trang-2").exists()
    assert listed[:2] == ["d23", "d11"]  # 2023-12-24, 2023-12-12: newest first
    english = read(site, "en/chu-de/doi-ngoai-nhan-dan")
    assert "Documents (25)" in english
    # d01's English title replaces the Vietnamese one.
    assert "People-to-people diplomacy plan No. 1" in english


def test_reference_page_lists_every_citing_document_in_both_languages(site):
    vi = read(site, "tham-chieu/12-ct-tw")
    en = read(site, "en/tham-chieu/12-ct-tw")
    assert len(re.findall(r'van-ban/d\d\d/"', vi)) == 25
    assert len(re.findall(r'van-ban/d\d\d/"', en)) == 25
    assert "Chỉ thị số 12-CT/TW" in vi and "Directive No. 12-CT/TW" in en
    assert "Ban Bí thư" in vi


def test_document_page_links_to_what_it_cites(site):
    page = read(site, "van-ban/d05")
    assert links(page, "portal-cites") == ["../../tham-chieu/12-ct-tw/"]


def test_untranslated_english_page_says_so_and_marks_vietnamese(site):
    page = read(site, "en/van-ban/d05")
    assert "No English translation exists yet" in page
    assert re.search(r'<div class="portal-vi-text" lang="vi">\s*<p><strong>Kế hoạch', page)
    assert '<html lang="en"' in page


def test_outdated_translation_shows_a_warning(site):
    assert "Translation may be out of date" in read(site, "en/van-ban/d02")
    assert "Translation may be out of date" not in read(site, "en/van-ban/d01")
    assert "The text in English." in read(site, "en/van-ban/d01")


def test_language_switcher_leads_to_the_same_page(site):
    page = read(site, "van-ban/d01")
    assert 'href="../../en/van-ban/d01/" hreflang="en"' in page
    assert (
        '<link rel="alternate" hreflang="en" href="http://127.0.0.1:8000/en/van-ban/d01/">' in page
    )


def test_text_from_directives_never_becomes_markup(site):
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        assert '<script>alert("x")' not in html, path
        assert 'href="javascript:' not in html, path
    assert "&lt;script&gt;" in read(site, "van-ban/hostile")


def test_open_data_validates_against_its_schema(site):
    documents = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    jsonschema.validate(documents, json.loads((SCHEMAS / "documents.schema.json").read_text()))
    by_slug = {d["slug"]: d for d in documents["documents"]}
    assert documents["count"] == 26
    assert by_slug["d01"]["translation"] == "complete"
    assert by_slug["d02"]["translation"] == "outdated"
    assert by_slug["d03"]["translation"] == "missing"
    assert by_slug["d03"]["urls"] == {"vi": "/van-ban/d03/", "en": "/en/van-ban/d03/"}
    references = json.loads((site / "api" / "references.json").read_text(encoding="utf-8"))
    jsonschema.validate(references, json.loads((SCHEMAS / "references.schema.json").read_text()))
    [ref] = references["references"].values()
    assert ref["number"] == "12-CT/TW" and len(ref["cited_by"]) == 26


def test_archive_groups_by_year_and_issuer(site):
    index = read(site, "luu-tru")
    assert 'href="nam/2023/"' in index and 'href="nam/2020/"' in index
    assert "Ủy ban nhân dân tỉnh Đồng Nai" in index
    assert len(re.findall(r'van-ban/d\d\d/"', read(site, "luu-tru/nam/2023"))) == 25


def test_one_sitemap_and_none_per_folder(site):
    """Pages no longer load the script that fetched a sitemap.xml beside each of their links."""
    assert not list(site.rglob("sitemap.xml"))
    full = (site / "sitemap-all.xml").read_text(encoding="utf-8")
    assert "http://127.0.0.1:8000/en/van-ban/d01/" in full


def test_same_content_builds_the_same_bytes(project, site, tmp_path):
    again = tmp_path / "again"
    build_site(str(project / "mkdocs.yml"), again)
    for path in sorted(site.rglob("*")):
        if path.is_file():
            twin = again / path.relative_to(site)
            assert twin.read_bytes() == path.read_bytes(), path


@pytest.mark.parametrize(
    ("name", "added"),
    [("d03.md", "<script>alert(1)</script>"), ("d01.en.md", "[x](javascript:alert(1))")],
)
def test_a_build_refuses_markup_in_a_directive_and_keeps_the_site(
    project, name, added, tmp_path, caplog
):
    """Not only `portal check`: build, serve and publish read the same catalog."""
    work = tmp_path / "project"
    shutil.copytree(project, work, ignore=shutil.ignore_patterns("site*", ".cache"))
    document = work / "content" / "docs" / "van-ban" / name
    lines = document.read_text(encoding="utf-8").rstrip("\n").split("\n")
    document.write_text("\n".join([*lines, "", added]) + "\n", encoding="utf-8")
    out = tmp_path / "site"
    out.mkdir()
    (out / "index.html").write_text("the previous site", encoding="utf-8")
    with pytest.raises(Abort):  # MkDocs logs the plugin's message, then aborts
        build_site(str(work / "mkdocs.yml"), out)
    assert f"content/docs/van-ban/{name}:{len(lines) + 2}: " in caplog.text
    assert (out / "index.html").read_text(encoding="utf-8") == "the previous site"
