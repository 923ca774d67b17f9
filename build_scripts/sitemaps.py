"""Sitemaps with hreflang alternates.

Material's script fetches `sitemap.xml` next to the target of every `<link rel="alternate">` on a
page (hreflang links, feed links) to map pages between languages. So every page folder gets a
small `sitemap.xml` with just that page and its alternates: the fetch stays a few hundred bytes
instead of a 404 or the whole site's map on each page load. The complete map is
`sitemap-all.xml` at the root, announced in `robots.txt`.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from xml.sax.saxutils import escape

from . import languages

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
FULL_NAME = "sitemap-all.xml"

ET.register_namespace("", NS)
ET.register_namespace("xhtml", XHTML)


def _url_element(parent: ET.Element, src_uri: str, lang: str, base_url: str) -> None:
    url = ET.SubElement(parent, f"{{{NS}}}url")
    ET.SubElement(url, f"{{{NS}}}loc").text = base_url + languages.url_in(lang, src_uri)
    for code in languages.PREFIX:
        ET.SubElement(
            url,
            f"{{{XHTML}}}link",
            rel="alternate",
            hreflang=languages.HREFLANG[code],
            href=base_url + languages.url_in(code, src_uri),
        )


def _write(path: Path, entries: Iterable[tuple[str, str]], base_url: str) -> None:
    root = ET.Element(f"{{{NS}}}urlset")
    for src_uri, lang in entries:
        _url_element(root, src_uri, lang, base_url)
    ET.indent(root)
    path.parent.mkdir(parents=True, exist_ok=True)
    ET.ElementTree(root).write(path, encoding="utf-8", xml_declaration=True)


def page_map(src_uri: str, lang: str, base_url: str) -> str:
    """The map of one page: what `_write` writes for it, formatted directly (thousands of pages
    a build: ElementTree took a second a language)."""
    links = "".join(
        f'    <xhtml:link rel="alternate" hreflang="{_attr(languages.HREFLANG[code])}" '
        f'href="{_attr(base_url + languages.url_in(code, src_uri))}" />\n'
        for code in languages.PREFIX
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?>\n"
        f'<urlset xmlns="{NS}" xmlns:xhtml="{XHTML}">\n'
        f"  <url>\n    <loc>{escape(base_url + languages.url_in(lang, src_uri))}</loc>\n"
        f"{links}  </url>\n</urlset>"
    )


def _attr(value: str) -> str:
    return escape(value, {'"': "&quot;"})


def write_page_maps(
    site_dir: Path, src_uris: Iterable[str], lang: str, base_url: str, only_new: bool = False
) -> None:
    """One small sitemap.xml in each page's folder of one language build (with `only_new`, in
    a dirty rebuild, only for pages that have none yet: a page's map never changes)."""

    def write(src_uri: str) -> None:
        target = site_dir / languages.page_path(src_uri) / "sitemap.xml"
        if not (only_new and target.exists()):
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page_map(src_uri, lang, base_url), encoding="utf-8")

    # Thousands of small files: creating them is mostly waiting on the file system, which
    # threads overlap.
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, src_uris))
    (site_dir / "sitemap.xml.gz").unlink(missing_ok=True)  # MkDocs' copy of its own map


def write_full_map(site_dir: Path, src_uris: Iterable[str], base_url: str) -> None:
    """The complete map of both languages at the root, and robots.txt pointing to it."""
    uris = sorted(src_uris)
    _write(site_dir / FULL_NAME, [(u, lang) for u in uris for lang in languages.PREFIX], base_url)
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {base_url}{FULL_NAME}\n", encoding="utf-8"
    )
