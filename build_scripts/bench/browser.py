"""What a phone downloads: a document page opened in headless Chromium at 390x844, every response
captured and gzipped here (as a server would send it), then a first search typed into the header
box when the site has a Pagefind index."""

from __future__ import annotations

import gzip
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from ..headless import CHROMIUM, CHROMIUM_ARGS

PHONE = {"width": 390, "height": 844}
#: The search box's opener on a phone, and the box: the portal's own, else Material's.
SEARCH_OPENERS = (".portal-search__open", 'label[for="__search"]')
SEARCH_INPUTS = ("#portal-search-input", ".md-search__input")
#: How long the search may take to settle after the last keystroke (debounce, then fetches).
SEARCH_SETTLE_MS = 1500


@dataclass
class Transfer:
    """Responses of one step: how many, their bytes as served and gzipped, gzipped by kind."""

    requests: int = 0
    raw: int = 0
    gzipped: int = 0
    by_kind: dict[str, int] = field(default_factory=lambda: defaultdict(int))

    def add(self, kind: str, body: bytes) -> None:
        # Already-compressed bodies (images, woff2) would not be gzipped by a server.
        size = min(len(body), len(gzip.compress(body, compresslevel=6, mtime=0)))
        self.requests += 1
        self.raw += len(body)
        self.gzipped += size
        self.by_kind[kind] += size


@dataclass(frozen=True)
class Visit:
    page: Transfer
    search: Transfer | None  # None when the site has no search index


def available() -> str | None:
    """Why the browser measurements cannot run, or None when they can."""
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} missing"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "playwright not installed"
    return None


def visit(url: str, query: str | None) -> Visit:
    """Open `url` as a phone; then, if `query`, type it into the search box."""
    # In a thread of its own: Playwright's sync API will not start while another session runs
    # in this thread (a test run's shared browser, say).
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_visit, url, query).result()


def _visit(url: str, query: str | None) -> Visit:
    from playwright.sync_api import sync_playwright

    responses: list = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
            page = context.new_page()
            page.on("response", lambda response: responses.append(response))
            page.goto(url, wait_until="networkidle")
            loaded = _transfer(responses)
            if query is None:
                return Visit(loaded, None)
            before = len(responses)
            _search(page, query)
            return Visit(loaded, _transfer(responses[before:]))
        finally:
            browser.close()


def _transfer(responses: list) -> Transfer:
    out = Transfer()
    for response in responses:
        if 300 <= response.status < 400:
            continue  # a redirect has no body; its target is a response of its own
        out.add(response.request.resource_type, response.body())
    return out


def _search(page, query: str) -> None:
    """Open the header search as a reader would, type the query, wait for the results."""
    for selector in SEARCH_OPENERS:
        opener = page.locator(selector).first
        if opener.count() and opener.is_visible():
            opener.click()
            break
    for selector in SEARCH_INPUTS:
        box = page.locator(selector).first
        if box.count():
            box.click()
            box.type(query, delay=80)
            page.wait_for_timeout(SEARCH_SETTLE_MS)
            page.wait_for_load_state("networkidle")
            return
    raise RuntimeError(f"no search box ({', '.join(SEARCH_INPUTS)}) on {page.url}")
