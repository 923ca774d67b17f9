"""Every kind of page in both languages, on a phone and a laptop, light and dark: a screenshot
of each for a person to look at (test-artifacts/screenshots/pages/), and axe-core finding no
accessibility violation in either colour scheme.

axe-core is installed by `make test` (npm, into .venv/node/) and injected from that file: the
page itself never fetches anything for the test."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from conftest import ROOT, SCREENSHOTS, VIEWPORTS

pytestmark = pytest.mark.browser

AXE = Path(os.environ.get("PORTAL_AXE", ROOT / ".venv/node/node_modules/axe-core/axe.min.js"))

#: One page of every kind, by name, path inside a language.
KINDS = {
    "home": "",
    "topics": "chu-de/",
    "topic": "chu-de/doi-ngoai-nhan-dan/",
    "document": "van-ban/2022-175-kh-ubnd/",
    "document-unnumbered": "van-ban/2023-02-21-ke-hoach-tam-ky/",
    "reference": "tham-chieu/12-ct-tw/",
    "references": "tham-chieu/",
    "archive": "luu-tru/",
    "archive-year": "luu-tru/nam/2023/",
    "follow": "theo-doi/",
    "about": "gioi-thieu/",
}
PREFIX = {"vi": "", "en": "en/"}
SCHEMES = ("light", "dark")


def axe_violations(page) -> list[str]:
    page.add_script_tag(path=str(AXE))
    found = page.evaluate(
        "() => axe.run(document, {resultTypes: ['violations']}).then(r => r.violations.map("
        "v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target)})))"
    )
    return [json.dumps(v, ensure_ascii=False) for v in found]


@pytest.fixture(scope="module")
def axe_file() -> Path:
    if not AXE.is_file():
        pytest.fail(f"{AXE} is missing: run 'make test' (it installs axe-core with npm)")
    return AXE


@pytest.mark.parametrize("lang", sorted(PREFIX))
@pytest.mark.parametrize("kind", sorted(KINDS))
def test_every_page_kind_is_accessible_and_photographed(
    browser, site_server: str, axe_file: Path, kind: str, lang: str
) -> None:
    folder = SCREENSHOTS / "pages"
    folder.mkdir(parents=True, exist_ok=True)
    url = site_server + PREFIX[lang] + KINDS[kind]
    problems = []
    for viewport in ("phone", "desktop"):
        for scheme in SCHEMES:
            context = browser.new_context(
                viewport=VIEWPORTS[viewport], device_scale_factor=1, color_scheme=scheme
            )
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda m, out=errors: out.append(m.text) if m.type == "error" else 0)
            page.on("pageerror", lambda exc, out=errors: out.append(str(exc)))
            page.goto(url, wait_until="load")
            shown = page.get_attribute("body", "data-md-color-scheme")
            assert shown == ("slate" if scheme == "dark" else "default"), (viewport, scheme)
            name = f"{kind}-{lang}-{viewport}-{scheme}.png"
            page.screenshot(path=str(folder / name), full_page=True)
            problems += [f"{viewport}/{scheme}: console: {e}" for e in errors]
            if viewport == "phone":
                problems += [f"{scheme}: axe: {v}" for v in axe_violations(page)]
            context.close()
    assert not problems, f"{url}\n" + "\n".join(problems)


def test_the_404_page_is_accessible(browser, site_server: str, axe_file: Path) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], device_scale_factor=1)
    page = context.new_page()
    page.goto(site_server + "404.html", wait_until="networkidle")
    page.screenshot(path=str(SCREENSHOTS / "pages" / "404-vi-phone-light.png"), full_page=True)
    violations = axe_violations(page)
    context.close()
    assert not violations, "\n".join(violations)


def test_a_dark_mode_reader_gets_the_dark_page_before_any_script_loads(browser, site_server):
    """The inline palette script picks the scheme of the system setting at parse time: no light
    flash while the deferred portal.js loads (here it never does)."""
    context = browser.new_context(viewport=VIEWPORTS["phone"], color_scheme="dark")
    context.route("**/*.js", lambda route: route.abort())
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto(site_server + KINDS["document"], wait_until="load")
    assert page.get_attribute("body", "data-md-color-scheme") == "slate"
    assert not [url for url in requests if "sitemap" in url]
    context.close()


@pytest.mark.parametrize("lang", sorted(PREFIX))
def test_a_long_title_leaves_the_panel_on_a_phones_first_screen(browser, site_server, lang):
    context = browser.new_context(viewport=VIEWPORTS["phone"], device_scale_factor=1)
    page = context.new_page()
    for path in ("van-ban/2022-175-kh-ubnd/", "van-ban/huong-dan-ban-tuyen-giao-tinh-uy/"):
        page.goto(site_server + PREFIX[lang] + path, wait_until="load")
        identity = page.locator(".portal-identity").bounding_box()
        panel = page.locator(".portal-meta").bounding_box()
        assert identity["y"] < page.locator("h1").bounding_box()["y"]
        # Type, number, date and issuer rows of the panel (about 200 px) on the first screen.
        first_rows = panel["y"] + 200
        assert first_rows < VIEWPORTS["phone"]["height"], f"{path}: panel at {panel['y']}px"
        # The contents open without a script.
        page.locator(".portal-toc summary").click()
        assert page.locator(".portal-toc nav a").first.is_visible()
    context.close()


@pytest.mark.parametrize("path", ["rss.xml", "en/chu-de/doi-ngoai-nhan-dan/atom.xml"])
def test_a_feed_opened_in_the_browser_reads_as_a_page(browser, site_server, path):
    context = browser.new_context(viewport=VIEWPORTS["phone"])
    page = context.new_page()
    page.goto(site_server + path, wait_until="load")
    address = page.locator("#feed-address")
    assert address.get_attribute("value").endswith("/" + path)  # the feed's public address
    assert page.locator("main li a").count() >= 1
    page.screenshot(path=str(SCREENSHOTS / "pages" / f"feed-{path.replace('/', '-')}.png"))
    context.close()
