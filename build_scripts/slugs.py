"""Stable ASCII slugs for URLs: 'Đối ngoại nhân dân' -> 'doi-ngoai-nhan-dan'."""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata

NON_ALNUM = re.compile(r"[^a-z0-9]+")
MAX_WORDS = 8


#: Texts up to this length (names, titles, places) are folded once and remembered: the catalog
#: and the pages fold the same few thousand names hundreds of thousands of times.
SHORT = 200


def fold(text: str) -> str:
    """Remove Vietnamese diacritics (đ becomes d), keeping case."""
    if text.isascii():
        return text
    return _fold_short(text) if len(text) <= SHORT else _fold(text)


def _fold(text: str) -> str:
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_fold_short = functools.lru_cache(maxsize=1 << 15)(_fold)


def slugify(text: str, max_words: int = MAX_WORDS) -> str:
    """Lower-case ASCII words joined by '-', at most `max_words` of them."""
    if len(text) <= SHORT:
        return _slugify_short(text, max_words)
    return _slugify(text, max_words)


def _slugify(text: str, max_words: int) -> str:
    words = NON_ALNUM.sub(" ", fold(text).lower()).split()
    return "-".join(words[:max_words])


_slugify_short = functools.lru_cache(maxsize=1 << 15)(_slugify)


def document_slug(
    *,
    number: str | None,
    date: dt.date | None,
    year: int | None,
    doc_type: str | None,
    place: str | None,
    issuer: str | None,
    fallback: str,
) -> str:
    """The slug of a directive: '{year}-{number}' when numbered, else type and place or issuer.

    Examples: 2023-305-kh-mttq-btt, 2023-02-21-ke-hoach-tam-ky, huong-dan-ban-tuyen-giao-tinh-uy.
    """
    when = date.isoformat() if date and not number else str(date.year if date else year or "")
    if number:
        parts = [when, slugify(number, max_words=12)]
    else:
        parts = [when, slugify(doc_type or ""), slugify(place or issuer or "", max_words=6)]
    slug = "-".join(p for p in parts if p)
    return slug or slugify(fallback) or "van-ban"


def heading_id(value: str, separator: str = "-") -> str:
    """Anchor of a heading for Python-Markdown's toc: 'Đối ngoại' -> 'doi-ngoai'."""
    return separator.join(NON_ALNUM.sub(" ", fold(value).lower()).split())
