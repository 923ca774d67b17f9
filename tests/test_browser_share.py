"""The share bar in a real browser on a phone: visible, thumb-sized, carrying the page's URL, and
asking nothing of Facebook or Zalo until pressed; plus what the built site holds for sharing and
following (images, feeds, head tags)."""

from __future__ import annotations

import base64
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
from conftest import VIEWPORTS, request_host
from PIL import Image

TOPIC = "chu-de/doi-ngoai-nhan-dan/"
PREFIX = {"vi": "", "en": "en/"}


def document_path(built_site: Path, lang: str) -> str:
    """A directive page of the built site, from its open data (no slug is assumed)."""
    data = json.loads((built_site / "api" / "documents.json").read_text(encoding="utf-8"))
    assert data["documents"], "the site has no directive to share"
    return data["documents"][0]["urls"][lang].lstrip("/")


def page_path(built_site: Path, kind: str, lang: str) -> str:
    return document_path(built_site, lang) if kind == "document" else PREFIX[lang] + TOPIC


def og(page, prop: str) -> str:
    return page.get_attribute(f'meta[property="{prop}"]', "content")


# --- in the browser ------------------------------------------------------------------------


def canonical_root(built_site: Path) -> str:
    """The site's public address (site_url), as its home page declares it."""
    match = re.search(
        r'<meta property="og:url" content="([^"]+)"', (built_site / "index.html").read_text("utf-8")
    )
    assert match, "the home page has no og:url"
    return match.group(1)


@dataclass
class PhoneVisit:
    page: object  # playwright.sync_api.Page
    hosts: set[str] = field(default_factory=set)
    errors: list[str] = field(default_factory=list)


@pytest.fixture
def phone(browser, built_site: Path, site_server: str, screenshot_dir: Path):
    """Open a page of the built site on a phone at its public address (site_url), answered by
    the local server: absolute links and Material's sitemap fetches (next to every
    rel=alternate link) stay on the page's own origin, as in production. Every host asked is
    recorded."""
    contexts = []
    public = canonical_root(built_site)

    def open_page(path: str, name: str, **options) -> PhoneVisit:
        context = browser.new_context(viewport=VIEWPORTS["phone"], device_scale_factor=1, **options)
        contexts.append(context)
        context.route(
            public + "**",
            lambda route: route.fulfill(
                response=route.fetch(url=site_server + route.request.url[len(public) :])
            ),
        )
        context.grant_permissions(["clipboard-read", "clipboard-write"])
        seen = PhoneVisit(context.new_page())
        seen.page.on("request", lambda request: seen.hosts.add(request_host(request.url)))
        seen.page.on("console", lambda m: seen.errors.append(m.text) if m.type == "error" else None)
        seen.page.on("pageerror", lambda exc: seen.errors.append(str(exc)))
        response = seen.page.goto(public + path, wait_until="networkidle")
        assert response is not None and response.ok
        seen.page.screenshot(path=str(screenshot_dir / f"{name}.png"), full_page=True)
        return seen

    yield open_page
    for context in contexts:
        context.close()


def own_host(built_site: Path) -> set[str]:
    return {urlsplit(canonical_root(built_site)).netloc}


@pytest.mark.browser
@pytest.mark.parametrize("kind", ["document", "topic"])
@pytest.mark.parametrize("lang", ["vi", "en"])
def test_share_bar_on_a_phone(
    phone, built_site: Path, site_server: str, screenshot_dir: Path, kind: str, lang: str
):
    path = page_path(built_site, kind, lang)
    seen = phone(path, f"share-{kind}-{lang}-phone")
    page = seen.page
    # Nothing from Facebook or Zalo, or anyone but the portal, on load.
    assert seen.hosts == own_host(built_site)
    assert seen.errors == []

    bar = page.locator(".portal-share")
    bar.scroll_into_view_if_needed()
    assert bar.is_visible()
    page.screenshot(path=str(screenshot_dir / f"share-{kind}-{lang}-bar.png"))
    width = VIEWPORTS["phone"]["width"]
    for button in bar.locator(".portal-share__button").all():
        box = button.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width
        assert box["height"] >= 44, "a share button is too small for a thumb"

    url = og(page, "og:url")
    assert urlsplit(url).path == "/" + path
    facebook = urlsplit(bar.locator(".portal-share__button--facebook").get_attribute("href"))
    assert facebook.netloc == "www.facebook.com" and parse_qs(facebook.query)["u"] == [url]
    zalo = urlsplit(bar.locator(".portal-share__button--zalo").get_attribute("href"))
    query = parse_qs(zalo.query)
    assert zalo.netloc == "button-share.zalo.me" and query["url"] == [url]
    assert json.loads(base64.b64decode(unquote(query["d"][0]))) == {"url": url}
    copy = bar.locator("[data-portal-copy]")
    assert copy.get_attribute("data-portal-copy") == url
    assert copy.inner_text().strip() == {"vi": "Chép liên kết", "en": "Copy link"}[lang]


@pytest.mark.browser
@pytest.mark.parametrize("clipboard_api", [True, False], ids=["clipboard-api", "fallback"])
def test_copy_link_button(phone, built_site: Path, clipboard_api: bool):
    page = phone(document_path(built_site, "vi"), "share-copy").page
    if not clipboard_api:
        page.evaluate("Object.defineProperty(navigator, 'clipboard', {value: undefined})")
    page.click("[data-portal-copy]")
    status = page.locator(".portal-share__status")
    status.wait_for(state="visible")
    assert status.inner_text() == "Đã chép liên kết"
    if clipboard_api:
        assert page.evaluate("navigator.clipboard.readText()") == og(page, "og:url")


@pytest.mark.browser
def test_zalo_on_a_phone_opens_the_system_share_sheet(phone, built_site: Path, site_server: str):
    """On a touch phone the Zalo button hands the page to the share sheet (where the Zalo app
    is) instead of Zalo's web page; nothing is requested from Zalo."""
    seen = phone(document_path(built_site, "en"), "share-zalo", has_touch=True, is_mobile=True)
    page = seen.page
    page.evaluate(
        "navigator.share = (data) => { window.portalShared = data; return Promise.resolve(); }"
    )
    page.locator(".portal-share__button--zalo").tap()
    shared = page.wait_for_function("window.portalShared").json_value()
    assert shared == {"title": og(page, "og:title"), "url": og(page, "og:url")}
    assert seen.hosts == own_host(built_site)


# --- in the built files --------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_every_document_and_topic_has_a_share_image(built_site: Path, lang: str):
    data = json.loads((built_site / "api" / "documents.json").read_text(encoding="utf-8"))
    root = built_site / PREFIX[lang]
    images = [root / "anh-chia-se" / "van-ban" / f"{d['slug']}.png" for d in data["documents"]]
    images += sorted((root / "anh-chia-se" / "chu-de").glob("*.png"))
    assert len(images) == len(data["documents"]) + 3
    for path in images:
        with Image.open(path) as image:
            assert (image.format, image.size) == ("PNG", (1200, 630)), path


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_built_feeds_parse_and_list_the_documents(built_site: Path, lang: str):
    data = json.loads((built_site / "api" / "documents.json").read_text(encoding="utf-8"))
    for name in ("rss.xml", "atom.xml"):
        parsed = feedparser.parse((built_site / PREFIX[lang] / name).read_bytes())
        assert not parsed.bozo, parsed.get("bozo_exception")
        assert parsed.feed.language == lang
        assert len(parsed.entries) == min(50, len(data["documents"]))
        for entry in parsed.entries:
            assert urlsplit(entry.link).path.startswith(f"/{PREFIX[lang]}van-ban/")


def test_every_page_has_open_graph_tags_and_feed_links(built_site: Path):
    pages = sorted(built_site.glob("**/index.html"))
    assert pages
    for path in pages:
        html = path.read_text(encoding="utf-8")
        for needle in ('property="og:url"', 'property="og:image"', 'type="application/rss+xml"'):
            assert needle in html, f"{path.relative_to(built_site)}: no {needle}"
