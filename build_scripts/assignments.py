"""The `tasks:` of a directive's front matter: who is asked what, by when.

Written by the converter (build_scripts/convert/tasks.py), editable like the other extracted
fields; this module validates what an editor wrote and gives each problem its own line.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field

TASK_KEYS = ("lead", "support", "what", "when", "due", "repeat", "quote")
#: RFC 5545 RRULE parts the portal writes and reads back ("FREQ=MONTHLY;BYMONTHDAY=15").
RRULE = re.compile(
    r"^FREQ=(?:WEEKLY|MONTHLY|YEARLY)(?:;INTERVAL=\d{1,2})?(?:;BYMONTHDAY=-?\d{1,2})?$"
)


@dataclass(frozen=True)
class Task:
    """One assignment: lead bodies (chủ trì / the addressee), supporting bodies (phối hợp)."""

    lead: tuple[str, ...]
    what: str
    support: tuple[str, ...] = ()
    when: str | None = None  # the deadline as written
    due: dt.date | None = None  # its last day, when the words pin one
    repeat: str | None = None  # RRULE
    quote: str | None = None  # the start of the sentence it comes from
    bodies: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict:
        return {
            "lead": list(self.lead),
            "support": list(self.support),
            "what": self.what,
            "when": self.when,
            "due": self.due.isoformat() if self.due else None,
            "repeat": self.repeat,
            "quote": self.quote,
        }


def _text_list(value) -> list[str] | None:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value):
        return value
    return None


def tasks_from_meta(value, report: Callable[[int, str], None]) -> list[Task]:
    """Validate `tasks:`; `report(i, message)` with i the 1-based task (0: the key itself)."""
    if value is None:
        return []
    if not isinstance(value, list):
        report(0, "'tasks' phải là một danh sách [tasks must be a list]")
        return []
    out = []
    for i, item in enumerate(value, 1):
        if not isinstance(item, dict):
            report(i, f"nhiệm vụ thứ {i} phải là các cặp 'khóa: giá trị' [task {i}: not a mapping]")
            continue
        unknown = sorted(map(str, set(item) - set(TASK_KEYS)))
        if unknown:
            report(i, f"nhiệm vụ thứ {i} có khóa lạ: {', '.join(unknown)} [unknown keys]")
        lead = _text_list(item.get("lead"))
        support = _text_list(item.get("support") or [])
        problems = []
        if not lead:
            problems.append("'lead' phải là tên cơ quan hoặc danh sách tên [lead: body names]")
        if support is None:
            problems.append("'support' phải là danh sách tên cơ quan [support: body names]")
        if not isinstance(item.get("what"), str) or not item["what"].strip():
            problems.append("'what' phải là chữ: việc được giao [what: text]")
        for key in ("when", "quote"):
            if item.get(key) is not None and not isinstance(item[key], str):
                problems.append(f"'{key}' phải là chữ [{key}: text]")
        repeat = item.get("repeat")
        if repeat is not None and not (isinstance(repeat, str) and RRULE.match(repeat)):
            problems.append(
                f"'repeat' phải là RRULE như FREQ=MONTHLY;BYMONTHDAY=15 (đang là {repeat!r}) "
                "[repeat: an RRULE]"
            )
        due = item.get("due")
        if isinstance(due, str):
            try:
                due = dt.date.fromisoformat(due)
            except ValueError:
                problems.append(f"'due' phải là ngày YYYY-MM-DD (đang là '{due}') [due: a date]")
        elif (due is not None and not isinstance(due, dt.date)) or isinstance(due, dt.datetime):
            problems.append(f"'due' phải là ngày YYYY-MM-DD (đang là {due!r}) [due: a date]")
        for message in problems:
            report(i, f"nhiệm vụ thứ {i}: {message}")
        if problems:
            continue
        out.append(
            Task(
                lead=tuple(" ".join(b.split()) for b in lead),
                support=tuple(" ".join(b.split()) for b in support),
                what=item["what"].strip(),
                when=item.get("when"),
                due=due,
                repeat=repeat,
                quote=item.get("quote"),
            )
        )
    return out
