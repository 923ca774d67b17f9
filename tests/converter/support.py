"""Paths of the converter tests: the seed and corpus copies in tests/fixtures/, our own fixtures."""

from __future__ import annotations

import html
import re
from pathlib import Path

import markdown

ROOT = Path(__file__).resolve().parents[2]


from fixture_paths import FIXTURES as TEXTS  # noqa: E402

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
    found = sorted((TEXTS / "seeds").glob("*.txt")) + sorted((TEXTS / "corpus").glob("*.txt"))
    assert found, f"the seed and corpus copies are missing under {TEXTS}"
    return found + sorted(p for p in FIXTURES.iterdir() if p.suffix in (".txt", ".docx"))


def render_html(markdown_text: str) -> str:
    return markdown.Markdown(extensions=EXTENSIONS).convert(markdown_text)


TAG = re.compile(r"<[^>]+>")


def visible_text(fragment: str) -> str:
    return html.unescape(TAG.sub(" ", fragment))
