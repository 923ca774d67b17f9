"""What a page tells Facebook, Zalo, feed readers and the share bar about itself: Open Graph and
Twitter card values, its feeds, and its share links. Plain data for one page in one language;
`theme/partials/portal-head.html` and `portal-share.html` escape every value.
"""

from __future__ import annotations

import base64
import html
import json
import posixpath
from dataclasses import dataclass
from urllib.parse import quote, urlencode

from . import feeds, languages, pages, share_images, urls, wording
from .catalog import Catalog
from .model import TOPICS, Directive
from .views import directive_of

FACEBOOK_SHARE = "https://www.facebook.com/sharer/sharer.php"
#: Zalo's share page, the one its SDK's button opens, called here without the SDK: the SDK
#: needs an Official Account id and loads Zalo's script on every page view.
ZALO_SHARE = "https://button-share.zalo.me/share_external"

UI = wording.LINK


@dataclass(frozen=True)
class FeedLink:
    """A `<link rel="alternate">` to one of the page's feeds."""

    title: str
    href: str
    type: str


@dataclass(frozen=True)
class ShareLinks:
    """The share bar of a document or topic page."""

    url: str  # the page, absolute
    title: str
    facebook: str
    zalo: str


@dataclass(frozen=True)
class PageMeta:
    """Open Graph and Twitter card values, feed links and share links of one page."""

    title: str
    description: str
    url: str
    site_name: str
    type: str  # 'article' for a document, 'website' otherwise
    locale: str
    locale_alternate: str
    image: str
    image_alt: str
    feeds: tuple[FeedLink, ...]
    share: ShareLinks | None  # documents and topic pages only
    image_width: int = share_images.WIDTH
    image_height: int = share_images.HEIGHT
    image_type: str = "image/png"
    published_time: str | None = None
    section: str | None = None
    tags: tuple[str, ...] = ()
    twitter_card: str = "summary_large_image"


def topic_of(src_uri: str) -> str | None:
    """The topic whose listing a page is: 'chu-de/<topic>.md' or 'chu-de/<topic>/trang-2.md'."""
    folder, name = posixpath.split(src_uri)
    if folder == urls.TOPICS_DIR and name[:-3] in TOPICS:
        return name[:-3]
    parent, topic = posixpath.split(folder)
    if parent == urls.TOPICS_DIR and topic in TOPICS:
        return topic
    return None


def for_page(
    catalog: Catalog,
    src_uri: str,
    page_title: str,
    lang: str,
    base_url: str,
    site_name: str,
    site_description: str,
    page_description: str | None = None,
) -> PageMeta:
    """Everything the head and the share bar show for one page; `base_url` is the site's root.

    `page_title` is MkDocs' page title, which is HTML (entities escaped); the result is text."""
    page_title = html.unescape(page_title or "")
    if page_description:
        page_description = feeds.xml_line(page_description)
    root = base_url + languages.PREFIX[lang]  # this language's root
    url = base_url + languages.url_in(lang, src_uri)
    other = languages.other(lang)
    common = {
        "url": url,
        "site_name": site_name,
        "locale": languages.OG_LOCALE[lang],
        "locale_alternate": languages.OG_LOCALE[other],
    }
    directive = directive_of(catalog, src_uri)
    topic = topic_of(src_uri)
    site_feeds = _feed_links(root, site_name, lang, None)

    if directive is not None:
        card = share_images.document_card(directive, lang, site_name)
        title = feeds.xml_line(pages.title_of(directive, lang))
        names = tuple(TOPICS[t][lang] for t in directive.topics)
        return PageMeta(
            title=title,
            description=_document_description(directive, lang),
            type="article",
            image=root + share_images.document_image_path(directive.slug),
            image_alt=feeds.xml_line(card.alt),
            feeds=site_feeds,
            share=share_links(url, title),
            published_time=_published(directive),
            section=names[0] if names else None,
            tags=names,
            **common,
        )
    if topic is not None:
        count = len(catalog.with_topic(topic))
        card = share_images.topic_card(topic, count, lang, site_name)
        title = page_title or TOPICS[topic][lang]
        return PageMeta(
            title=title,
            description=page_description or site_description,
            type="website",
            image=root + share_images.topic_image_path(topic),
            image_alt=card.alt,
            feeds=site_feeds + _feed_links(root, site_name, lang, topic),
            share=share_links(url, title),
            **common,
        )
    card = share_images.site_card(lang, site_name, site_description)
    return PageMeta(
        title=site_name if src_uri == "index.md" or not page_title else page_title,
        description=page_description or site_description,
        type="website",
        image=root + share_images.SITE_IMAGE,
        image_alt=card.alt,
        feeds=site_feeds,
        share=None,
        **common,
    )


def share_links(url: str, title: str) -> ShareLinks:
    """Plain links to Facebook's and Zalo's share pages: nothing is loaded until pressed."""
    facebook = f"{FACEBOOK_SHARE}?{urlencode({'u': url})}"
    # Zalo's button sends the page as base64 JSON, URL-encoded twice: its page decodes twice.
    payload = base64.b64encode(json.dumps({"url": url}, separators=(",", ":")).encode()).decode()
    query = {
        "layout": "1",
        "color": "blue",
        "customize": "false",
        "url": url,
        "d": quote(payload, safe=""),
        "shareType": "0",
    }
    zalo = f"{ZALO_SHARE}?{urlencode(query)}"
    return ShareLinks(url=url, title=title, facebook=facebook, zalo=zalo)


def _feed_links(root: str, site_name: str, lang: str, topic: str | None) -> tuple[FeedLink, ...]:
    title = feeds.feed_title(site_name, lang, topic)
    return tuple(
        FeedLink(UI[kind][lang].format(title=title), root + feeds.feed_path(kind, topic), media)
        for kind, (_, media) in feeds.FORMATS.items()
    )


def _document_description(d: Directive, lang: str) -> str:
    translated = d.translation.summary if d.translation else None
    summary = d.summary if lang == "vi" else translated
    return feeds.xml_line(summary or pages.facts(d, lang))


def _published(d: Directive) -> str | None:
    """ISO time of issue, only when the day is known: Open Graph has no notion of 'some day in
    2023', and a made-up 1 January would be shown as fact."""
    if d.date is None:
        return None
    when = feeds.published(d)
    return when.isoformat() if when else None
