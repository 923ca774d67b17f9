"""The real site, built from mkdocs.yml and content/docs: both languages, right titles, nothing
loaded from anywhere but the portal itself."""

from __future__ import annotations

import logging
import re
import shutil
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from build_scripts.model import TOPICS
from build_scripts.pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow

SITE_NAMES = {"vi": "Văn bản đối ngoại", "en": "Foreign Affairs Directives"}
HOME_TITLES = {"vi": "Trang chủ", "en": "Home"}
PREFIXES = {"vi": "", "en": "en/"}
# Markers of assets that would make a reader's browser contact a third party.
THIRD_PARTY_MARKERS = (
    "fonts.googleapis",
    "fonts.gstatic",
    "gravatar.com",
    "cdn.jsdelivr",
    "unpkg.com",
)


class PageFacts(HTMLParser):
    """Collects what the tests check: <html lang>, <title>, and every asset address."""

    def __init__(self) -> None:
        super().__init__()
        self.lang: str | None = None
        self.title = ""
        self.assets: list[tuple[str, str]] = []  # (tag, address)
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "html":
            self.lang = values.get("lang")
        elif tag == "title":
            self._in_title = True
        elif tag == "link" and values.get("href"):
            self.assets.append((tag, values["href"] or ""))
        elif tag in ("script", "img", "iframe", "source", "video", "audio") and values.get("src"):
            self.assets.append((tag, values["src"] or ""))

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self._in_title = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data


def read_page(site: Path, path: str) -> PageFacts:
    file = site / path / "index.html"
    assert file.is_file(), f"{path or '/'} was not built ({file} is missing)"
    facts = PageFacts()
    facts.feed(file.read_text(encoding="utf-8"))
    return facts


@pytest.fixture(scope="module")
def site_url(site_port: int) -> str:
    """The address the test build was made for (see conftest.built_site)."""
    return f"http://127.0.0.1:{site_port}/"


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_home_page_in_each_language(built_site: Path, lang: str) -> None:
    page = read_page(built_site, PREFIXES[lang])
    assert page.lang == lang
    assert page.title == f"{HOME_TITLES[lang]} - {SITE_NAMES[lang]}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("slug", sorted(TOPICS))
def test_topic_page_in_each_language(built_site: Path, lang: str, slug: str) -> None:
    page = read_page(built_site, f"{PREFIXES[lang]}chu-de/{slug}/")
    assert page.lang == lang
    assert page.title == f"{TOPICS[slug][lang]} - {SITE_NAMES[lang]}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", ["luu-tru/", "gioi-thieu/"])
def test_archive_and_about_in_each_language(built_site: Path, lang: str, path: str) -> None:
    page = read_page(built_site, PREFIXES[lang] + path)
    assert page.lang == lang
    assert page.title.endswith(f" - {SITE_NAMES[lang]}")


def test_no_asset_comes_from_another_host(built_site: Path, site_url: str) -> None:
    """Every <link>, <script>, <img> points into the site; absolute ones only to site_url."""
    own = urlsplit(site_url)
    outside = []
    for file in sorted(built_site.rglob("*.html")):
        facts = PageFacts()
        facts.feed(file.read_text(encoding="utf-8"))
        for tag, address in facts.assets:
            parts = urlsplit(address)
            absolute = parts.scheme in ("http", "https") or address.startswith("//")
            if absolute and (parts.scheme, parts.netloc) != (own.scheme, own.netloc):
                outside.append(f"{file.relative_to(built_site)}: <{tag}> {address}")
    assert outside == []


def test_no_third_party_font_or_cdn_anywhere_in_pages_or_styles(built_site: Path) -> None:
    found = []
    for file in sorted([*built_site.rglob("*.html"), *built_site.rglob("*.css")]):
        text = file.read_text(encoding="utf-8")
        found += [f"{file.relative_to(built_site)}: {m}" for m in THIRD_PARTY_MARKERS if m in text]
    assert found == []


DIRECTIVE = """---
title: Kế hoạch thử nghiệm điều hướng
doc_type: Kế hoạch
issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La
---

Nội dung.
"""


@dataclass
class Build:
    site: Path
    log: list[str]


@pytest.fixture(scope="module")
def site_with_documents(tmp_path_factory: pytest.TempPathFactory) -> Build:
    """A copy of the project (with its directives; reference pages are generated), built while
    recording MkDocs' log."""
    project = tmp_path_factory.mktemp("project")
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    shutil.copytree(ROOT / "content", project / "content")
    records = RecordingHandler()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.setLevel(logging.INFO)  # the "not included in the nav" report is at INFO level
    logger.addHandler(records)
    try:
        build_site(str(project / "mkdocs.yml"), project / "site")
    finally:
        logger.removeHandler(records)
        logger.setLevel(level)
    return Build(project / "site", records.messages)


class RecordingHandler(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


@pytest.mark.parametrize("folder", ["van-ban", "tham-chieu"])
def test_documents_are_built_but_never_listed_in_the_menu(
    site_with_documents: Build, folder: str
) -> None:
    """The menu lists home, topics, archive, the references index, follow and about: at
    thousands of directives a menu of every document would make each page megabytes."""
    site = site_with_documents.site
    inside = {"van-ban": "2023-305-kh-mttq-btt", "tham-chieu": "12-ct-tw"}[folder]
    assert (site / folder / inside / "index.html").is_file()
    for page in ("index.html", "en/index.html", f"{folder}/{inside}/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        # The page's own <head> names its address (canonical link): look at the body's menus.
        menu = html.split("<body")[1].split('class="md-content"')[0]
        # The language switcher rightly links to this very page in each language.
        menu = re.sub(r'<ul class="md-select__list">.*?</ul>', "", menu, flags=re.S)
        # The references index is in the menu; no single document or reference page is.
        listed = re.findall(rf'href="[^"]*{folder}/([^"]+)"', menu)
        assert listed == [], f"{page}: the menu links to {folder}/{listed}"


@pytest.mark.parametrize("folder", ["van-ban", "tham-chieu"])
def test_documents_outside_the_menu_are_expected(site_with_documents: Build, folder: str) -> None:
    """`not_in_nav` keeps MkDocs from reporting every document as missing from the menu."""
    noisy = [m for m in site_with_documents.log if "not included" in m and folder in m]
    assert noisy == []


def test_sitemap_lists_both_languages_without_build_date(built_site: Path, site_url: str) -> None:
    sitemap = (built_site / "sitemap-all.xml").read_text(encoding="utf-8")
    assert sitemap.startswith("<?xml")
    assert f"<loc>{site_url}</loc>" in sitemap
    assert f'hreflang="en" href="{site_url}en/chu-de/doi-ngoai-nhan-dan/"' in sitemap
    assert "<lastmod>" not in sitemap
    assert f"Sitemap: {site_url}sitemap-all.xml" in (built_site / "robots.txt").read_text()
    # MkDocs' own map (dated by the build, no alternates) is not published.
    assert not (built_site / "sitemap.xml").exists()
    assert not (built_site / "en" / "sitemap.xml").exists()


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_menus_reused_across_a_folder_link_as_material_renders_them(built_site: Path, lang: str):
    """Menus of unlisted pages are rendered once per folder (build_scripts/chrome.py): each
    still has the links Material gives a page in that folder, and the same menus as its
    siblings."""
    root = built_site / PREFIXES[lang]

    def menus(path: str) -> list[str]:
        html = (root / path / "index.html").read_text(encoding="utf-8")
        html = html.split("md-sidebar--secondary")[0]  # the page's own contents come after
        return re.findall(r'<a href="([^"]*)" class="md-(?:tabs|nav)__link', html)

    reference = menus("tham-chieu/12-ct-tw")
    assert "../" in reference and "../../tham-chieu/" not in reference
    assert menus("tham-chieu/36-nq-tw") == reference
    document = menus("van-ban/2023-305-kh-mttq-btt")
    assert "../../tham-chieu/" in document and "../" not in document
    assert menus("van-ban/2022-175-kh-ubnd") == document
