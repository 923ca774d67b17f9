"""Parts of the page frame rendered once and reused (see theme/main.html).

The menus of a page the menu does not list (a directive, a reference page) depend only on the
folder the page is in, since their links are relative to it ("../../chu-de/..." from every
page of van-ban/): at thousands of such pages, rendering them once per folder instead of once
per page saves a sixth of the templates' time.
"""

from __future__ import annotations

import posixpath


class Chrome:
    """Rendered parts, by group (pages that share them) and name."""

    def __init__(self) -> None:
        self.parts: dict[tuple[str, str], str] = {}

    def group(self, page_url: str) -> ChromeGroup:
        """The group of an unlisted page at `page_url` (inside its language): its folder."""
        return ChromeGroup(self.parts, posixpath.dirname(page_url.rstrip("/")))


class ChromeGroup:
    def __init__(self, parts: dict[tuple[str, str], str], key: str):
        self.parts, self.key = parts, key

    def get(self, name: str) -> str | None:
        return self.parts.get((self.key, name))

    def keep(self, name: str, html: str) -> str:
        self.parts[(self.key, name)] = html
        return html
