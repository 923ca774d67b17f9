"""The home page in a real browser, on a phone and a laptop: no errors, no third party."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

pytestmark = pytest.mark.browser

HOMES = {"vi": "", "en": "en/"}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang", sorted(HOMES))
def test_home_page_loads_cleanly_from_the_portal_alone(
    visit, site_server: str, lang: str, viewport: str
) -> None:
    seen = visit(site_server + HOMES[lang], viewport, f"home-{lang}-{viewport}")
    page = seen.page
    assert seen.failed_requests == []
    assert seen.console_errors == []
    assert seen.request_hosts == {urlsplit(site_server).netloc}
    assert page.get_attribute("html", "lang") == lang
    # Nothing wider than the screen: a phone reader must never scroll sideways.
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"the page is {overflow}px wider than the {viewport} screen"


@pytest.mark.parametrize("lang", sorted(HOMES))
def test_topic_page_loads_cleanly_too(visit, site_server: str, lang: str) -> None:
    """Pages other than the home page carry per-page language links; Material must not turn
    them into requests for files that do not exist."""
    url = f"{site_server}{HOMES[lang]}chu-de/doi-ngoai-nhan-dan/"
    seen = visit(url, "phone", f"topic-{lang}-phone")
    assert seen.failed_requests == []
    assert seen.console_errors == []
    assert seen.request_hosts == {urlsplit(site_server).netloc}


@pytest.mark.parametrize("viewport", ["phone", "desktop"])
@pytest.mark.parametrize("lang, other", [("vi", "en"), ("en", "vi")])
def test_language_switcher_leads_to_the_other_home(
    visit, site_server: str, lang: str, other: str, viewport: str
) -> None:
    seen = visit(site_server + HOMES[lang], viewport, f"switcher-{lang}-{viewport}")
    page = seen.page
    # A tap focuses the button; Material opens the menu on focus as well as on hover.
    page.click(".md-header__option .md-select button")
    link = page.locator(f'.md-select__link[hreflang="{other}"]')
    link.wait_for(state="visible")
    open_menu = seen.screenshot.with_name(f"switcher-{lang}-{viewport}-open.png")
    page.screenshot(path=str(open_menu), animations="disabled")
    box = link.bounding_box()
    assert (
        box is not None and box["x"] >= 0 and box["x"] + box["width"] <= page.viewport_size["width"]
    )
    link.click()
    page.wait_for_load_state("networkidle")
    assert page.url == site_server + HOMES[other]
    assert page.get_attribute("html", "lang") == other


def test_vietnamese_text_uses_one_font_with_all_diacritics(visit, site_server: str) -> None:
    """Stacked diacritics (ế, ự, ỗ) render in the body font, not in a fallback font per letter."""
    seen = visit(site_server, "phone", "home-vi-fonts")
    session = seen.page.context.new_cdp_session(seen.page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    paragraph = session.send("DOM.querySelector", {"nodeId": root, "selector": ".md-typeset p"})
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": paragraph["nodeId"]})["fonts"]
    families = {font["familyName"] for font in fonts}
    assert len(families) == 1, f"the paragraph mixes fonts: {sorted(families)}"
