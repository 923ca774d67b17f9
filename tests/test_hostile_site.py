"""A whole build of a small project whose pages carry every payload of the issue, with the text
check (markup.py) switched off for directives, as if each spelling were one it misses: the
pages (both languages, translations, English stand-ins) and every feed must still hold no
script, no handler, no dangerous address and no off-host image, and a browser must run none."""

from __future__ import annotations

import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from test_check import translation_of
from test_sanitize import PAYLOADS

from build_scripts import markup
from build_scripts.headless import free_port, serve_folder
from build_scripts.pipeline import build_language

ROOT = Path(__file__).resolve().parent.parent
OFF_HOST = "images.example.org"
MARKER = "pwned"  # every payload's script sets window.pwned

BODY = "\n\n".join(f"Mục {name}.\n\n{text}" for name, text in sorted(PAYLOADS.items()))
#: Front matter is text wherever it is shown (templates, listings, feeds, cards, open data).
TAG = f'<img src=x onerror="window.{MARKER}=1">'
DIRECTIVE = f"""\
---
title: 'Kế hoạch thử nội dung độc hại {TAG}'
doc_type: Kế hoạch
number: 1/KH-THU
date: 2024-05-01
issuer: 'Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La {TAG}'
signer: '{TAG}'
summary: '[x](javascript:window.{MARKER}=1) {TAG}'
topics: [thong-tin-doi-ngoai]
---

{BODY}
"""
UNTRANSLATED = DIRECTIVE.replace("1/KH-THU", "2/KH-THU").replace("thử nội dung", "thử bản")
#: A page outside van-ban/: markup.py never reads it, and its title comes from its heading.
PAGE = f'# Trang thử <img src=x onerror="window.{MARKER}=1">\n\n{BODY}\n'
#: Pages built with payloads, by language (the English stand-in of the untranslated one too).
PAYLOAD_PAGES = ["van-ban/payloads/", "van-ban/untranslated/", "trang-thu/"]
STRAY = ["van-ban/payloads.md~", "ghi-chu.bak"]


@dataclass
class Built:
    site: Path
    port: int


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Built:
    project = tmp_path_factory.mktemp("hostile")
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    docs = project / "content" / "docs"
    shutil.copytree(ROOT / "content" / "docs", docs, ignore=shutil.ignore_patterns("van-ban"))
    (project / "content" / "sources").mkdir()
    files = {
        "van-ban/payloads.md": DIRECTIVE,
        "van-ban/payloads.en.md": translation_of(DIRECTIVE, "Hostile test plan").replace(
            "Text.", BODY
        ),
        "van-ban/untranslated.md": UNTRANSLATED,
        "trang-thu.md": PAGE,
        "trang-thu.en.md": PAGE.replace("Trang thử", "Test page"),
        **dict.fromkeys(STRAY, DIRECTIVE),
    }
    for name, text in files.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text, encoding="utf-8")
    port = free_port()
    site = project / "site"
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(markup, "problems", lambda shown, doc: [])
        patch.setenv("PORTAL_CACHE_DIR", str(project / ".cache"))
        patch.setenv("PORTAL_LANG", "vi")  # build_language sets it; this puts it back after
        url = f"http://127.0.0.1:{port}/"
        build_language(str(project / "mkdocs.yml"), "vi", str(site), False, url, None)
        build_language(str(project / "mkdocs.yml"), "en", str(site / "en"), False, url, None)
    return Built(site, port)


class _Markup(HTMLParser):
    """Attributes and script texts of a page, decoded as a browser reads them."""

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.attributes: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self.tags: list[str] = []
        self._in_script = False
        self.feed(text)

    def handle_starttag(self, tag, attrs) -> None:
        self.tags.append(tag)
        self._in_script = tag == "script"
        self.attributes += [(tag, name, value or "") for name, value in attrs]

    def handle_endtag(self, tag) -> None:
        self._in_script = False

    def handle_data(self, data) -> None:
        if self._in_script:
            self.scripts.append(data)


def _harms(html: str) -> list[str]:
    found = _Markup(html)
    out = [f"script: {s[:60]}" for s in found.scripts if MARKER in s]
    for tag, name, value in found.attributes:
        # As a browser reads an address: ASCII whitespace and controls dropped.
        bare = "".join(c for c in value if ord(c) > 32).lower()
        # A payload's words may stay as text (a title, a meta description); as a handler, a
        # style or an address that runs script, they would act.
        if name.startswith("on") or (name == "style" and MARKER in value):
            out.append(f"<{tag} {name}={value[:60]}>")
        addresses = ("href", "src", "action", "formaction", "srcset", "poster")
        if name in addresses and bare.startswith(("javascript:", "vbscript:", "data:")):
            out.append(f"<{tag} {name}={value[:60]}>")
        if tag == "img" and name == "src" and OFF_HOST in value:
            out.append(f"<img src={value[:60]}>")
    # The theme has its own icons (svg), buttons and search form: elements only the content
    # could have brought are looked for in the article; handlers and addresses everywhere.
    start, end = html.find("<article"), html.rfind("</article>")
    content = _Markup(html[start:end] if start >= 0 else html)
    refused = ("iframe", "form", "style", "x.", "script")
    out += [f"<{tag}>" for tag in content.tags if tag in refused]
    return out


def test_every_page_of_both_languages_is_harmless(hostile_site: Built) -> None:
    pages = sorted(hostile_site.site.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        assert _harms(page.read_text("utf-8")) == [], page


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("uri", PAYLOAD_PAGES)
def test_payload_pages_were_built_with_their_text(hostile_site: Built, prefix, uri) -> None:
    html = (hostile_site.site / prefix / uri / "index.html").read_text("utf-8")
    for name in PAYLOADS:
        assert f"Mục {name}." in html
    assert "focus me" in html  # the text of a refused element stays
    assert "a cat" in html  # an off-host image is its alt text
    assert "<title>Trang thử <img" not in html and "<title>Test page <img" not in html


def _feed_bodies(path: Path) -> list[str]:
    """The HTML of every item of an RSS or Atom feed."""
    tree = ET.parse(path)
    tags = ("description", "{http://purl.org/rss/1.0/modules/content/}encoded")
    atom = ("{http://www.w3.org/2005/Atom}content", "{http://www.w3.org/2005/Atom}summary")
    return [e.text or "" for e in tree.iter() if e.tag in (*tags, *atom)]


def test_every_feed_of_both_languages_is_harmless(hostile_site: Built) -> None:
    feeds = sorted(hostile_site.site.rglob("rss.xml")) + sorted(hostile_site.site.rglob("atom.xml"))
    assert len(feeds) == 16  # both formats, both languages, the whole portal and three topics
    with_payloads = 0
    for feed in feeds:
        for body in _feed_bodies(feed):
            assert _harms(body) == [], feed
            with_payloads += "Mục raw-script." in body
    assert with_payloads >= 8  # the topic's and the whole portal's feeds carry both directives


def test_editors_leftovers_are_not_published(hostile_site: Built) -> None:
    names = {p.name for p in hostile_site.site.rglob("*")}
    assert not names & {Path(s).name for s in STRAY}


@pytest.mark.browser
@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("uri", PAYLOAD_PAGES)
def test_a_browser_runs_no_payload(hostile_site: Built, visit, prefix, uri) -> None:
    with serve_folder(hostile_site.site, hostile_site.port) as base:
        name = f"hostile-{prefix.strip('/') or 'vi'}-{uri.strip('/').replace('/', '-')}"
        seen = visit(base + prefix + uri, "desktop", name)
        page = seen.page
        title = page.title()
        page.keyboard.press("Tab")  # an element that runs script on focus would run it now
        page.mouse.move(200, 300)
        page.wait_for_timeout(300)
        assert page.evaluate(f"window.{MARKER}") is None
        assert page.title() == title
        assert seen.request_hosts == {urlsplit(base).netloc}
        handlers = page.evaluate(
            """() => [...document.querySelectorAll('article *')].flatMap(e =>
                [...e.attributes].filter(a => a.name.startsWith('on')).map(a => a.name))"""
        )
        assert handlers == []
