"""A topic's pages: the newest documents on the first page, the older ones on fixed pages
counted from the oldest, which one more document leaves as they were (stable links, and a push
renders only the first page again)."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from build_scripts import pages
from build_scripts.catalog import Catalog
from build_scripts.model import Directive

TOPIC = "doi-ngoai-nhan-dan"


def catalog_of(count: int) -> Catalog:
    """`count` directives of one topic, one a day, newest first (as the catalog sorts them)."""
    start = dt.date(2020, 1, 1)
    documents = [
        Directive(
            slug=f"d{n:03}",
            title=f"Kế hoạch {n}",
            doc_type="Kế hoạch",
            issuer="Ủy ban nhân dân tỉnh Đồng Nai",
            body="",
            number=f"{n}/KH-UBND",
            date=start + dt.timedelta(days=n),
            topics=[TOPIC],
        )
        for n in range(1, count + 1)
    ]
    return Catalog(sorted(documents, key=Directive.sort_key), [])


def listed(markdown: str) -> list[str]:
    return re.findall(r"van-ban/(d\d+)\.md", markdown)


def site_pages(catalog: Catalog) -> dict[str, str]:
    out = {pages.topic_uri(TOPIC): pages.topic_listing(catalog, TOPIC, "vi")}
    for page in pages.topic_pages(catalog, "vi"):
        if page.src_uri.startswith(f"chu-de/{TOPIC}/"):
            out[page.src_uri] = page.markdown
    return out


@pytest.mark.parametrize(
    ("count", "first", "fixed"),
    [(1, 1, 0), (39, 39, 0), (40, 20, 1), (59, 39, 1), (60, 20, 2), (101, 21, 4)],
)
def test_the_first_page_holds_the_newest_and_fixed_pages_the_rest(count, first, fixed):
    size = pages.PAGE_SIZE
    catalog = catalog_of(count)
    found = site_pages(catalog)
    assert len(found) == 1 + fixed
    newest = listed(found[pages.topic_uri(TOPIC)])
    assert len(newest) == first and newest[0] == f"d{count:03}"  # newest first
    everything = list(newest)
    for page in range(fixed + 1, 1, -1):  # the first page's "older" link opens the highest
        on_page = listed(found[pages.topic_uri(TOPIC, page)])
        block = page - 1
        assert on_page == [f"d{n:03}" for n in range(block * size, (block - 1) * size, -1)]
        everything += on_page
    # Every document once, newest to oldest, along the pages' "older" links.
    assert everything == [f"d{n:03}" for n in range(count, 0, -1)]


def test_one_more_document_changes_only_the_first_page_until_a_page_fills():
    before = site_pages(catalog_of(75))
    after = site_pages(catalog_of(76))
    changed = [uri for uri in after if before.get(uri) != after[uri]]
    assert changed == [pages.topic_uri(TOPIC)]
    # The 80th fills a page: the first page gives its oldest 20 to a new fixed page, and the
    # previous newest fixed page's "newer" link now opens that one.
    before, after = site_pages(catalog_of(79)), site_pages(catalog_of(80))
    changed = sorted(uri for uri in after if before.get(uri) != after[uri])
    assert changed == sorted(
        [pages.topic_uri(TOPIC), pages.topic_uri(TOPIC, 3), pages.topic_uri(TOPIC, 4)]
    )


def test_the_pager_walks_newer_and_older():
    found = site_pages(catalog_of(60))  # first page, pages 3 (newer) and 2 (oldest)
    first, third, second = (found[pages.topic_uri(TOPIC, n)] for n in (1, 3, 2))
    assert "Mới hơn" not in first and "doi-ngoai-nhan-dan/trang-3.md" in first
    assert "Cũ hơn" in third and "trang-2.md" in third and "Mới hơn" in third
    assert "Cũ hơn" not in second and "trang-3.md" in second
    assert "Văn bản thứ 1–20, tính từ văn bản cũ nhất" in second
