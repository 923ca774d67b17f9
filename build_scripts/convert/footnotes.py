"""Footnotes: markers in the text (U+FFFD left by the export, superscript digits, "[1]") and
their bodies (often after the signature), paired as Markdown footnotes when they match.

When they do not match (markers lost, bodies left), the bodies stay where they are as text
and the editor is warned: a wrong pairing would be worse than none.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .blocks import Block, Doubt

SUPERSCRIPT = "⁰¹²³⁴⁵⁶⁷⁸⁹"
TO_DIGITS = str.maketrans(SUPERSCRIPT, "0123456789")
#: A marker inside running text (not at the start of a line, where a body begins).
MARKER = re.compile(rf"(?<=\S)(?:\ufffd|[{SUPERSCRIPT}]+|\[(\d{{1,3}})\])")
BODY_MARK = re.compile(rf"^(?:\ufffd|(?P<sup>[{SUPERSCRIPT}]+)|\[(?P<num>\d{{1,3}})\])\s*")
PLACEHOLDER = "\ue000{}\ue001"


def pair_footnotes(
    body: list[Block], bodies: list[Block]
) -> tuple[list[tuple[int, str]], list[Doubt]]:
    """Put placeholders for matched markers into `body` cells; return the footnote texts."""
    if not bodies:
        return [], []
    markers = [
        (b, ci, m) for b in body for ci, c in enumerate(b.cells) for m in MARKER.finditer(c.text)
    ]
    labels = [_body_label(b) for b in bodies]
    marker_labels = [_marker_label(m) for _, _, m in markers]
    if len(markers) != len(bodies) or (all(labels) and marker_labels != labels):
        line = bodies[0].line
        return [], [
            Doubt(
                line,
                f"{len(bodies)} chú thích nhưng {len(markers)} dấu chú thích trong "
                "bài: giữ chú thích ở dạng chữ [footnotes not matched to markers]",
            )
        ]
    for number, (block, ci, found) in reversed(list(enumerate(markers, 1))):
        cell = block.cells[ci]
        text = cell.text[: found.start()] + PLACEHOLDER.format(number) + cell.text[found.end() :]
        block.cells[ci] = replace(cell, text=text)
    notes = []
    for number, note in enumerate(bodies, 1):
        notes.append((number, BODY_MARK.sub("", note.text, count=1)))
    return notes, []


def _body_label(block: Block) -> str | None:
    found = BODY_MARK.match(block.text)
    if not found:
        return None
    return (found.group("sup") or "").translate(TO_DIGITS) or found.group("num")


def _marker_label(found: re.Match) -> str | None:
    text = found.group()
    if text == "\ufffd":
        return None
    return found.group(1) or text.translate(TO_DIGITS)
