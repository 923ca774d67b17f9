"""Put arbitrary text into generated Markdown so that it renders literally, never as markup."""

from __future__ import annotations

import html
import re


def escape(text: str) -> str:
    """Escape `text` for inline Markdown: special characters literal, `<` and `&` as entities."""
    text = " ".join(str(text).split())
    text = html.escape(text, quote=False)  # & < > become entities first
    return re.sub(r"([\\`*_{}\[\]#+!|~])", r"\\\1", text)


def link(text: str, target: str) -> str:
    """A Markdown link whose text is escaped and whose target is a relative .md path or URL."""
    return f"[{escape(text)}](<{target}>)"
