"""When a task is due: a date, a period or a recurrence, read from one sentence and resolved
against the directive's own date. What cannot be pinned to a date keeps only its words."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

_D = r"(?P<day>\d{1,2})"
#: "trước ngày 15/12/2023", "chậm nhất ngày 10/6", "trước 15/11", "ngày 30 tháng 6 năm 2024".
DATE = re.compile(
    r"(?:(?P<by>trước|chậm nhất(?: là)?|hoàn thành|hạn|trong|vào|đến|xong trước)\s+)?"
    r"(?:ngày\s+)?" + _D + r"\s*(?:/|-|\.|\s+tháng\s+)\s*(?P<month>\d{1,2})"
    r"(?:\s*(?:/|-|\.|\s+năm\s+)\s*(?P<year>\d{4}))?(?!\s*(?:/|\d))",
    re.IGNORECASE,
)
#: What a date without "trước", "chậm nhất"... belongs to when it follows one of these: the
#: date of a cited document ("Thông tri số 01-TT/TU ngày 14/4/2022"), not a deadline.
CITED_BEFORE = re.compile(
    r"(?:\bsố\b|\d+[/-][A-ZĐ]|\b(?:Luật|Chỉ thị|Kết luận|Nghị quyết|Nghị định|Kế hoạch|Quyết định|"
    r"Thông tri|Thông tư|Công văn|Hướng dẫn|Văn bản|Thông báo)\b)[^.;]{0,60}$"
)
ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}
#: "trong quý III", "Quý IV/2025", "quý I năm 2026".
QUARTER = re.compile(
    r"(?:(?:trong|trước|đến|hết|cuối)\s+)?quý\s+(?P<q>IV|III|II|I|[1-4])\b"
    r"(?:\s*(?:/|năm)\s*(?P<year>\d{4}))?",
    re.IGNORECASE,
)
#: "tháng 10/2024", "trong tháng 10 năm 2024" (not "6 tháng", a length).
MONTH = re.compile(
    r"(?:(?:trong|trước|đến|hết|cuối|từ)\s+)?(?<!\d\s)tháng\s+(?P<month>1[0-2]|0?[1-9])\b"
    r"(?:\s*(?:/|năm)\s*(?P<year>\d{4}))?",
    re.IGNORECASE,
)
#: "6 tháng đầu năm", "6 tháng cuối năm 2024".
HALF = re.compile(
    r"(?:(?:trong|trước)\s+)?6 tháng (?P<half>đầu|cuối) năm(?:\s+(?P<year>\d{4}))?",
    re.IGNORECASE,
)
#: "trước ngày 15 hằng tháng": a day of every month.
MONTH_DAY = re.compile(
    r"(?:trước|vào|chậm nhất)\s+ngày\s+(?P<day>\d{1,2})\s+(?:hằng|hàng|mỗi)\s+tháng",
    re.IGNORECASE,
)
#: "hàng tháng", "hằng quý", "định kỳ 6 tháng", "hằng năm", "hằng tuần".
RECURRENCE = re.compile(
    r"(?:định kỳ\s+)?(?:hằng|hàng|mỗi)\s+(?P<unit>tuần|tháng|quý|năm)\b", re.IGNORECASE
)
_PERIODIC = re.compile(r"định kỳ\s+\d{1,2}\s+tháng", re.IGNORECASE)
RRULES = {
    "tuần": "FREQ=WEEKLY",
    "tháng": "FREQ=MONTHLY",
    "quý": "FREQ=MONTHLY;INTERVAL=3",
    "năm": "FREQ=YEARLY",
}


@dataclass(frozen=True)
class Deadline:
    """The words of a deadline, and what they resolve to when they can."""

    text: str  # as written
    due: dt.date | None = None  # the last day, when the words pin one
    repeat: str | None = None  # an RFC 5545 RRULE without DTSTART


def _year(given: str | None, day: int, month: int, issued: dt.date | None, year: int | None):
    """A deadline's year: as written; else the directive's year, or the next one when the
    day would fall before the directive was issued (a December plan asking for 'ngày 10/1')."""
    if given:
        return int(given)
    if year is None:
        return None
    if issued and (month, day) < (issued.month, issued.day):
        return year + 1
    return year


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _last_day(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def find_deadline(sentence: str, issued: dt.date | None, year: int | None) -> Deadline | None:
    """The first deadline of a sentence, resolved where the text allows."""
    if issued is not None:
        year = issued.year
    found = MONTH_DAY.search(sentence)
    if found:
        day = int(found["day"])
        return Deadline(found[0], None, f"FREQ=MONTHLY;BYMONTHDAY={day}")
    found = next((f for f in DATE.finditer(sentence) if _is_deadline(f, sentence)), None)
    if found:
        day, month = int(found["day"]), int(found["month"])
        y = _year(found["year"], day, month, issued, year)
        due = _safe_date(y, month, day) if y else None
        repeat = _recurrence(sentence)
        return Deadline(found[0], due, repeat[1] if repeat else None)
    found = HALF.search(sentence)
    if found:
        y = int(found["year"]) if found["year"] else year
        month = 6 if found["half"].lower() == "đầu" else 12
        return Deadline(found[0], _last_day(y, month) if y else None)
    found = _last_of_range(QUARTER, sentence)
    if found and not re.match(r"(?:hằng|hàng|mỗi)\s", sentence[max(0, found.start() - 5) :]):
        quarter = ROMAN[found["q"].upper()]
        y = int(found["year"]) if found["year"] else year
        return Deadline(found[0], _last_day(y, quarter * 3) if y else None)
    found = _last_of_range(MONTH, sentence)
    if found:
        y = int(found["year"]) if found["year"] else None
        month = int(found["month"])
        if y is None and year is not None:
            y = year + 1 if issued and month < issued.month else year
        return Deadline(found[0], _last_day(y, month) if y else None)
    repeat = _recurrence(sentence)
    if repeat:
        return Deadline(repeat[0], None, repeat[1])
    return None


def _is_deadline(found: re.Match, sentence: str) -> bool:
    """'trước ngày 15/12' always; a bare 'ngày 30 tháng 6 năm 2024' unless it dates a cited
    document; a date without 'ngày' only after 'trước', 'chậm nhất'..."""
    if found["by"]:
        return not (found["by"].lower() in ("trong", "vào") and _cited(found, sentence))
    if not found[0].lower().startswith("ngày"):
        return False
    return not _cited(found, sentence)


def _cited(found: re.Match, sentence: str) -> bool:
    return bool(CITED_BEFORE.search(sentence[max(0, found.start() - 80) : found.start()]))


def _last_of_range(pattern: re.Pattern, sentence: str) -> re.Match | None:
    """'Từ tháng 11/2025 đến tháng 4/2026': the end of a range is the deadline."""
    found = list(pattern.finditer(sentence))
    ends = [f for f in found if re.match(r"(?:đến|trước|hết)\s", f[0], re.IGNORECASE)]
    return (ends or found or [None])[0]


def _recurrence(sentence: str) -> tuple[str, str] | None:
    """The words and RRULE of a recurrence: 'hàng tháng' -> FREQ=MONTHLY."""
    found = _PERIODIC.search(sentence)
    if found:
        months = int(re.search(r"\d+", found[0])[0])
        return found[0], f"FREQ=MONTHLY;INTERVAL={months}" if months != 12 else "FREQ=YEARLY"
    found = RECURRENCE.search(sentence)
    return (found[0], RRULES[found["unit"].lower()]) if found else None
