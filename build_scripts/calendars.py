"""iCalendar feeds of every deadline, written by the `icalendar` library: one for the whole
portal, one per topic, one per assigned body, in each language.

Deterministic: DTSTAMP is the directive's date (not the clock), UIDs come from the document's
slug and the task's index, events and calendars are in a stable order. Deadlines are all-day
events on Vietnam's dates (UTC+7, no daylight saving); a recurrence is an RRULE starting at the
first resolved date, or at the directive's date when only the rhythm is written.
"""

from __future__ import annotations

import datetime as dt

from icalendar import Calendar, Event, vRecur

from . import glossary, languages
from .catalog import DOCUMENTS_DIR, Catalog
from .model import TOPICS, Directive
from .task_views import anchor_id, assigned_by_body, body_en, body_name, when_text

CALENDAR_NAME = "nhiem-vu.ics"
UID_DOMAIN = "nhiem-vu.cong-van-doi-ngoai"
NAMES = {
    "all": {"vi": "Nhiệm vụ và thời hạn", "en": "Tasks and deadlines"},
}


def all_calendar_path() -> str:
    return CALENDAR_NAME


def topic_calendar_path(topic: str) -> str:
    return f"chu-de/{topic}/{CALENDAR_NAME}"


def body_calendar_path(slug: str) -> str:
    return f"co-quan/{slug}/{CALENDAR_NAME}"


def calendar_paths(catalog: Catalog) -> list[str]:
    """Every calendar's path, without building them (for `portal check`'s links)."""
    bodies = [body_calendar_path(slug) for slug in assigned_by_body(catalog)]
    return [all_calendar_path(), *(topic_calendar_path(t) for t in TOPICS), *bodies]


def _event(catalog: Catalog, d: Directive, index: int, lang: str, site_url: str) -> Event | None:
    task = d.tasks[index - 1]
    start = task.due or (d.date if task.repeat else None)
    if start is None:
        return None
    event = Event()
    event.add("uid", f"{d.slug}-{index}@{UID_DOMAIN}")
    stamp = d.date or start
    event.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC))
    event.add("dtstart", start)
    event.add("dtend", start + dt.timedelta(days=1))
    names = [body_name(n, catalog, d) for n in task.lead]
    shown = names if lang == "vi" else [body_en(n) for n in names]
    event.add("summary", f"{', '.join(shown)}: {task.what[:120]}")
    vi_page = "/" + languages.url_in("vi", f"{DOCUMENTS_DIR}/{d.slug}.md")
    title = d.title if lang == "vi" else (d.translation.title if d.translation else d.title)
    kind = d.doc_type if lang == "vi" else glossary.doc_type_en(d.doc_type)
    event.add(
        "description",
        f"{task.what}\n\n{when_text(task, lang)}\n{kind} {d.number or ''}: {title}",
    )
    event.add("url", site_url.rstrip("/") + vi_page + "#" + anchor_id(index))
    if task.repeat:
        event.add("rrule", vRecur.from_ical(task.repeat))
    return event


END = b"END:VCALENDAR\r\n"


def _calendar(name: str, events: list[bytes]) -> bytes:
    """A calendar of events already written (Event.to_ical): each event is in many calendars
    (all, its topics, each body), and writing one is what costs, so it is written once. The
    bytes are those of a Calendar holding the events: its lines, then each event's, then END."""
    cal = Calendar()
    cal.add("prodid", "-//cong-van-doi-ngoai//nhiem-vu//VI")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Ho_Chi_Minh")
    empty = cal.to_ical()
    assert empty.endswith(END)
    return empty[: -len(END)] + b"".join(events) + END


def build_calendars(catalog: Catalog, lang: str, site_url: str = "") -> list[tuple[str, bytes]]:
    """(path inside the language's site, bytes) of every calendar, in a stable order."""
    events: dict[tuple[str, int], bytes] = {}
    for d in sorted(catalog.documents, key=lambda d: d.slug):
        for i in range(1, len(d.tasks) + 1):
            event = _event(catalog, d, i, lang, site_url)
            if event is not None:
                events[(d.slug, i)] = event.to_ical()
    out = [(all_calendar_path(), _calendar(NAMES["all"][lang], list(events.values())))]
    for topic, names in TOPICS.items():
        chosen = [e for (slug, _), e in events.items() if topic in catalog.by_slug(slug).topics]
        out.append((topic_calendar_path(topic), _calendar(names[lang], chosen)))
    for slug, (name, items) in assigned_by_body(catalog).items():
        keys = sorted({(a.directive.slug, a.index) for a in items})
        chosen = [events[k] for k in keys if k in events]
        out.append(
            (body_calendar_path(slug), _calendar(name if lang == "vi" else body_en(name), chosen))
        )
    return out
