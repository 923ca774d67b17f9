"""Who issued a document and where: the scope (central, a province, a district, a commune) of an
issuing body, read from its name, its place line and its text, and the identity it gives a
document (issuer + number + year) and a citation (number + the issuer's scope).

The same number recurs in every province and district ("01/KH-UBND" of 2024 exists in each), so
nothing in the portal is matched by number alone: a citation names its issuer ("của Ủy ban nhân
dân tỉnh Sơn La"), or says "tỉnh"/"Tỉnh ủy" without a name, which means the citing document's
own province; the centre's bodies have no province.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from .slugs import SHORT, fold, slugify

CENTRAL = "central"

#: Cities directly under the centre: "thành phố Đà Nẵng" is a province, "thành phố Tam Kỳ" not.
PROVINCIAL_CITIES = {"ha noi", "ho chi minh", "hai phong", "da nang", "can tho", "hue"}
#: Unit words (folded, lower case) and the level of the body they name.
UNIT_LEVELS = {
    "tinh": "province",
    "thanh pho": "city",  # province or district: see PROVINCIAL_CITIES
    "huyen": "district",
    "quan": "district",
    "thi xa": "district",
    "xa": "commune",
    "phuong": "commune",
    "thi tran": "commune",
    "dac khu": "commune",
}
COMMITTEE_LEVELS = {
    "tinh uy": "province",
    "thanh uy": "city",
    "huyen uy": "district",
    "quan uy": "district",
    "thi uy": "district",
}
UNIT_WORDS = "|".join(sorted(UNIT_LEVELS, key=len, reverse=True))
COMMITTEE_WORDS = "|".join(sorted(COMMITTEE_LEVELS, key=len, reverse=True))
#: A place name after a unit word: capitalised syllables ("tỉnh Bà Rịa - Vũng Tàu"), matched in
#: folded text, which keeps its case ("tỉnh Sơn La" -> "tinh Son La").
PLACE = r"((?:[A-Z]\w*|\d+)(?:(?:[ ]+|[ ]*-[ ]*)(?:[A-Z]\w*|\d+))*)"
UNIT_NAMED = re.compile(rf"(?<!\w)(?i:({COMMITTEE_WORDS}|{UNIT_WORDS}))[ ]+{PLACE}")
UNIT_BARE = re.compile(rf"(?<!\w)({COMMITTEE_WORDS}|{UNIT_WORDS})(?!\w)")
#: Words after a unit that are not a place ("tỉnh Ủy", "Tỉnh ủy Ban ...", "xã Hội").
NOT_PLACE = {"uy", "hoi", "ban", "doan", "va", "tw"}
#: "của <a body>" just before a unit: the unit is a cited document's issuer's, not the text's.
CITED_ISSUER = re.compile(r"\bcua [^.,;:\n]*$", re.IGNORECASE)
#: A capitalised word after a unit that starts a document type, not a place ("Tỉnh ủy Kế hoạch").
TYPE_STARTS = re.compile(
    r"^(ke hoach|chi thi|nghi quyet|cong van|huong dan|thong tri|thong bao|quyet dinh|bao cao|"
    r"chuong trinh|de an|ket luan|van ban|to trinh|cac|trong|tren)\b"
)
#: Bodies of the centre, by words of their name (folded, lower case).
CENTRAL_NAMES = re.compile(
    r"\b(ban bi thu|bo chinh tri|chinh phu|thu tuong|quoc hoi|trung uong|chu tich nuoc|"
    r"ban chap hanh trung uong|tw|ubtvqh|mttw|uy ban thuong vu quoc hoi|quoc gia)\b"
)
#: A ministry or its department: "Bộ Ngoại giao", "Cục Hóa chất" (not "Bộ Chỉ huy quân sự tỉnh").
MINISTRY = re.compile(r"^(bo|cuc|tong cuc|vu)\s+(?!chi huy)")
#: Number codes of the centre: "12-CT/TW", "01/CT-TTg", "30/2020/NĐ-CP", "85/2015/QH13".
CENTRAL_CODE = re.compile(
    r"(?:^|[/-])(?:TW|TTG|CP|QH\d*|[A-ZĐ]*TW|UBTVQH\d*)(?:$|[/-])"
    r"|/\d{4}/TT(?:LT)?-"  # a Thông tư ("21/2025/TT-BNV"): only ministries issue them
)
#: Abbreviations citing texts use for issuing bodies, expanded to compare names.
ABBREVIATIONS = [
    (re.compile(r"\bubmttq(vn)?\b"), "uy ban mat tran to quoc viet nam"),
    (re.compile(r"\bmttq\b"), "mat tran to quoc"),
    (re.compile(r"\bubnd\b"), "uy ban nhan dan"),
    (re.compile(r"\bhdnd\b"), "hoi dong nhan dan"),
    (re.compile(r"\bbtv\b"), "ban thuong vu"),
    (re.compile(r"\bbtt\b"), "ban thuong truc"),
    (re.compile(r"\bban tg\b"), "ban tuyen giao"),
]
#: Provincial newspapers and radio are named after their province: "Báo Đồng Nai".
PRESS = re.compile(r"\b(?:Bao|Dai PT-TH|Dai Phat thanh va Truyen hinh)[ ]+" + PLACE)


@dataclass(frozen=True)
class Scope:
    """Where an issuing body sits: its level, province ('central' for the centre) and, below the
    province, its district or commune. Any part may be unknown (None)."""

    level: str | None = None
    province: str | None = None
    locality: str | None = None

    @property
    def key(self) -> str:
        """Stable ASCII form: 'central', 'dong-nai', 'quang-nam/tam-ky', '' when unknown."""
        if self.level == CENTRAL:
            return CENTRAL
        parts = [slugify(self.province or "", 12), slugify(self.locality or "", 12)]
        return "/".join(p for p in parts if p) if parts[0] or parts[1] else ""


def _folded(text: str) -> str:
    return _folded_short(text) if len(text) <= SHORT else _fold_words(text)


def _fold_words(text: str) -> str:
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())


_folded_short = functools.lru_cache(maxsize=1 << 14)(_fold_words)  # names and places, once


def _level_of(unit: str, place: str | None) -> str:
    level = UNIT_LEVELS.get(unit) or COMMITTEE_LEVELS.get(unit) or "province"
    if level == "city":
        return "province" if place and _folded(place).lower() in PROVINCIAL_CITIES else "district"
    return level


def _named_units(text: str, own_only: bool = False) -> list[tuple[str, str, str]]:
    """(unit, level, place in its written form) for each unit named with its place; with
    `own_only`, not those in a cited issuer's name ("... của Ủy ban nhân dân tỉnh Đồng Nai")."""
    original = re.sub(r"[ \t]+", " ", unicodedata.normalize("NFC", text))
    folded = fold(original)
    if len(folded) != len(original):  # folding keeps lengths of Vietnamese text; else give up
        return []
    out = []
    for found in UNIT_NAMED.finditer(folded):
        unit = " ".join(found.group(1).lower().split())
        if TYPE_STARTS.match(folded[found.start(2) : found.start(2) + 24].lower()):
            continue
        if own_only and CITED_ISSUER.search(folded[max(0, found.start() - 80) : found.start()]):
            continue
        kept = []
        for word in found.group(2).split(" "):
            if word.lower() in NOT_PLACE:
                break
            kept.append(word)
        place = original[found.start(2) : found.start(2) + len(" ".join(kept))].strip(" -")
        if place:
            out.append((unit, _level_of(unit, fold(place)), place))
    return out


def named_places(name: str) -> list[str]:
    """The places a body's name gives, folded: "UBND tỉnh Sơn La" -> ["son la"]."""
    return [fold(place).lower() for _u, _l, place in _named_units(name)]


def is_central(name: str | None, number: str | None = None) -> bool:
    """A body of the centre, by its name, or by the number's code when the name is not given."""
    if name:
        lowered = _folded(name).lower()
        return bool(CENTRAL_NAMES.search(lowered) or MINISTRY.match(lowered))
    return bool(number and CENTRAL_CODE.search(_folded(number).upper()))


def issuer_scope(
    issuer: str, place: str | None = None, text: str = "", distribution: tuple = ()
) -> Scope:
    """The scope of a document's own issuer: its name first, then the date line's place, the
    body's "tỉnh X", the provincial press it is sent to (what the text gives, in that order)."""
    if is_central(issuer) and not _named_units(issuer):
        return Scope(CENTRAL, CENTRAL)
    units = _named_units(issuer)
    province = locality = None
    level = None
    for _unit, unit_level, name in units:
        if unit_level == "province" and province is None:
            province = name
            level = level or "province"
        elif unit_level in ("district", "commune"):
            locality, level = name, unit_level
    said = _province_in_text(text)
    if level is None:
        bare = UNIT_BARE.search(_folded(issuer).lower())
        if bare:
            level = _level_of(bare.group(1).lower(), place)
            if level in ("district", "commune") and place:
                locality = place
    if level == "province" and province is None and not units:
        # the date line of a province's body often names its capital ("Tam Kỳ" for Quảng
        # Nam): a province the text itself names again and again comes first
        province = said[0] if said and (said[1] >= 2 or not place) else place
    if province is None:
        province = (said[0] if said else None) or _province_in_press(distribution)
    return Scope(level, province, locality)


def _province_in_text(text: str) -> tuple[str, int] | None:
    """The province the body names most often ("trên địa bàn tỉnh Sơn La"), and how often."""
    counts: Counter = Counter()
    first: dict[str, int] = {}
    for i, (_unit, level, name) in enumerate(_named_units(text, own_only=True)):
        if level == "province":
            counts[name] += 1
            first.setdefault(name, i)
    if not counts:
        return None
    best = min(counts, key=lambda n: (-counts[n], first[n]))
    return best, counts[best]


def _province_in_press(distribution: tuple) -> str | None:
    for line in distribution:
        written = " ".join(unicodedata.normalize("NFC", line).split())
        found = PRESS.search(fold(written))
        if found and len(fold(written)) == len(written):
            return written[found.start(1) : found.end(1)]
    return None


def cited_scope(issuer: str | None, number: str, citing: Scope) -> Scope:
    """The scope of a cited document's issuer as the citing text names it. "tỉnh", "Tỉnh ủy"
    without a name is the citing document's province; no issuer at all is the centre when the
    number's code is the centre's, else the citing document's province (level unknown)."""
    if issuer is None:
        if is_central(None, number):
            return Scope(CENTRAL, CENTRAL)
        return Scope(None, citing.province if citing.level != CENTRAL else None)
    if is_central(issuer) and not _named_units(issuer):
        return Scope(CENTRAL, CENTRAL)
    units = _named_units(issuer)
    if units:
        below = [u for u in units if u[1] in ("district", "commune")]
        _unit, level, name = (below or units)[-1]
        if level == "province":
            return Scope("province", name)
        # "Thành ủy Tam Kỳ" names its place, not its province: unknown unless written too
        province = next((n for _u, lv, n in units if lv == "province"), None)
        return Scope(level, province, name)
    bare = UNIT_BARE.search(_folded(issuer).lower())
    if bare:
        # a bare "Thành ủy" is a province's when the citing text is a provincial city's
        level = _level_of(bare.group(1).lower(), _folded(citing.province or ""))
        if level == "province" or (level == "district" and citing.level == "province"):
            # "Thành ủy" cited by a province's text is the provincial city's own: unknown here.
            return Scope("province", citing.province) if level == "province" else Scope(level)
        if level == citing.level:
            return Scope(level, citing.province, citing.locality)
        return Scope(level, citing.province)
    return Scope(None, citing.province if citing.level != CENTRAL else None)


def body_kind(issuer: str | None) -> str:
    """An issuer's name without its place, abbreviations spelled out, folded: what two texts
    naming the same body share ("UBND tỉnh Sơn La" and "Ủy ban nhân dân tỉnh" -> the same)."""
    if not issuer:
        return ""
    text = _folded(issuer).lower()
    for pattern, written in ABBREVIATIONS:
        text = pattern.sub(written, text)
    text = re.sub(rf"\b({COMMITTEE_WORDS}|{UNIT_WORDS})\b.*$", r"\1", text)
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", text).split())


def same_body(a: str | None, b: str | None) -> bool:
    """Whether two names can be the same body: equal once placeless, or one the other's tail
    ("Tỉnh ủy" and "Ban Thường vụ Tỉnh ủy", which signs for it)."""
    ka, kb = body_kind(a), body_kind(b)
    if not ka or not kb:
        return True
    return ka == kb or ka.endswith(" " + kb) or kb.endswith(" " + ka)


def number_key(number: str) -> str:
    """Numbers compare without spaces, en dashes and case: "97 /HD-MTTW-BTT" = "97/HD-MTTW-BTT"."""
    text = unicodedata.normalize("NFC", number).replace("–", "-")
    # "Số: 01/KH-UBND" and "Kế hoạch số 1/KH-UBND" are the same number
    return re.sub(r"^0+(?=\d)", "", re.sub(r"\s+", "", text).rstrip(".-/&").upper())


def missing_province(issuer: str, scope: Scope) -> str | None:
    """The province the issuer's name leaves out ("Ban Tuyên giáo Tỉnh ủy"), when known."""
    if not scope.province or scope.level == CENTRAL or scope.province == CENTRAL:
        return None
    return None if _folded(scope.province).lower() in _folded(issuer).lower() else scope.province


def full_issuer(issuer: str, scope: Scope) -> str:
    """The issuer as the archive lists it: with its province when the name lacks it."""
    province = missing_province(issuer, scope)
    return f"{issuer} ({province})" if province else issuer
