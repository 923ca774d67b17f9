"""Shared paths of the converter tests: the seeds and corpus in ../shared, our own fixtures."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[2]


from shared_paths import SHARED  # noqa: E402

FIXTURES = Path(__file__).parent / "fixtures"
GOLDEN = Path(__file__).parent / "golden"
#: The extensions the site renders documents with (mkdocs.yml), plus the ones the issue names.
EXTENSIONS = [
    "attr_list",
    "md_in_html",
    "footnotes",
    "tables",
    "toc",
    "abbr",
    "def_list",
    "admonition",
]


def sources() -> list[Path]:
    """Every source with a golden Markdown file: seeds, corpus, and our fixtures."""
    found = sorted((SHARED / "seeds").glob("*.txt")) + sorted((SHARED / "corpus").glob("*.txt"))
    assert found, f"the shared seeds and corpus are missing under {SHARED}"
    return found + sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx"))


def render_html(markdown_text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(markdown_text)


TAG = re.compile(r"<[^>]+>")


def visible_text(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment))
