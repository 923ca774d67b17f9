"""Share images: the 1200x630 picture Facebook, Zalo and feed readers show for a page.

One card per document, topic and language, plus one for the site. A card is drawn from its text
alone, so it is cached under a hash of that text, the fonts and the layout version: a build draws
only the cards whose inputs changed and copies the rest from the cache.

Text is drawn with Pillow's basic layout engine and the vendored Noto Sans, after NFC
normalisation: every Vietnamese letter is then one precomposed glyph of the font, and the pixels
do not depend on the HarfBuzz or FreeType a machine happens to have.
"""

from __future__ import annotations

import hashlib
import json
import logging
import multiprocessing
import os
import unicodedata
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from functools import cache
from pathlib import Path

import numpy
from PIL import Image, ImageDraw, ImageFont

from . import glossary, pages, processes, urls, wording
from .catalog import Catalog
from .model import TOPICS, Directive

log = logging.getLogger("portal.caches")  # as caches.py: no reason for --strict to fail

#: Bump when the drawing changes, so that every cached card is redrawn.
LAYOUT_VERSION = 2
WIDTH, HEIGHT = 1200, 630
#: Where the cards live inside each language's site, and inside the cache (caches.py).
IMAGES_DIR = urls.IMAGES_DIR
CACHE_DIR = "share-images"
#: Below this many cards to draw, starting worker processes costs more than it saves.
POOL_THRESHOLD = 24

FONTS_DIR = Path(__file__).parent / "data" / "fonts"
REGULAR = FONTS_DIR / "NotoSans-Regular.ttf"
BOLD = FONTS_DIR / "NotoSans-Bold.ttf"

# The portal's colours (theme/assets/stylesheets/portal.css).
RED = (140, 29, 24)
RED_LIGHT = (232, 201, 199)
INK = (31, 31, 31)
GREY = (90, 90, 90)
PAPER = (251, 248, 245)
WHITE = (255, 255, 255)

LEFT = 88  # text starts right of the red bar
RIGHT = WIDTH - 80
TEXT_WIDTH = RIGHT - LEFT
BRAND_Y = 44
KICKER_Y = 116
TITLE_TOP, TITLE_BOTTOM = 164, 444
RULE_Y = 466
DETAILS_Y = 484
DETAILS_STEP = 36
TITLE_SIZES = (64, 58, 52, 46, 42)  # the largest size at which the title fits is used
LINE_SPACING = 1.22
ELLIPSIS = "…"
#: Anti-aliased text on three colours needs few shades: 60 look the same as millions, and take
#: a third of the bytes. Pairs of colours that touch on a card, and the shades between them.
PALETTE_BLENDS = (
    (PAPER, INK, 24),
    (PAPER, RED, 16),
    (PAPER, GREY, 12),
    (RED, WHITE, 8),
    (RED, RED_LIGHT, 4),
)

UI = wording.CARD


@dataclass(frozen=True)
class Card:
    """Everything drawn on one share image; its hash names the cached file."""

    kicker: str  # small capitals above the title: type and number, or 'Chủ đề'
    title: str
    details: tuple[str, ...]  # under the rule: issuing body, date
    brand: str  # the site's name, bottom right
    lang: str  # the language of the title, for the alt text's lang

    def key(self) -> str:
        """Hash of the inputs: the card's text, the fonts and the layout version."""
        data = json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)
        digest = hashlib.sha256(f"{LAYOUT_VERSION}\n{font_digest()}\n{data}".encode())
        return digest.hexdigest()[:24]

    @property
    def alt(self) -> str:
        """The text of the image, for `og:image:alt` and screen readers."""
        return " — ".join(part for part in (self.kicker, self.title, *self.details) if part)


@dataclass(frozen=True)
class ShareImage:
    """A card and where it is published inside one language's site."""

    path: str  # e.g. 'anh-chia-se/van-ban/<slug>.png'
    card: Card


# --- where each page's card lives ----------------------------------------------------------


def document_image_path(slug: str) -> str:
    return f"{IMAGES_DIR}/van-ban/{slug}.png"


def topic_image_path(topic: str) -> str:
    return f"{IMAGES_DIR}/chu-de/{topic}.png"


SITE_IMAGE = f"{IMAGES_DIR}/trang-chu.png"


# --- what each card says -------------------------------------------------------------------


def document_card(d: Directive, lang: str, brand: str) -> Card:
    """Type and number, title, issuing body and date, in the page's language."""
    if lang == "vi":
        kind, issuer, title, title_lang = d.doc_type, d.issuer, d.title, "vi"
    else:
        kind = glossary.doc_type_en(d.doc_type)
        issuer = glossary.issuer_en(d.issuer)[0]
        # An untranslated document keeps its Vietnamese title, said to be Vietnamese.
        translated = d.translation is not None
        title = d.translation.title if translated else d.title
        title_lang = "en" if translated else "vi"
    kicker = f"{kind} · {d.number}" if d.number else kind
    details = [issuer, glossary.format_date(d.date, lang, year=d.year)]
    if lang == "en" and d.translation is None:
        details[-1] += " · " + UI["untranslated"]["en"]
    return Card(kicker, title, tuple(details), brand, title_lang)


def topic_card(topic: str, count: int, lang: str, brand: str) -> Card:
    size = pages.count(count, lang)
    return Card(UI["topic"][lang], TOPICS[topic][lang], (size,), brand, lang)


def site_card(lang: str, brand: str, description: str) -> Card:
    return Card("", brand, (description,), brand, lang)


def plan(catalog: Catalog, lang: str, brand: str, description: str) -> list[ShareImage]:
    """Every card of one language: the site, each topic, each document."""
    images = [ShareImage(SITE_IMAGE, site_card(lang, brand, description))]
    for topic in TOPICS:
        card = topic_card(topic, len(catalog.with_topic(topic)), lang, brand)
        images.append(ShareImage(topic_image_path(topic), card))
    for d in catalog.documents:
        images.append(ShareImage(document_image_path(d.slug), document_card(d, lang, brand)))
    return images


# --- the cache -----------------------------------------------------------------------------


@dataclass
class CacheReport:
    drawn: int = 0
    reused: int = 0


def ensure_cached(
    images: Iterable[ShareImage],
    cache_dir: Path,
    report: CacheReport | None = None,
    workers: int | None = None,
) -> dict[str, Path]:
    """The cached PNG of every image, drawing only those not in the cache: site path -> file.

    Many missing cards (a first build, a new layout) are drawn by one process per core. A
    cached card that is not a whole PNG (cut short, damaged) is drawn again, never published."""
    cache_dir.mkdir(parents=True, exist_ok=True)
    out: dict[str, Path] = {}
    missing: dict[Path, Card] = {}  # identical cards are drawn once
    for image in images:
        target = cache_dir / f"{image.card.key()}.png"
        out[image.path] = target
        if target not in missing and not is_whole_png(target):
            if target.exists():
                log.warning("share image %s is damaged: drawn again", target)
            missing.setdefault(target, image.card)
    workers = workers or os.cpu_count() or 1
    if workers > 1 and len(missing) >= POOL_THRESHOLD:
        # 'spawn': a fresh interpreter per worker, safe even beside `mkdocs serve`'s threads;
        # owned, so that the workers end with this build (processes.py).
        context = multiprocessing.get_context("spawn")
        with processes.owned_pool(workers, context) as pool:
            list(pool.map(draw_into, missing, missing.values(), chunksize=8))
    else:
        for target, card in missing.items():
            draw_into(target, card)
    if report:
        report.drawn += len(missing)
        report.reused += len(out) - len(missing)
    return out


PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def is_whole_png(path: Path) -> bool:
    """Whether `path` is a PNG whose every chunk is there with the right checksum, up to its
    IEND: a file cut short, or with a byte changed, is not. (A card is some 30 kB: reading it
    costs far less than drawing it.)"""
    try:
        data = path.read_bytes()
    except OSError:
        return False
    if not data.startswith(PNG_SIGNATURE):
        return False
    at = len(PNG_SIGNATURE)
    while at + 12 <= len(data):
        length = int.from_bytes(data[at : at + 4], "big")
        end = at + 12 + length
        if end > len(data):
            return False
        kind_and_data = data[at + 4 : at + 8 + length]
        if zlib.crc32(kind_and_data) != int.from_bytes(data[end - 4 : end], "big"):
            return False
        if kind_and_data[:4] == b"IEND":
            return end == len(data)
        at = end
    return False


def prune(cache_dir: Path, kept: Iterable[Path]) -> int:
    """Remove the cards of `cache_dir` that are not in `kept` (the cards of titles since
    changed, or of a previous layout); returns how many went. The folder must hold one build's
    cards only (one language), or the other builds' cards would go too."""
    keep = {path.name for path in kept}
    removed = 0
    for path in cache_dir.glob("*.png"):
        if path.name not in keep:
            path.unlink(missing_ok=True)
            removed += 1
    for path in cache_dir.glob("*.partial"):  # drawn by a process killed mid-way
        pid = path.suffixes[-2].lstrip(".") if len(path.suffixes) > 1 else ""
        if pid.isdigit() and not processes.alive(int(pid)):
            path.unlink(missing_ok=True)
    return removed


def draw_into(target: Path, card: Card) -> None:
    """Draw a card into the cache; written then renamed, so that no build reads half a file."""
    partial = target.with_name(f"{target.stem}.{os.getpid()}.partial")
    save_png(draw(card), partial)
    os.replace(partial, target)


def save_png(image: Image.Image, path: Path) -> None:
    # No optimize pass: it triples the time for a few per cent; Pillow writes no timestamp.
    image.save(path, "PNG", compress_level=3)


# --- drawing -------------------------------------------------------------------------------


@cache
def font_digest() -> str:
    digest = hashlib.sha256()
    for path in (REGULAR, BOLD):
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class Face:
    """A font at one size, measuring text from cached letter widths and drawing it from cached
    letter masks.

    The basic layout engine neither kerns nor shapes, so a text is exactly as wide as the sum of
    its letters: measuring each letter once makes wrapping a title ten times faster than asking
    FreeType for every candidate line. Drawing is the same: Pillow loads and renders every
    letter of a line from the font each time (most of a card's time), so each letter is
    rendered once and lines are put together from those (see draw_text)."""

    def __init__(self, bold: bool, size: int) -> None:
        path = BOLD if bold else REGULAR
        self.font = ImageFont.truetype(str(path), size, layout_engine=ImageFont.Layout.BASIC)
        self.size = size
        self._widths: dict[str, float] = {}
        self._letters: dict[str, Letter] = {}

    def width(self, text: str) -> float:
        total = 0.0
        for char in text:
            advance = self._widths.get(char)
            if advance is None:
                advance = self._widths[char] = self.font.getlength(char)
            total += advance
        return total

    def letter(self, char: str) -> Letter:
        found = self._letters.get(char)
        if found is None:
            left, top, right, bottom = (int(v) for v in self.font.getbbox(char, "L", anchor="la"))
            width, height = right - left, bottom - top
            mask = Image.new("L", (width, height))
            # Ink 255 on 0 leaves exactly the letter's coverage, which is what Pillow blends.
            ImageDraw.Draw(mask).text((-left, -top), char, font=self.font, fill=255)
            advance = self.font.getlength(char)
            coverage = numpy.asarray(mask, dtype=numpy.int32) if width and height else None
            found = self._letters[char] = Letter(left, top, width, height, advance, coverage)
        return found


@dataclass(frozen=True)
class Letter:
    """One letter of a Face: its box from the pen position (the text's anchor "la"), its
    advance, and its coverage (None for a blank)."""

    left: int
    top: int
    width: int
    height: int
    advance: float
    coverage: numpy.ndarray | None


def draw_text(pen: ImageDraw.ImageDraw, xy: tuple[int, int], text: str, f: Face, fill) -> None:
    """The same pixels as `pen.text(xy, text, font=f.font, fill=fill)`, from letters rendered
    once (tests/test_share_images.py compares the two on random texts and on whole cards).

    As Pillow does it: the line's box is the union of its letters' boxes, stretched to the pen
    (x from 0 to the advance); letters are put in one mask, an overlap of coverages a and b
    giving a + b - ab/255 (rounded); the mask is blended once with the ink."""
    if not text:
        return
    letters, pens, pen_x = [], [], 0
    for char in text:
        letter = f.letter(char)
        letters.append(letter)
        pens.append(pen_x)
        pen_x += int(letter.advance)
    x0 = min(0, min(x + c.left for x, c in zip(pens, letters, strict=True)))
    x1 = max(0, max(x + c.left + c.width for x, c in zip(pens, letters, strict=True)))
    y0 = min(c.top for c in letters)
    y1 = max(c.top + c.height for c in letters)
    if x1 <= x0 or y1 <= y0:
        return
    mask = numpy.zeros((y1 - y0, x1 - x0), dtype=numpy.int32)
    for x, c in zip(pens, letters, strict=True):
        if c.coverage is None:
            continue
        left, top = x + c.left - x0, c.top - y0
        under = mask[top : top + c.height, left : left + c.width]
        product = under * c.coverage + 128
        under += c.coverage - ((product + (product >> 8)) >> 8)
    image = Image.fromarray(mask.astype(numpy.uint8), "L")
    pen.bitmap((xy[0] + x0, xy[1] + y0), image, fill=fill)


@cache
def face(bold: bool, size: int) -> Face:
    return Face(bold, size)


def draw(card: Card) -> Image.Image:
    """The card as a 1200x630 image of 64 colours."""
    image = Image.new("RGB", (WIDTH, HEIGHT), PAPER)
    pen = ImageDraw.Draw(image)
    pen.rectangle((0, 0, 24, HEIGHT), fill=RED)
    text = _nfc(card)
    _brand(pen, text.brand)

    if text.kicker:
        kicker = face(True, 30)
        line = fit_line(text.kicker.upper(), kicker, TEXT_WIDTH)
        draw_text(pen, (LEFT, KICKER_Y), line, kicker, RED)

    title, lines = fit_title(text.title, TEXT_WIDTH, TITLE_BOTTOM - TITLE_TOP)
    for i, line in enumerate(lines):
        draw_text(pen, (LEFT, TITLE_TOP + i * _step(title)), line, title, INK)

    pen.rectangle((LEFT, RULE_Y, LEFT + 120, RULE_Y + 4), fill=RED)
    details = face(False, 28)
    y = DETAILS_Y
    for i, detail in enumerate(text.details[:2]):
        # Three lines in all: the issuing body may take two when a date follows.
        room = 2 if i == 0 and len(text.details) > 1 else 3 - i
        shown = fit_lines(detail, details, TEXT_WIDTH, room)
        for line in shown:
            draw_text(pen, (LEFT, y), line, details, INK if i == 0 else GREY)
            y += DETAILS_STEP
    return image.quantize(palette=palette(), dither=Image.Dither.NONE)


@cache
def palette() -> Image.Image:
    """The card's colours and the shades between them that anti-aliasing draws: a fixed
    palette keeps the paper exactly the same colour on every card."""
    colours: list[tuple[int, ...]] = []
    for start, end, steps in PALETTE_BLENDS:
        for k in range(steps):
            shade = tuple(
                round(a + (b - a) * k / (steps - 1)) for a, b in zip(start, end, strict=True)
            )
            if shade not in colours:
                colours.append(shade)
    image = Image.new("P", (1, 1))
    flat = [value for colour in colours for value in colour]
    image.putpalette(flat + flat[:3] * (256 - len(colours)))
    return image


def _nfc(card: Card) -> Card:
    def n(s: str) -> str:
        s = "".join(c for c in s if unicodedata.category(c) != "Cc")  # control characters
        return unicodedata.normalize("NFC", " ".join(s.split()))

    return Card(
        n(card.kicker), n(card.title), tuple(n(d) for d in card.details), n(card.brand), card.lang
    )


def _brand(pen: ImageDraw.ImageDraw, brand: str) -> None:
    """The site's icon (theme/assets/images/favicon.svg) and name, top left."""
    size = 44
    left, top = LEFT, BRAND_Y
    name = face(True, 26)
    line = fit_line(brand, name, TEXT_WIDTH - size - 14)
    draw_text(pen, (left + size + 14, top + 4), line, name, RED)
    # The icon: a white page with a folded corner and three lines, on a red rounded square.
    pen.rounded_rectangle((left, top, left + size, top + size), radius=8, fill=RED)
    s = size / 64
    page = [(18, 10), (38, 10), (48, 20), (48, 54), (18, 54)]
    pen.polygon([(left + px * s, top + py * s) for px, py in page], fill=WHITE)
    fold = [(38, 10), (38, 20), (48, 20)]
    pen.polygon([(left + px * s, top + py * s) for px, py in fold], fill=RED_LIGHT)
    for y, x2 in ((30, 42), (37, 42), (44, 36)):
        line_box = (left + 24 * s, top + y * s, left + x2 * s, top + y * s)
        pen.line(line_box, fill=RED, width=max(1, round(3 * s)))


# --- fitting text --------------------------------------------------------------------------


def _step(f: Face) -> int:
    return round(f.size * LINE_SPACING)


def wrap(text: str, f: Face, width: float) -> list[str]:
    """Greedy word wrap to `width` pixels; a word wider than a line is split between letters."""
    space = f.width(" ")
    lines: list[str] = []
    line, used = "", 0.0
    for word in text.split():
        for piece in _pieces(word, f, width):
            size = f.width(piece)
            if line and used + space + size <= width:
                line, used = f"{line} {piece}", used + space + size
            else:
                if line:
                    lines.append(line)
                line, used = piece, size
    if line:
        lines.append(line)
    return lines


def _pieces(word: str, f: Face, width: float) -> Iterator[str]:
    """`word` cut into the longest runs of letters that fit `width` (at least one letter each),
    in one pass: a 20,000-letter word without spaces must not take minutes."""
    start, used = 0, 0.0
    for index, advance in enumerate(_advances(word, f)):
        # The same sum, in the same order, as f.width(word[start : index + 1]).
        if index > start and used + advance > width:
            yield word[start:index]
            start, used = index, 0.0
        used += advance
    yield word[start:]


def _advances(text: str, f: Face) -> list[float]:
    return [f.width(char) for char in text]


def fit_line(text: str, f: Face, width: float) -> str:
    """`text` cut at a word (or letter) and ended with an ellipsis if wider than `width`."""
    if f.width(text) <= width:
        return text
    words = text.split()
    joined = " ".join(words)
    advances = _advances(joined, f)
    budget_fits = _prefix_fits(advances, f.width(ELLIPSIS), width)
    # The most whole words that fit with the ellipsis; one word at least, then cut letters.
    ends = [i for i, char in enumerate(joined) if char == " "] + [len(joined)]
    kept = next((end for end in reversed(ends) if budget_fits(end)), ends[0])
    count = kept
    while count and not budget_fits(count):
        count -= 1
    return joined[:count].rstrip(" ,;:–-") + ELLIPSIS


def _prefix_fits(advances: list[float], tail: float, width: float):
    """Whether the first n letters and then `tail` fit `width`, for any n, from sums made once."""
    sums = [0.0]
    for advance in advances:
        sums.append(sums[-1] + advance)
    return lambda n: sums[n] + tail <= width


def fit_lines(text: str, f: Face, width: float, rows: int) -> list[str]:
    """`text` wrapped into at most `rows` lines, the last cut with an ellipsis if need be."""
    lines = wrap(text, f, width)
    if len(lines) <= rows:
        return lines
    return [*lines[: rows - 1], fit_line(" ".join(lines[rows - 1 :]), f, width)]


def fit_title(text: str, width: float, height: float) -> tuple[Face, list[str]]:
    """The largest title size whose wrapped lines fit the box; at the smallest, cut with '…'."""
    for size in TITLE_SIZES:
        f = face(True, size)
        rows = max(1, int((height - size) // _step(f)) + 1)
        lines = wrap(text, f, width)
        if len(lines) <= rows:
            return f, lines
    return f, fit_lines(text, f, width, rows)
