"""The real portal built from the shipped content: the five seeds on their topic pages, the
web of references, the English side, and the language switcher on document pages."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest

SEEDS = {
    "000": "2025-75-mttq-btt",
    "001": "2022-175-kh-ubnd",
    "002": "huong-dan-ban-tuyen-giao-tinh-uy",
    "003": "2023-02-21-ke-hoach-tam-ky",
    "004": "2023-305-kh-mttq-btt",
}
EXPECTED_TOPICS = {  # tests/fixtures/seeds/expected.json; seed 000 is on international integration
    "doi-ngoai-nhan-dan": {"001", "003"},
    "thong-tin-doi-ngoai": {"002", "004"},
    "nguoi-viet-nam-o-nuoc-ngoai": {"001", "003"},
}
CITING_12_CT_TW = {"001", "003", "004"}
ENGLISH_WORDS = re.compile(r"\b(the|of|and|to|in|for|with)\b", re.I)
VIETNAMESE_WORDS = re.compile(r"\b(của|và|các|những|trong|được|thực hiện)\b", re.I)


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def listed_seeds(page: str) -> set[str]:
    slugs = set(re.findall(r'van-ban/([a-z0-9-]+)/"', page))
    return {n for n, slug in SEEDS.items() if slug in slugs}


def article_text(page: str) -> str:
    body = page[page.index("<article") : page.index("</article>")]
    body = re.sub(r'<div class="portal-vi-text" lang="vi">.*?</div>', " ", body, flags=re.S)
    return re.sub(r"<[^>]+>", " ", body)


@pytest.mark.parametrize("topic", sorted(EXPECTED_TOPICS))
@pytest.mark.parametrize("prefix", ["", "en/"])
def test_topic_pages_list_exactly_the_expected_seeds(built_site, topic, prefix):
    page = html(built_site, f"{prefix}chu-de/{topic}")
    assert listed_seeds(page) == EXPECTED_TOPICS[topic]


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_12_ct_tw_reference_page_lists_the_three_seeds_citing_it(built_site, prefix):
    page = html(built_site, f"{prefix}tham-chieu/12-ct-tw")
    assert listed_seeds(page) == CITING_12_CT_TW


@pytest.mark.parametrize("seed", sorted(SEEDS))
def test_every_seed_has_an_english_page_written_in_english(built_site, seed):
    page = html(built_site, f"en/van-ban/{SEEDS[seed]}")
    text = article_text(page)
    english, vietnamese = len(ENGLISH_WORDS.findall(text)), len(VIETNAMESE_WORDS.findall(text))
    assert english > 100 and vietnamese < english / 20, (english, vietnamese)
    assert '<html lang="en"' in page
    assert "No English translation exists yet" not in page


def test_open_data_lists_every_seed_with_its_translation(built_site):
    data = json.loads((built_site / "api" / "documents.json").read_text(encoding="utf-8"))
    by_slug = {d["slug"]: d for d in data["documents"]}
    assert set(SEEDS.values()) <= set(by_slug)
    for slug in SEEDS.values():
        assert by_slug[slug]["translation"] == "complete", slug


@pytest.mark.browser
def test_switcher_on_a_document_page_lands_on_its_counterpart(visit, site_server):
    slug = SEEDS["004"]
    seen = visit(f"{site_server}van-ban/{slug}/", "phone", "document-vi-phone")
    assert seen.console_errors == [] and seen.failed_requests == []
    assert seen.request_hosts == {urlsplit(site_server).netloc}
    page = seen.page
    page.click(".md-header__option .md-select button")
    page.locator('.md-select__link[hreflang="en"]').click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{site_server}en/van-ban/{slug}/"
    assert page.get_attribute("html", "lang") == "en"
    page.screenshot(path=str(seen.screenshot.with_name("document-en-phone.png")), full_page=True)


@pytest.mark.browser
def test_reference_link_leads_to_the_reference_page_and_back(visit, site_server):
    slug = SEEDS["001"]
    seen = visit(f"{site_server}van-ban/{slug}/", "desktop", "document-references-desktop")
    page = seen.page
    page.locator(".portal-cites a", has_text="12-CT/TW").first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{site_server}tham-chieu/12-ct-tw/"
    page.screenshot(path=str(seen.screenshot.with_name("reference-12-ct-tw-desktop.png")))
    page.locator(f'article a[href$="van-ban/{slug}/"]').first.click()
    page.wait_for_load_state("networkidle")
    assert page.url == f"{site_server}van-ban/{slug}/"


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("", ["Trang chủ", "Chủ đề", "Lưu trữ", "Dẫn chiếu", "Theo dõi", "Giới thiệu"]),
        ("en/", ["Home", "Topics", "Archive", "References", "Follow", "About"]),
    ],
)
def test_navigation_is_small_and_in_the_page_language(built_site, prefix, expected):
    page = html(built_site, f"{prefix}luu-tru")
    tabs = page[page.index('class="md-tabs__list"') : page.index("</nav>", page.index("md-tabs"))]
    labels = [" ".join(t.split()) for t in re.findall(r'class="md-tabs__link">([^<]+)<', tabs)]
    assert labels == expected
