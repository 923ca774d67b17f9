"""Shared fixtures: the real site built once per session, a local server for it, a headless browser.

Browser tests use Debian's Chromium (/usr/bin/chromium) through Playwright; Playwright never
downloads a browser. Screenshots go to test-artifacts/screenshots/ so a person can look at them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_scripts.headless import CHROMIUM, CHROMIUM_ARGS, free_port, serve_folder
from build_scripts.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"

#: Viewports the browser tests use, by name: a common phone and a common laptop.
VIEWPORTS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1366, "height": 768}}


@pytest.fixture(scope="session")
def site_port() -> int:
    """A free local port, chosen before the build so absolute links point at the test server."""
    return free_port()


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory, site_port: int) -> Path:
    """The real site (mkdocs.yml and content/docs), built once into a temporary folder, with
    site_url set to the local test server (as PORTAL_SITE_URL does for a real deployment)."""
    out = tmp_path_factory.mktemp("built") / "site"
    build_site(str(ROOT / "mkdocs.yml"), out, site_url=f"http://127.0.0.1:{site_port}/")
    return out


@pytest.fixture(scope="session")
def site_server(built_site: Path, site_port: int) -> Iterator[str]:
    """The built site over HTTP on 127.0.0.1 at the port it was built for; yields the base URL."""
    with serve_folder(built_site, site_port) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium driven by Playwright's sync API."""
    from playwright.sync_api import sync_playwright

    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: run 'make chromium' (apt-get install chromium)")
    with sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def request_host(url: str) -> str:
    """'http://127.0.0.1:8000/x' -> '127.0.0.1:8000'; 'data:...' -> 'data:' (never a host)."""
    parts = urlsplit(url)
    return parts.netloc if parts.scheme in ("http", "https", "ws", "wss") else parts.scheme + ":"


@dataclass
class PageVisit:
    """What happened while a page loaded: the page, its errors, hosts asked, failed requests."""

    page: object  # playwright.sync_api.Page
    console_errors: list[str] = field(default_factory=list)
    request_hosts: set[str] = field(default_factory=set)
    failed_requests: list[str] = field(default_factory=list)
    screenshot: Path | None = None


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    print(f"\nscreenshots: {SCREENSHOTS}")
    return SCREENSHOTS


@pytest.fixture
def visit(browser, screenshot_dir: Path):
    """Open a URL at a viewport, record console errors and request hosts, save a screenshot.

    Usage: `seen = visit(url, "phone", "home-vi-phone")` (viewport names are in VIEWPORTS); the
    page stays open until the test ends.
    """
    contexts = []

    def open_page(url: str, viewport: str, name: str) -> PageVisit:
        context = browser.new_context(viewport=VIEWPORTS[viewport], device_scale_factor=1)
        contexts.append(context)
        page = context.new_page()
        result = PageVisit(page)
        page.on(
            "console",
            lambda msg: result.console_errors.append(msg.text) if msg.type == "error" else None,
        )
        page.on("pageerror", lambda exc: result.console_errors.append(str(exc)))
        page.on("request", lambda req: result.request_hosts.add(request_host(req.url)))
        page.on(
            "response",
            lambda r: (
                result.failed_requests.append(f"{r.status} {r.url}") if r.status >= 400 else None
            ),
        )
        response = page.goto(url, wait_until="networkidle")
        assert response is not None and response.ok, f"{url}: HTTP {response and response.status}"
        result.screenshot = screenshot_dir / f"{name}.png"
        page.screenshot(path=str(result.screenshot), full_page=True)
        return result

    yield open_page
    for context in contexts:
        context.close()
