"""The sitemap, with hreflang alternates: `sitemap-all.xml` at the root lists every page in
both languages and is announced in `robots.txt`.

MkDocs writes its own `sitemap.xml` in each language build, dated by the build (so never the
same bytes twice) and without alternates: it is removed. Pages no longer load Material's script,
which fetched a `sitemap.xml` beside every `<link rel="alternate">` to map pages between
languages (the language menu links each page's counterpart directly).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path

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


def remove_engine_maps(site_dir: Path) -> None:
    """Remove the engine's own sitemap of one language build (see the module docstring)."""
    for name in ("sitemap.xml", "sitemap.xml.gz"):
        (site_dir / name).unlink(missing_ok=True)


def write_full_map(site_dir: Path, src_uris: Iterable[str], base_url: str) -> None:
    """The complete map of both languages at the root, and robots.txt pointing to it."""
    uris = sorted(src_uris)
    _write(site_dir / FULL_NAME, [(u, lang) for u in uris for lang in languages.PREFIX], base_url)
    (site_dir / "robots.txt").write_text(
        f"User-agent: *\nAllow: /\n\nSitemap: {base_url}{FULL_NAME}\n", encoding="utf-8"
    )
