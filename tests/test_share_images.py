"""Share images: the font covers Vietnamese, titles never overflow, cards are cached by their
inputs, and one card is kept as a golden picture (REGEN_GOLDEN=1 rewrites it)."""

from __future__ import annotations

import datetime as dt
import json
import os
import struct
import unicodedata
from pathlib import Path

import pytest
from PIL import Image, ImageChops

from build_scripts import share_images as si
from build_scripts.catalog import Catalog
from build_scripts.model import Directive, Translation

ROOT = Path(__file__).resolve().parent.parent
from fixture_paths import FIXTURES  # noqa: E402

GOLDEN = Path(__file__).parent / "golden"
BRAND = "Văn bản đối ngoại"

LONG_TITLE = (
    "Nghiên cứu, học tập, quán triệt, tuyên truyền và triển khai thực hiện Kết luận số "
    "57-KL/TW ngày 15/6/2023 của Bộ Chính trị về “Tiếp tục nâng cao chất lượng, hiệu quả "
    "công tác thông tin đối ngoại trong tình hình mới”, gắn với việc thực hiện Chỉ thị số "
    "12-CT/TW ngày 05/01/2022 của Ban Bí thư về đối ngoại nhân dân"
)
DIACRITICS_TITLE = "Ỷ ỹ ỵ Ữ ự ừ ứ ử Ẫ ậ ẩ ầ ấ Ặ ẳ ẵ ằ ắ Ễ ệ ể ề ế Ỗ ộ ổ ồ ố Ợ ở ỡ ờ ớ Đ đ"


def vietnamese_letters() -> list[str]:
    """Every Vietnamese letter: 12 vowels x 6 tones, upper and lower case, and đ, Đ."""
    vowels = "aăâeêioôơuưy"
    tones = ["", "\u0300", "\u0301", "\u0309", "\u0303", "\u0323"]
    letters = {"đ", "Đ"}
    for vowel in vowels:
        for tone in tones:
            for case in (vowel, vowel.upper()):
                letters.add(unicodedata.normalize("NFC", case + tone))
    return sorted(letters)


def cmap(path: Path) -> set[int]:
    """The code points a TrueType font maps to glyphs (its format 4 and 12 cmap subtables)."""
    data = path.read_bytes()
    tables = {}
    for i in range(struct.unpack(">H", data[4:6])[0]):
        tag, _, offset, _ = struct.unpack(">4sIII", data[12 + 16 * i : 28 + 16 * i])
        tables[tag] = offset
    base = tables[b"cmap"]
    covered: set[int] = set()
    for i in range(struct.unpack(">H", data[base + 2 : base + 4])[0]):
        _, _, offset = struct.unpack(">HHI", data[base + 4 + 8 * i : base + 12 + 8 * i])
        sub = base + offset
        fmt = struct.unpack(">H", data[sub : sub + 2])[0]
        if fmt == 4:
            segs = struct.unpack(">H", data[sub + 6 : sub + 8])[0] // 2
            ends = struct.unpack(f">{segs}H", data[sub + 14 : sub + 14 + 2 * segs])
            start_at = sub + 16 + 2 * segs
            starts = struct.unpack(f">{segs}H", data[start_at : start_at + 2 * segs])
            for start, end in zip(starts, ends, strict=True):
                covered.update(range(start, end + 1))
        elif fmt == 12:
            groups = struct.unpack(">I", data[sub + 12 : sub + 16])[0]
            for g in range(groups):
                start, end, _ = struct.unpack(">III", data[sub + 16 + 12 * g : sub + 28 + 12 * g])
                covered.update(range(start, end + 1))
    covered.discard(0xFFFF)
    return covered


def directive(**extra) -> Directive:
    values = {
        "slug": "d",
        "title": "Công tác thông tin đối ngoại năm 2023",
        "doc_type": "Kế hoạch",
        "issuer": "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La",
        "body": "",
        "number": "305/KH-MTTQ-BTT",
        "date": dt.date(2023, 2, 20),
        "topics": ["thong-tin-doi-ngoai"],
    }
    values.update(extra)
    return Directive(**values)


def ink_box(image: Image.Image) -> tuple[int, int, int, int] | None:
    """Bounding box of everything drawn right of the red bar."""
    rgb = image.convert("RGB").crop((si.LEFT - 8, 0, si.WIDTH, si.HEIGHT))
    paper = Image.new("RGB", rgb.size, si.PAPER)
    box = ImageChops.difference(rgb, paper).getbbox()
    if box is None:
        return None
    return (box[0] + si.LEFT - 8, box[1], box[2] + si.LEFT - 8, box[3])


# --- the font ------------------------------------------------------------------------------


@pytest.mark.parametrize("font", [si.REGULAR, si.BOLD], ids=lambda p: p.name)
def test_font_maps_every_vietnamese_letter(font: Path):
    letters = vietnamese_letters()
    assert len(letters) == 146 and all(len(c) == 1 for c in letters)
    missing = [c for c in letters if ord(c) not in cmap(font)]
    assert missing == []


def test_font_is_vendored_with_its_licence():
    licence = (si.FONTS_DIR / "LICENSE.txt").read_text(encoding="utf-8")
    assert "SIL OPEN FONT LICENSE Version 1.1" in licence
    assert "Copyright" in licence


# --- fitting text --------------------------------------------------------------------------


def card_texts() -> list[tuple[str, str]]:
    """Real titles and issuers from the seeds and the awkward corpus, and hostile ones."""
    texts = [(LONG_TITLE, "Ban Tuyên giáo Tỉnh ủy"), (DIACRITICS_TITLE, "Đ")]
    texts.append(("Siêu" + "dài" * 80, "Ủy ban " * 40))  # one word wider than the card
    for name in ("seeds", "corpus"):
        for entry in json.loads((FIXTURES / name / "expected.json").read_text("utf-8")).values():
            texts.append((entry["title"], entry["issuer"]))
    return texts


@pytest.mark.parametrize("title,issuer", card_texts(), ids=lambda t: t[:24])
def test_card_text_stays_inside_the_card(title: str, issuer: str):
    d = directive(title=title, issuer=issuer)
    for lang in ("vi", "en"):
        card = si.document_card(d, lang, BRAND)
        face, lines = si.fit_title(card.title, si.TEXT_WIDTH, si.TITLE_BOTTOM - si.TITLE_TOP)
        assert all(face.width(line) <= si.TEXT_WIDTH for line in lines)
        last_top = si.TITLE_TOP + (len(lines) - 1) * round(face.size * si.LINE_SPACING)
        assert last_top + face.size <= si.TITLE_BOTTOM
        left, _, right, bottom = ink_box(si.draw(card))
        assert left >= si.LEFT - 2 and right <= si.RIGHT + 2, f"overflow: {right}"
        assert bottom <= si.HEIGHT - 24


def test_a_cut_title_ends_with_an_ellipsis_and_keeps_whole_words():
    face, lines = si.fit_title(LONG_TITLE * 2, si.TEXT_WIDTH, si.TITLE_BOTTOM - si.TITLE_TOP)
    assert face.size == si.TITLE_SIZES[-1]
    assert lines[-1].endswith(si.ELLIPSIS)
    assert " ".join(lines)[:-1].rstrip() in LONG_TITLE * 2


def test_short_titles_get_the_largest_size():
    face, lines = si.fit_title("Công tác năm 2023", si.TEXT_WIDTH, 300)
    assert (face.size, lines) == (si.TITLE_SIZES[0], ["Công tác năm 2023"])


def test_decomposed_diacritics_are_drawn_as_precomposed_letters():
    nfd = unicodedata.normalize("NFD", DIACRITICS_TITLE)
    composed = si.draw(si.Card("", DIACRITICS_TITLE, (), BRAND, "vi"))
    decomposed = si.draw(si.Card("", nfd, (), BRAND, "vi"))
    assert (
        ImageChops.difference(composed.convert("RGB"), decomposed.convert("RGB")).getbbox() is None
    )


def test_control_characters_are_not_drawn():
    clean = si.draw(si.Card("", "Kế hoạch năm 2023", (), BRAND, "vi"))
    dirty = si.draw(si.Card("", "Kế hoạch\x01 năm\x7f 2023\x1b", (), BRAND, "vi"))
    assert ImageChops.difference(clean.convert("RGB"), dirty.convert("RGB")).getbbox() is None


# --- what the cards say --------------------------------------------------------------------


def test_english_card_of_an_untranslated_directive_says_the_text_is_vietnamese():
    card = si.document_card(directive(), "en", "Foreign Affairs Directives")
    assert card.kicker == "Plan · 305/KH-MTTQ-BTT"
    assert card.lang == "vi" and card.title == "Công tác thông tin đối ngoại năm 2023"
    assert card.details == (
        "Standing Board of the Viet Nam Fatherland Front Committee of Sơn La Province",
        "20 February 2023 · In Vietnamese: no English translation yet",
    )


def test_english_card_of_a_translated_directive_is_english():
    d = directive(translation=Translation("External information work in 2023", "", "x"))
    card = si.document_card(d, "en", "Foreign Affairs Directives")
    assert (card.title, card.lang) == ("External information work in 2023", "en")
    assert card.details[-1] == "20 February 2023"


def test_plan_has_a_card_for_the_site_every_topic_and_every_document():
    catalog = Catalog([directive(slug="a"), directive(slug="b", number=None)], [])
    paths = [image.path for image in si.plan(catalog, "vi", BRAND, "Mô tả")]
    assert paths == [
        "anh-chia-se/trang-chu.png",
        "anh-chia-se/chu-de/doi-ngoai-nhan-dan.png",
        "anh-chia-se/chu-de/thong-tin-doi-ngoai.png",
        "anh-chia-se/chu-de/nguoi-viet-nam-o-nuoc-ngoai.png",
        "anh-chia-se/van-ban/a.png",
        "anh-chia-se/van-ban/b.png",
    ]


# --- the cache -----------------------------------------------------------------------------


def test_cards_are_drawn_once_and_redrawn_only_when_their_text_changes(tmp_path: Path):
    catalog = Catalog([directive(slug="a"), directive(slug="b")], [])
    first = si.CacheReport()
    cached = si.ensure_cached(si.plan(catalog, "vi", BRAND, "Mô tả"), tmp_path, first)
    # a and b have the same text, hence the same card and one file.
    assert (first.drawn, first.reused) == (5, 1)
    for path in cached.values():
        with Image.open(path) as image:
            assert image.size == (1200, 630) and image.format == "PNG"

    again = si.CacheReport()
    si.ensure_cached(si.plan(catalog, "vi", BRAND, "Mô tả"), tmp_path, again)
    assert (again.drawn, again.reused) == (0, 6)

    catalog.documents[0].title = "Một tiêu đề khác"
    changed = si.CacheReport()
    si.ensure_cached(si.plan(catalog, "vi", BRAND, "Mô tả"), tmp_path, changed)
    assert (changed.drawn, changed.reused) == (1, 5)
    # Once b changes too, the card of the old title is used by nobody: pruning removes it only.
    catalog.documents[1].title = "Một tiêu đề khác"
    now = si.ensure_cached(si.plan(catalog, "vi", BRAND, "Mô tả"), tmp_path)
    assert len(list(tmp_path.glob("*.png"))) == 6
    assert si.prune(tmp_path, now.values()) == 1
    assert sorted(tmp_path.glob("*.png")) == sorted(set(now.values()))


def test_many_cards_are_drawn_by_several_processes_to_the_same_bytes(tmp_path: Path):
    catalog = Catalog([directive(slug=f"d{n}", number=f"{n}/KH") for n in range(30)], [])
    images = si.plan(catalog, "vi", BRAND, "Mô tả")
    assert len(images) >= si.POOL_THRESHOLD
    serial = si.ensure_cached(images, tmp_path / "serial", workers=1)
    report = si.CacheReport()
    pooled = si.ensure_cached(images, tmp_path / "pooled", report, workers=2)
    assert (report.drawn, report.reused) == (34, 0)
    for path, file in serial.items():
        assert pooled[path].read_bytes() == file.read_bytes()
    assert not list((tmp_path / "pooled").glob("*.partial"))


def test_a_new_layout_version_redraws_every_card(monkeypatch: pytest.MonkeyPatch):
    card = si.document_card(directive(), "vi", BRAND)
    before = card.key()
    monkeypatch.setattr(si, "LAYOUT_VERSION", si.LAYOUT_VERSION + 1)
    assert card.key() != before


def test_drawing_is_deterministic(tmp_path: Path):
    card = si.document_card(directive(title=LONG_TITLE), "vi", BRAND)
    si.save_png(si.draw(card), tmp_path / "1.png")
    si.save_png(si.draw(card), tmp_path / "2.png")
    assert (tmp_path / "1.png").read_bytes() == (tmp_path / "2.png").read_bytes()


# --- golden pictures -----------------------------------------------------------------------

GOLDEN_CARDS = {
    "long-title-vi": si.document_card(directive(title=LONG_TITLE), "vi", BRAND),
    "diacritics-vi": si.Card(
        "Hướng dẫn · 01/HD-BTG",
        DIACRITICS_TITLE,
        ("Ban Tuyên giáo Tỉnh ủy", "không ghi ngày"),
        BRAND,
        "vi",
    ),
}


@pytest.mark.parametrize("name", GOLDEN_CARDS)
def test_card_matches_its_golden_picture(name: str):
    """The pixels of two cards a person has looked at. A change of drawing, font or Pillow that
    moves a pixel shows here; look at the new picture, then regenerate with REGEN_GOLDEN=1."""
    path = GOLDEN / f"share-{name}.png"
    drawn = si.draw(GOLDEN_CARDS[name])
    if os.environ.get("REGEN_GOLDEN") == "1":
        GOLDEN.mkdir(exist_ok=True)
        si.save_png(drawn, path)
    with Image.open(path) as golden:
        assert golden.size == (1200, 630)
        difference = ImageChops.difference(golden.convert("RGB"), drawn.convert("RGB"))
        assert difference.getbbox() is None, f"{path.name} differs in {difference.getbbox()}"


#: Letters of every kind a card draws: Vietnamese with their marks, capitals, digits, the
#: punctuation of numbers and dates, letters whose ink overlaps a neighbour's ("fj", "ỹỷ"),
#: a mark left decomposed (no precomposed form), a letter the font lacks, and blanks.
LETTERS = (
    "aàáảãạăằắẳẵặâầấẩẫậbcdđeèéẻẽẹêềếểễệghiìíỉĩịklmnoòóỏõọôồốổỗộơờớởỡợpqrstuùúủũụưừứửữựvxy"
    "ỳýỷỹỵAĂÂĐÊÔƠƯỸỶỲfijlTVWY0123456789/-·.,()“”–… \u0323\u0301\u4e00"
)


@pytest.mark.parametrize("bold", [True, False])
@pytest.mark.parametrize("size", [26, 28, 30, *si.TITLE_SIZES])
def test_text_drawn_from_cached_letters_is_pillows_text(bold: bool, size: int):
    """draw_text puts lines together from letters rendered once: the pixels must be those of
    Pillow drawing the line itself, overlaps and blanks included."""
    import random

    from PIL import ImageDraw

    f = si.face(bold, size)
    rng = random.Random(size * 2 + bold)
    texts = ["", " ", "fj ỹỷ AV Tj", "ỹỷỹỷ", "\u0301a"]
    texts += ["".join(rng.choice(LETTERS) for _ in range(rng.randint(1, 45))) for _ in range(40)]
    for text in texts:
        ours, pillows = (Image.new("RGB", (1200, 120), si.PAPER) for _ in range(2))
        si.draw_text(ImageDraw.Draw(ours), (30, 20), text, f, si.RED)
        ImageDraw.Draw(pillows).text((30, 20), text, font=f.font, fill=si.RED)
        assert ours.tobytes() == pillows.tobytes(), repr(text)
