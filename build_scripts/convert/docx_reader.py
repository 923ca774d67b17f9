"""Word (.docx) input, the way most directives arrive: the text of paragraphs and table
cells in document order, one paragraph a line, so the rest of the pipeline reads it as it
reads a plain-text export.

Tables (the two-column header and closing) are flattened cell by cell. Superscript digits and
Word footnote references become superscript digits in the text; footnote texts are appended
after the document with the same number, for the footnote step to pair them.
"""

from __future__ import annotations

import io
import zipfile
import zlib

import docx
from docx.opc.exceptions import PackageNotFoundError
from docx.oxml.ns import qn

from .errors import ConversionError

OLE_MAGIC = b"\xd0\xcf\x11\xe0"
#: A .docx is a zip of some tens of parts; a directive's, images included, expands to a few
#: MiB. Past these, it is a zip bomb (12 MB that expand to 4 GiB), refused before it is read.
MAX_ENTRIES = 2000
MAX_EXPANDED_BYTES = 128 * 1024 * 1024
CHUNK = 1024 * 1024
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")


def read_docx(data: bytes) -> str:
    """The text of a .docx, or ConversionError when it is not one."""
    if data.startswith(OLE_MAGIC):
        raise ConversionError(
            "tệp Word 97-2003 (.doc) chưa đọc được: hãy lưu lại dưới dạng .docx [old .doc format]"
        )
    try:
        _check_expanded_size(data)
        document = docx.Document(io.BytesIO(data))
    except ConversionError:
        raise
    # A damaged, encrypted or oddly compressed zip is not a .docx we can read, never a traceback.
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        EOFError,
        zlib.error,
    ):
        raise ConversionError(
            "không mở được tệp Word (.docx): tệp hỏng hoặc không phải .docx [not a valid .docx]"
        ) from None
    lines: list[str] = []
    _read_container(document.element.body, lines)
    lines.extend(_footnotes(document))
    return "\n".join(lines)


def _check_expanded_size(data: bytes) -> None:
    """Refuse a zip of too many entries or too large a content, reading at most the limit: the
    sizes its directory declares first, then each entry decompressed in bounded chunks (a
    directory can lie)."""
    limit = MAX_EXPANDED_BYTES // (1024 * 1024)
    too_large = ConversionError(
        f"tệp Word giải nén ra hơn {limit} MiB: không đọc [.docx expands to more than {limit} MiB]"
    )
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise ConversionError(
                f"tệp Word có {len(entries)} phần, quá giới hạn {MAX_ENTRIES} "
                f"[.docx has more than {MAX_ENTRIES} entries]"
            )
        if sum(entry.file_size for entry in entries) > MAX_EXPANDED_BYTES:
            raise too_large
        total = 0
        for entry in entries:
            with archive.open(entry) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > MAX_EXPANDED_BYTES:
                        raise too_large


def _read_container(element, lines: list[str]) -> None:
    for child in element.iterchildren():
        if child.tag == qn("w:p"):
            lines.append(_paragraph_text(child))
        elif child.tag == qn("w:tbl"):
            _read_table(child, lines)
        elif child.tag == qn("w:sdt"):
            content = child.find(qn("w:sdtContent"))
            if content is not None:
                _read_container(content, lines)


def _read_table(table, lines: list[str]) -> None:
    """Row by row, cell by cell; a cell merged across rows is read once, where it starts.

    (Cells must not be told apart by `id()`: lxml makes a new proxy object on each access and
    reuses the ids of freed ones, which once skipped a cell at random.)"""
    for row in table.iterchildren(qn("w:tr")):
        for cell in row.iterchildren(qn("w:tc")):
            props = cell.find(qn("w:tcPr"))
            merge = props.find(qn("w:vMerge")) if props is not None else None
            if merge is not None and merge.get(qn("w:val")) in (None, "continue"):
                continue
            _read_container(cell, lines)


def _paragraph_text(paragraph) -> str:
    runs = list(paragraph.iter(qn("w:r")))
    pieces: list[tuple[str, bool]] = []
    for run in runs:
        props = run.find(qn("w:rPr"))
        bold = props is not None and _on(props.find(qn("w:b")))
        superscript = props is not None and _is_superscript(props)
        text = ""
        for node in run.iterchildren():
            if node.tag == qn("w:t"):
                text += node.text or ""
            elif node.tag == qn("w:tab"):
                text += "\t"
            elif node.tag in (qn("w:br"), qn("w:cr")):
                text += "\n"
            elif node.tag == qn("w:footnoteReference"):
                text += str(node.get(qn("w:id"))).translate(SUPERSCRIPT)
        if superscript and text.strip().isdigit():
            text = text.translate(SUPERSCRIPT)
        pieces.append((text, bold))
    all_bold = all(b for t, b in pieces if t.strip())
    if all_bold:  # a bold heading or header line: its words, without marks
        return "".join(t for t, _ in pieces)
    out = ""
    for text, bold in pieces:
        out += f"**{text.strip()}**" if bold and text.strip() and "\n" not in text else text
    return out


def _on(element) -> bool:
    return element is not None and element.get(qn("w:val")) not in ("0", "false", "off")


def _is_superscript(props) -> bool:
    align = props.find(qn("w:vertAlign"))
    return align is not None and align.get(qn("w:val")) == "superscript"


def _footnotes(document) -> list[str]:
    """Footnote texts ("¹ text"), skipping Word's separator notes."""
    part = next(
        (p for p in document.part.package.iter_parts() if str(p.partname) == "/word/footnotes.xml"),
        None,
    )
    if part is None:
        return []
    from lxml import etree

    root = etree.fromstring(part.blob)
    out = [""]
    for note in root.iterchildren(qn("w:footnote")):
        if note.get(qn("w:type")) in ("separator", "continuationSeparator"):
            continue
        text = " ".join(_paragraph_text(p) for p in note.iter(qn("w:p"))).strip()
        number = str(note.get(qn("w:id"))).translate(SUPERSCRIPT)
        if text:
            out.append(text if text.startswith(number) else f"{number} {text}")
    return out if len(out) > 1 else []
