"""The public address of a published site, and the refusal to publish one at a local address.

Canonical links, Open Graph, feeds, sitemaps and robots.txt all carry the site's address
(mkdocs.yml's `site_url`, from `PORTAL_SITE_URL`). Its default, `http://127.0.0.1:8000/`, is
right for `portal serve` and wrong on the web: every shared link and feed item would point at
the reader's own machine. So `portal publish` wants a real address, from `--site-url`,
`PORTAL_SITE_URL` or the configuration, and takes a loopback one only when asked to.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlsplit

ENV = "PORTAL_SITE_URL"
HOW_TO_SET = (
    "đặt địa chỉ của trang: `portal install-hook KHO --webroot THƯ_MỤC --site-url "
    "https://ten-mien/` (hoặc `PORTAL_SITE_URL=https://ten-mien/ portal publish ...`); "
    "xem EDITING.md [set the site's public address with install-hook --site-url or "
    "PORTAL_SITE_URL; --allow-local-url publishes at a local address anyway]"
)


class AddressError(ValueError):
    """An address that cannot be a site's: the message is for the editor."""


def configured_site_url(config_file: Path) -> str | None:
    """`site_url` of a MkDocs configuration as a build would read it (with `!ENV` resolved);
    None when the file or the setting is missing."""
    from .settings import load

    return load(config_file.parent, config_file.name).site_url


def is_local(address: str | None) -> bool:
    """No address, or one on this machine only: localhost, 127.0.0.0/8, ::1, 0.0.0.0."""
    if not address:
        return True
    host = (urlsplit(address).hostname or "").rstrip(".").lower()
    if not host or host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        ip = ipaddress.ip_address(host)
    except ValueError:
        return False
    return ip.is_loopback or ip.is_unspecified


def checked_site_url(address: str) -> str:
    """An address given on the command line: http(s), a host, ending in '/' (as MkDocs wants)."""
    parts = urlsplit(address.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise AddressError(
            f"'{address}' không phải địa chỉ trang web, ví dụ https://ten-mien/ "
            "[the site address must be an http(s) URL with a host]"
        )
    if parts.query or parts.fragment:
        raise AddressError(f"'{address}' không được có '?' hay '#' [no query or fragment]")
    text = parts.geturl()
    return text if text.endswith("/") else text + "/"


def local_address_refusal(address: str | None) -> str | None:
    """Why a site at `address` must not be published (a local or missing address), or None."""
    if not is_local(address):
        return None
    shown = address or "(không có) [none]"
    return f"địa chỉ trang là {shown}, chỉ mở được trên máy này; chưa đưa lên mạng. {HOW_TO_SET}"
