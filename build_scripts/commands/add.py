"""`portal add SOURCE...`: bring new directives into the portal and ask what is missing.

Each source is kept as received in content/sources/ and converted into
content/docs/van-ban/<slug>.md. What the converter could not determine (the date, the issuer,
the topics...) becomes a question for the editor, at the file, line and key to fill in.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

from .. import frontmatter, quality
from ..checks import DOCS_DIR, SOURCES_DIR
from ..model import TOPICS
from ..problems import Problem, display_path
from .placement import place

DOCUMENTS = f"{DOCS_DIR}/van-ban"
#: The converter's doubt when no issuer block was found and the issuer was read from the text.
ISSUER_INFERRED = "[issuer inferred"
#: The converter's doubt when a document without trích yếu took its first sentence as title.
TITLE_FROM_TEXT = "[title taken from the text]"
#: The converter's doubts for keys it left null; the questions ask for them.
ASKED_BELOW = ("[no document type]", "[no title]", "[no issuer]")
#: What to ask when a required key is null: the converter could not determine it.
UNKNOWN = {
    "doc_type": "chưa xác định được loại văn bản; ghi loại, ví dụ 'Kế hoạch', 'Công văn', "
    "'Thông báo' [no document type]",
    "title": "chưa có trích yếu; ghi tiêu đề văn bản (không có 'V/v' hay 'Về việc' ở đầu) "
    "[no title]",
    "issuer": "chưa xác định được cơ quan ban hành; ghi đầy đủ, ví dụ 'Ủy ban nhân dân "
    "tỉnh Đồng Nai' [no issuer]",
}


@dataclass(frozen=True)
class Question:
    """Something the editor must fill in: a front-matter key at a line of a document."""

    path: str
    line: int
    key: str
    text: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.key}: {self.text}"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "add",
        help="thêm văn bản mới (.docx, .doc, .odt, .pdf, ảnh quét, .md, .html, .txt) vào cổng "
        "[add new directives]",
        description="Lưu bản gốc vào content/sources/, chuyển thành trang trong "
        "content/docs/van-ban/, và hỏi những gì chưa xác định được.",
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", type=Path)
    p.add_argument("--root", type=Path, default=Path("."), help="project folder")
    p.add_argument("--force", action="store_true", help="ghi đè trang đã có [overwrite]")
    p.set_defaults(func=run)


def questions_for(document: Path, doubts: list[Problem], root: Path) -> list[Question]:
    """What a converted document still needs, read from the file as written."""
    shown = display_path(document, root)
    doc = frontmatter.parse(document.read_text(encoding="utf-8"))
    meta, at = doc.meta, doc.line_of
    end = doc.body_line - 1  # the closing '---': where a missing key is added
    found = [
        Question(shown, at(key) if key in meta else end, key, text)
        for key, text in UNKNOWN.items()
        if not meta.get(key)
    ]
    if meta.get("title") and any(TITLE_FROM_TEXT in d.message for d in doubts):
        found.append(
            Question(
                shown,
                at("title"),
                "title",
                f"văn bản không có trích yếu; tiêu đề lấy từ câu đầu ('{meta['title'][:60]}'); "
                "sửa cho đúng nội dung [title taken from the text]",
            )
        )
    if not meta.get("date"):
        if meta.get("year"):
            text = (
                f"chỉ biết năm {meta['year']}; nếu văn bản có ngày tháng, ghi dạng YYYY-MM-DD "
                "[only the year is known]"
            )
        else:
            text = (
                "chưa xác định được ngày ban hành; ghi dạng YYYY-MM-DD, ví dụ 2023-02-20, "
                "hoặc thêm dòng 'year: 2023' nếu chỉ biết năm [missing date]"
            )
        found.append(Question(shown, at("date"), "date", text))
    if not meta.get("number"):
        found.append(
            Question(
                shown,
                at("number"),
                "number",
                "không thấy số ký hiệu; ghi số nếu văn bản có, ví dụ '305/KH-MTTQ-BTT', "
                "nếu không thì để null [no document number]",
            )
        )
    if any(ISSUER_INFERRED in d.message for d in doubts):
        found.append(
            Question(
                shown,
                at("issuer"),
                "issuer",
                f"cơ quan ban hành được suy ra từ nội dung ('{meta.get('issuer')}'); "
                "đối chiếu với bản gốc [issuer inferred]",
            )
        )
    if not meta.get("topics"):
        found.append(
            Question(
                shown,
                at("topics") if "topics" in meta else end,
                "topics",
                "chưa xác định được chủ đề; thêm dòng 'topics: [...]' với một hay nhiều "
                f"chủ đề trong: {', '.join(TOPICS)} [no topic]",
            )
        )
    return found


def add_source(source: Path, root: Path, force: bool) -> tuple[list[str], list[Question], bool]:
    """Convert one source and write it; (lines to show, questions, succeeded)."""
    from .convert import convert_one  # the converter; imported when a source is added

    conversion, problems = convert_one(source)
    # a key left null is asked below, at its line in the page: not said twice
    said = [str(p) for p in problems if not any(m in p.message for m in ASKED_BELOW)]
    if conversion is None or any(p.severity == "error" for p in problems):
        return said, [], False
    kept = root / SOURCES_DIR / conversion.source
    if kept.exists() and kept.read_bytes() != source.read_bytes():
        said.append(
            f"{display_path(kept, root)}: đã có một tệp khác cùng tên; đổi tên tệp nhận được "
            "rồi thêm lại [another source has this name]"
        )
        return said, [], False
    # Another issuer's document with the same number and year keeps its address; this one
    # gets its own. The same issuer, number and year is refused unless --force.
    placement = place(conversion, root / DOCUMENTS, source, force, root)
    if placement.path is None:
        said.append(placement.message)
        return said, [], False
    document = placement.path
    kept.parent.mkdir(parents=True, exist_ok=True)
    document.parent.mkdir(parents=True, exist_ok=True)
    if not kept.exists():
        shutil.copyfile(source, kept)
    document.write_text(conversion.document(), encoding="utf-8")
    said.append(f"{display_path(kept, root)}: đã lưu bản gốc [source saved]")
    said.append(f"{display_path(document, root)}: đã tạo [document created]")
    written = frontmatter.parse(document.read_text(encoding="utf-8"))
    said += [str(p) for p in quality.problems(display_path(document, root), written)]
    return said, sorted(questions_for(document, problems, root), key=lambda q: q.line), True


def run(args: argparse.Namespace) -> int:
    if not (args.root / DOCS_DIR).is_dir():
        print(
            f"portal add: không thấy thư mục {DOCS_DIR}/ trong '{args.root}' "
            "[not a portal project folder]",
            file=sys.stderr,
        )
        return 1
    questions: list[Question] = []
    added = failed = 0
    for source in args.sources:
        said, asked, done = add_source(source, args.root, args.force)
        for line in said:
            print(line, file=sys.stdout if done else sys.stderr)
        questions += asked
        added, failed = added + done, failed + (not done)
    if added:
        for question in questions:
            print(question)
        n = len(questions)
        print(f"{n} câu hỏi cần trả lời [{n} question{'s' * (n != 1)} to answer]")
    return 1 if failed else 0
