"""The issuing body, named as a reader names it: "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh
Đồng Nai" from the upper-case header lines ỦY BAN MTTQ VIỆT NAM / TỈNH ĐỒNG NAI / BAN THƯỜNG
TRỰC, or, when the text has no header block, from the signature and the body's own words.

Upper-case header lines lose the capitalisation rules of Vietnamese body names (Nghị định
30/2020/NĐ-CP): the type word and the first syllable of a specific name are capitalised,
generic words are not, place names and proper names are. Where the body spells the same
name, its spelling wins.
"""

from __future__ import annotations

import re
from collections import Counter

from .patterns import key

#: Administrative units, upper-case ASCII key -> written form.
UNITS = {
    "TINH": "tỉnh",
    "THANH PHO": "thành phố",
    "HUYEN": "huyện",
    "QUAN": "quận",
    "THI XA": "thị xã",
    "XA": "xã",
    "PHUONG": "phường",
    "THI TRAN": "thị trấn",
    "DAC KHU": "đặc khu",
}
#: "TỈNH ĐỒNG NAI": a unit word and a place; not "XÃ HỘI", not "TỈNH ỦY" (a Party committee).
UNIT_AT = re.compile(
    r"(?:^|\s)(" + "|".join(sorted(UNITS, key=len, reverse=True)) + r")\s+(?!HOI\b|UY\b)(?=\S)"
)
#: Party committees named by their unit, written with the place right after.
COMMITTEES = {
    "TINH UY": "Tỉnh ủy",
    "THANH UY": "Thành ủy",
    "HUYEN UY": "Huyện ủy",
    "QUAN UY": "Quận ủy",
    "THI UY": "Thị ủy",
    "DANG UY": "Đảng ủy",
}
#: Which committee leads a Party organisation (Đảng bộ) of each unit.
PARTY_COMMITTEE = {
    "TINH": "Tỉnh ủy",
    "THANH PHO": "Thành ủy",
    "HUYEN": "Huyện ủy",
    "QUAN": "Quận ủy",
    "THI XA": "Thị ủy",
}
#: Fixed phrases with their official spelling (upper-case ASCII key -> written form).
PHRASES = {
    "UY BAN NHAN DAN": "Ủy ban nhân dân",
    "HOI DONG NHAN DAN": "Hội đồng nhân dân",
    "MAT TRAN TO QUOC": "Mặt trận Tổ quốc",
    "VIET NAM": "Việt Nam",
    "TRUNG UONG": "Trung ương",
    "CONG THUONG": "Công Thương",
    "HO CHI MINH": "Hồ Chí Minh",
    "CONG SAN": "Cộng sản",
    "QUOC HOI": "Quốc hội",
    "CHINH PHU": "Chính phủ",
    "BO CHINH TRI": "Bộ Chính trị",
    "BAN BI THU": "Ban Bí thư",
    "BAN CHAP HANH": "Ban Chấp hành",
    "DANG": "Đảng",
    "NHA NUOC": "Nhà nước",
    "UY BAN": "Ủy ban",
    "UY BAN BAU CU": "Ủy ban bầu cử",
    "UY BAN KIEM TRA": "Ủy ban Kiểm tra",
    "THUONG TRUC": "Thường trực",
    "DANG BO": "Đảng bộ",
    "LIEN HIEP CAC TO CHUC HUU NGHI": "Liên hiệp các tổ chức hữu nghị",
}
#: Type words after which the first syllable of the specific name is capitalised.
HEADS = (
    "BAN",
    "SO",
    "BO",
    "CUC",
    "VU",
    "PHONG",
    "VAN PHONG",
    "HOI",
    "TONG CUC",
    "CHI CUC",
    "VIEN",
    "TRUNG TAM",
    "DAI",
    "BAO",
    "TRUONG",
    "DOAN",
    "LIEN DOAN",
    "NGAN HANG",
)
#: Organs that exist only inside a parent body, so the parent is part of their name.
STANDING_ORGANS = re.compile(
    r"^(BAN THUONG TRUC|THUONG TRUC|BAN THUONG VU|VAN PHONG|DANG DOAN|BAN CAN SU DANG|"
    r"UY BAN KIEM TRA|BAN (TUYEN GIAO|DAN VAN|TO CHUC|KIEM TRA|NOI CHINH|KINH TE|DOI NGOAI|"
    r"CHINH SACH|DAN CHU|PHONG TRAO|CONG TAC))\b"
)
#: A standing organ that already names its Party committee ("BAN THƯỜNG VỤ TỈNH ỦY").
NAMED_COMMITTEE = re.compile(r"\s(?:TINH|THANH|HUYEN|QUAN|THI|DANG)\s+UY$")
#: Organs named together with the unit of their parent: "Sở Ngoại vụ tỉnh Đồng Nai".
LOCAL_ORGANS = re.compile(r"^(SO|PHONG)\s")
#: Old tone placement on oa/oe/uy at the end of a syllable ("uỷ", "hoà") -> modern ("ủy", "hòa").
OLD_TONES = {
    "ỷ": "ỉ",
    "ý": "í",
    "ỳ": "ì",
    "ỹ": "ĩ",
    "ỵ": "ị",
    "à": "ò",
    "á": "ó",
    "ả": "ỏ",
    "ã": "õ",
    "ạ": "ọ",
    "è": "ò",
    "é": "ó",
    "ẻ": "ỏ",
    "ẽ": "õ",
    "ẹ": "ọ",
}
OLD_SPELLING = re.compile(r"(?<![qQ])([uUoO])([ỷýỳỹỵàáảãạèéẻẽẹỶÝỲỸỴÀÁẢÃẠÈÉẺẼẸ])(?!\w)")
VOWELS = set("AEIOUY")
#: Words that start a body's name in running text ("Ủy ban nhân dân tỉnh ban hành ...").
ORGAN_START = re.compile(
    r"^(Ban|Ủy ban|Uỷ ban|UBND|UBMTTQ|Sở|Cục|Thường trực|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|"
    r"Huyện ủy|Huyện uỷ|Đảng ủy|Đảng uỷ|Hội|Văn phòng|Bộ|Tiểu ban|Liên hiệp|Đoàn|Phòng)\b"
)
#: Verbs with which a document's issuer says what it does ("..., Ban Tuyên giáo Tỉnh ủy hướng dẫn").
SELF_VERBS = re.compile(
    r"\s(ban hành|xây dựng|hướng dẫn|thông báo|quyết định|chỉ thị|đề nghị|yêu cầu|chỉ đạo|"
    r"báo cáo|trân trọng)\b"
)
CLAUSE_BREAK = re.compile(r"[.,;:()\n\[\]“”\"]")
BARE_UNIT = re.compile(r"\s(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn)$")
AUTHORITY_PREFIX = re.compile(r"^(?:\*\*)?\s*(?:T\s*/?\s*M|K\s*/?\s*T|T\s*/?\s*L|TUQ|Q)\s*[./]?\s*")
POSITION_WORDS = re.compile(
    r"^(PHO\s+)?(CHU TICH|TRUONG|GIAM DOC|BI THU|CUC TRUONG|VU TRUONG|"
    r"THU TRUONG|TONG)\s*"
)


def modern_spelling(text: str) -> str:
    """ "UỶ BAN" -> "ỦY BAN", "hoà" -> "hòa": the tone mark on the main vowel."""

    def move(found: re.Match) -> str:
        glide, marked = found.group(1), found.group(2)
        lower = marked.lower()
        plain = {"ỷ": "y", "ý": "y", "ỳ": "y", "ỹ": "y", "ỵ": "y"}.get(lower)
        if plain:  # uỷ -> ủy: the mark moves onto the u
            tone = {"ỷ": "ủ", "ý": "ú", "ỳ": "ù", "ỹ": "ũ", "ỵ": "ụ"}[lower]
        else:  # oà -> òa, oè -> òe
            tone = OLD_TONES[lower]
            plain = {"à": "a", "á": "a", "ả": "a", "ã": "a", "ạ": "a"}.get(lower, "e")
        new_glide = tone if glide.islower() else tone.upper()
        new_vowel = plain if marked.islower() else plain.upper()
        return new_glide + new_vowel

    return OLD_SPELLING.sub(move, text)


#: A header line that ends on a linking word goes on over the next line
#: ("ỦY BAN NHÀ NƯỚC VỀ" / "NGƯỜI VIỆT NAM Ở NƯỚC NGOÀI").
LINKING_END = re.compile(r"\b(?:VE|VA|CUA|CHO|O|TAI|THUOC)$")


def compose_issuer(lines: list[str], body: str) -> str | None:
    """The issuer from the header's upper-case lines (parent body first, issuing organ last)."""
    entries: list[str] = []
    for line in (" ".join(modern_spelling(x).split()) for x in lines):
        if entries and (_is_unit_line(line) or LINKING_END.search(key(entries[-1]))):
            # "TỈNH ĐỒNG NAI" under its organ, or a name broken after "VỀ", "VÀ", "CỦA"
            entries[-1] = f"{entries[-1]} {line}"
        elif line:
            entries.append(line)
    if not entries:
        return None
    organ, parents = entries[-1], entries[:-1]
    organ_key = key(organ)
    if parents and STANDING_ORGANS.match(organ_key):
        # "BAN THƯỜNG VỤ TỈNH ỦY" under "ĐẢNG BỘ TỈNH X" names the committee once
        named = NAMED_COMMITTEE.search(organ_key)
        organ = organ[: named.start()].rstrip() if named else organ
        name = _joined(case_name(organ), _parent_name(parents[-1]))
    elif parents and LOCAL_ORGANS.match(organ_key) and not UNIT_AT.search(organ_key):
        unit = UNIT_AT.search(key(parents[-1]))
        name = case_name(organ) + (
            " " + case_name(parents[-1][unit.start(1) :], start=False) if unit else ""
        )
    else:
        name = case_name(organ)
    return spelled_as_in(name, body)


def _joined(organ: str, parent: str) -> str:
    """An organ and its parent, once: "Ban Tuyên giáo Tỉnh ủy" + "Tỉnh ủy Sơn La" ->
    "Ban Tuyên giáo Tỉnh ủy Sơn La" (the header wrote the committee on both lines)."""
    words, parent_words = organ.split(), parent.split()
    for n in range(min(len(words), len(parent_words)), 0, -1):
        if [key(w) for w in words[-n:]] == [key(w) for w in parent_words[:n]]:
            return " ".join(words + parent_words[n:])
    return f"{organ} {parent}"


def _is_unit_line(line: str) -> bool:
    found = UNIT_AT.match(key(line))
    return bool(found) and found.start(1) == 0


def _parent_name(parent: str) -> str:
    """The name a parent takes in its organ's name; a Party organisation by its committee."""
    k = key(parent)
    if k.startswith("DANG BO "):
        unit = UNIT_AT.search(k)
        if unit and unit.group(1) in PARTY_COMMITTEE:
            return f"{PARTY_COMMITTEE[unit.group(1)]} {_title_words(parent[unit.end() :])}"
        if unit:
            return "Đảng ủy " + case_name(parent[unit.start(1) :], start=False)
    return case_name(parent)


def case_name(upper: str, start: bool = True) -> str:
    """Capitalise an upper-case body name the Vietnamese way (`start`: it opens the name)."""
    words = upper.split()
    keys = [key(w) for w in words]
    out: list[str] = []
    i = 0
    place_from: int | None = None
    while i < len(words):
        if place_from is not None and i >= place_from:
            out.append(_title_word(words[i]))
            i += 1
            continue
        unit = next(
            (
                u
                for u in sorted(UNITS, key=len, reverse=True)
                if keys[i : i + len(u.split())] == u.split()
                and i + len(u.split()) < len(words)
                and keys[i + len(u.split())] not in ("HOI", "UY")
            ),
            None,
        )
        if unit and (i > 0 or not start):
            out.append(UNITS[unit])
            i += len(unit.split())
            place_from = i
            continue
        phrase = _longest_phrase(keys, i)
        if phrase:
            n, written = phrase
            committee = " ".join(keys[i : i + 2]) in COMMITTEES and n == 2
            out.append(written)
            i += n
            if committee and not (
                i < len(keys) and any(keys[i : i + len(u.split())] == u.split() for u in UNITS)
            ):
                place_from = i
            continue
        word = words[i]
        if _is_acronym(word):
            out.append(word)
        elif not out or (len(out) == 1 and keys[0] in HEADS) or _after_head(keys, i):
            out.append(_title_word(word))
        else:
            out.append(word.lower())
        i += 1
    if start and out and out[0][:1].islower():
        out[0] = out[0][:1].upper() + out[0][1:]
    return " ".join(out)


def _longest_phrase(keys: list[str], i: int) -> tuple[int, str] | None:
    for n in range(min(6, len(keys) - i), 0, -1):
        joined = " ".join(keys[i : i + n])
        if joined in PHRASES:
            return n, PHRASES[joined]
        if joined in COMMITTEES:
            return n, COMMITTEES[joined]
    return None


def _after_head(keys: list[str], i: int) -> bool:
    """The first syllable after a type word: "BAN THƯỜNG TRỰC" -> "Ban Thường trực"."""
    for head in HEADS:
        parts = head.split()
        start = i - len(parts)
        if start == 0 and keys[start:i] == parts:
            return True
    return False


def _is_acronym(word: str) -> bool:
    letters = [c for c in key(word) if c.isalpha()]
    return len(letters) >= 2 and (
        not VOWELS & set(letters) or key(word) in ("UBND", "UBMTTQ", "UBMTTQVN")
    )


def _title_word(word: str) -> str:
    return word if _is_acronym(word) else word[:1].upper() + word[1:].lower()


def _title_words(text: str) -> str:
    return " ".join(_title_word(w) for w in text.split())


def spelled_as_in(name: str, body: str) -> str:
    """The body's own spelling of a name when it writes it (most frequent, capitalised)."""
    pattern = re.compile(
        r"(?<!\w)" + r"\s+".join(re.escape(w) for w in name.split()) + r"(?!\w)", re.IGNORECASE
    )
    found = Counter(" ".join(m.group().split()) for m in pattern.finditer(modern_spelling(body)))
    usable = [(n, text) for text, n in found.items() if text[:1].isupper() and not text.isupper()]
    if not usable:
        return name
    return max(usable, key=lambda pair: pair[0])[1]


def authority_organ(sign_title: str | None) -> str | None:
    """The body a signature speaks for: "TM. ỦY BAN NHÂN DÂN" -> "ỦY BAN NHÂN DÂN",
    "KT. TRƯỞNG BAN" -> "BAN"."""
    if not sign_title:
        return None
    first = sign_title.split(" / ")[0]
    organ = AUTHORITY_PREFIX.sub("", first).strip()
    position = POSITION_WORDS.match(key(organ))
    if position and key(organ)[position.end() :].strip():
        organ = organ[position.end() :].strip()
    elif position:
        return None
    return organ or None


def infer_issuer(sign_title: str | None, text: str, place: str | None) -> tuple[str | None, int]:
    """The issuer of a text with no header block: its own words ("Ủy ban nhân dân tỉnh ban
    hành Kế hoạch") completed with the place, else the body the signature speaks for.

    Returns the name and the offset in `text` where it was found (-1 from the signature)."""
    organ = authority_organ(sign_title)
    organ_key = key(modern_spelling(organ)) if organ else None
    best: tuple[str, int] | None = None
    for verb in SELF_VERBS.finditer(text):
        start = max((m.end() for m in CLAUSE_BREAK.finditer(text, 0, verb.start())), default=0)
        subject = " ".join(text[start : verb.start()].split())
        if not ORGAN_START.match(subject) or not 1 < len(subject.split()) <= 14:
            continue
        candidate = (subject, start)
        if organ_key is None or organ_key in key(modern_spelling(subject)):
            best = candidate
            break
        best = best or candidate
    if best:
        subject, offset = best
        if place and BARE_UNIT.search(subject):
            subject = f"{subject} {place}"
        return modern_spelling(subject), offset
    if organ:
        name = case_name(modern_spelling(organ))
        return (f"{name} {place}" if place else name), -1
    return None, -1
