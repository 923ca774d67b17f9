"""Markdown of a directive: header block, title block, Kính gửi, body, closing, footnotes.

Every source line appears once, in source order (footnote bodies move to the end). The
header and the closing are `md_in_html` divs whose paragraphs carry `attr_list` classes, so
a page can lay them out; source text itself always goes through `escape_inline`.
"""

from __future__ import annotations

from .blocks import Block
from .body import ARTICLE
from .escape import balance_bold, escape_inline

#: CSS class of each block kind.
CLASSES = {
    "sign-note": "doc-sign-note",
    "issuer": "doc-issuer",
    "national": "doc-national",
    "motto": "doc-motto",
    "rule": "doc-rule",
    "number": "doc-number",
    "date": "doc-date",
    "subject": "doc-subject",
    "note": "doc-note",
    "doc-type": "doc-type",
    "title": "doc-title",
    "recipients-label": "doc-recipients-label",
    "dist-label": "doc-distribution-label",
    "sign-title": "doc-sign-title",
    "signer": "doc-signer",
    "signer-post": "doc-signer-post",
    "mark": "doc-sign-mark",
    "footnote": "doc-note-text",
    "paragraph": "doc-unclassified",
}
#: Regions of the page, by the kinds of block they hold.
REGIONS = (
    ("doc-header", ("issuer", "national", "motto", "rule", "number", "date", "subject", "note")),
    ("doc-heading", ("doc-type", "title")),
    ("doc-recipients", ("recipients-label", "recipient")),
)


def render_markdown(
    header: list[Block], body: list[Block], closing: list[Block], notes: list[tuple[int, str]]
) -> str:
    """The Markdown body of the page (without front matter)."""
    parts: list[str] = []
    for region, blocks in _regions(header):
        parts.append(_div(region, [_header_block(b) for b in blocks]))
    parts.extend(_body_block(b) for b in body)
    if closing:
        parts.append(_div("doc-closing", [_closing_block(b) for b in closing]))
    parts.extend(f"[^{number}]: {escape_inline(text)}" for number, text in notes)
    return "\n\n".join(p for p in parts if p) + "\n"


def _regions(header: list[Block]) -> list[tuple[str, list[Block]]]:
    """Consecutive header blocks grouped by region, in source order (a rule line belongs to
    the region it sits in)."""
    out: list[tuple[str, list[Block]]] = []
    for block in header:
        region = next(r for r, kinds in REGIONS if block.kind in kinds)
        if block.kind == "rule" and out:
            region = out[-1][0]
        if out and out[-1][0] == region:
            out[-1][1].append(block)
        else:
            out.append((region, [block]))
    return out


def _div(css: str, inner: list[str]) -> str:
    body = "\n\n".join(i for i in inner if i)
    return f'<div class="{css}" markdown>\n\n{body}\n\n</div>'


def _lines(block: Block) -> list[str]:
    return [escape_inline(t) for t in balance_bold([c.text for c in block.cells])]


def _classed(block: Block, css: str) -> str:
    return "\n\n".join(f"{line}\n{{: .{css} }}" for line in _lines(block))


def _header_block(block: Block) -> str:
    if block.kind == "recipient":
        return "- " + escape_inline(_strip_marker(block.text))
    return _classed(block, CLASSES[block.kind])


def _body_block(block: Block) -> str:
    text = escape_inline(block.text)
    if block.kind == "heading":
        return "#" * block.level + " " + text
    if block.kind == "item":
        item = escape_inline(_strip_marker(block.text))
        return "    " * block.level + "- " + item
    if block.kind == "article":
        label = ARTICLE.match(block.text)
        if label:
            rest = block.text[label.end() :].lstrip()
            return f"**{escape_inline(label.group(0).strip())}** {escape_inline(rest)}"
    return text


def _closing_block(block: Block) -> str:
    if block.kind == "dist-item":
        return "- " + escape_inline(_strip_marker(block.text))
    return _classed(block, CLASSES[block.kind])


def _strip_marker(text: str) -> str:
    stripped = text.lstrip()
    if stripped[:1] in "-+•–*":
        stripped = stripped[1:].lstrip()
    return stripped
