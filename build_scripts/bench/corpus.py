"""A synthetic corpus of directives in the layout they arrive in, and a project to build it in.

Texts are plain-text directives as received (issuer block, quốc hiệu, Số, place and date, type
heading, title, body, Nơi nhận, signature) with bodies drawn from the paragraphs of the seed
texts by a seeded `random.Random`: the same count and seed always give the same bytes. Issuers,
years, numbers, types and topics vary, and documents cite earlier ones and the Party's own
directives (12-CT/TW, ...) so that reference pages exist.

As in real corpora, numbers repeat: every province's and district's bodies number from 1 each
year, so "05/KH-UBND" of one year exists in several provinces and at both levels. Citations
name their issuer in full ("của Ủy ban nhân dân tỉnh Sơn La", also across provinces), by a bare
unit ("của Ủy ban nhân dân tỉnh": the citing text's own province) or not at all (own province
too); each `Source` records what it cites and how, so tests can check every citation credits
the right document.
"""

from __future__ import annotations

import datetime as dt
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from .. import frontmatter
from ..catalog import EN_SUFFIX
from ..convert import Conversion
from ..model import content_hash
from ..urls import DOCUMENTS_DIR

#: The seed texts as received (the same five files as ../shared/seeds), in the project itself.
SEEDS_DIR = Path("content") / "sources"
#: Project files a build needs besides the directives; copied into the temporary project.
PROJECT_FILES = ("mkdocs.yml", "theme")
YEARS = range(2015, 2026)
TRANSLATED_SHARE = 0.1

#: A body paragraph worth reusing: long prose, not a header, heading or closing line.
PROSE_MIN = 120
#: List markers and numbering at the start of a seed paragraph ("- ", "1. ", "a) ", "II- ").
LEAD_MARKER = re.compile(r"^\s*(?:[-+•*]|[0-9]+[.)]|\([0-9]+\)|[a-zđ]\)|[IVX]+[.-])\s*")
#: Footnote marks and replacement characters of the seed texts, which would dangle here.
STRAY_MARKS = re.compile(r"[\u00b9\u00b2\u00b3\u2070-\u2079\ufffd]")
NOT_PROSE = re.compile(r"Nơi nhận|Kính gửi|^Số[: ]|^V/v|CỘNG HÒA|Độc lập")

# (name, "tỉnh" or "thành phố", place on the date line)
PROVINCES = [
    ("Sơn La", "tỉnh", "Sơn La"),
    ("Đồng Nai", "tỉnh", "Đồng Nai"),
    ("Quảng Nam", "tỉnh", "Tam Kỳ"),
    ("Lào Cai", "tỉnh", "Lào Cai"),
    ("Quảng Ninh", "tỉnh", "Hạ Long"),
    ("Bình Dương", "tỉnh", "Thủ Dầu Một"),
    ("Khánh Hòa", "tỉnh", "Nha Trang"),
    ("Nghệ An", "tỉnh", "Vinh"),
    ("An Giang", "tỉnh", "Long Xuyên"),
    ("Thái Nguyên", "tỉnh", "Thái Nguyên"),
    ("Kiên Giang", "tỉnh", "Rạch Giá"),
    ("Hải Phòng", "thành phố", "Hải Phòng"),
    ("Đà Nẵng", "thành phố", "Đà Nẵng"),
    ("Cần Thơ", "thành phố", "Cần Thơ"),
]

#: A province named in a seed paragraph.
SEED_PROVINCE = re.compile(r"\b(?:tỉnh|thành phố) (?:" + "|".join(n for n, _, _ in PROVINCES) + ")")
#: One district or city below each province: (province, unit, name).
DISTRICTS = {
    "Sơn La": ("huyện", "Mộc Châu"),
    "Đồng Nai": ("thành phố", "Biên Hòa"),
    "Quảng Nam": ("thành phố", "Tam Kỳ"),
    "Lào Cai": ("huyện", "Sa Pa"),
    "Quảng Ninh": ("thành phố", "Hạ Long"),
    "Bình Dương": ("thành phố", "Thủ Dầu Một"),
    "Khánh Hòa": ("thành phố", "Nha Trang"),
    "Nghệ An": ("thành phố", "Vinh"),
    "An Giang": ("thành phố", "Long Xuyên"),
    "Thái Nguyên": ("huyện", "Đại Từ"),
    "Kiên Giang": ("thành phố", "Rạch Giá"),
    "Hải Phòng": ("huyện", "Thủy Nguyên"),
    "Đà Nẵng": ("huyện", "Hòa Vang"),
    "Cần Thơ": ("quận", "Ninh Kiều"),
}
#: Numbers restart each year for every body: drawn from a small range, they repeat across bodies.
NUMBERS = range(1, 13)

# Document types: (heading, code in the number, weight). None is a Công văn ("V/v" line).
TYPES = [("KẾ HOẠCH", "KH", 5), ("HƯỚNG DẪN", "HD", 2), (None, None, 3), ("THÔNG BÁO", "TB", 1)]
TYPES += [("BÁO CÁO", "BC", 1), ("CHƯƠNG TRÌNH", "CTr", 1)]

#: Titles per topic; each names its topic, as real titles do.
TITLES = {
    "doi-ngoai-nhan-dan": [
        "Triển khai công tác đối ngoại nhân dân năm {year}",
        "Tăng cường sự lãnh đạo của Đảng, nâng cao hiệu quả đối ngoại nhân dân trong tình hình mới",
        "Tổ chức các hoạt động giao lưu nhân dân với các địa phương nước bạn năm {year}",
    ],
    "thong-tin-doi-ngoai": [
        "Công tác thông tin đối ngoại năm {year}",
        "Tuyên truyền công tác thông tin đối ngoại và quảng bá hình ảnh địa phương năm {year}",
        "Nâng cao chất lượng, hiệu quả công tác thông tin đối ngoại giai đoạn {year} - {next}",
    ],
    "nguoi-viet-nam-o-nuoc-ngoai": [
        "Công tác đối với người Việt Nam ở nước ngoài năm {year}",
        "Tổ chức gặp mặt người Việt Nam ở nước ngoài về quê đón Tết năm {year}",
        "Vận động người Việt Nam ở nước ngoài hướng về quê hương giai đoạn {year} - {next}",
    ],
}
TOPIC_PHRASES = {
    "doi-ngoai-nhan-dan": "đối ngoại nhân dân",
    "thong-tin-doi-ngoai": "thông tin đối ngoại",
    "nguoi-viet-nam-o-nuoc-ngoai": "người Việt Nam ở nước ngoài",
}
TOPICS_EN = {
    "doi-ngoai-nhan-dan": "people-to-people diplomacy",
    "thong-tin-doi-ngoai": "external information work",
    "nguoi-viet-nam-o-nuoc-ngoai": "work with overseas Vietnamese",
}

#: Directives of the centre that provincial texts cite: (citation, date).
CENTRAL = [
    ("Nghị quyết số 36-NQ/TW ngày 26/3/2004 của Bộ Chính trị", dt.date(2004, 3, 26)),
    ("Chỉ thị số 04-CT/TW ngày 06/7/2011 của Ban Bí thư", dt.date(2011, 7, 6)),
    ("Chỉ thị số 45-CT/TW ngày 19/5/2015 của Bộ Chính trị", dt.date(2015, 5, 19)),
    ("Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư", dt.date(2022, 1, 5)),
    ("Kết luận số 57-KL/TW ngày 15/6/2023 của Bộ Chính trị", dt.date(2023, 6, 15)),
    ("Nghị quyết số 59-NQ/TW ngày 24/01/2025 của Bộ Chính trị", dt.date(2025, 1, 24)),
]
SECTIONS = ["I. MỤC ĐÍCH, YÊU CẦU", "II. NỘI DUNG, NHIỆM VỤ", "III. TỔ CHỨC THỰC HIỆN"]
FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Giàng", "Lò"]
MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hữu", "Quốc", "Ngọc"]
GIVEN = ["Hương", "Phú", "Bình", "Loan", "Dũng", "Hà", "Sơn", "Tâm", "Thắng", "Lan", "Cường"]


@dataclass(frozen=True)
class Issuer:
    """One issuing body: the block printed at the top left, its number suffix and signature."""

    block: tuple[str, ...]
    national: tuple[str, ...]
    name: str  # as another text cites it
    place: str
    party: bool  # Party numbering ("123-HD/BTGTU") rather than State ("123/KH-UBND")
    suffix: str
    signature: tuple[str, ...]
    province: str = ""
    level: str = "province"
    bare: str = ""  # as a text of the same province cites it without the place

    def number(self, n: int, code: str | None) -> str:
        if self.party:
            return f"{n}-{code or 'CV'}/{self.suffix}"
        return f"{n}/{code}-{self.suffix}" if code else f"{n}/{self.suffix}"


def issuers() -> list[Issuer]:
    """Three bodies (Mặt trận, UBND, Ban Tuyên giáo) in each province or city, and the People's
    Committee of one district below it, which numbers its plans the same way ("5/KH-UBND")."""
    state = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
    out = []
    for name, kind, place in PROVINCES:
        where = f"{kind} {name}"
        party_committee = "BTGTU" if kind == "tỉnh" else "BTGThU"
        unit, district = DISTRICTS[name]
        out.append(
            Issuer(
                ("ỦY BAN NHÂN DÂN", f"{unit} {district}".upper()),
                state,
                f"Ủy ban nhân dân {unit} {district}",
                district,
                False,
                "UBND",
                ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                name,
                "district",
                f"Ủy ban nhân dân {unit}",
            )
        )
        out += [
            Issuer(
                ("ỦY BAN MTTQ VIỆT NAM", where.upper(), "BAN THƯỜNG TRỰC"),
                state,
                f"Ban Thường trực Ủy ban MTTQ Việt Nam {where}",
                place,
                False,
                "MTTQ-BTT",
                ("TM. BAN THƯỜNG TRỰC", "PHÓ CHỦ TỊCH"),
                name,
                "province",
                f"Ban Thường trực Ủy ban MTTQ Việt Nam {kind}",
            ),
            Issuer(
                ("ỦY BAN NHÂN DÂN", where.upper()),
                state,
                f"Ủy ban nhân dân {where}",
                place,
                False,
                "UBND",
                ("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH"),
                name,
                "province",
                f"Ủy ban nhân dân {kind}",
            ),
            Issuer(
                (f"ĐẢNG BỘ {where.upper()}", "BAN TUYÊN GIÁO", "*"),
                ("ĐẢNG CỘNG SẢN VIỆT NAM",),
                f"Ban Tuyên giáo {'Tỉnh ủy' if kind == 'tỉnh' else 'Thành ủy'} {name}",
                place,
                True,
                party_committee,
                ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN"),
                name,
                "province",
                f"Ban Tuyên giáo {'Tỉnh ủy' if kind == 'tỉnh' else 'Thành ủy'}",
            ),
        ]
    return out


@dataclass(frozen=True)
class Source:
    """One synthetic directive as received: its file name and text, and what it is about."""

    name: str
    text: str
    topic: str
    title: str
    year: int
    issuer: str = ""
    province: str = ""
    level: str = ""
    number: str = ""
    #: Earlier sources this one cites, by index, with how: "named", "bare" (the unit without
    #: its place) or "unnamed" (no issuer); the last two only within the same province.
    cites: tuple[tuple[int, str], ...] = ()


@dataclass(frozen=True)
class _Issued:
    """What a later text needs to cite an earlier one."""

    index: int
    issuer: Issuer
    kind: str
    number: str
    date: dt.date

    def citation(self, style: str) -> str:
        cited = f"{self.kind} số {self.number} ngày {self.date:%d/%m/%Y}"
        if style == "named":
            return f"{cited} của {self.issuer.name}"
        return f"{cited} của {self.issuer.bare}" if style == "bare" else cited


def seed_paragraphs(seeds_dir: Path) -> list[str]:
    """Prose paragraphs of the seed texts, without their list markers or footnote marks."""
    paragraphs = []
    for path in sorted(seeds_dir.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            text = STRAY_MARKS.sub("", LEAD_MARKER.sub("", line.strip())).strip()
            # A paragraph that starts in lower case is the tail of one the seed text broke in two.
            if len(text) >= PROSE_MIN and text[0].isupper() and not NOT_PROSE.search(text):
                paragraphs.append(text)
    if not paragraphs:
        raise FileNotFoundError(f"no seed texts in {seeds_dir}")
    return paragraphs


def generate(count: int, seed: int, seeds_dir: Path) -> list[Source]:
    """`count` directives, oldest first, each citing up to two earlier ones."""
    rng = random.Random(seed)
    paragraphs = seed_paragraphs(seeds_dir)
    bodies = issuers()
    dates = sorted(
        dt.date(rng.choice(YEARS), 1, 1) + dt.timedelta(days=rng.randrange(365))
        for _ in range(count)
    )
    used: set[tuple[int, str, str]] = set()
    issued: list[_Issued] = []
    sources = []
    for i, date in enumerate(dates):
        issuer = rng.choice(bodies)
        heading, code = _draw_type(rng)
        n = _free_number(rng, used, date.year, issuer, code)
        number = issuer.number(n, code)
        used.add((date.year, issuer.name, number))
        topic = rng.choice(list(TITLES))
        title = rng.choice(TITLES[topic]).format(year=date.year, next=date.year + 5)
        central = [c for c, d in CENTRAL if d < date]
        earlier = [p for p in rng.sample(issued, min(2, len(issued))) if p.date < date]
        cites = tuple((p.index, _style(rng, p, issuer)) for p in earlier)
        cited = rng.sample(central, min(2, len(central)))
        cited += [p.citation(style) for p, (_, style) in zip(earlier, cites, strict=True)]
        body = _body(rng, paragraphs, topic, issuer, cited)
        text = _text(rng, issuer, heading, number, date, title, body)
        sources.append(
            Source(
                f"{i:05d}.txt",
                text,
                topic,
                title,
                date.year,
                issuer.name,
                issuer.province,
                issuer.level,
                number,
                cites,
            )
        )
        kind = heading.capitalize() if heading else "Công văn"
        issued.append(_Issued(i, issuer, kind, number, date))
    return sources


def _free_number(rng: random.Random, used: set, year: int, issuer: Issuer, code) -> int:
    """A number this issuer has not given a text of this type this year: drawn from NUMBERS,
    and once all of those are taken (tens of thousands of texts), the next one after them."""

    def taken(n: int) -> bool:
        return (year, issuer.name, issuer.number(n, code)) in used

    if all(taken(n) for n in NUMBERS):
        n = max(NUMBERS) + 1
        while taken(n):
            n += 1
        return n
    n = rng.choice(NUMBERS)
    while taken(n):
        n = rng.choice(NUMBERS)
    return n


def _style(rng: random.Random, cited: _Issued, citing: Issuer) -> str:
    """How a text names an earlier one's issuer: in full, or, in the same province and for a
    province's body, by its bare unit or not at all."""
    if cited.issuer.province != citing.province or cited.issuer.level != "province":
        return "named"
    return rng.choice(["named", "bare", "unnamed"])


def _draw_type(rng: random.Random) -> tuple[str | None, str | None]:
    heading, code, _ = rng.choices(TYPES, weights=[w for *_, w in TYPES])[0]
    return heading, code


def _body(
    rng: random.Random, paragraphs: list[str], topic: str, issuer: Issuer, cited: list[str]
) -> list[str]:
    """Opening that cites other texts, then sections of numbered seed paragraphs."""
    phrase = TOPIC_PHRASES[topic]
    opening = "Thực hiện " + "; ".join(cited) if cited else "Căn cứ chức năng, nhiệm vụ được giao"
    out = [f"{opening}, {issuer.name} triển khai công tác {phrase} như sau:"]
    province = next(f"{k} {n}" for n, k, _ in PROVINCES if n == issuer.province)
    for section in SECTIONS:
        out.append(section)
        for n in range(1, rng.randrange(2, 9)):
            # a seed's own province ("Nhân dân tỉnh Đồng Nai") reads as this text's
            out.append(f"{n}. {SEED_PROVINCE.sub(province, rng.choice(paragraphs))}")
        out.append(f"Tiếp tục nâng cao hiệu quả công tác {phrase} trên địa bàn {province}.")
    return out


def _text(
    rng: random.Random,
    issuer: Issuer,
    heading: str | None,
    number: str,
    date: dt.date,
    title: str,
    body: list[str],
) -> str:
    signer = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
    label = "Số " if issuer.party else "Số: "
    lines = [*issuer.block, "", label + number]
    if heading is None:
        lines.append("V/v " + title[0].lower() + title[1:])
    lines += ["", *issuer.national, "", f"{issuer.place}, ngày {date.day} tháng {date.month} năm "]
    lines[-1] += str(date.year)
    if heading is None:
        lines += ["", "Kính gửi: - Các sở, ban, ngành, đoàn thể;", "- Các huyện, thành phố."]
    else:
        lines += ["", heading, "", title]
    lines += ["", *(p for paragraph in body for p in (paragraph, ""))]
    lines += ["Nơi nhận:", "- Như trên;", "- Thường trực cấp ủy (để b/c);", "- Lưu: VT.", ""]
    lines += [*issuer.signature, "", signer, ""]
    return "\n".join(lines)


# --- the project ---------------------------------------------------------------------------


def scaffold(repo: Path, root: Path) -> None:
    """A project at `root` with the repository's configuration, theme and editorial pages, and
    no directives: those come from the synthetic corpus."""
    for name in PROJECT_FILES:
        source = repo / name
        if source.is_dir():
            shutil.copytree(source, root / name)
        else:
            shutil.copy2(source, root / name)
    docs = repo / "content" / "docs"
    shutil.copytree(docs, root / "content" / "docs", ignore=_skip_documents(docs))
    (root / "content" / "docs" / DOCUMENTS_DIR).mkdir(parents=True, exist_ok=True)
    (root / "content" / "sources").mkdir(parents=True, exist_ok=True)


def _skip_documents(docs: Path):
    def ignore(folder: str, names: list[str]) -> list[str]:
        return [DOCUMENTS_DIR] if Path(folder) == docs else []

    return ignore


def english_paragraphs(repo: Path) -> list[str]:
    """Prose paragraphs of the repository's English translations, to make synthetic ones."""
    out = []
    for path in sorted((repo / "content" / "docs" / DOCUMENTS_DIR).glob(f"*{EN_SUFFIX}")):
        body = frontmatter.parse(path.read_text(encoding="utf-8")).body
        for block in body.split("\n\n"):
            text = LEAD_MARKER.sub("", block.strip())
            if len(text) >= PROSE_MIN and "\n" not in text:
                out.append(text)
    return out or ["This directive sets out the tasks of the year for every body concerned."]


def write_documents(
    root: Path,
    sources: list[Source],
    conversions: list[Conversion],
    english: list[str],
    seed: int,
    slugs: list[str] | None = None,
) -> list[Path]:
    """Write each source, its Markdown (at the address `portal add` would give it, filling
    `slugs` in the order of `sources`), and for one in ten an English translation recording the
    right `translation_of`; returns the translated documents' Markdown paths."""
    from ..commands.placement import place

    rng = random.Random(seed + 1)
    docs = root / "content" / "docs" / DOCUMENTS_DIR
    docs.mkdir(parents=True, exist_ok=True)
    translated = []
    for source, conversion in zip(sources, conversions, strict=True):
        kept = root / "content" / "sources" / source.name
        kept.write_text(source.text, encoding="utf-8")
        path = place(conversion, docs, kept, force=False).path
        if path is None:
            raise FileExistsError(f"{source.name}: the same document is in the corpus twice")
        if slugs is not None:
            slugs.append(path.stem)
        text = conversion.document()
        path.write_text(text, encoding="utf-8")
        if rng.random() < TRANSLATED_SHARE:
            written = frontmatter.parse(text)
            marker = content_hash(written.meta["title"], written.body)
            body = "\n\n".join(rng.sample(english, min(len(english), rng.randrange(3, 9))))
            meta = {
                "title": f"Plan for {TOPICS_EN[source.topic]} ({source.year})",
                "translation_of": marker,
                "translator": "Benchmark corpus",
            }
            en = docs / f"{path.stem}{EN_SUFFIX}"
            en.write_text(frontmatter.dump(meta, body + "\n"), encoding="utf-8")
            translated.append(path)
    return translated
