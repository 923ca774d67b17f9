"""The converter as one pipeline: decode, read header and closing, structure the body, pair
footnotes, compose the metadata, render. Nothing is written here; `Conversion` holds it all."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import frontmatter, model, topics
from ..identity import issuer_scope, missing_province
from ..slugs import document_slug
from .attachments import find_attachments, read_attachments
from .blocks import Block, Doubt
from .body import parse_body
from .closing import find_closing_start, parse_closing
from .decode import normalise_text
from .footnotes import pair_footnotes
from .header import parse_header
from .issuer import compose_issuer, infer_issuer, modern_spelling
from .lines import split_lines
from .patterns import TYPE_CODES
from .readers import read_source
from .readers.ocr_fix import correct_ocr
from .references import extract_references
from .render import render_markdown
from .tasks import extract_tasks
from .title import UNTITLED_TYPES, title_from_text
from .unfold import unfold_lines


@dataclass
class Conversion:
    """One converted directive: front matter, Markdown body, slug and doubts to report."""

    source: str
    meta: dict
    markdown: str
    slug: str
    warnings: list[Doubt] = field(default_factory=list)

    def document(self) -> str:
        """The whole Markdown file: YAML front matter, then the body."""
        return frontmatter.dump(self.meta, self.markdown)

    def inspect(self) -> dict:
        """The metadata as plain JSON data (`portal inspect`)."""
        keys = (
            "doc_type",
            "number",
            "place",
            "date",
            "year",
            "issuer",
            "province",
            "title",
            "signer",
            "signer_title",
            "recipients",
            "distribution",
            "topics",
            "references",
        )
        out = {k: self.meta.get(k) for k in keys}
        out["date"] = self.meta["date"].isoformat() if self.meta.get("date") else None
        out["year"] = self.meta.get("year") or (
            self.meta["date"].year if self.meta.get("date") else None
        )
        for k in ("recipients", "distribution", "topics", "references"):
            out[k] = out[k] or []
        out["slug"] = self.slug
        out["warnings"] = [f"{w.line}: {w.message}" if w.line else w.message for w in self.warnings]
        return out


def convert_path(path: Path) -> Conversion:
    """Convert a received file of any form `readers` reads; ConversionError for bad input."""
    received = read_source(path, path.read_bytes())
    return convert_text(received.text, path.name, ocr=received.ocr, doubts=received.doubts)


def convert_text(
    text: str, source: str, *, ocr: bool = False, doubts: list[Doubt] | None = None
) -> Conversion:
    """The whole conversion of one decoded text (read by OCR when `ocr`; `doubts` the reader's,
    by line of `text`). Never refuses a text: what cannot be determined is None in the front
    matter and a doubt the editor is asked about."""
    received = list(doubts or [])
    lines, origin = unfold_lines(split_lines(normalise_text(text)))
    if ocr:
        lines = correct_ocr(lines)
    header = parse_header(lines)
    attached = find_attachments(lines, header.end)
    main_lines = lines[: attached[0]] if attached else lines
    closing = parse_closing(main_lines, find_closing_start(main_lines, header.end))
    doc_type = header.doc_type or _type_without_heading(header.number, header.subject)
    body = parse_body(lines, header.end, closing.start, doc_type)
    notes, footnote_doubts = pair_footnotes(body, closing.footnotes)
    closing_blocks = [b for b in closing.blocks if not (notes and b.kind == "footnote")]
    parts = read_attachments(lines, attached)
    body_text = "\n".join(b.text for b in body)
    doubts = [*header.doubts, *closing.doubts, *footnote_doubts]

    issuer = compose_issuer([c.plain for c in header.issuer_lines], body_text)
    issuer = issuer or header.given.get("issuer")
    if issuer is None:
        issuer, offset = infer_issuer(closing.signer_title, body_text, header.place)
        if issuer:
            where = (
                _line_at(body, offset) if offset >= 0 else _first_line(closing_blocks, "sign-title")
            )
            doubts.append(
                Doubt(
                    where,
                    f"không có khối cơ quan ban hành; suy ra '{issuer}' "
                    "[issuer inferred from the text]",
                )
            )
    title = header.title
    if not title and doc_type in UNTITLED_TYPES:
        title, line = title_from_text(body)
        if title:
            doubts.append(Doubt(line, f"{TITLE_FROM_TEXT}: '{title[:60]}'"))
    for key, value, line in (
        ("doc_type", doc_type, _first_text_line(lines)),
        ("title", title, _line_of(header.blocks, "doc-type") or _first_text_line(lines)),
        ("issuer", issuer, _line_of(header.blocks, "issuer") or _first_text_line(lines)),
    ):
        if not value:
            doubts.append(Doubt(line, _MISSING[key]))

    # "Ban Tuyên giáo Tỉnh ủy" stays as the text names it; its province is a field of its own
    issuer = modern_spelling(issuer) if issuer else None
    scope = issuer_scope(issuer or "", header.place, body_text, tuple(closing.distribution))
    province = missing_province(issuer, scope) if issuer else None
    notes_text = "\n".join(b.text for b in closing.footnotes)
    attached_text = "\n".join(part.text for part in parts)
    basis_text = "\n".join(c.text for c in header.basis)  # "(Thành lập theo Quyết định số"
    cited_text = f"{basis_text}\n{title or ''}\n{body_text}\n{notes_text}\n{attached_text}"
    meta = _front_matter(
        title=title,
        doc_type=doc_type,
        number=header.number,
        date=header.date,
        year=header.year,
        place=header.place,
        issuer=issuer,
        province=province,
        signer=closing.signer,
        signer_title=closing.signer_title,
        recipients=header.recipients,
        distribution=closing.distribution,
        topics=topics.classify(title or "", body_text),
        references=[
            r.to_dict()
            for r in extract_references(
                cited_text, header.number, header.date.year if header.date else header.year
            )
        ],
        source=source,
        ocr=ocr or None,
    )
    slug = document_slug(
        number=header.number,
        date=header.date,
        year=header.year,
        doc_type=doc_type,
        place=header.place,
        issuer=issuer,
        fallback=Path(source).stem,
    )
    markdown = render_markdown(header.blocks, body, closing_blocks, notes, parts)
    tasks = extract_tasks(markdown, header.date, header.year)
    if tasks:
        meta["tasks"] = tasks  # the last key of model.FIELDS
    doubts = received + [
        Doubt(origin[d.line - 1] if 0 < d.line <= len(origin) else d.line, d.message)
        for d in doubts
    ]
    return Conversion(source, meta, markdown, slug, sorted(doubts, key=lambda d: d.line))


#: What the converter could not determine; `portal add` turns each into a question.
_MISSING = {
    "doc_type": "không xác định được loại văn bản (không có dòng KẾ HOẠCH, HƯỚNG DẪN, ... "
    "hay V/v); để null [no document type]",
    "title": "không tìm thấy trích yếu; để null [no title]",
    "issuer": "không xác định được cơ quan ban hành (không có khối tên cơ quan, chữ ký hay "
    "câu tự giới thiệu); để null [no issuer]",
}
#: The doubt when a type that has no trích yếu (Giấy mời, Thông báo...) takes its title
#: from its first sentence.
TITLE_FROM_TEXT = (
    "không có trích yếu; lấy câu đầu của văn bản làm tiêu đề [title taken from the text]"
)
#: Keys the front matter always has, null when unknown, so the editor sees where to answer.
_ALWAYS = ("title", "doc_type", "number", "date", "issuer")


def _front_matter(**values) -> dict:
    """Keys in the order of model.FIELDS; empty ones left out, except the required ones,
    number and date, written null so the editor sees where to answer."""
    meta: dict = {}
    for key in model.FIELDS:
        value = values.get(key)
        if key == "year" and values.get("date"):
            continue  # the date says the year
        if key in _ALWAYS or value not in (None, "", []):
            meta[key] = value
    return meta


def _type_without_heading(number: str | None, subject: bool) -> str | None:
    """A document with no type heading: a "V/v" line or a number without type code makes
    it a Công văn; otherwise the code in the number ("175/KH-UBND") tells the type."""
    if subject:
        return "Công văn"
    if not number:
        return None
    for part in number.replace("/", "-").split("-")[1:]:
        if part in TYPE_CODES:
            return TYPE_CODES[part]
    return "Công văn"


def _first_text_line(lines: list[str]) -> int:
    return next((i + 1 for i, line in enumerate(lines) if line.strip()), 0)


def _line_of(blocks: list[Block], kind: str) -> int:
    return next((b.line for b in blocks if b.kind == kind), 0)


def _first_line(blocks: list[Block], kind: str) -> int:
    return _line_of(blocks, kind)


def _line_at(body: list[Block], offset: int) -> int:
    """The source line of a character offset in the body text (blocks joined by newlines)."""
    pos = 0
    for block in body:
        pos += len(block.text) + 1
        if pos > offset:
            return block.line
    return 0
