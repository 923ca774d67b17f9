"""Tasks as the site publishes them: the front-matter schema and its messages, the calendars
(parsed back with icalendar), the body pages, the document table and api/tasks.json."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import jsonschema
import pytest
from icalendar import Calendar

from build_scripts import api, calendars, frontmatter, task_views
from build_scripts.body_pages import body_pages
from build_scripts.catalog import load_catalog
from build_scripts.model import directive_from_meta

ROOT = Path(__file__).resolve().parent.parent
SCHEMAS = Path(__file__).parent / "schemas"
GOOD = {"lead": ["Sở Ngoại vụ"], "what": "báo cáo", "when": "hằng tháng", "repeat": "FREQ=MONTHLY"}


@pytest.fixture(scope="module")
def catalog():
    return load_catalog(ROOT / "content" / "docs")


def check(tasks) -> list:
    head = {"title": "Kế hoạch", "doc_type": "Kế hoạch", "issuer": "UBND tỉnh", "tasks": tasks}
    doc = frontmatter.parse(frontmatter.dump(head, "Nội dung.\n"))
    directive, problems = directive_from_meta(doc.meta, doc.body, "x", "x.md", doc.key_lines)
    return directive, problems, doc.key_lines


def test_valid_tasks_are_read() -> None:
    directive, problems, _ = check([GOOD, {**GOOD, "due": "2024-06-30", "support": ["Sở Nội vụ"]}])
    assert problems == []
    assert directive.tasks[1].due == dt.date(2024, 6, 30)
    assert directive.tasks[1].support == ("Sở Nội vụ",)


@pytest.mark.parametrize(
    ("bad", "says"),
    [
        ({**GOOD, "lead": 5}, "'lead'"),
        ({**GOOD, "lead": []}, "'lead'"),
        ({**GOOD, "support": "x" and [1]}, "'support'"),
        ({**GOOD, "what": None}, "'what'"),
        ({**GOOD, "due": "30/6/2024"}, "'due'"),
        ({**GOOD, "repeat": "every month"}, "'repeat'"),
        ({**GOOD, "when": 15}, "'when'"),
        ({**GOOD, "owner": "x"}, "khóa lạ"),
        ("Sở Ngoại vụ báo cáo", "khóa: giá trị"),
    ],
)
def test_a_wrong_task_is_reported_on_its_own_line(bad, says: str) -> None:
    _, problems, lines = check([GOOD, bad])
    [problem] = [p for p in problems if says in p.message]
    assert problem.line == lines["tasks[2]"] and problem.line > lines["tasks"]
    assert "nhiệm vụ thứ 2" in problem.message


def test_tasks_not_a_list_is_reported_at_the_key() -> None:
    _, problems, lines = check("Sở Ngoại vụ")
    assert [p.line for p in problems] == [lines["tasks"]]


def test_the_shipped_directives_carry_their_tasks(catalog) -> None:
    assert catalog.errors == []
    by_slug = {d.slug: d for d in catalog.documents}
    assert len(by_slug["2022-175-kh-ubnd"].tasks) >= 10
    monthly = [t for t in by_slug["2025-75-mttq-btt"].tasks if t.repeat == "FREQ=MONTHLY"]
    assert monthly


def test_calendars_parse_back_with_rrules_and_stable_uids(catalog) -> None:
    for lang in ("vi", "en"):
        built = calendars.build_calendars(catalog, lang, "https://example.org/")
        assert built == calendars.build_calendars(catalog, lang, "https://example.org/")
        paths = [p for p, _ in built]
        assert paths[0] == "nhiem-vu.ics" and len(paths) == len(set(paths))
        assert any(p.startswith("chu-de/") for p in paths)
        assert any(p.startswith("co-quan/") for p in paths)
        events = Calendar.from_ical(built[0][1]).walk("VEVENT")
        uids = [str(e["UID"]) for e in events]
        assert len(uids) == len(set(uids)) and uids
        monthly = [e for e in events if e.get("RRULE")]
        assert any(e["RRULE"]["FREQ"] == ["MONTHLY"] for e in monthly)
        for event in events:
            start = event.decoded("DTSTART")
            assert type(start) is dt.date  # all-day, on Vietnam's date
            assert event.decoded("DTSTAMP").year >= 2000


def test_a_task_without_a_date_or_rhythm_is_not_an_event(catalog) -> None:
    built = dict(calendars.build_calendars(catalog, "vi"))
    uids = {str(e["UID"]) for e in Calendar.from_ical(built["nhiem-vu.ics"]).walk("VEVENT")}
    for d in catalog.documents:
        for i, task in enumerate(d.tasks, 1):
            dated = bool(task.due or task.repeat)
            assert (f"{d.slug}-{i}@{calendars.UID_DOMAIN}" in uids) == dated


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (
            "Ban Thường trực UBMTTQVN các xã, phường",
            "Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường",
        ),
        ("UBND các huyện, thành phố", "Ủy ban nhân dân các huyện, thành phố"),
        ("Ban Thường trực Uỷ ban MTTQ tỉnh", "Ban Thường trực Ủy ban Mặt trận Tổ quốc tỉnh"),
        (
            "Ban Thường trực UBMTTQVN các xã, phường trên địa bàn tỉnh",
            "Ban Thường trực UBMTTQVN các xã, phường",
        ),
    ],
)
def test_a_body_written_two_ways_is_one_page(catalog, one: str, other: str) -> None:
    d = catalog.documents[0]
    assert task_views.body_slug(task_views.body_name(one, catalog, d)) == task_views.body_slug(
        task_views.body_name(other, catalog, d)
    )


def test_a_provincial_department_takes_its_province(catalog) -> None:
    d = next(d for d in catalog.documents if d.slug == "2022-175-kh-ubnd")
    assert task_views.body_name("Sở Ngoại vụ", catalog, d) == "Sở Ngoại vụ tỉnh Đồng Nai"


def test_body_pages_put_upcoming_first(catalog) -> None:
    pages = {p.src_uri: p.markdown for p in body_pages(catalog, "vi")}
    assert "co-quan/index.md" in pages
    assert "co-quan/so-ngoai-vu-tinh-dong-nai.md" in pages
    for markdown in pages.values():
        order = [markdown.find(f"## {task_views.ui(k, 'vi')}") for k in ("upcoming", "past")]
        if all(i >= 0 for i in order):
            assert order[0] < order[1]
    en = {p.src_uri: p.markdown for p in body_pages(catalog, "en")}
    assert set(en) == set(pages)


def test_grouping_is_relative_to_the_newest_directive(catalog) -> None:
    today = task_views.reference_date(catalog)
    assert today == max(d.date for d in catalog.documents if d.date)
    items = [a for _, (_, v) in task_views.assigned_by_body(catalog).items() for a in v]
    for key, group in task_views.group(items, today):
        if key == "upcoming":
            assert [a.task.due for a in group] == sorted(a.task.due for a in group)


def test_document_table_links_rows_to_anchored_sentences(catalog) -> None:
    d = next(d for d in catalog.documents if d.slug == "2025-75-mttq-btt")
    quote = d.tasks[-1].quote
    page = "<p>Mở đầu.</p>" + "".join(f"<p>{t.quote} tiếp theo.</p>" for t in d.tasks)
    html = task_views.with_tasks(page, catalog, d, "van-ban/2025-75-mttq-btt/", "vi")
    anchor = task_views.anchor_id(len(d.tasks))
    assert f'<p id="{anchor}">{quote}' in html
    assert f'href="#{anchor}"' in html and "Nhiệm vụ và thời hạn" in html
    en = task_views.with_tasks(page, catalog, d, "van-ban/2025-75-mttq-btt/", "en")
    assert "Tasks and deadlines" in en and f'van-ban/2025-75-mttq-btt/#{anchor}"' in en


def test_tasks_json_follows_its_schema(catalog) -> None:
    data = api.tasks_json(catalog)
    jsonschema.validate(data, json.loads((SCHEMAS / "tasks.schema.json").read_text()))
    assert data["count"] == sum(len(d.tasks) for d in catalog.documents) > 0


def test_the_built_site_links_rows_to_sentences_and_publishes_calendars(built_site) -> None:
    page = (built_site / "van-ban" / "2025-75-mttq-btt" / "index.html").read_text("utf-8")
    assert 'class="portal-tasks"' in page
    for i in (1, 2):
        assert f'id="nhiem-vu-{i}"' in page and f'href="#nhiem-vu-{i}"' in page
    english = (built_site / "en" / "van-ban" / "2025-75-mttq-btt" / "index.html").read_text("utf-8")
    assert "Tasks and deadlines" in english and "van-ban/2025-75-mttq-btt/#nhiem-vu-2" in english
    for lang_root in (built_site, built_site / "en"):
        calendar = Calendar.from_ical((lang_root / "nhiem-vu.ics").read_bytes())
        assert calendar.walk("VEVENT")
        assert (lang_root / "co-quan" / "so-ngoai-vu-tinh-dong-nai" / "index.html").exists()
        assert (lang_root / "co-quan" / "so-ngoai-vu-tinh-dong-nai" / "nhiem-vu.ics").exists()
    data = json.loads((built_site / "api" / "tasks.json").read_text("utf-8"))
    jsonschema.validate(data, json.loads((SCHEMAS / "tasks.schema.json").read_text()))
    follow = (built_site / "theo-doi" / "index.html").read_text("utf-8")
    assert "nhiem-vu.ics" in follow and "chu-de/doi-ngoai-nhan-dan/nhiem-vu.ics" in follow
