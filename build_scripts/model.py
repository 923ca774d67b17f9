"""The document model: one directive, its citations, and the front-matter schema they come from.

The front matter of `content/docs/van-ban/<slug>.md` is the contract between the converter
(which writes it) and the site (which reads it). Every key is listed in FIELDS with its meaning.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass, field

from .assignments import Task, tasks_from_meta
from .problems import Problem

#: The three topics of the portal, by slug. Names in both languages.
TOPICS: dict[str, dict[str, str]] = {
    "doi-ngoai-nhan-dan": {"vi": "Đối ngoại nhân dân", "en": "People-to-people diplomacy"},
    "thong-tin-doi-ngoai": {"vi": "Thông tin đối ngoại", "en": "External information work"},
    "nguoi-viet-nam-o-nuoc-ngoai": {
        "vi": "Người Việt Nam ở nước ngoài",
        "en": "Overseas Vietnamese",
    },
}

#: Vietnam has no daylight saving time: a fixed UTC+7 needs no tz database.
VIETNAM_TZ = dt.timezone(dt.timedelta(hours=7), "Asia/Ho_Chi_Minh")

#: Front-matter keys of a Vietnamese document: key -> (required, meaning).
FIELDS: dict[str, tuple[bool, str]] = {
    "title": (True, "trích yếu, without a leading 'V/v' or 'Về việc'"),
    "doc_type": (True, "document type in sentence case: 'Kế hoạch', 'Công văn', ..."),
    "number": (False, "số ký hiệu without spaces, e.g. '305/KH-MTTQ-BTT'; null when blank"),
    "date": (False, "date of issue, YYYY-MM-DD; null when the day or month is blank"),
    "year": (False, "year of issue when only the year is known"),
    "place": (False, "place name of the date line, e.g. 'Sơn La'"),
    "issuer": (True, "issuing body, e.g. 'Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La'"),
    "province": (
        False,
        "the issuer's province when its name lacks it ('Đồng Nai'), or 'central'; else read "
        "from the issuer, the place and the text",
    ),
    "level": (False, "the issuer's level: central, province, district or commune"),
    "signer": (False, "name of the person who signed"),
    "signer_title": (
        False,
        "signature block above the name, e.g. 'TM. BAN THƯỜNG TRỰC / CHỦ TỊCH'",
    ),
    "recipients": (False, "list: the 'Kính gửi' addressees"),
    "distribution": (False, "list: the 'Nơi nhận' lines"),
    "topics": (False, "list of topic slugs; set by rules unless given here"),
    "references": (
        False,
        "list of cited documents: {number, doc_type, date, issuer, title, relation, implements}",
    ),
    "source": (False, "file name of the original text in content/sources/"),
    "ocr": (False, "true when the text was read by OCR from a scan of the original"),
    "summary": (False, "one or two sentences for listings, feeds and share previews"),
    "tasks": (
        False,
        "list of assignments: {lead, support, what, when, due, repeat, quote} (converter)",
    ),
}

#: Front-matter keys of an English translation `x.en.md`.
EN_FIELDS: dict[str, tuple[bool, str]] = {
    "title": (True, "the title in English"),
    "translation_of": (True, "content hash of the Vietnamese text translated (portal check)"),
    "summary": (False, "one or two sentences in English"),
    "translator": (False, "who translated"),
}

NUMBER_SPACES = re.compile(r"\s+")
#: No real trích yếu comes near this; a longer title would stall every page and card it is on.
MAX_TITLE_CHARS = 1000
REFERENCE_KEYS = ("number", "doc_type", "date", "issuer", "title", "relation", "implements")
RELATIONS = ("implements", "based_on", "replaces")
LEVELS = ("central", "province", "district", "commune")


@dataclass(frozen=True)
class Reference:
    """A document cited by a directive, as the citing text describes it."""

    number: str
    doc_type: str | None = None
    date: dt.date | None = None
    issuer: str | None = None
    title: str | None = None
    #: What the citing text says it does with it: implements, based_on, replaces.
    relation: str | None = None
    #: The number of the document this one implements, as the citing text says.
    implements: str | None = None

    def to_dict(self) -> dict:
        """Plain data for front matter and JSON, without empty keys."""
        out: dict = {"number": self.number}
        for key in REFERENCE_KEYS[1:]:
            value = getattr(self, key)
            if value is not None:
                out[key] = value.isoformat() if isinstance(value, dt.date) else value
        return out


@dataclass
class Translation:
    """The English version of a directive, when one exists."""

    title: str
    body: str
    translation_of: str
    summary: str | None = None
    path: str = ""


@dataclass
class Directive:
    """One directive as the site knows it: metadata, Vietnamese text, optional translation."""

    slug: str
    title: str
    doc_type: str
    issuer: str
    body: str
    number: str | None = None
    date: dt.date | None = None
    year: int | None = None
    place: str | None = None
    signer: str | None = None
    signer_title: str | None = None
    province: str | None = None  # as the front matter gives it; the catalog completes it
    level: str | None = None
    recipients: list[str] = field(default_factory=list)
    distribution: list[str] = field(default_factory=list)
    topics: list[str] = field(default_factory=list)
    topics_from_rules: bool = True
    references: list[Reference] = field(default_factory=list)
    source: str | None = None
    ocr: bool = False  # the text was read by OCR from a scan
    summary: str | None = None
    tasks: list[Task] = field(default_factory=list)
    path: str = ""  # the Markdown file, relative to the project
    translation: Translation | None = None

    @property
    def issued_year(self) -> int | None:
        """The year of issue, from the date or the bare year."""
        return self.date.year if self.date else self.year

    @property
    def content_hash(self) -> str:
        """What a translation records to know which Vietnamese version it translates."""
        return content_hash(self.title, self.body)

    @property
    def translation_status(self) -> str:
        """'complete', 'missing' or 'outdated'."""
        if self.translation is None:
            return "missing"
        if self.translation.translation_of != self.content_hash:
            return "outdated"
        return "complete"

    def sort_key(self) -> tuple:
        """Newest first: by date (or year), then number, then slug, so the order is total."""
        when = self.date or (dt.date(self.year, 1, 1) if self.year else dt.date.min)
        return (-when.toordinal(), self.number or "", self.slug)


def content_hash(title: str, body: str) -> str:
    """A short, stable hash of a Vietnamese text (title and body, whitespace-normalised)."""
    text = " ".join((title + "\n" + body).split())
    return "sha256:" + hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def normalise_number(number: str) -> str:
    """'305 /KH-MTTQ-BTT' -> '305/KH-MTTQ-BTT'."""
    return NUMBER_SPACES.sub("", number)


def _as_date(value, key: str, problems: list[str]) -> dt.date | None:
    if value is None or value == "":
        return None
    if isinstance(value, dt.datetime):
        problems.append(f"'{key}' chỉ ghi ngày, không ghi giờ: dùng dạng YYYY-MM-DD")
        return value.date()
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value))
    except ValueError:
        problems.append(
            f"'{key}' phải là ngày dạng YYYY-MM-DD, ví dụ 2023-02-20 (đang là '{value}')"
        )
        return None


def _as_text_list(value, key: str, problems: list[str]) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.append(f"'{key}' phải là một danh sách các dòng chữ")
        return []
    return value


def directive_from_meta(
    meta: dict, body: str, slug: str, path: str, key_lines: dict[str, int]
) -> tuple[Directive | None, list[Problem]]:
    """Validate a Vietnamese document's front matter and build its Directive."""
    found: list[Problem] = []

    def report(key: str, message: str, severity: str = "error") -> None:
        found.append(Problem(path, key_lines.get(key, 1), message, severity))

    for key in meta:
        if key not in FIELDS:
            known = ", ".join(FIELDS)
            report(
                key, f"khóa '{key}' không có trong lược đồ [unknown key]; các khóa hợp lệ: {known}"
            )
    for key, (required, meaning) in FIELDS.items():
        if required and not meta.get(key):
            report(key, f"thiếu '{key}' [missing]: {meaning}")
    for key in (
        "title",
        "doc_type",
        "issuer",
        "number",
        "place",
        "signer",
        "signer_title",
        "source",
        "summary",
        "province",
        "level",
    ):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            report(key, f"'{key}' phải là chữ (đang là {type(value).__name__}: {value!r})")

    title = meta.get("title")
    too_long = title_too_long(title) if isinstance(title, str) else None
    if too_long:
        report("title", too_long)
    source = meta.get("source")
    if isinstance(source, str) and not _is_file_name(source):
        report(
            "source",
            "'source' phải là tên một tệp trong content/sources/, không kèm thư mục "
            f"(đang là '{source}') [source must be a file name]",
        )

    issues: list[str] = []
    date = _as_date(meta.get("date"), "date", issues)
    for message in issues:
        report("date", message)
    if meta.get("ocr") is not None and not isinstance(meta.get("ocr"), bool):
        report("ocr", f"'ocr' phải là true hoặc false (đang là {meta.get('ocr')!r})")
    year = meta.get("year")
    if year is not None and not (isinstance(year, int) and 1900 < year < 2200):
        report("year", f"'year' phải là năm bốn chữ số, ví dụ 2025 (đang là {year!r})")
        year = None

    lists: dict[str, list[str]] = {}
    for key in ("recipients", "distribution", "topics"):
        issues = []
        lists[key] = _as_text_list(meta.get(key), key, issues)
        for message in issues:
            report(key, message)
    for topic in lists["topics"]:
        if topic not in TOPICS:
            report("topics", f"chủ đề '{topic}' không tồn tại; chọn trong: {', '.join(TOPICS)}")
    references = _references(meta.get("references"), lambda m: report("references", m))
    tasks = tasks_from_meta(
        meta.get("tasks"),
        lambda i, m: found.append(
            Problem(path, key_lines.get(f"tasks[{i}]", key_lines.get("tasks", 1)), m, "error")
        ),
    )
    if meta.get("level") is not None and meta.get("level") not in LEVELS:
        report("level", f"'level' phải là một trong: {', '.join(LEVELS)}")

    if any(p.severity == "error" for p in found):
        return None, found
    number = meta.get("number")
    directive = Directive(
        slug=slug,
        title=" ".join(meta["title"].split()),
        doc_type=meta["doc_type"].strip(),
        issuer=" ".join(meta["issuer"].split()),
        body=body,
        number=normalise_number(number) if number else None,
        date=date,
        year=year if year else (date.year if date else None),
        place=meta.get("place"),
        signer=meta.get("signer"),
        signer_title=meta.get("signer_title"),
        province=meta.get("province"),
        level=meta.get("level"),
        recipients=lists["recipients"],
        distribution=lists["distribution"],
        topics=[t for t in lists["topics"] if t in TOPICS],
        topics_from_rules="topics" not in meta,
        references=references,
        source=meta.get("source"),
        ocr=meta.get("ocr") is True,
        summary=meta.get("summary"),
        tasks=tasks,
        path=path,
    )
    return directive, found


def title_too_long(title: str) -> str | None:
    """The message for a title over the limit, or None."""
    if len(title) <= MAX_TITLE_CHARS:
        return None
    return (
        f"'title' dài {len(title)} ký tự, quá giới hạn {MAX_TITLE_CHARS} "
        f"[title longer than {MAX_TITLE_CHARS} characters]"
    )


def _is_file_name(name: str) -> bool:
    """A plain file name: no folder, not absolute, not hidden, nothing that leaves the folder
    (`/etc/passwd`, `../x`, `C:\\x`, `.git`)."""
    return bool(name) and not name.startswith(".") and not any(c in name for c in "/\\:\0")


def _references(value, report) -> list[Reference]:
    if value is None:
        return []
    if not isinstance(value, list):
        report("'references' phải là một danh sách")
        return []
    out = []
    for i, item in enumerate(value, 1):
        if isinstance(item, str):
            item = {"number": item}
        if not isinstance(item, dict) or not item.get("number"):
            report(f"tham chiếu thứ {i} phải có 'number' (số ký hiệu văn bản được dẫn)")
            continue
        unknown = set(item) - set(REFERENCE_KEYS)
        if unknown:
            report(f"tham chiếu thứ {i} có khóa lạ: {', '.join(sorted(map(str, unknown)))}")
        wrong = [
            key
            for key in ("number", "doc_type", "issuer", "title", "implements")
            if item.get(key) is not None
            and not isinstance(item[key], str)
            and not (key == "number" and type(item[key]) is int)
        ]
        if wrong:
            report(
                f"tham chiếu thứ {i}: {', '.join(wrong)} phải là chữ "
                f"[reference {i}: {', '.join(wrong)} must be text]"
            )
            continue
        issues: list[str] = []
        date = _as_date(item.get("date"), "date", issues)
        for message in issues:
            report(f"tham chiếu thứ {i}: {message}")
        out.append(
            Reference(
                number=normalise_number(str(item["number"])),
                doc_type=item.get("doc_type"),
                date=date,
                issuer=item.get("issuer"),
                title=item.get("title"),
                relation=item.get("relation") if item.get("relation") in RELATIONS else None,
                implements=item.get("implements"),
            )
        )
        if item.get("relation") is not None and item.get("relation") not in RELATIONS:
            report(f"tham chiếu thứ {i}: 'relation' phải là một trong: {', '.join(RELATIONS)}")
    return out
