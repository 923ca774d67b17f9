"""Sitemaps: one full map with hreflang alternates; no engine map beside it."""

from __future__ import annotations

from build_scripts import sitemaps


def test_the_full_map_lists_every_page_in_both_languages_escaped(tmp_path):
    sitemaps.write_full_map(tmp_path, ["index.md", 'tham-chieu/x"<y>.md'], "https://a.example/c&d/")
    full = (tmp_path / sitemaps.FULL_NAME).read_text(encoding="utf-8")
    assert full.count("<url>") == 4
    assert "<loc>https://a.example/c&amp;d/en/</loc>" in full
    assert 'hreflang="vi" href="https://a.example/c&amp;d/tham-chieu/x&quot;&lt;y&gt;/"' in full
    robots = (tmp_path / "robots.txt").read_text(encoding="utf-8")
    assert robots.endswith(f"Sitemap: https://a.example/c&d/{sitemaps.FULL_NAME}\n")


def test_the_engine_maps_are_removed(tmp_path):
    for name in ("sitemap.xml", "sitemap.xml.gz", sitemaps.FULL_NAME):
        (tmp_path / name).write_text("x")
    sitemaps.remove_engine_maps(tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == [sitemaps.FULL_NAME]
