"""Tasks on the site: who a body is (one page per body, however it is written), the order of
its tasks (upcoming first), the "Nhiệm vụ và thời hạn" table of a document, and the anchors of
the sentences the rows link to."""

from __future__ import annotations

import datetime as dt
import html
import re
import unicodedata
from dataclasses import dataclass

from . import glossary, wording
from .assignments import Task
from .catalog import Catalog
from .model import Directive
from .slugs import slugify

BODIES_DIR = "co-quan"
ANCHOR_PREFIX = "nhiem-vu-"
#: Abbreviations a body's name is written with, spelled out for its identity.
ABBREVIATIONS = (
    (re.compile(r"\bUBMTTQ\s*VN\b|\bUBMTTQVN\b"), "Ủy ban Mặt trận Tổ quốc Việt Nam"),
    (re.compile(r"\bUBMTTQ\b"), "Ủy ban Mặt trận Tổ quốc"),
    (re.compile(r"\bMTTQ\s*VN\b|\bMTTQVN\b"), "Mặt trận Tổ quốc Việt Nam"),
    (re.compile(r"\bMTTQ\b"), "Mặt trận Tổ quốc"),
    (re.compile(r"\bUBND\b"), "Ủy ban nhân dân"),
    (re.compile(r"\bHĐND\b"), "Hội đồng nhân dân"),
    (re.compile(r"Uỷ"), "Ủy"),
    (re.compile(r"uỷ"), "ủy"),
)
#: A singular provincial department named without its place: "Sở Ngoại vụ".
PROVINCIAL = re.compile(r"^(?:Sở|Liên hiệp|Ban Quản lý|Công an tỉnh|Văn phòng UBND)\b")
#: "... các xã, phường trên địa bàn tỉnh": where the body is, not part of who it is.
ON_TERRITORY = re.compile(r"\s+(?:trên|thuộc) địa bàn\b.*$")
PLACE_WORDS = re.compile(r"\b(?:tỉnh|thành phố|huyện|xã|phường|thị xã|Trung ương|các)\b")

UI = wording.TASKS


def ui(key: str, lang: str) -> str:
    return UI[key][lang]


def spelled_out(name: str) -> str:
    name = unicodedata.normalize("NFC", " ".join(name.split()))
    for pattern, full in ABBREVIATIONS:
        name = pattern.sub(full, name)
    return name


def body_name(name: str, catalog: Catalog, d: Directive) -> str:
    """The body's full name: abbreviations spelled out, the province of the directive added to a
    provincial body named without it ('Sở Ngoại vụ' of Đồng Nai -> 'Sở Ngoại vụ tỉnh Đồng Nai';
    'Ủy ban MTTQ Việt Nam tỉnh' -> '... tỉnh Đồng Nai')."""
    full = ON_TERRITORY.sub("", spelled_out(name))
    province = catalog.scope(d).province
    if not province or province == "central":
        return full
    if full.endswith(" tỉnh"):
        return f"{full} {province}"
    if PROVINCIAL.match(full) and not PLACE_WORDS.search(full) and province not in full:
        return f"{full} tỉnh {province}"
    return full


def body_slug(full_name: str) -> str:
    return slugify(full_name, max_words=16)


def body_uri(full_name: str) -> str:
    return f"{BODIES_DIR}/{body_slug(full_name)}.md"


def body_en(full_name: str) -> str:
    return glossary.issuer_en(full_name).text


@dataclass(frozen=True)
class Assigned:
    """One task of one directive, as a body sees it."""

    directive: Directive
    index: int  # 1-based, as in the anchor and the calendar UID
    task: Task
    role: str  # "lead" or "support"


def assigned_by_body(catalog: Catalog) -> dict[str, tuple[str, list[Assigned]]]:
    """slug -> (full name, tasks), the same body written two ways being one entry."""
    out: dict[str, tuple[str, list[Assigned]]] = {}
    listed: set[tuple[str, int, int]] = set()  # (slug, directive, task): each task once a body
    for d in catalog.documents:
        for i, task in enumerate(d.tasks, 1):
            for role, names in (("lead", task.lead), ("support", task.support)):
                for name in names:
                    full = body_name(name, catalog, d)
                    slug = body_slug(full)
                    if not slug:
                        continue
                    entry = out.setdefault(slug, (full, []))
                    if (slug, id(d), i) not in listed:
                        listed.add((slug, id(d), i))
                        entry[1].append(Assigned(d, i, task, role))
    return dict(sorted(out.items()))


def reference_date(catalog: Catalog) -> dt.date:
    """'Now' for ordering: the newest directive's date, never the clock."""
    dates = [d.date for d in catalog.documents if d.date]
    return max(dates) if dates else dt.date(2000, 1, 1)


def group(items: list[Assigned], today: dt.date) -> list[tuple[str, list[Assigned]]]:
    """Upcoming (soonest first), recurring, past (latest first), without a fixed date."""
    upcoming = sorted(
        (a for a in items if a.task.due and a.task.due >= today), key=lambda a: a.task.due
    )
    recurring = [a for a in items if a.task.repeat and not (a.task.due and a.task.due >= today)]
    past = sorted(
        (a for a in items if a.task.due and a.task.due < today and not a.task.repeat),
        key=lambda a: a.task.due,
        reverse=True,
    )
    undated = [a for a in items if not a.task.due and not a.task.repeat]
    return [
        (k, v)
        for k, v in (
            ("upcoming", upcoming),
            ("recurring", recurring),
            ("past", past),
            ("undated", undated),
        )
        if v
    ]


def when_text(task: Task, lang: str) -> str:
    """The deadline as written, with its date when resolved."""
    if task.when is None:
        return ui("none", lang)
    if lang == "en":
        return _when_en(task)
    if task.due and task.due.isoformat() not in task.when:
        return f"{task.when} ({task.due.day:02d}/{task.due.month:02d}/{task.due.year})"
    return task.when


#: RRULE -> English rhythm, for the English page (the words as written stay Vietnamese).
RHYTHMS_EN = {
    "FREQ=WEEKLY": "every week",
    "FREQ=MONTHLY": "every month",
    "FREQ=MONTHLY;INTERVAL=3": "every quarter",
    "FREQ=MONTHLY;INTERVAL=6": "every 6 months",
    "FREQ=YEARLY": "every year",
}


def _when_en(task: Task) -> str:
    parts = []
    if task.due:
        parts.append(glossary.format_date(task.due, "en"))
    if task.repeat:
        day = re.search(r"BYMONTHDAY=(\d+)", task.repeat)
        base = RHYTHMS_EN.get(re.sub(r";BYMONTHDAY=-?\d+", "", task.repeat), task.repeat)
        parts.append(f"by day {day[1]}, {base}" if day else base)
    return ", ".join(parts) or "stated without a date (see the Vietnamese text)"


def anchor_id(index: int) -> str:
    return f"{ANCHOR_PREFIX}{index}"


def tasks_table(d: Directive, catalog: Catalog, lang: str, vi_page: str) -> str:
    """The HTML table of a document's tasks; each row links to its sentence on the Vietnamese
    page (`vi_page`: '' on that page itself, else its URL relative to this page)."""
    if not d.tasks:
        return ""
    rows = []
    for i, task in enumerate(d.tasks, 1):
        names = []
        for role, bodies in (("lead", task.lead), ("support", task.support)):
            for name in bodies:
                full = body_name(name, catalog, d)
                shown = name if lang == "vi" else body_en(full)
                names.append(f"{html.escape(shown)} <small>({ui(role, lang)})</small>")
        what = task.what if len(task.what) <= 200 else task.what[:200].rsplit(" ", 1)[0] + " …"
        # The clause is Vietnamese: the English row links to it instead of quoting it.
        what = html.escape(what) + " " if lang == "vi" else ""
        href = f"{vi_page}#{anchor_id(i)}"
        rows.append(
            f"<tr><td>{'<br>'.join(names)}</td><td>{what}"
            f'<a class="portal-task-source" href="{html.escape(href)}">[{ui("source", lang)}]</a>'
            f"</td><td>{html.escape(when_text(task, lang))}</td></tr>"
        )
    head = "".join(f"<th>{ui(k, lang)}</th>" for k in ("who", "what", "when"))
    return (
        # A caption, not a heading: the page's headings are the directive's own (its Mục lục),
        # and the table repeats the text, so search leaves it out.
        f'<section class="portal-tasks" data-search-ignore><table>'
        f"<caption>{ui('heading', lang)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table></section>"
    )


def add_anchors(page_html: str, d: Directive) -> str:
    """An id on the paragraph or list item each task's sentence starts in (after sanitising,
    so the allowlist needs no ids), searched in reading order from the previous task's; a
    sentence not found (edited away) leaves the page as it is."""
    pos = 0
    for i, task in enumerate(d.tasks, 1):
        at = page_html.find(html.escape((task.quote or "")[:40], quote=False), pos)
        if not task.quote or at < 0:
            continue
        start = max(page_html.rfind("<p>", 0, at), page_html.rfind("<li>", 0, at))
        if start < 0 or page_html.find(">", start) + 1 != at:
            insert = f'<span id="{anchor_id(i)}"></span>'
            page_html = page_html[:at] + insert + page_html[at:]
            pos = at + len(insert)
            continue
        name_end = start + (2 if page_html.startswith("<p>", start) else 3)
        tag = f' id="{anchor_id(i)}"'
        page_html = page_html[:name_end] + tag + page_html[name_end:]
        pos = at + len(tag)
    return page_html


def with_tasks(page_html: str, catalog: Catalog, d: Directive, page_url: str, lang: str) -> str:
    """A document page with its sentences anchored (Vietnamese) and its tasks table at the end;
    the English page's rows link to the sentences of the Vietnamese text."""
    if not d.tasks:
        return page_html
    from . import languages, views  # views imports the catalog's page helpers

    if lang == "vi":
        return add_anchors(page_html, d) + tasks_table(d, catalog, lang, "")
    vi_page = views.relative(languages.url_in("vi", f"van-ban/{d.slug}.md"), page_url, lang)
    return page_html + tasks_table(d, catalog, lang, vi_page)
