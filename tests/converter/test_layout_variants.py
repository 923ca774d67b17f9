"""Layout variants of every seed and corpus text: the same document with a note above its
header, labelled lines above it, its quốc hiệu, motto or date split over two lines, its
columns joined by space runs instead of TABs. Each must give the metadata of the original,
and keep every word of the variant in order."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from itertools import zip_longest

import pytest

from build_scripts.convert import convert_text
from build_scripts.convert.decode import decode_bytes, normalise_text
from build_scripts.convert.lines import words

from .support import TEXTS, render_html, visible_text

TEXT_SOURCES = sorted((TEXTS / "seeds").glob("*.txt")) + sorted((TEXTS / "corpus").glob("*.txt"))
FIELDS = ("doc_type", "number", "date", "year", "place", "issuer", "title", "signer")
NATIONAL = re.compile(r"(CỘNG HÒA XÃ HỘI CHỦ NGHĨA|CỘNG HOÀ XÃ HỘI CHỦ NGHĨA) (VIỆT NAM)")
MOTTO = re.compile(r"^(\s*Độc lập\s*[-–]\s*Tự do\s*[-–])\s*(Hạnh phúc)", re.M)
DATE_LINE = re.compile(r"^([^\n\t]{2,40}, ngày [^\n\t]*tháng[^\n\t]*?)\s+(năm \d{4})\s*$", re.M)
HEADER_LINES = 14


def _head_then_rest(text: str, change: Callable[[str], str]) -> str:
    lines = text.split("\n")
    return change("\n".join(lines[:HEADER_LINES])) + "\n" + "\n".join(lines[HEADER_LINES:])


def note_above(text: str) -> str:
    return "Bản chụp gửi kèm thư điện tử của văn phòng\n\n\n" + text


def unknown_labels_above(text: str) -> str:
    return "Ngày nhận: 03/12/2025\nNgười gửi: Văn phòng\n\n" + text


def known_labels_above(text: str) -> str:
    """What a document-management export puts first: the number and date, labelled."""
    found = convert_text(text, "x.txt").inspect()
    number = found["number"] or ""
    day = "/".join(reversed(found["date"].split("-"))) if found["date"] else ""
    return f"Số hiệu: {number}\nNgày ban hành: {day}\n\n{text}"


def national_split(text: str) -> str:
    return _head_then_rest(text, lambda head: NATIONAL.sub(r"\1\n\2", head, count=1))


def motto_split(text: str) -> str:
    return _head_then_rest(text, lambda head: MOTTO.sub(r"\1\n\2", head, count=1))


def date_split(text: str) -> str:
    return _head_then_rest(text, lambda head: DATE_LINE.sub(r"\1\n\2", head, count=1))


def tabs_as_spaces(text: str) -> str:
    return _head_then_rest(text, lambda head: head.replace("\t", "      "))


VARIANTS = [note_above, unknown_labels_above, known_labels_above, national_split, motto_split]
VARIANTS.append(date_split)


def columns_merged(text: str) -> str:
    """The two columns of the header merged by one space, as a careless copy leaves them."""
    return _head_then_rest(text, lambda head: re.sub(r"[ \t]*\t[ \t]*", " ", head))


def columns_as_table_or_lines(text: str) -> str:
    """A header typed as separate lines, left column first, turned into the two-column table
    Word exports (each issuer-side line TAB-joined with a quốc hiệu-side line), and a
    TAB-joined header into separate lines (`_untable`)."""
    lines = text.split("\n")
    head = [i for i, line in enumerate(lines[:HEADER_LINES]) if line.strip()]
    if any("\t" in lines[i] for i in head):
        return _untable(lines)
    national = next((i for i in head if NATIONAL.search(lines[i])), None)
    if national is None or national == head[0]:
        return text
    left = [lines[i].strip() for i in head if i < national]
    right, end = [], national
    for i in range(national, len(lines)):
        if not lines[i].strip():
            continue
        if i > national and not RIGHT_COLUMN.search(lines[i]):
            break
        right.append(lines[i].strip())
        end = i
    rows = ["\t".join(pair) for pair in zip_longest(left, right, fillvalue="")]
    return "\n".join(lines[: head[0]] + rows + lines[end + 1 :])


def _untable(lines: list[str]) -> str:
    """The other way round: a TAB-joined header as separate lines, left column first."""
    rows = [i for i, line in enumerate(lines[:HEADER_LINES]) if "\t" in line.strip("\t ")]
    if not rows:
        return "\n".join(lines)
    first, last = rows[0], rows[-1]
    left, right = [], []
    for line in lines[first : last + 1]:
        cells = [c.strip() for c in re.split(r"\t+", line) if c.strip()]
        if "\t" in line.strip("\t ") and len(cells) > 1:
            left.append(cells[0])
            right.append(" ".join(cells[1:]))
        else:
            left.append(line)
    return "\n".join(lines[:first] + left + right + lines[last + 1 :])


RIGHT_COLUMN = re.compile(r"Độc lập|, ngày|^[-_]+$")
VARIANTS += [tabs_as_spaces, columns_merged, columns_as_table_or_lines]


def _text(path) -> str:
    return normalise_text(decode_bytes(path.read_bytes()))


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.__name__)
@pytest.mark.parametrize("source", TEXT_SOURCES, ids=lambda p: p.name[:12])
def test_variant_gives_the_metadata_of_the_original(source, variant) -> None:
    text = _text(source)
    changed = variant(text)
    original = convert_text(text, source.name).inspect()
    found = convert_text(changed, source.name).inspect()
    assert {k: found[k] for k in FIELDS} == {k: original[k] for k in FIELDS}
    page = render_html(convert_text(changed, source.name).markdown)
    lost = Counter(words(changed)) - Counter(words(visible_text(page)))
    assert not lost, f"words lost: {list(lost)[:10]}"


def test_the_variants_change_the_texts() -> None:
    """Each variant applies to most texts (else the family would test nothing)."""
    for variant in VARIANTS:
        changed = sum(variant(_text(s)) != _text(s) for s in TEXT_SOURCES)
        assert changed >= len(TEXT_SOURCES) // 2, variant.__name__
