"""The language split: one MkDocs build per language, Vietnamese at the root, English under /en/.

Why not mkdocs-static-i18n: it rebuilds every File from disk (dropping pages other plugins
generate), falls back to copying the Vietnamese page as the English one (which readers must never
get), and patches mkdocs.utils at run time. Choosing files per language is a few lines here, and
works the same under any engine that builds a folder of Markdown.
"""

from __future__ import annotations

import posixpath

DEFAULT = "vi"
SUFFIX = {"vi": "", "en": ".en"}
PREFIX = {"vi": "", "en": "en/"}  # where each language lives in the site
HREFLANG = {"vi": "vi", "en": "en"}
OG_LOCALE = {"vi": "vi_VN", "en": "en_US"}
NAMES = {"vi": "Tiếng Việt", "en": "English"}


def other(lang: str) -> str:
    return "en" if lang == "vi" else "vi"


def translation_uri(src_uri: str, lang: str) -> str:
    """`van-ban/x.md` -> `van-ban/x.en.md` for English."""
    stem, ext = posixpath.splitext(src_uri)
    return f"{stem}{SUFFIX[lang]}{ext}"


def is_translation(src_uri: str) -> bool:
    return any(suffix and src_uri.endswith(suffix + ".md") for suffix in SUFFIX.values())


def page_path(src_uri: str) -> str:
    """The directory URL of a page inside one language: 'van-ban/x.md' -> 'van-ban/x/'."""
    stem = posixpath.splitext(src_uri)[0]
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


def url_in(lang: str, src_uri: str) -> str:
    """Path from the site root to the page of `src_uri` in `lang`: 'en/van-ban/x/'."""
    return PREFIX[lang] + page_path(src_uri)
