"""Markdown of a directive: header block, title block, Kính gửi, body, closing, footnotes.

Every source line appears once, in source order (footnote bodies move to the end). The
header and the closing are `md_in_html` divs whose paragraphs carry `attr_list` classes, so
a page can lay them out; source text itself always goes through `escape_inline`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from .blocks import HEADER_KINDS, Block
from .body import ARTICLE
from .escape import balance_bold, escape_inline

if TYPE_CHECKING:
    from .attachments import Attachment

#: CSS class of each block kind.
CLASSES = {
    "sign-note": "doc-sign-note",
    "issuer": "doc-issuer",
    "issuer-note": "doc-issuer-note",
    "field": "doc-field",
    "issued-with": "doc-issued-with",
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
    ("doc-header", HEADER_KINDS),
    ("doc-heading", ("doc-type", "title", "issued-with")),
    ("doc-recipients", ("recipients-label", "recipient")),
)


def render_markdown(
    header: list[Block],
    body: list[Block],
    closing: list[Block],
    notes: list[tuple[int, str]],
    attachments: Sequence[Attachment] = (),
) -> str:
    """The Markdown body of the page (without front matter); attachments after the closing,
    each in a `doc-attachment` div headed by its own type and title."""
    parts = _document(header, body, closing)
    for attachment in attachments:
        inner = _document(attachment.header, attachment.body, attachment.closing, heading=True)
        parts.append(_div("doc-attachment", inner))
    parts.extend(f"[^{number}]: {escape_inline(text)}" for number, text in notes)
    return "\n\n".join(p for p in parts if p) + "\n"


def _document(
    header: list[Block], body: list[Block], closing: list[Block], heading: bool = False
) -> list[str]:
    parts: list[str] = []
    for region, blocks in _regions(header):
        if heading and region == "doc-heading":
            parts.append(_attachment_heading(blocks))
        else:
            parts.append(_div(region, _classed_region(blocks, _header_block)))
    shift = 1 if heading else 0
    parts.extend(_body_block(b, shift) for b in body)
    if closing:
        parts.append(_div("doc-closing", _classed_region(closing, _closing_block)))
    return parts


def _attachment_heading(blocks: list[Block]) -> str:
    """An attachment's type and title lines as one heading of the page."""
    titled = [b for b in blocks if b.kind != "issued-with"]
    text = " ".join(c.text for b in titled for c in b.cells).replace("**", "")
    rest = [b for b in blocks if b.kind == "issued-with"]
    out = [f"## {escape_inline(text)}"] if titled else []
    out += [_classed(b, CLASSES[b.kind]) for b in rest]
    return "\n\n".join(out)


def _classed_region(blocks: list[Block], one) -> list[str]:
    """Each block of a region; `**` marks opened in one block and closed in a later one (a
    bold signature over two lines) are balanced over the region, not line by line."""
    cells = [c.text for b in blocks for c in b.cells]
    balanced = iter(balance_bold(cells))
    return [one(b, [next(balanced) for _ in b.cells]) for b in blocks]


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


def _classed(block: Block, css: str, texts: list[str] | None = None) -> str:
    texts = texts if texts is not None else balance_bold([c.text for c in block.cells])
    return "\n\n".join(f"{escape_inline(t)}\n{{: .{css} }}" for t in texts)


def _header_block(block: Block, texts: list[str]) -> str:
    if block.kind == "recipient":
        return "- " + escape_inline(_strip_marker(block.text))
    return _classed(block, CLASSES[block.kind], texts)


def _body_block(block: Block, shift: int = 0) -> str:
    text = escape_inline(block.text)
    if block.kind == "heading":
        return "#" * min(block.level + shift, 6) + " " + text
    if block.kind == "item":
        item = escape_inline(_strip_marker(block.text))
        return "    " * block.level + "- " + item
    if block.kind == "article":
        label = ARTICLE.match(block.text)
        if label:
            rest = block.text[label.end() :].lstrip()
            return f"**{escape_inline(label.group(0).strip())}** {escape_inline(rest)}"
    return text


def _closing_block(block: Block, texts: list[str]) -> str:
    if block.kind == "dist-item":
        return "- " + escape_inline(_strip_marker(block.text))
    return _classed(block, CLASSES[block.kind], texts)


def _strip_marker(text: str) -> str:
    stripped = text.lstrip()
    if stripped[:1] in "-+•–*":
        stripped = stripped[1:].lstrip()
    return stripped
