"""The site's address scheme in one place: where pages, feeds, share images and source files
live. Paths are inside one language's site (English adds languages.PREFIX["en"]); a page is
named by its Markdown path (`van-ban/x.md`), which the engine turns into `van-ban/x/`."""

from __future__ import annotations

DOCUMENTS_DIR = "van-ban"  # one page per directive
TOPICS_DIR = "chu-de"  # topic listings, and each topic's feeds
ARCHIVE_DIR = "luu-tru"  # by year, issuer and province
REFERENCES_DIR = "tham-chieu"  # one page per cited document
IMAGES_DIR = "anh-chia-se"  # share images (opengraph cards)
SOURCES_URL = "nguon/"  # original source files, from the site root
FOLLOW_PAGE = "theo-doi/"  # the page that says what a feed is
#: Feed formats: the file name and the media type.
FEED_FORMATS = {
    "rss": ("rss.xml", "application/rss+xml"),
    "atom": ("atom.xml", "application/atom+xml"),
}


def document_uri(slug: str) -> str:
    return f"{DOCUMENTS_DIR}/{slug}.md"


def topic_uri(topic: str, page: int = 1) -> str:
    return f"{TOPICS_DIR}/{topic}.md" if page == 1 else f"{TOPICS_DIR}/{topic}/trang-{page}.md"


def reference_uri(slug: str) -> str:
    return f"{REFERENCES_DIR}/{slug}.md"


def feed_path(kind: str, topic: str | None = None) -> str:
    """Where a feed lives inside a language's site: 'rss.xml', 'chu-de/<topic>/atom.xml'."""
    name = FEED_FORMATS[kind][0]
    return f"{TOPICS_DIR}/{topic}/{name}" if topic else name
