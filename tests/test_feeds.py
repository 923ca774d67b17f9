"""Feeds and share metadata from a fixture catalog: every feed parses in feedparser and as XML,
with the right counts, guids, dates, language, escaping, enclosures and full texts; the Open
Graph values and share links of each kind of page."""

from __future__ import annotations

import base64
import datetime as dt
import html
import json
import posixpath
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import feedparser
import pytest
from lxml import etree

from build_scripts import feeds, opengraph
from build_scripts.catalog import Catalog, load_catalog
from build_scripts.frontmatter import dump
from build_scripts.model import VIETNAM_TZ, content_hash

BASE = "https://portal.example.vn/"
SITE = {"vi": "Văn bản đối ngoại", "en": "Foreign Affairs Directives"}
HOSTILE = 'Kế hoạch <b>đậm</b> & "trích" \x01\x0b\x1f\x7f\x85 ở đây'
CLEAN = 'Kế hoạch <b>đậm</b> & "trích" ở đây'


def directive(n: int, **extra) -> tuple[dict, str]:
    meta = {
        "title": f"Kế hoạch đối ngoại nhân dân số {n}",
        "doc_type": "Kế hoạch",
        "number": f"{n}/KH-UBND",
        "date": (dt.date(2023, 1, 1) + dt.timedelta(days=n)).isoformat(),
        "issuer": "Ủy ban nhân dân tỉnh Đồng Nai",
        "topics": ["doi-ngoai-nhan-dan"],
    }
    meta.update(extra)
    return meta, f"Nội dung văn bản số {n}.\n"


def write_catalog(folder: Path, count: int) -> Catalog:
    docs = folder / "van-ban"
    docs.mkdir(parents=True)

    def write(name: str, meta: dict, body: str) -> None:
        (docs / name).write_text(dump(meta, body), encoding="utf-8")

    for n in range(1, count + 1):
        write(f"d{n:02d}.md", *directive(n))
    # Newest, on two topics, hostile title and summary, control characters, links, footnotes.
    meta, _ = directive(
        100,
        title=HOSTILE,
        date="2024-06-30",
        summary="Tóm tắt: a < b & c > d.",
        topics=["thong-tin-doi-ngoai", "nguoi-viet-nam-o-nuoc-ngoai"],
    )
    body = (
        "Thực hiện văn bản[^1], xem [kế hoạch 1](d01.md#muc-2) và [mục dưới](#cuoi).\n\n"
        "Chữ điều khiển \x02 giữa câu & *HTML*.\n\n[^1]: Ngày 09/02/2023.\n"
    )
    write("moi-nhat.md", meta, body)
    meta, body = directive(101, date=None, year=2020, topics=["thong-tin-doi-ngoai"])
    write("chi-co-nam.md", meta, body)
    meta, body = directive(102, date=None, topics=["thong-tin-doi-ngoai"], number=None)
    write("khong-ngay.md", meta, body)
    # The newest of the series translated and current; the next one translated from an older
    # Vietnamese text; the others not translated.
    meta, body = directive(count)
    fresh = content_hash(meta["title"], "\n" + body)
    english = {"title": "People-to-people diplomacy plan", "translation_of": fresh}
    english["summary"] = "The province's plan."
    write(f"d{count:02d}.en.md", english, "The text in English.\n")
    outdated = {"title": "An older plan", "translation_of": "sha256:0"}
    write(f"d{count - 1:02d}.en.md", outdated, "Old text.\n")
    return load_catalog(folder)


@pytest.fixture(scope="module")
def catalog(tmp_path_factory) -> Catalog:
    catalog = write_catalog(tmp_path_factory.mktemp("docs"), 55)
    assert catalog.errors == []
    return catalog


def site_for(lang: str, sizes: dict[str, int] | None = None) -> feeds.FeedSite:
    root = BASE + ("en/" if lang == "en" else "")
    return feeds.FeedSite(lang, root, SITE[lang], "Mô tả", feeds.BodyRenderer(root), sizes or {})


SIZES = {"anh-chia-se/van-ban/moi-nhat.png": 31704}


@pytest.fixture(scope="module")
def built(catalog: Catalog) -> dict[str, dict[str, bytes]]:
    """lang -> feed path -> bytes."""
    return {
        lang: {f.path: f.content for f in feeds.build_feeds(catalog, site_for(lang, SIZES))}
        for lang in ("vi", "en")
    }


def parse(content: bytes):
    parsed = feedparser.parse(content)
    assert not parsed.bozo, parsed.get("bozo_exception")
    return parsed


# --- every feed ----------------------------------------------------------------------------

PATHS = [
    "rss.xml",
    "atom.xml",
    "chu-de/doi-ngoai-nhan-dan/rss.xml",
    "chu-de/doi-ngoai-nhan-dan/atom.xml",
    "chu-de/thong-tin-doi-ngoai/rss.xml",
    "chu-de/thong-tin-doi-ngoai/atom.xml",
    "chu-de/nguoi-viet-nam-o-nuoc-ngoai/rss.xml",
    "chu-de/nguoi-viet-nam-o-nuoc-ngoai/atom.xml",
]


def test_every_language_has_a_feed_in_each_format_for_the_site_and_each_topic(built):
    for lang in ("vi", "en"):
        assert list(built[lang]) == PATHS


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", PATHS)
def test_feed_is_valid_xml_and_parses_cleanly(built, lang: str, path: str):
    content = built[lang][path]
    etree.fromstring(content)  # raises on any XML error
    parsed = parse(content)
    assert parsed.version == ("rss20" if path.endswith("rss.xml") else "atom10")
    assert parsed.feed.language == lang
    self_links = [link.href for link in parsed.feed.links if link.rel == "self"]
    assert self_links == [BASE + ("en/" if lang == "en" else "") + path]


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_counts_per_feed(built, catalog: Catalog, lang: str):
    expected = {
        "rss.xml": feeds.FEED_SIZE,  # 58 documents, the newest 50
        "chu-de/doi-ngoai-nhan-dan/rss.xml": feeds.FEED_SIZE,
        "chu-de/thong-tin-doi-ngoai/rss.xml": 3,
        "chu-de/nguoi-viet-nam-o-nuoc-ngoai/rss.xml": 1,
    }
    assert len(catalog.documents) == 58
    for path, count in expected.items():
        assert len(parse(built[lang][path]).entries) == count
        atom = path.replace("rss.xml", "atom.xml")
        assert len(parse(built[lang][atom]).entries) == count


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_guids_are_unique_absolute_page_urls_in_the_feeds_language(built, lang: str):
    root = BASE + ("en/" if lang == "en" else "")
    for path in ("rss.xml", "atom.xml"):
        entries = parse(built[lang][path]).entries
        ids = [e.id for e in entries]
        assert len(set(ids)) == len(ids)
        assert all(e.id == e.link and e.link.startswith(root + "van-ban/") for e in entries)
    assert entries[0].id == root + "van-ban/moi-nhat/"


def test_same_catalog_gives_the_same_bytes(tmp_path: Path, built):
    again = write_catalog(tmp_path, 55)
    for lang in ("vi", "en"):
        rebuilt = {f.path: f.content for f in feeds.build_feeds(again, site_for(lang, SIZES))}
        assert rebuilt == built[lang]


# --- dates ---------------------------------------------------------------------------------


def test_dates_are_the_directives_date_at_midnight_in_vietnam(built):
    rss = {e.id: e for e in parse(built["vi"]["chu-de/thong-tin-doi-ngoai/rss.xml"]).entries}
    newest = rss[BASE + "van-ban/moi-nhat/"]
    assert newest.published == "Sun, 30 Jun 2024 00:00:00 +0700"
    # Only the year known: 1 January of that year. Nothing known: no pubDate at all.
    assert rss[BASE + "van-ban/chi-co-nam/"].published == "Wed, 01 Jan 2020 00:00:00 +0700"
    assert "published" not in rss[BASE + "van-ban/khong-ngay/"]


def test_channel_date_is_the_newest_items_date(built):
    for lang in ("vi", "en"):
        rss = parse(built[lang]["rss.xml"])
        assert rss.feed.updated == "Sun, 30 Jun 2024 00:00:00 +0700"
        atom = parse(built[lang]["atom.xml"])
        assert atom.feed.updated == "2024-06-30T00:00:00+07:00"
    topic = parse(built["vi"]["chu-de/doi-ngoai-nhan-dan/atom.xml"])
    assert topic.feed.updated == "2023-02-25T00:00:00+07:00"  # d55, the newest on this topic


def test_undated_atom_entry_takes_the_feeds_date(built):
    atom = parse(built["vi"]["chu-de/thong-tin-doi-ngoai/atom.xml"])
    undated = next(e for e in atom.entries if e.id.endswith("/khong-ngay/"))
    assert undated.updated == atom.feed.updated and "published" not in undated


def test_published_is_aware_and_in_vietnam_time(catalog: Catalog):
    when = feeds.published(catalog.by_slug("moi-nhat"))
    assert when == dt.datetime(2024, 6, 30, tzinfo=VIETNAM_TZ)
    assert when.utcoffset() == dt.timedelta(hours=7)


# --- what an item says ---------------------------------------------------------------------


def entry(built, lang: str, path: str, slug: str):
    entries = parse(built[lang][path]).entries
    return next(e for e in entries if e.id.endswith(f"/van-ban/{slug}/"))


@pytest.mark.parametrize("path", ["rss.xml", "atom.xml"])
def test_markup_in_a_title_is_text_escaped_once_and_control_characters_are_gone(built, path):
    e = entry(built, "vi", path, "moi-nhat")
    assert e.title == CLEAN
    # The summary is HTML: its text, as a reader shows it, is the editors' text.
    assert html.unescape(re.sub("<[^>]+>", "", e.summary)).endswith("Tóm tắt: a < b & c > d.")
    content = e.content[0].value
    assert "Chữ điều khiển  giữa câu &amp; <em>HTML</em>." in content


@pytest.mark.parametrize("path", ["rss.xml", "atom.xml"])
def test_item_has_summary_full_text_topics_author_and_share_image(built, path: str):
    e = entry(built, "vi", path, "moi-nhat")
    assert e.summary.startswith("<p>Kế hoạch 100/KH-UBND · 30/06/2024 · Ủy ban nhân dân tỉnh")
    assert [t.get("label") or t.term for t in e.tags] == [
        "Thông tin đối ngoại",
        "Người Việt Nam ở nước ngoài",
    ]
    assert e.author == "Ủy ban nhân dân tỉnh Đồng Nai"
    assert [(x.href, x.type, x.length) for x in e.enclosures] == [
        (BASE + "anh-chia-se/van-ban/moi-nhat.png", "image/png", "31704")
    ]
    alternates = [link.href for link in e.links if link.rel == "alternate"]
    assert alternates == [BASE + "van-ban/moi-nhat/"]


def test_links_in_the_full_text_are_absolute(built):
    content = entry(built, "vi", "rss.xml", "moi-nhat").content[0].value
    assert f'href="{BASE}van-ban/d01/#muc-2"' in content
    assert f'href="{BASE}van-ban/moi-nhat/#cuoi"' in content
    assert f'href="{BASE}van-ban/moi-nhat/#fn:1"' in content


def test_english_feed_gives_the_translation(built):
    e = entry(built, "en", "rss.xml", "d55")
    assert e.title == "People-to-people diplomacy plan"
    assert e.content[0].value == "<p>The text in English.</p>"
    assert "The province's plan." in e.summary
    assert e.author == "Đồng Nai Provincial People's Committee"


def test_english_feed_says_when_a_translation_is_out_of_date(built):
    content = entry(built, "en", "rss.xml", "d54").content[0].value
    assert "Translation may be out of date" in content and "<p>Old text.</p>" in content


def test_english_feed_never_passes_vietnamese_off_as_english(built):
    e = entry(built, "en", "atom.xml", "d53")
    assert e.title == "Plan No. 53/KH-UBND (in Vietnamese)"
    content = e.content[0].value
    notice, vietnamese = content.split('<div lang="vi">')
    assert "No English translation exists yet" in notice
    assert "Nội dung văn bản số 53." not in notice and "Nội dung văn bản số 53." in vietnamese
    assert e.summary == (
        "<p>Plan 53/KH-UBND · 23 February 2023 · Đồng Nai Provincial People's Committee</p>"
    )


def test_xml_text_removes_only_what_xml_forbids():
    assert feeds.xml_text("a\tb\nc\r\nd\x00e\x1bf\x85g\ufffeh") == "a\tb\nc\ndefgh"


def test_feed_paths_are_stable():
    assert feeds.feed_paths() == PATHS
    assert feeds.feed_path("rss") == "rss.xml"
    assert feeds.feed_path("atom", "doi-ngoai-nhan-dan") == "chu-de/doi-ngoai-nhan-dan/atom.xml"


def test_an_empty_topic_feed_is_valid_and_dated_by_the_portals_newest_document(tmp_path: Path):
    docs = tmp_path / "van-ban"
    docs.mkdir()
    meta, body = directive(1, topics=["doi-ngoai-nhan-dan"])
    (docs / "a.md").write_text(dump(meta, body), encoding="utf-8")
    built = {f.path: f.content for f in feeds.build_feeds(load_catalog(tmp_path), site_for("vi"))}
    empty = parse(built["chu-de/thong-tin-doi-ngoai/atom.xml"])
    assert empty.entries == [] and empty.feed.updated == "2023-01-02T00:00:00+07:00"


# --- Open Graph and share links ------------------------------------------------------------


def meta_for(catalog: Catalog, uri: str, lang: str = "vi", title: str = "", description=None):
    return opengraph.for_page(
        catalog, uri, title, lang, BASE, SITE[lang], "Mô tả trang", description
    )


def test_document_page_is_an_article_with_its_card_date_and_topics(catalog: Catalog):
    og = meta_for(catalog, "van-ban/moi-nhat.md")
    assert (og.type, og.title, og.url) == ("article", CLEAN, BASE + "van-ban/moi-nhat/")
    assert og.description == "Tóm tắt: a < b & c > d."
    assert og.image == BASE + "anh-chia-se/van-ban/moi-nhat.png"
    assert (og.image_width, og.image_height, og.image_type) == (1200, 630, "image/png")
    assert og.image_alt.startswith("Kế hoạch · 100/KH-UBND — " + CLEAN)
    assert (og.locale, og.locale_alternate) == ("vi_VN", "en_US")
    assert og.published_time == "2024-06-30T00:00:00+07:00"
    assert og.section == "Thông tin đối ngoại"
    assert og.tags == ("Thông tin đối ngoại", "Người Việt Nam ở nước ngoài")
    assert [f.href for f in og.feeds] == [BASE + "rss.xml", BASE + "atom.xml"]
    assert og.share is not None and og.share.url == og.url


def test_english_document_page(catalog: Catalog):
    og = meta_for(catalog, "van-ban/d55.md", "en")
    assert og.url == BASE + "en/van-ban/d55/"
    assert og.image == BASE + "en/anh-chia-se/van-ban/d55.png"
    assert (og.locale, og.locale_alternate) == ("en_US", "vi_VN")
    assert og.description == "The province's plan."
    assert og.section == "People-to-people diplomacy"


def test_a_year_is_not_a_published_time(catalog: Catalog):
    assert meta_for(catalog, "van-ban/chi-co-nam.md").published_time is None


def test_topic_page_announces_its_own_feeds_and_has_a_share_bar(catalog: Catalog):
    for uri in ("chu-de/thong-tin-doi-ngoai.md", "chu-de/thong-tin-doi-ngoai/trang-2.md"):
        og = meta_for(catalog, uri, "en", "External information work", "About the topic.")
        assert og.type == "website" and og.description == "About the topic."
        assert og.image == BASE + "en/anh-chia-se/chu-de/thong-tin-doi-ngoai.png"
        assert [f.href for f in og.feeds] == [
            BASE + "en/rss.xml",
            BASE + "en/atom.xml",
            BASE + "en/chu-de/thong-tin-doi-ngoai/rss.xml",
            BASE + "en/chu-de/thong-tin-doi-ngoai/atom.xml",
        ]
        assert og.feeds[2].title == "Foreign Affairs Directives: External information work (RSS)"
        assert og.share is not None


def test_other_pages_use_the_site_card_and_have_no_share_bar(catalog: Catalog):
    home = meta_for(catalog, "index.md", title="Trang chủ")
    assert (home.title, home.url, home.share) == (SITE["vi"], BASE, None)
    assert home.image == BASE + "anh-chia-se/trang-chu.png"
    about = meta_for(catalog, "gioi-thieu.md", title="Giới thiệu &amp; liên hệ")
    assert about.title == "Giới thiệu & liên hệ"  # MkDocs' titles are HTML; ours are text
    assert about.description == "Mô tả trang"


def test_share_links_carry_the_page_url():
    url = BASE + "van-ban/moi-nhat/"
    share = opengraph.share_links(url, "Tiêu đề")
    facebook = urlsplit(share.facebook)
    assert (facebook.netloc, facebook.path) == ("www.facebook.com", "/sharer/sharer.php")
    assert parse_qs(facebook.query) == {"u": [url]}
    zalo = urlsplit(share.zalo)
    assert (zalo.netloc, zalo.path) == ("button-share.zalo.me", "/share_external")
    query = parse_qs(zalo.query)
    assert query["url"] == [url]
    # As Zalo's own button sends it: base64 JSON, URL-encoded once more.
    assert json.loads(base64.b64decode(unquote(query["d"][0]))) == {"url": url}


def test_rendered_bodies_are_remembered_for_the_next_build(tmp_path, monkeypatch):
    from build_scripts import caches

    text = "Đoạn có [liên kết](../b.md) và chú thích.[^1]\n\n[^1]: Ghi chú."
    first = feeds.BodyRenderer("https://x.vn/", memo=caches.Memo(tmp_path / "f.pickle"))
    html_first = first.render(text, "https://x.vn/van-ban/a/", "van-ban/a.md")
    first._memo.save()
    again = feeds.BodyRenderer("https://x.vn/", memo=caches.Memo(tmp_path / "f.pickle"))
    monkeypatch.setattr(again._md, "convert", lambda text: pytest.fail("rendered again"))
    assert again.render(text, "https://x.vn/van-ban/a/", "van-ban/a.md") == html_first
    assert 'href="https://x.vn/b/"' in html_first
    # Another site address is another render.
    other = feeds.BodyRenderer("https://y.vn/", memo=caches.Memo(tmp_path / "f.pickle"))
    assert "https://y.vn/b/" in other.render(text, "https://y.vn/van-ban/a/", "van-ban/a.md")


@pytest.mark.parametrize("path", ["rss.xml", "atom.xml"])
def test_a_vietnamese_item_without_a_summary_opens_with_its_text(built, path: str):
    e = entry(built, "vi", path, "d50")
    assert e.summary == (
        "<p>Kế hoạch 50/KH-UBND · 20/02/2023 · Ủy ban nhân dân tỉnh Đồng Nai</p>\n"
        "<p>Nội dung văn bản số 50.</p>"
    )


def test_the_opening_leaves_out_header_and_title_and_stops_at_a_word_count():
    content = (
        '<div class="doc-header"><p>Số: 1/KH</p></div>'
        '<div class="doc-heading"><p>KẾ HOẠCH</p><p>Trích yếu</p></div>'
        "<p>Thực hiện &amp; <em>một</em> hai</p><h2>I. MỤC ĐÍCH</h2><p>ba bốn</p>"
    )
    assert feeds.opening(content, words=6) == "Thực hiện & một hai I. …"
    assert feeds.opening(content) == "Thực hiện & một hai I. MỤC ĐÍCH ba bốn"
    assert feeds.opening("") == ""


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("path", PATHS)
def test_a_browser_shows_every_feed_through_the_stylesheet(built, lang: str, path: str):
    """The second line names the stylesheet, relative to the feed; the feed stays valid."""
    content = built[lang][path]
    first, second = content.split(b"\n")[:2]
    assert first.startswith(b"<?xml version=")
    href = posixpath.relpath(feeds.STYLESHEET, posixpath.dirname(path) or ".")
    assert second == f'<?xml-stylesheet type="text/xsl" href="{href}"?>'.encode()
    assert posixpath.normpath(posixpath.join(posixpath.dirname(path), href)) == feeds.STYLESHEET
    assert not parse(content).bozo
    assert (Path(__file__).parent.parent / "theme" / feeds.STYLESHEET).is_file()
