"""The output allowlist (sanitize.py): every spelling of markup the issue found runs no script
once rendered with the site's own Markdown extensions, and the site's own pages lose nothing."""

from __future__ import annotations

import functools
from collections import Counter
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
from mkdocs.config import load_config

from build_scripts import pages, sanitize
from build_scripts.pipeline import read_catalog

ROOT = Path(__file__).resolve().parent.parent

#: Markdown an attacker with push rights might write, each a spelling `markup.py` may miss.
PAYLOADS = {
    "entity-link": "[x](&#106;avascript:window.pwned=1)",
    "entity-definition": "[x][a]\n\n[a]: &#x6A;avascript&colon;window.pwned=1",
    "tab-entity-link": '<a href="java&#9;script:window.pwned=1">x</a>',
    "newline-entity-link": '<a href="&#10;javascript:window.pwned=1">x</a>',
    "escaped-backslash-img": '\\\\<img src=x onerror="window.pwned=1">',
    "dotted-tag": '<x. onfocus="window.pwned=1" autofocus tabindex=0>focus me',
    "attribute-list": 'A paragraph\n{: onclick="window.pwned=1" style="color:red" }',
    "heading-attribute-list": '# Title {: onclick="window.pwned=1" }',
    "indented-fence": "text\n\n  ```\n\n<script>window.pwned=1</script>\n\n  ```",
    "raw-script": "<script>window.pwned=1</script>",
    "svg-onload": "<svg onload=window.pwned=1><script>window.pwned=1</script></svg>",
    "data-link": "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "data-image": "![x](data:image/svg+xml,<svg onload=window.pwned=1>)",
    "off-host-image": "![a cat](https://images.example.org/cat.png)",
    "protocol-relative-image": '<img src="//images.example.org/cat.png" alt="cat">',
    "backslash-image": '<img src="/\\images.example.org/cat.png" alt="cat">',
    "iframe": '<iframe src="https://example.org/"></iframe>',
    "style": "<style>body{display:none}</style><p style='display:none'>x</p>",
    "form": "<form action=x><button formaction=javascript:window.pwned=1>x</button></form>",
    "theme-id": "A paragraph\n{: #__config .md-button }",
}


@functools.cache
def _site_markdown() -> tuple[list, dict]:
    config = load_config(str(ROOT / "mkdocs.yml"))
    return config.markdown_extensions, config.mdx_configs


def render(text: str) -> str:
    extensions, configs = _site_markdown()
    return markdown.markdown(text, extensions=extensions, extension_configs=configs)


class _Elements(HTMLParser):
    """Every start tag with its attributes (values decoded, as a browser reads them)."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, tuple[tuple[str, str], ...]]] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, tuple(sorted((k, v or "") for k, v in attrs))))


def _dangers(html: str) -> list[str]:
    out = []
    for tag, attrs in _Elements(html).found:
        if tag not in sanitize.TAGS:
            out.append(f"<{tag}>")
        for name, value in attrs:
            bare = "".join(value.split()).lower()
            if name.startswith("on") or name == "style":
                out.append(f"{tag} {name}")
            if name in ("href", "src") and bare.startswith(("javascript:", "data:", "vbscript:")):
                out.append(f"{tag} {name}={value}")
            if tag == "img" and name == "src" and not sanitize.is_on_site(value):
                out.append(f"off-host image {value}")
            if name == "id" and value.startswith("__"):
                out.append(f"theme id {value}")
    return out


@pytest.mark.parametrize("name", sorted(PAYLOADS))
def test_rendered_payload_is_harmless_once_cleaned(name: str) -> None:
    rendered = render(PAYLOADS[name])
    cleaned = sanitize.clean(rendered)
    assert _dangers(cleaned) == []
    assert "<script" not in cleaned.lower()


def test_the_payloads_are_dangerous_without_the_allowlist() -> None:
    """Each payload does put markup in Markdown's output: the test above would catch a
    sanitiser that let it through."""
    dangerous = {name for name, text in PAYLOADS.items() if _dangers(render(text))}
    script = {name for name, text in PAYLOADS.items() if "<script" in render(text)}
    assert dangerous | script == set(PAYLOADS)


def test_off_host_image_becomes_its_alt_text() -> None:
    cleaned = sanitize.clean(render('![a <b> & "cat"](https://images.example.org/cat.png)'))
    assert cleaned == '<p>a &lt;b&gt; &amp; "cat"</p>'


def test_images_of_the_site_stay() -> None:
    relative = '<p><img alt="map" src="../anh/map.png" title="Map"></p>'
    assert sanitize.clean(relative) == relative
    own = '<p><img alt="map" src="https://portal.example/anh/map.png"></p>'
    assert sanitize.clean(own, own_origin="https://portal.example/en/") == own
    assert sanitize.clean(own) == "<p>map</p>"
    other = '<img alt="map" src="https://portal.example.evil/anh/map.png">'
    assert sanitize.clean(other, own_origin="https://portal.example/") == "map"


def test_links_keep_http_mailto_and_relative_addresses() -> None:
    text = "[a](https://example.org/x) [b](mailto:ban@example.org) [c](../van-ban/x/) [d](#fn:1)"
    assert sanitize.clean(render(text)) == render(text)
    assert sanitize.clean('<a href="ftp://example.org/">f</a>') == "<a>f</a>"


def test_classes_ids_and_languages_outside_the_vocabulary_are_dropped() -> None:
    cleaned = sanitize.clean(
        '<p class="doc-title md-button portal-vi-text" id="__drawer" lang="vi">x</p>'
        '<div lang="x&quot;y" id="fn:1" class="admonition warning">y</div>'
    )
    assert cleaned == (
        '<p class="doc-title portal-vi-text" lang="vi">x</p>'
        '<div class="admonition warning" id="fn:1">y</div>'
    )


def test_table_alignment_survives_as_align() -> None:
    cleaned = sanitize.clean(render("| a | b |\n|:--|--:|\n| 1 | 2 |"))
    assert '<th align="left">a</th>' in cleaned
    assert '<td align="right">2</td>' in cleaned


def _every_page_markdown() -> list[tuple[str, str]]:
    """The Markdown of every page of the repository's content, and every generated page."""
    docs = ROOT / "content" / "docs"
    catalog = read_catalog(docs, root=ROOT)
    out = [(p.relative_to(docs).as_posix(), p.read_text("utf-8")) for p in docs.rglob("*.md")]
    for lang in ("vi", "en"):
        out += [(g.src_uri, g.markdown) for g in pages.generated_pages(catalog, lang)]
        out += [(d.slug, pages.untranslated_page(d)) for d in catalog.documents]
    return out


def test_the_sites_own_pages_lose_no_element_or_attribute() -> None:
    """The allowlist is exactly what our Markdown produces: on the real content (directives,
    translations, English stand-ins, listings, archive, reference pages) nothing is dropped."""
    for uri, text in _every_page_markdown():
        rendered = render(text)
        assert Counter(_Elements(sanitize.clean(rendered)).found) == Counter(
            _Elements(rendered).found
        ), uri


def test_a_change_to_the_allowlist_is_a_new_render_cache_key(tmp_path, monkeypatch):
    """The plugin keys rendered pages (and feed bodies) by the sanitiser's source too: a page
    cleaned by older rules is never taken from the cache."""
    import importlib.util

    from build_scripts.engine.plugin import PortalPlugin

    def render_version() -> str:
        plugin = PortalPlugin()
        plugin.load_config({})
        plugin.on_config(load_config(str(ROOT / "mkdocs.yml")))
        return plugin.render_version

    before = render_version()
    copy = tmp_path / "sanitize.py"
    copy.write_text(Path(sanitize.__file__).read_text() + "\n# changed\n")
    real = importlib.util.find_spec

    def find_spec(name, *args):
        if name == sanitize.__name__:
            return type("Spec", (), {"origin": str(copy)})()
        return real(name, *args)

    monkeypatch.setattr(importlib.util, "find_spec", find_spec)
    assert render_version() != before
