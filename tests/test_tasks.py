"""Assignments read from directives: who (lead and supporting bodies), what, by when. Families
of phrasings (synthetic sentences), then the seeds and the corpus copies end to end."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from build_scripts.convert import convert_path
from build_scripts.convert.deadlines import find_deadline
from build_scripts.convert.tasks import extract_tasks, split_bodies

FIXTURES = Path(__file__).parent / "fixtures"
ISSUED = dt.date(2023, 2, 21)
BODIES = (
    "Sở Ngoại vụ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Sở Thông tin và Truyền thông",
    "Sở Kế hoạch và Đầu tư",
    "Ủy ban nhân dân các huyện, thành phố",
    "Ban Thường trực UBMTTQVN các xã, phường",
    "Liên hiệp các tổ chức hữu nghị tỉnh",
)
DUTIES = "## III. TỔ CHỨC THỰC HIỆN\n\n"


def tasks_of(body: str, issued: dt.date | None = ISSUED) -> list[dict]:
    return extract_tasks(body, issued, issued.year if issued else None)


@pytest.mark.parametrize("lead", BODIES)
@pytest.mark.parametrize("trigger", ["Giao", "Đề nghị", "Yêu cầu", "Kiến nghị"])
def test_a_trigger_word_hands_the_task_to_the_body_after_it(trigger: str, lead: str) -> None:
    text = (
        f"1\\. {trigger} {lead} chủ trì, phối hợp với Sở Tư pháp và các cơ quan có liên quan "
        "nghiên cứu, tham mưu triển khai kế hoạch."
    )
    [task] = tasks_of(text)
    assert task["lead"] == [lead]
    assert task["support"] == ["Sở Tư pháp", "các cơ quan có liên quan"]
    assert task["what"].startswith("chủ trì, phối hợp với Sở Tư pháp")
    assert task["quote"].startswith(f"{trigger} {lead}")


@pytest.mark.parametrize("lead", BODIES)
def test_a_body_as_subject_in_the_duties_part_is_assigned(lead: str) -> None:
    text = DUTIES + f"2\\. {lead} phối hợp với Báo Đồng Nai, Đài Phát thanh tỉnh tuyên truyền."
    [task] = tasks_of(text)
    assert task["lead"] == [lead]
    assert task["support"] == ["Báo Đồng Nai", "Đài Phát thanh tỉnh"]


def test_a_subject_outside_the_duties_part_is_not_a_task() -> None:
    text = "## I. MỤC ĐÍCH\n\nSở Ngoại vụ đã tham mưu tốt công tác đối ngoại năm qua."
    assert tasks_of(text) == []


def test_a_sentence_in_the_middle_of_a_paragraph_names_its_own_body() -> None:
    text = (
        "Trên đây là Kế hoạch của Ban Thường trực, đề nghị các tổ chức thành viên triển khai "
        "thực hiện và báo cáo trước ngày 10/11."
    )
    [task] = tasks_of(text)
    assert task["lead"] == ["các tổ chức thành viên"]
    assert task["due"] == "2023-11-10"


def test_items_under_a_heading_that_names_a_body_are_its_tasks() -> None:
    text = (
        DUTIES + "### 2\\. Đề nghị các tổ chức thành viên của MTTQ Việt Nam thành phố\n\n"
        "- Phối hợp triển khai thực hiện các nhiệm vụ; báo cáo kết quả trước ngày 10/6.\n\n"
        "- Báo cáo kết quả hoạt động 6 tháng đầu năm.\n\n"
        "### 3\\. Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường\n\n"
        "- Xây dựng kế hoạch triển khai hằng quý.\n"
    )
    first, second, third = tasks_of(text)
    assert first["lead"] == second["lead"] == ["các tổ chức thành viên của MTTQ Việt Nam thành phố"]
    assert first["due"] == "2023-06-10" and second["due"] == "2023-06-30"
    assert third["lead"] == ["Ban Thường trực Ủy ban MTTQ Việt Nam các xã, phường"]
    assert third["repeat"] == "FREQ=MONTHLY;INTERVAL=3"


def test_a_plans_lines_name_the_lead_the_support_and_the_time() -> None:
    text = (
        "2.3. Theo dõi, tổng hợp số liệu về quy trình hiệp thương.\n\n"
        "- Thời gian hoàn thành: Quý I/2026;\n\n"
        "- Đơn vị chủ trì: Văn phòng Ủy ban MTTQ xã\n\n"
        "- Đơn vị phối hợp: Các tổ chức thành viên, Ban công tác Mặt trận các thôn.\n"
    )
    [task] = tasks_of(text, dt.date(2025, 11, 20))
    assert task["lead"] == ["Văn phòng Ủy ban MTTQ xã"]
    assert task["support"] == ["Các tổ chức thành viên", "Ban công tác Mặt trận các thôn"]
    assert task["what"].startswith("Theo dõi, tổng hợp")
    assert (task["when"], task["due"]) == ("Quý I/2026", "2026-03-31")


@pytest.mark.parametrize(
    ("phrase", "bodies"),
    [
        ("Báo Đồng Nai, Đài Phát thanh - Truyền hình Đồng Nai", 2),
        ("Sở Văn hóa, Thể thao và Du lịch", 1),
        ("Sở Kế hoạch và Đầu tư", 1),
        ("các sở, ban, ngành, UBND các huyện, thành phố", 2),
        ("Liên hiệp các tổ chức hữu nghị tỉnh và các sở, ngành liên quan", 2),
    ],
)
def test_bodies_split_where_a_new_name_begins(phrase: str, bodies: int) -> None:
    assert len(split_bodies(phrase)) == bodies


@pytest.mark.parametrize(
    ("sentence", "due", "repeat"),
    [
        ("báo cáo trước ngày 15/12/2023", "2023-12-15", None),
        ("hoàn thành trước ngày 30 tháng 6 năm 2024", "2024-06-30", None),
        ("chậm nhất ngày 10/12/2025", "2025-12-10", None),
        ("gửi về trước ngày 10/11", "2023-11-10", None),
        ("tổ chức hội nghị trong quý III", "2023-09-30", None),
        ("Thời gian hoàn thành: Quý IV/2025", "2025-12-31", None),
        ("hoàn thành trong quý I năm 2026", "2026-03-31", None),
        ("tổ chức trong tháng 10/2024", "2024-10-31", None),
        ("tổ chức trong tháng 10 năm 2024", "2024-10-31", None),
        ("sơ kết 6 tháng đầu năm", "2023-06-30", None),
        ("tổng kết 6 tháng cuối năm 2024", "2024-12-31", None),
        ("Từ tháng 12/2025 đến quý I/2026", "2026-03-31", None),
        ("Từ tháng 11/2025 đến tháng 4/2026", "2026-04-30", None),
        ("báo cáo hàng tháng", None, "FREQ=MONTHLY"),
        ("báo cáo hằng tháng", None, "FREQ=MONTHLY"),
        ("báo cáo hằng quý", None, "FREQ=MONTHLY;INTERVAL=3"),
        ("báo cáo định kỳ 6 tháng", None, "FREQ=MONTHLY;INTERVAL=6"),
        ("gửi báo cáo trước ngày 15 hằng tháng", None, "FREQ=MONTHLY;BYMONTHDAY=15"),
        ("xây dựng chương trình hằng năm", None, "FREQ=YEARLY"),
        ("báo cáo trước ngày 15/11 hằng năm", "2023-11-15", "FREQ=YEARLY"),
        ("giao ban hằng tuần", None, "FREQ=WEEKLY"),
    ],
)
def test_deadlines_resolve_against_the_directives_date(sentence, due, repeat) -> None:
    found = find_deadline(sentence, ISSUED, ISSUED.year)
    assert found is not None
    assert (found.due.isoformat() if found.due else None, found.repeat) == (due, repeat)
    assert found.text in sentence  # kept as written


def test_a_day_before_the_directive_falls_in_the_next_year() -> None:
    assert find_deadline("trước ngày 10/1", dt.date(2023, 12, 5), 2023).due == dt.date(2024, 1, 10)


@pytest.mark.parametrize(
    "sentence",
    [
        "báo cáo kịp thời khi có yêu cầu",
        "thực hiện theo quy định",
        "Căn cứ Kế hoạch số 111-KH/TU ngày 18/6/2025 của Ban Thường vụ Tỉnh ủy",
        "quán triệt Thông tri số 01-TT/TU ngày 14/4/2022",
    ],
)
def test_no_deadline_is_made_up(sentence: str) -> None:
    assert find_deadline(sentence, ISSUED, ISSUED.year) is None


@pytest.mark.parametrize("sentence", ["trước ngày 31/2", "trước ngày 10/11"])
def test_an_unresolvable_deadline_is_kept_as_written(sentence: str) -> None:
    issued = ISSUED if "31/2" in sentence else None
    found = find_deadline(sentence, issued, issued.year if issued else None)
    assert found.due is None and found.text == sentence


def seed(name: str) -> list[dict]:
    [path] = (FIXTURES / "seeds").glob(f"{name}_*.txt")
    return convert_path(path).meta["tasks"]


def test_seed_000_asks_the_communes_front_boards_for_a_monthly_report_item() -> None:
    monthly = [t for t in seed("000") if t["repeat"] == "FREQ=MONTHLY"]
    [task] = monthly
    assert task["lead"] == ["Ban Thường trực UBMTTQVN các xã, phường"]
    assert "01 mục trong báo cáo hàng tháng" in task["what"]
    assert task["when"] == "hàng tháng" and task["due"] is None


def test_seed_175_assigns_departments_by_name() -> None:
    tasks = seed("001")
    leads = {b for t in tasks for b in t["lead"]}
    for department in (
        "Sở Ngoại vụ",
        "Sở Kế hoạch và Đầu tư",
        "Sở Công Thương",
        "Sở Văn hóa, Thể thao và Du lịch",
        "Sở Thông tin và Truyền thông",
        "Sở Nội vụ",
        "Sở Tài chính",
        "Ủy ban nhân dân các huyện, thành phố",
        "Báo Đồng Nai",
        "Đài Phát thanh - Truyền hình Đồng Nai",
    ):
        assert department in leads
    foreign = next(t for t in tasks if t["lead"] == ["Sở Ngoại vụ"])
    assert "Liên hiệp các tổ chức hữu nghị tỉnh" in foreign["support"]
    assert "Sở Ngoại vụ" not in foreign["support"]


def test_corpus_delegation_names_lead_support_and_date() -> None:
    [task] = convert_path(FIXTURES / "corpus" / "04_ubnd-laocai-cv-uy-quyen-vlncn-draft.txt").meta[
        "tasks"
    ]
    assert task["lead"] == ["Sở Công Thương"]
    assert task["support"] == ["Sở Tư pháp", "các cơ quan có liên quan"]
    assert task["due"] == "2025-09-15"


def test_corpus_plan_in_lines_resolves_quarters() -> None:
    tasks = convert_path(FIXTURES / "corpus" / "08_mttq-luongminh-kh16-bau-cu.txt").meta["tasks"]
    quarters = [t for t in tasks if t["when"] and "quý" in t["when"].lower()]
    assert quarters and all(t["due"] in ("2025-12-31", "2026-03-31") for t in quarters)
    assert all(t["support"] for t in quarters)


@pytest.mark.parametrize("path", sorted((FIXTURES / "corpus").glob("*.txt")), ids=lambda p: p.name)
def test_every_task_quotes_its_sentence_from_the_body(path: Path) -> None:
    conversion = convert_path(path)
    text = " ".join(conversion.markdown.replace("\\", "").split())
    for task in conversion.meta.get("tasks", []):
        assert task["lead"] and task["what"]
        assert " ".join(task["quote"][:40].split()) in text


@pytest.mark.parametrize(
    ("sentence", "due"),
    [
        ("hoàn thành ngày 30 tháng 6 năm 2024", "2024-06-30"),
        ("tổ chức hội nghị ngày 30 tháng 6 năm 2024", "2024-06-30"),
        ("gửi báo cáo trước 15/12/2023", "2023-12-15"),
        ("căn cứ Luật Tổ chức chính quyền ngày 16/6/2025, báo cáo trước ngày 15/9", "2023-09-15"),
        ("theo Quyết định số 12/QĐ-UBND ngày 30 tháng 6 năm 2023", None),
    ],
)  # fmt: skip
def test_a_bare_date_is_a_deadline_unless_it_dates_a_cited_document(sentence, due) -> None:
    found = find_deadline(sentence, ISSUED, ISSUED.year)
    assert (found.due.isoformat() if found and found.due else None) == due


@pytest.mark.parametrize(
    ("lead_label", "support_label", "when_label"),
    [
        ("Đơn vị chủ trì", "Đơn vị phối hợp", "Thời gian hoàn thành"),
        ("Cơ quan chủ trì", "Cơ quan phối hợp", "Thời hạn"),
        ("Chủ trì", "Phối hợp", "Thời gian thực hiện"),
        ("Đơn vị thực hiện", "Đơn vị phối hợp", "Thời hạn hoàn thành"),
    ],
)
def test_a_plans_labels_come_in_several_spellings(lead_label, support_label, when_label) -> None:
    text = (
        "1.2. Tổ chức hội nghị tập huấn.\n\n"
        f"- {when_label}: tháng 10/2024\n\n"
        f"- {lead_label}: Sở Ngoại vụ\n\n"
        f"- {support_label}: Sở Nội vụ.\n"
    )
    [task] = tasks_of(text)
    assert (task["lead"], task["support"]) == (["Sở Ngoại vụ"], ["Sở Nội vụ"])
    assert task["due"] == "2024-10-31" and task["what"] == "Tổ chức hội nghị tập huấn."


def test_giao_nhiem_vu_cho_names_the_body_after_it() -> None:
    [task] = tasks_of("Giao nhiệm vụ cho Sở Ngoại vụ chủ trì tổ chức hội nghị trong quý III.")
    assert task["lead"] == ["Sở Ngoại vụ"] and task["due"] == "2023-09-30"
