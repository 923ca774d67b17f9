"""Place and date of issue from the date line: "Đồng Nai, ngày 25 tháng 7 năm 2025".

Drafts leave the day or month blank ("ngày     tháng 11 năm 2025"): the date is then unknown
(None) but the year still counts for listings.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

#: "ngày 25 tháng 7 năm 2025", with any field possibly blank.
SPELLED_DATE = re.compile(
    r"ng[àa]y\s*(?P<day>\d{1,2})?\s*[,.]?\s*th[áa]ng\s*(?P<month>\d{1,2})?\s*[,.]?\s*n[ăa]m\s*(?P<year>\d{4})?",
    re.IGNORECASE,
)
#: "ngày 5/3/2024", "ngày 05-03-2024", "ngày 5.3.2024".
NUMERIC_DATE = re.compile(
    r"ng[àa]y\s*(?P<day>\d{1,2})\s*([/.-])\s*(?P<month>\d{1,2})\s*\2\s*(?P<year>\d{4})",
    re.IGNORECASE,
)
PLACE = re.compile(r"^\W*(?P<place>[^,\d]+?)\s*,\s*ng[àa]y\b", re.IGNORECASE)


@dataclass(frozen=True)
class DateLine:
    """What a date line says: place, full date when complete, year when at least that."""

    place: str | None
    date: dt.date | None
    year: int | None
    problem: str | None = None


def parse_date_line(text: str) -> DateLine:
    """Read place and date from one date line; a wrong date is a problem, not a crash."""
    place_match = PLACE.match(text)
    place = " ".join(place_match.group("place").split()) if place_match else None
    found = NUMERIC_DATE.search(text) or SPELLED_DATE.search(text)
    if not found:
        return DateLine(place, None, None, "không đọc được ngày ban hành [no date]")
    day, month, year = (found.group(k) for k in ("day", "month", "year"))
    year_n = int(year) if year else None
    if not (day and month and year):
        return DateLine(place, None, year_n)
    try:
        return DateLine(place, dt.date(int(year), int(month), int(day)), year_n)
    except ValueError:
        return DateLine(
            place, None, year_n, f"ngày {day}/{month}/{year} không có thật [invalid date]"
        )


def parse_inline_date(text: str) -> dt.date | None:
    """A complete date written after "ngày" in running text (citations), or None."""
    found = NUMERIC_DATE.match(text) or SPELLED_DATE.match(text)
    if not found or not all(found.group(k) for k in ("day", "month", "year")):
        return None
    try:
        return dt.date(int(found.group("year")), int(found.group("month")), int(found.group("day")))
    except ValueError:
        return None
