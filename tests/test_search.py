"""The search index: what Pagefind is given (digests with đ folded), per language, and how a
failure is reported. Browser behaviour is in test_browser_search.py."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

from build_scripts import caches, search, search_digest
from build_scripts.catalog import load_catalog

PAGE = """<!doctype html>
<html lang="vi"><head><title>x</title></head><body>
<header>Tiêu đề trang web</header><nav>Trang chủ Chủ đề</nav>
<article class="md-content__inner md-typeset">
<h1 id="t">Công tác thông tin đối ngoại<a class="headerlink" href="#t">¶</a></h1>
<span hidden data-pagefind-meta="facts:Kế hoạch 305/KH-MTTQ-BTT · 20/02/2023"></span>
<aside class="portal-meta"><dl><dt>Người ký</dt><dd>Giàng Thị Hương</dd></dl></aside>
<p>Số: 305/KH-MTTQ-BTT. Đồng Nai, Đảng &amp; Nhà nước.</p>
<script>var ignored = 1;</script>
<section class="portal-citations"><h2>Văn bản dẫn chiếu</h2><p>Chỉ thị 99-CT/TW</p></section>
<p>Đối ngoại nhân dân; đối ngoại nhân dân; kiều bào.</p>
</article><footer>Chân trang</footer></body></html>
"""


def test_stroke_fold_gives_d_a_combining_stroke():
    assert search.stroke_fold("Đồng Nai, đối ngoại") == "D\u0335ồng Nai, d\u0335ối ngoại"
    assert search.stroke_fold("dân") == "dân"


def test_read_page_keeps_the_article_only():
    page = search_digest.read_page(PAGE, search.EXCLUDED_CLASSES, search.ASIDE_CLASSES)
    assert page.lang == "vi"
    assert page.title == "Công tác thông tin đối ngoại"
    assert page.meta == [("facts", "Kế hoạch 305/KH-MTTQ-BTT · 20/02/2023")]
    text = " ".join(page.words)
    assert text == (
        "Số: 305/KH-MTTQ-BTT. Đồng Nai, Đảng & Nhà nước. "
        "Đối ngoại nhân dân; đối ngoại nhân dân; kiều bào."
    )
    assert page.aside == ["Người", "ký", "Giàng", "Thị", "Hương"]


def test_digest_keeps_the_opening_and_every_other_word_once(monkeypatch):
    monkeypatch.setattr(search_digest, "OPENING_WORDS", 3)
    words = ["a", "b", "c", "dân", "dân", "dân", "x,", "Dân", "y"]
    page = search_digest.PageText("vi", "Tiêu đề", [("facts", "Kế hoạch <1>")], words)
    html = search_digest.digest(page, common={"y"})
    assert "<p>a b c ⁂</p>" in html
    assert '<span data-pagefind-meta="facts:Kế hoạch &lt;1&gt;"></span>' in html
    # "dân" three times -> weight 1.0, "x" once -> 0.5; "y" is common beyond the opening
    assert '<p data-pagefind-weight="1.0">dân</p>' in html
    assert '<p data-pagefind-weight="0.5">x</p>' in html
    assert ">y<" not in html and " y" not in html


def test_common_words_need_a_large_collection(monkeypatch):
    pages = [search_digest.PageText(words=["của", f"w{i}"]) for i in range(10)]
    assert search_digest.common_words(pages) == set()
    monkeypatch.setattr(search_digest, "COMMON_MIN_PAGES", 10)
    assert search_digest.common_words(pages) == {"của"}


def write_page(root: Path, path: str, lang: str, title: str, text: str) -> None:
    html = PAGE.replace('lang="vi"', f'lang="{lang}"')
    html = html.replace("Công tác thông tin đối ngoại", title).replace("kiều bào", text)
    target = root / path / "index.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(html, encoding="utf-8")


def test_indexed_pages_are_documents_and_reference_pages(tmp_path):
    for path in ("van-ban/a", "van-ban/b", "tham-chieu/12-ct-tw", "chu-de/x", "van-ban", ""):
        write_page(tmp_path, path, "vi", "T", "t")
    found = [p.relative_to(tmp_path).as_posix() for p in search.indexed_pages(tmp_path)]
    assert found == [
        "van-ban/a/index.html",
        "van-ban/b/index.html",
        "tham-chieu/12-ct-tw/index.html",
    ]


def test_build_index_writes_one_bundle_per_language(tmp_path):
    write_page(tmp_path, "van-ban/a", "vi", "Kế hoạch", "kiều bào")
    write_page(tmp_path, "tham-chieu/12-ct-tw", "vi", "Chỉ thị số 12-CT/TW", "x")
    write_page(tmp_path, "en/van-ban/a", "en", "Plan", "overseas Vietnamese")
    reports = search.build_index(tmp_path)
    assert [(r.lang, r.pages) for r in reports] == [("vi", 2), ("en", 1)]
    for lang, bundle in (("vi", tmp_path / "pagefind"), ("en", tmp_path / "en" / "pagefind")):
        entry = json.loads((bundle / "pagefind-entry.json").read_text())
        assert list(entry["languages"]) == [lang]
        assert (bundle / "pagefind.js").is_file()


def test_an_index_above_its_part_size_is_built_in_parts(tmp_path):
    paths = [f"van-ban/d{i}" for i in range(7)] + ["tham-chieu/12-ct-tw"]
    for i, path in enumerate(paths):
        write_page(tmp_path, path, "vi", f"Kế hoạch {i}", f"kiều bào lời{i}")
    reports = search.build_index(tmp_path, part_pages=3)
    assert [(r.lang, r.pages) for r in reports] == [("vi", 8)]
    bundle = tmp_path / "pagefind"
    parts = json.loads((bundle / search.PARTS_FILE).read_text())
    assert parts == ["part-1/", "part-2/"]  # three parts: the main bundle and two more
    expected = {n: [] for n in range(3)}
    for path in paths:
        expected[search.part_of(f"{path}/index.html", 3)].append(path)
    assert all(expected.values()), expected  # the hash spreads these eight over all three
    for n, folder in enumerate([bundle] + [bundle / part for part in parts]):
        entry = json.loads((folder / "pagefind-entry.json").read_text())
        assert entry["languages"]["vi"]["page_count"] == len(expected[n])
    for part in parts:  # a part is only its index: the script and interface are the main one's
        names = {path.name for path in (bundle / part).iterdir()}
        assert "pagefind-entry.json" in names and "fragment" in names and "index" in names
        assert not {"pagefind.js", "pagefind-ui.js", "wasm.unknown.pagefind"} & names
    assert (bundle / "pagefind.js").is_file()


def test_an_index_within_its_part_size_is_one_bundle(tmp_path):
    for i in range(3):
        write_page(tmp_path, f"van-ban/d{i}", "vi", f"Kế hoạch {i}", "kiều bào")
    search.build_index(tmp_path, part_pages=3)
    bundle = tmp_path / "pagefind"
    assert json.loads((bundle / search.PARTS_FILE).read_text()) == []
    assert not list(bundle.glob("part-*"))


def test_a_page_keeps_its_part_and_parts_are_even():
    assert search.part_count(8000, 8000) == 1 and search.part_count(8001, 8000) == 2
    assert search.part_count(36000, 8000) == 5 and search.part_count(0, 8000) == 1
    assert search.part_of("van-ban/a/index.html", 1) == 0
    paths = [f"van-ban/d{i}/index.html" for i in range(10000)]
    parts = [search.part_of(path, 4) for path in paths]
    assert parts == [search.part_of(path, 4) for path in paths]
    sizes = [parts.count(n) for n in range(4)]
    assert max(sizes) < 1.1 * min(sizes), sizes


def test_a_language_without_documents_gets_no_bundle(tmp_path):
    write_page(tmp_path, "van-ban/a", "vi", "Kế hoạch", "kiều bào")
    (tmp_path / "en" / "pagefind").mkdir(parents=True)  # left over from an earlier build
    assert [r.lang for r in search.build_index(tmp_path)] == ["vi"]
    assert not (tmp_path / "en" / "pagefind").exists()


def test_pagefind_failure_names_the_language_and_the_reason(tmp_path, monkeypatch):
    write_page(tmp_path, "van-ban/a", "vi", "Kế hoạch", "x")
    failing = [sys.executable, "-c", "import sys; sys.stderr.write('Error: disk full\\n'); exit(1)"]
    monkeypatch.setattr(search, "pagefind_command", lambda *args: failing)
    with pytest.raises(search.SearchIndexError) as error:
        search.build_index(tmp_path)
    assert str(error.value) == "search index [vi]: Pagefind failed: Error: disk full"


DIRECTIVE = """
    ---
    title: Công tác thông tin đối ngoại năm 2023
    doc_type: Kế hoạch
    number: 305/KH-MTTQ-BTT
    date: 2023-02-20
    place: Sơn La
    issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La
    references:
      - {number: 12-CT/TW, doc_type: Chỉ thị}
    ---

    Nội dung.
"""


def test_page_view_gives_the_bundle_and_the_facts_of_a_page(tmp_path):
    path = tmp_path / "van-ban" / "2023-305-kh-mttq-btt.md"
    path.parent.mkdir(parents=True)
    path.write_text(textwrap.dedent(DIRECTIVE).lstrip(), encoding="utf-8")
    catalog = load_catalog(tmp_path)
    uri = "van-ban/2023-305-kh-mttq-btt.md"
    view = search.page_view(catalog, uri, "van-ban/2023-305-kh-mttq-btt/", "vi")
    assert view.bundle == "../../pagefind/"
    assert "305/KH-MTTQ-BTT" in view.facts and "Kế hoạch" in view.facts
    english = search.page_view(catalog, uri, "van-ban/2023-305-kh-mttq-btt/", "en")
    assert english.bundle == "../../../en/pagefind/"
    reference = search.page_view(catalog, "tham-chieu/12-ct-tw.md", "tham-chieu/12-ct-tw/", "en")
    assert reference.facts == "Cited documents · Cited by: 1 document"
    assert search.page_view(catalog, "index.md", "", "vi").facts == ""


def test_digests_from_remembered_pages_are_the_same(tmp_path, monkeypatch):
    site, cache = tmp_path / "site", tmp_path / "cache"
    write_page(site, "van-ban/a", "vi", "Kế hoạch", "kiều bào")
    write_page(site, "van-ban/b", "vi", "Hướng dẫn", "đối ngoại")
    pages = search.indexed_pages(site)

    def digests(name: str) -> dict[str, str]:
        out = tmp_path / name
        search.write_digests(site, pages, out, caches.Memo(cache / "search-vi.pickle"))
        return {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html")}

    first = digests("first")
    read = []
    original = search_digest.read_page
    monkeypatch.setattr(
        search_digest, "read_page", lambda html, *a: read.append(1) or original(html, *a)
    )
    assert digests("second") == first and read == []
    write_page(site, "van-ban/b", "vi", "Hướng dẫn", "người Việt Nam ở nước ngoài")
    third = digests("third")
    assert len(read) == 1 and "ngoài" in third["van-ban/b/index.html"]
    assert third["van-ban/a/index.html"] == first["van-ban/a/index.html"]


def test_common_words_changing_redigest_from_summaries_not_pages(tmp_path, monkeypatch):
    """The memo keeps a summary of each page, not its text: when a new page changes which
    words are common, every digest is made again without reading the others, and equals the
    digest made from the page itself."""
    monkeypatch.setattr(search_digest, "COMMON_MIN_PAGES", 2)
    site, cache = tmp_path / "site", tmp_path / "cache"
    for name, text in (("a", "kiều bào đối ngoại"), ("b", "đối ngoại"), ("c", "kiều bào")):
        write_page(site, f"van-ban/{name}", "vi", "Kế hoạch", "nhân dân " * 35 + text)

    def digests(name: str, memo: bool = True) -> dict[str, str]:
        out = tmp_path / name
        kept = caches.Memo(cache / "search-vi.pickle") if memo else None
        search.write_digests(site, search.indexed_pages(site), out, kept)
        return {p.relative_to(out).as_posix(): p.read_text() for p in out.rglob("*.html")}

    first = digests("first")
    read = []
    original = search_digest.read_page
    monkeypatch.setattr(
        search_digest, "read_page", lambda html, *a: read.append(1) or original(html, *a)
    )
    # Past the openings, "kiều bào" was on two pages of three (common); now on two of four.
    write_page(site, "van-ban/d", "vi", "Kế hoạch", "nhân dân " * 35 + "hợp tác")
    second = digests("second")
    assert read == [1]  # only the new page
    assert second["van-ban/a/index.html"] != first["van-ban/a/index.html"]
    assert second == digests("from the pages", memo=False)


@pytest.mark.parametrize(
    "typed", ["175/KH-UBND", "175 KH UBND", "175-kh-ubnd", "175/kh-ubnd", " 175 / KH - UBND "]
)
def test_a_number_however_typed_has_one_key(typed):
    assert search.number_key(typed) == "175khubnd"


def test_number_keys_fold_d_with_stroke_and_keep_the_leading_figure_of_documents():
    assert search.number_keys("12/QĐ-UBND", with_leading=True) == ("12qdubnd", "12")
    assert search.number_keys("12/QĐ-UBND", with_leading=False) == ("12qdubnd",)
    assert search.number_keys("75", with_leading=True) == ("75",)
