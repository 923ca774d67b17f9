"""Documents a directive cites: "Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư".

Used by the converter for the `references` front-matter key and by other parts of the site
(cross-links between directives), hence the one public function `extract_references`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace

from .. import model
from ..identity import is_central, named_places, same_body
from .dates import parse_inline_date
from .patterns import key

#: Types of document that are cited by number (longest first, so "Nghị quyết liên tịch" wins).
CITED_TYPES = sorted(
    [
        "Chỉ thị",
        "Kế hoạch",
        "Nghị quyết liên tịch",
        "Nghị quyết",
        "Kết luận",
        "Công văn",
        "Văn bản",
        "Hướng dẫn",
        "Thông tri",
        "Thông tư liên tịch",
        "Thông tư",
        "Nghị định",
        "Quyết định",
        "Luật",
        "Bộ luật",
        "Pháp lệnh",
        "Thông báo",
        "Báo cáo",
        "Tờ trình",
        "Chương trình",
        "Quy chế",
        "Quy định",
        "Đề án",
        "Điều lệ",
        "Công điện",
        "Hiến pháp",
    ],
    key=len,
    reverse=True,
)
TYPE_WORDS = "|".join(re.escape(t) for t in CITED_TYPES)
#: A document number: digits, then code segments with at least one upper-case letter,
#: tolerating the stray spaces of real texts ("97 /HD-MTTW-BTT", "21/2025/TT - BNV").
CODE = r"(?:[A-ZĐ0-9]{2,}[a-zđ]{0,2}[A-ZĐ0-9&]*|[A-ZĐ](?![\wĐđ]))"
SEPARATOR = r"(?:[ \t]*/[ \t]*|-[ \t]*|[ \t]+-[ \t]*)"
NUMBER = rf"\d{{1,5}}(?:[ \t]*/[ \t]*\d{{4}})?[ \t]*[-/][ \t]*{CODE}(?:{SEPARATOR}{CODE})*"
#: "Chỉ thị số 12-CT/TW", "Nghị quyết 40/NQ-HĐBCQG", "... số 85/2015/QH13".
CITATION = re.compile(
    rf"(?:(?P<type>(?i:{TYPE_WORDS}))[ \t]+(?:(?i:số)[ \t]*)?|(?i:số)[ \t]*)(?P<number>{NUMBER})"
)
#: "ngày 05/01/2022", "ngày 26 tháng 9 năm 2025", after the number and optional comma.
AFTER_DATE = re.compile(r"\s*,?\s*(?=ng[àa]y\s*\d)")
DATE_TEXT = re.compile(r"ng[àa]y\s*[\d/.\-]+(?:\s*tháng\s*\d+\s*năm\s*\d{4})?")
#: "của Ban Bí thư": the issuer, up to where the sentence moves on.
ISSUER = re.compile(
    r"\s*,?\s*của\s+(?P<issuer>[^,;.()\n“”\"]+?)(?=\s+(?:về|Về|V/v|quy định|hướng dẫn|ban hành|"
    r"thực hiện|triển khai|tại|đã|trong|khóa|khoá|nhiệm kỳ|đến|gửi)\b"
    r"|\s+và\s+(?=[a-zđà-ỹ])|[,;.()\n“”\"]|$)"
)
#: A title in quotes right after "về": về “Tiếp tục nâng cao ...”.
QUOTED_TITLE = re.compile(r"\s*về\s+[“\"](?P<title>[^”\"\n]{3,300})[”\"]")
#: A law type a few words before a bare "số": "Luật Bầu cử ... số 85/2015/QH13".
LAW_BEFORE = re.compile(rf"\b(?P<type>{TYPE_WORDS})\b")
#: "mẫu số 01/BCĐBQH-MT" (also typed "Mau số"): a form, not a document.
NOT_A_CITATION = re.compile(r"\bMAU\s*$")
TRAILING = re.compile(r"[.\-/&]+$")
MAX_ISSUER_WORDS = 14


#: Words between two citations (or from the sentence start) that say what the citing text does
#: with the next one: "Thực hiện", "Triển khai thực hiện", "Căn cứ", "thay thế".
RELATION_WORDS = [
    ("replaces", re.compile(r"\bthay\s+thế\b", re.IGNORECASE)),
    ("based_on", re.compile(r"\bcăn\s+cứ\b", re.IGNORECASE)),
    ("implements", re.compile(r"\b(?:thực\s+hiện|triển\s+khai)\b", re.IGNORECASE)),
]
#: At most this many words between the relation's words and the citation ("triển khai thực
#: hiện đạt hiệu quả Thông tri ..."); farther, they are about something else.
RELATION_REACH = 4
#: A gap that only continues a list of citations ("; ", ", ", " và "): same relation as before.
LIST_GAP = re.compile(r"^\s*(?:[,;]|và)?\s*$")
#: "... về (triển khai) thực hiện <next citation>": the cited document implements the next one.
ABOUT_IMPLEMENTING = re.compile(
    r"^\s*,?\s*về\s+(?:việc\s+)?(?:tiếp\s+tục\s+)?(?:triển\s+khai\s+)?(?:thực\s+hiện|triển\s+khai)"
    r"\s*$",
    re.IGNORECASE,
)
SENTENCE_END = re.compile(r"[.;:\n](?=\s|$)")


@dataclass
class _Mention:
    """One citation in the text, where it is and what it says."""

    key: str
    start: int
    end: int  # after its date and issuer: where a "về ..." subject would start
    reference: model.Reference
    quoted_title: str | None


def extract_references(
    text: str, own_number: str | None, own_year: int | None = None
) -> list[model.Reference]:
    """Every document cited in `text`, once each (first mention, completed by later ones),
    without the document itself (its number, unless dated another year than `own_year`), with
    what the text does with it (`relation`) and what it says the cited document implements
    (`implements`)."""
    own = _number_key(own_number) if own_number else None
    mentions = [
        m
        for m in _mentions(text, None)
        if m.key != own or (own_year and m.reference.date and m.reference.date.year != own_year)
    ]
    implements: dict[str, str] = {}
    previous: _Mention | None = None
    relation: str | None = None
    for mention in mentions:
        gap_start = previous.end if previous else 0
        gap = text[gap_start : mention.start]
        cut = list(SENTENCE_END.finditer(gap))
        if previous is not None and not cut and ABOUT_IMPLEMENTING.match(gap):
            implements.setdefault(previous.key, mention.reference.number)
            relation = None  # the previous document implements this one; the text does not
        elif previous is not None and LIST_GAP.match(gap):
            pass  # "Thực hiện A; B và C": the same relation goes on
        else:
            clause = gap[cut[-1].end() :] if cut else gap
            relation = _relation(clause)
        mention.reference = replace(mention.reference, relation=relation)
        previous = mention
    found: dict[str, model.Reference] = {}
    for mention in mentions:
        title = _title_of(mention, mentions, implements, text)
        _merge(
            found,
            replace(mention.reference, title=title, implements=implements.get(mention.key)),
        )
    return list(found.values())


def _relation(clause: str) -> str | None:
    for name, words in RELATION_WORDS:
        said = list(words.finditer(clause))
        if not said:
            continue
        rest = clause[said[-1].end() :]
        law = LAW_BEFORE.search(rest)  # "Căn cứ Luật Bầu cử ... số 85/2015/QH13"
        if len((rest[: law.start()] if law else rest).split()) <= RELATION_REACH:
            return name
    return None


def _mentions(text: str, own: str | None) -> list[_Mention]:
    out = []
    for cite in CITATION.finditer(text):
        number = _clean_number(cite.group("number"))
        if not re.search(r"[A-ZĐ]", number) or _number_key(number) == own:
            continue
        if NOT_A_CITATION.search(key(text[max(0, cite.start() - 8) : cite.start()])):
            continue
        doc_type = cite.group("type")
        if doc_type is None:
            doc_type = _type_before(text, cite.start())
        rest_at = cite.end()
        date = None
        after = AFTER_DATE.match(text, rest_at)
        if after:
            date = parse_inline_date(text[after.end() : after.end() + 40])
            skip = DATE_TEXT.match(text, after.end())
            rest_at = skip.end() if skip else after.end()
        issuer_match = ISSUER.match(text, rest_at)
        issuer = None
        if issuer_match:
            issuer = " ".join(issuer_match.group("issuer").split())
            if len(issuer.split()) > MAX_ISSUER_WORDS or not issuer[:1].isupper():
                issuer = None
            else:
                rest_at = issuer_match.end()
        title_match = QUOTED_TITLE.match(text, rest_at)
        reference = model.Reference(
            number=number,
            doc_type=_sentence_case(doc_type) if doc_type else None,
            date=date,
            issuer=issuer,
        )
        quoted = " ".join(title_match.group("title").split()) if title_match else None
        out.append(_Mention(_number_key(number), cite.start(), rest_at, reference, quoted))
    return out


def _folded_words(text: str) -> str:
    return " ".join(re.sub(r"[“”\"]", " ", text).lower().split())


def _title_of(
    mention: _Mention, mentions: list[_Mention], implements: dict[str, str], text: str
) -> str | None:
    """A quoted title after a citation is its own, unless the text writes the same words after
    a citation of another document ("Thông tri 01 về thực hiện Chỉ thị 12 ...; Thông tri 01 về
    “<the title of Chỉ thị 12>”"): then they are that document's title, not this one's."""
    title = mention.quoted_title
    if title is None:
        return None
    words = _folded_words(title)
    for other in mentions:
        if other.key == mention.key:
            continue
        after = _folded_words(text[other.end : other.end + len(title) + 40])
        if after.startswith("về " + words) or after.startswith("về việc " + words):
            return None
    parent = implements.get(mention.key)
    if parent and any(
        other.key == _number_key(parent) and other.quoted_title == title for other in mentions
    ):
        return None
    return title


def _type_before(text: str, at: int) -> str | None:
    """The nearest capitalised type word in the same clause: "Luật Bầu cử ... số 85/2015/QH13"."""
    window = text[max(0, at - 120) : at]
    window = re.split(r"[.;,\n]", window)[-1]
    types = [m.group("type") for m in LAW_BEFORE.finditer(window)]
    return types[-1] if types else None


def _clean_number(raw: str) -> str:
    number = model.normalise_number(raw)
    return TRAILING.sub("", number)


def _number_key(number: str) -> str:
    """Numbers compare without spaces, en dashes and case: "97 /HD-MTTW-BTT" = "97/HD-MTTW-BTT"."""
    text = unicodedata.normalize("NFC", number).replace("–", "-")
    return _clean_number(text).upper()


def _sentence_case(doc_type: str) -> str:
    return doc_type[:1].upper() + doc_type[1:].lower()


def _different(a: model.Reference, b: model.Reference) -> bool:
    """Two mentions of a number that cannot be one document: other dates, or other issuers
    ("9-KH/BTGTU ... của Ban Tuyên giáo Tỉnh ủy Nghệ An" and "9-KH/BTGTU ... của Ban Tuyên giáo
    Tỉnh ủy", the citing province's own)."""
    if a.date and b.date and a.date != b.date:
        return True
    if a.issuer and b.issuer and not is_central(None, a.number):  # the centre's are unique
        return not same_body(a.issuer, b.issuer) or named_places(a.issuer) != named_places(b.issuer)
    return False


def _merge(found: dict[str, model.Reference], new: model.Reference) -> None:
    """First mention wins; a later one only fills in what the first did not say. The same
    number of another document (another date or issuer) is a reference of its own."""
    base = _number_key(new.number)
    k, n = base, 1
    while k in found and _different(found[k], new):
        n += 1
        k = f"{base}#{n}"
    old = found.get(k)
    if old is None:
        found[k] = new
        return
    found[k] = model.Reference(
        number=old.number,
        doc_type=old.doc_type or new.doc_type,
        date=old.date or new.date,
        issuer=old.issuer or new.issuer,
        title=old.title or new.title,
        relation=old.relation or new.relation,
        implements=old.implements or new.implements,
    )
