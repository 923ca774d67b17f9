"""Sitemaps: a page's own small map is exactly the full map's entry for it, escaped alike."""

from __future__ import annotations

import pytest

from build_scripts import sitemaps


@pytest.mark.parametrize(
    ("src_uri", "lang", "base_url"),
    [
        ("van-ban/2023-305-kh-mttq-btt.md", "vi", "https://vanban.example.vn/"),
        ("index.md", "en", "https://a.example/c&d/"),
        ('tham-chieu/x"<y>.md', "vi", "http://127.0.0.1:8000/"),
    ],
)
def test_a_page_map_is_what_elementtree_writes(tmp_path, src_uri, lang, base_url):
    sitemaps._write(tmp_path / "map.xml", [(src_uri, lang)], base_url)
    expected = (tmp_path / "map.xml").read_text(encoding="utf-8")
    assert sitemaps.page_map(src_uri, lang, base_url) == expected


def test_page_maps_are_written_beside_each_page(tmp_path):
    sitemaps.write_page_maps(tmp_path, ["index.md", "van-ban/a.md"], "en", "http://x/")
    assert "<loc>http://x/en/van-ban/a/</loc>" in (tmp_path / "van-ban/a/sitemap.xml").read_text()
    assert "<loc>http://x/en/</loc>" in (tmp_path / "sitemap.xml").read_text()
