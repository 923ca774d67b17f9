"""Whole documents as pairs: source -> expected Markdown (REGEN_GOLDEN=1 rewrites them), and
for every source: nothing lost, nothing injected, no markup from the source, valid front
matter."""

from __future__ import annotations

import os
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pytest

from build_scripts import frontmatter
from build_scripts.convert import convert_path
from build_scripts.convert.decode import decode_bytes, normalise_text
from build_scripts.convert.docx_reader import read_docx
from build_scripts.convert.lines import words
from build_scripts.model import directive_from_meta

from .support import GOLDEN, render_html, sources, visible_text

SOURCES = sources()
FOOTNOTE_DIV = re.compile(r'<div class="footnote">.*?</div>', re.S)
FOOTNOTE_REF = re.compile(r'<sup id="fnref:[^"]*">.*?</sup>', re.S)
FOOTNOTE_ITEM = re.compile(r"<li id=\"fn:[^\"]*\">(.*?)</li>", re.S)
BACKREF = re.compile(r'<a class="footnote-backref"[^>]*>.*?</a>', re.S)
MARKERS = re.compile(r"[\ufffd⁰¹²³⁴⁵⁶⁷⁸⁹]|\[\d{1,3}\]")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_golden(source: Path) -> None:
    document = convert_path(source).document()
    expected = GOLDEN / f"{source.stem}.md"
    if os.environ.get("REGEN_GOLDEN") == "1":
        expected.write_text(document, encoding="utf-8")
    assert expected.exists(), f"no golden file {expected.name}; run with REGEN_GOLDEN=1"
    assert document == expected.read_text(encoding="utf-8")


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_every_word_in_order(source: Path) -> None:
    """The rendered page holds the source's words, in order; footnote bodies may move to the
    end, so they are taken out of both sides first and compared on their own."""
    data = source.read_bytes()
    text = read_docx(data) if source.suffix == ".docx" else decode_bytes(data)
    source_words = words(MARKERS.sub(" ", normalise_text(text)))
    page = render_html(convert_path(source).markdown)
    notes = FOOTNOTE_DIV.findall(page)
    main = FOOTNOTE_REF.sub(" ", FOOTNOTE_DIV.sub(" ", page))
    main_words = words(visible_text(main))
    remaining = list(source_words)
    for item in FOOTNOTE_ITEM.findall("".join(notes)):
        note_words = words(visible_text(BACKREF.sub(" ", item)))
        at = _find_run(remaining, note_words)
        assert at >= 0, f"footnote not in the source: {' '.join(note_words)[:80]}"
        del remaining[at : at + len(note_words)]
    assert Counter(main_words) == Counter(remaining), "words lost or injected"
    assert main_words == remaining, "words out of order"


def _find_run(haystack: list[str], needle: list[str]) -> int:
    for i in range(len(haystack) - len(needle), -1, -1):
        if haystack[i : i + len(needle)] == needle:
            return i
    return -1


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_front_matter_is_valid(source: Path) -> None:
    conversion = convert_path(source)
    parsed = frontmatter.parse(conversion.document())
    directive, problems = directive_from_meta(
        parsed.meta, parsed.body, conversion.slug, source.name, parsed.key_lines
    )
    assert directive is not None and problems == [], problems
    assert list(parsed.meta) == [k for k in directive_fields() if k in parsed.meta]
    assert "number" in parsed.meta and "date" in parsed.meta


def directive_fields() -> list[str]:
    from build_scripts.model import FIELDS

    return list(FIELDS)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_no_markup_from_the_source(source: Path) -> None:
    page = render_html(convert_path(source).markdown)
    assert "<script" not in page.lower()
    assert "javascript:" not in " ".join(re.findall(r'(?:href|src)="([^"]*)"', page)).lower()
    assert "<h1" not in page
    assert unicodedata.is_normalized("NFC", page)


def test_hostile_text_renders_literally() -> None:
    page = render_html(convert_path(Path(__file__).parent / "fixtures" / "hostile.txt").markdown)
    text = visible_text(page)
    for literal in (
        "<script>alert('pwned')</script>",
        "# Không phải tiêu đề",
        "| cột | cột |",
        "[bấm vào đây](javascript:alert(1))",
        "<img src=x onerror=alert(3)>",
        "*nghiêng* _gạch_ `mã` {: .lop } [^1] [TOC]",
        "!!! note",
        "*[HTML]:",
        "<!-- bình luận -->",
    ):
        assert literal in text, literal
    for tag in (
        "<table",
        "<blockquote",
        "<img",
        "<em>",
        "<code>",
        "<ol",
        "<hr",
        "<abbr",
        "<dl",
        "admonition",
        "<!--",
    ):
        assert tag not in page, tag
    assert "<strong>chữ đậm</strong>" in page
