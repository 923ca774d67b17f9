"""Assignments of a directive: who is asked (lead and supporting bodies), what, and by when.

Read from the rendered Markdown body, so each task can quote the sentence it comes from and
the page can link to it. Four families of phrasing:
- a trigger word before the body: "Giao Sở X chủ trì, phối hợp với Y ...", "Đề nghị ...",
  "Yêu cầu ...", "Kiến nghị ...", anywhere in a sentence;
- a body as the subject of a sentence in the "Tổ chức thực hiện" part: "Sở X chủ trì ...";
- items under a heading that names the body: "### 2. Đề nghị các tổ chức thành viên";
- a plan's table in lines: an item, then "Đơn vị chủ trì:", "Đơn vị phối hợp:", "Thời gian".
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from .deadlines import find_deadline

_HEAD_WORDS = (
    r"Sở|Ban(?! hành)|Ủy ban|Uỷ ban|UBND|UBMTTQ\w*|MTTQ|Mặt trận|Liên hiệp|Hội(?! nghị)|"
    r"Báo(?! cáo)|Đài|Văn phòng|"
    r"Công an|Bộ|Cục|Chi cục|Phòng|Trung tâm|Thường trực|Đoàn|Tỉnh đoàn|Thành đoàn|"
    r"Huyện đoàn|Cấp ủy|Cấp uỷ|Trường|Viện|Kho bạc|Hội đồng|HĐND|Tiểu ban|Đảng ủy|Đảng uỷ|"
    r"Đảng đoàn|Chi bộ|Tỉnh ủy|Thành ủy|Huyện ủy|Cơ quan|Tổ(?! chức)"
)
_PLURAL_WORDS = (
    r"sở|ban|cơ quan|đơn vị|tổ chức|đoàn thể|địa phương|hội|ngành|cấp ủy|cấp uỷ|xã|phường|"
    r"huyện|Ban|Sở|Hội|UBND|Ủy ban|Uỷ ban|Mặt trận|thành viên|chi bộ|đồng chí|đ/c"
)
#: Where a body's name begins: "Sở ...", "UBND ...", "các sở, ban, ngành ...".
BODY_HEAD = re.compile(rf"(?:(?:{_HEAD_WORDS})\b|[Cc]ác\s+(?:{_PLURAL_WORDS})\b)")
#: The verbs a task starts with; a body's name ends before the first (always lower case,
#: so "Sở Thông tin và Truyền thông" is not cut at "thông tin").
VERB = re.compile(
    r"[\s,]+(?=(?:chủ trì|phối hợp|chủ động|triển khai|tham mưu|bố trí|căn cứ|xây dựng|"
    r"thực hiện|hướng dẫn|theo dõi|nghiên cứu|báo cáo|tăng cường|đẩy mạnh|rà soát|quán triệt|"
    r"tuyên truyền|phổ biến|đôn đốc|kiểm tra|giám sát|ban hành|cung cấp|thẩm định|bảo đảm|"
    r"đảm bảo|quan tâm|tiếp tục|lãnh đạo|chỉ đạo|phát huy|có trách nhiệm|trình|tập trung|"
    r"nắm|cử|lựa chọn|gửi|tổng hợp|duy trì|vận động|hỗ trợ|là cơ quan|tích cực|đưa tin|"
    r"khẩn trương|nghiêm túc|kịp thời|sớm|tổ chức (?:thực hiện|triển khai|tuyên truyền|các)|"
    r"phân công|giao|ưu tiên|nâng cao|đề xuất|lập|thường xuyên|tham gia|để)\b)"
)
#: Words that hand a task to the body after them.
TRIGGER = re.compile(
    r"(?:^|(?<=[\s,;:(]))(?:[Gg]iao(?: nhiệm vụ)?(?: cho)?|[Đđ]ề nghị|[Yy]êu cầu|[Kk]iến nghị)"
    r"\s+(?=\S)"
)
SUPPORT = re.compile(r"phối hợp(?:\s+chặt chẽ)?(?:\s+với)?\s+")
#: "Đơn vị chủ trì: ...", "Đơn vị phối hợp: ...", "Thời gian hoàn thành: ...".
TABLE_LINE = re.compile(
    r"^(?:(?:Đơn vị|Cơ quan|Bộ phận)\s+(?P<role>chủ trì|phối hợp|thực hiện)"
    r"|(?P<bare>Chủ trì|Phối hợp))"
    r"\s*:\s*(?P<who>.+)$"
    r"|^(?:Thời gian|Thời hạn)(?: hoàn thành| thực hiện)?\s*:\s*(?P<when>.+)$",
    re.IGNORECASE,
)
#: A part of the body where subject-first sentences are assignments.
DUTIES_HEADING = re.compile(r"tổ chức thực hiện|phân công|trách nhiệm|nhiệm vụ", re.IGNORECASE)
SPLIT_BODIES = re.compile(rf"(?:,|\s+và)\s+(?=(?:{_HEAD_WORDS})\b|các\s+(?:{_PLURAL_WORDS})\b)")
NUMBERING = re.compile(r"^(?:[-+•*]\s+|\(?\d+(?:\.\d+)*[.)]?\s+|[a-zđ]\)\s+|[IVX]+\.\s+)+")
SENTENCE_END = re.compile(r"(?<=[.;:!?])\s+(?=[A-ZĐÀ-Ỹ])|(?<=\./)\s*|(?<=\.)\s*$")
#: A name is shorter than this; a longer "body" is a sentence that matched by accident.
MAX_BODY_CHARS = 160


@dataclass
class Paragraph:
    line: int  # in the Markdown body, 1-based
    text: str  # plain text, numbering removed
    heading: int  # heading level, 0 for text


def paragraphs(markdown: str) -> list[Paragraph]:
    """The body's paragraphs and headings as plain text, outside the header/closing divs."""
    out: list[Paragraph] = []
    depth = 0
    for number, raw in enumerate(markdown.splitlines(), 1):
        line = raw.strip()
        if line.startswith("<div"):
            depth += 1
        if depth:
            depth -= line.count("</div>")
            continue
        if not line or line.startswith(("{:", "[^", "<", "|")):
            continue
        level = len(line) - len(line.lstrip("#"))
        text = re.sub(r"\\(.)", r"\1", line.lstrip("#").strip()).replace("**", "")
        text = re.sub(r"\[\^\d+\]", "", text)
        out.append(Paragraph(number, NUMBERING.sub("", text).strip(), level))
    return out


def split_bodies(phrase: str) -> list[str]:
    """'Báo Đồng Nai, Đài Phát thanh - Truyền hình Đồng Nai' -> two bodies; 'Sở Văn hóa,
    Thể thao và Du lịch' stays one (the part after the comma does not start a name)."""
    parts = [" ".join(p.strip(" ,;:").split()) for p in SPLIT_BODIES.split(phrase)]
    return [p for p in parts if p]


def _body_at(text: str, start: int = 0) -> tuple[str, int] | None:
    """The body's name starting at `start`, and where it ends; None when none starts there."""
    if not BODY_HEAD.match(text, start):
        return None
    verb = VERB.search(text, start)
    end = verb.start() if verb else -1
    stop = re.compile(r"[;:(]|\.\s|\.$").search(text, start)
    if stop and (end < 0 or stop.start() < end):
        return None
    if end < 0 or end - start > MAX_BODY_CHARS:
        return None
    return text[start:end].strip(" ,"), end


def _support(clause: str) -> list[str]:
    """The bodies after 'phối hợp (với)' in a clause."""
    out: list[str] = []
    for found in SUPPORT.finditer(clause):
        body = _body_at(clause, found.end())
        if body:
            out += [b for b in split_bodies(body[0]) if b not in out]
    return out


def _task(lead, support, what, sentence, when_text, issued, year) -> dict:
    deadline = find_deadline(when_text, issued, year)
    task: dict = {"lead": list(lead), "support": list(support), "what": what.strip(" ,;")}
    task["when"] = deadline.text if deadline else None
    task["due"] = deadline.due.isoformat() if deadline and deadline.due else None
    task["repeat"] = deadline.repeat if deadline else None
    task["quote"] = sentence[:80]
    return task


def sentences(text: str) -> list[str]:
    return [s for s in SENTENCE_END.split(text) if s and s.strip()]


def extract_tasks(markdown: str, issued: dt.date | None, year: int | None) -> list[dict]:
    """Every assignment of a Markdown body, in reading order."""
    out: list[dict] = []
    in_duties = False
    heading_body: tuple[int, list[str]] | None = None
    table: dict | None = None
    for para in paragraphs(markdown):
        if para.heading:
            in_duties = in_duties or bool(DUTIES_HEADING.search(para.text))
            if heading_body and para.heading <= heading_body[0]:
                heading_body = None
            named = _named_in_heading(para.text)
            if named:
                heading_body = (para.heading, named)
            continue
        row = TABLE_LINE.match(para.text)
        if row and table is not None:
            if row["when"]:
                table["when"] = row["when"]
            else:
                role = (row["role"] or row["bare"]).lower()
                key = "support" if role == "phối hợp" else "lead"
                table[key] = split_bodies(row["who"].rstrip(" .;"))
            continue
        if table and table.get("lead"):
            out.append(_from_table(table, issued, year))
        table = {"text": para.text}
        found = _assignments(para.text, in_duties, issued, year)
        if not found and heading_body:
            found = [
                _task(heading_body[1], _support(para.text), para.text, para.text, para.text,
                      issued, year)
            ]  # fmt: skip
        out += found
        if found:
            table = None
    if table and table.get("lead"):
        out.append(_from_table(table, issued, year))
    return out


def _from_table(table: dict, issued, year) -> dict:
    when = table.get("when") or table["text"]
    task = _task(
        table["lead"], table.get("support", []), table["text"], table["text"], when, issued, year
    )
    if table.get("when") and task["when"] is None:
        task["when"] = table["when"].rstrip(" .;")  # "Thời gian: Năm 2025", kept as written
    return task


def _named_in_heading(text: str) -> list[str] | None:
    """A heading that is only a body's name, or 'Đề nghị <body>': its items are its tasks."""
    trigger = TRIGGER.match(text)
    rest = text[trigger.end() :] if trigger else text
    if BODY_HEAD.match(rest) and not VERB.search(rest) and len(rest) <= MAX_BODY_CHARS:
        return split_bodies(rest.rstrip(" .:"))
    return None


def _assignments(text: str, in_duties: bool, issued, year) -> list[dict]:
    """The tasks of one paragraph: each sentence with a triggered or subject body."""
    out = []
    for sentence in sentences(text):
        body = None
        for trigger in TRIGGER.finditer(sentence):
            body = _body_at(sentence, trigger.end())
            if body:
                break
        if body is None and in_duties:
            body = _body_at(sentence, 0)
        if body is None:
            continue
        name, end = body
        clause = sentence[end:]
        out.append(
            _task(split_bodies(name), _support(clause), clause, sentence, sentence, issued, year)
        )
    return out
