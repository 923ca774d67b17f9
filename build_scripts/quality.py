"""The quality gate: warnings where a converted directive looks wrong, shown by `portal add`
and `portal check` (never errors: the page still builds).

It reads the Markdown as written, so it sees a hand edit as well as a conversion: a heading that
ends mid-sentence or breaks the numbering of its siblings, `\\*` or a lone symbol left in the
text, a signature block that absorbed other lines.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import markup
from .convert.closing import is_name
from .convert.lines import is_upper
from .convert.patterns import ends_mid_sentence
from .frontmatter import Document
from .problems import Problem

HEADING = re.compile(r"^(?P<hashes>#{2,6})\s+(?P<text>.+?)\s*$")
ESCAPE = re.compile(r"\\(.)")
DIV_OPEN = re.compile(r'^<div class="(?P<css>doc-[a-z0-9-]+)" markdown>$')
ATTR_LINE = re.compile(r"^\{: \.(?P<css>doc-[a-z0-9-]+) \}$")
#: Symbols that are furniture when alone on a line (a seal box, a star, a bullet).
LONE_SYMBOL = re.compile(r"^[\s□■◻▢○●•*]+$")
ESCAPED_STAR = re.compile(r"\\\*")
ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
#: The numbering of a heading or a numbered paragraph: Roman section, Arabic item, article.
ROMAN = re.compile(r"^(?P<n>[IVXLC]+)\s*[.\-–):/]\s*\S")
ARABIC = re.compile(r"^(?P<n>\d{1,2})\s*\.(?!\d)\s*\S")
ARTICLE = re.compile(r"^(?:\*\*)?Điều\s+(?P<n>\d{1,3})\s*[.:]")
#: Headings above a numbering scope: a new part or chapter restarts what is under it.
PART = re.compile(r"^(?:PHẦN|Phần|CHƯƠNG|Chương)\s+\S")
MAX_SIGN_LINE = 90
#: A Nơi nhận item that swallowed the signature beside it: "- Lưu: VT. KT. CHỦ TỊCH".
AUTHORITY_INSIDE = re.compile(r"^[-+•] .*\s(?:TM|KT|TL|TUQ|T/M|K/T)\.?\s+[A-ZĐ]{2}")


@dataclass
class _Numbering:
    """The last number seen of each kind in the current scope."""

    last: dict[str, int] = field(default_factory=dict)

    def step(self, kind: str, n: int) -> int | None:
        """Record number n; the expected number when n breaks the sequence, else None."""
        previous = self.last.get(kind)
        self.last[kind] = n
        if n == 1 or (previous is not None and n == previous + 1):
            return None
        return (previous or 0) + 1

    def reset(self, *kinds: str) -> None:
        for kind in kinds:
            self.last.pop(kind, None)


def problems(shown: str, doc: Document) -> list[Problem]:
    """The gate's warnings for one Vietnamese directive (`shown`: its path)."""
    found: list[Problem] = []

    def warn(line: int, message: str) -> None:
        found.append(Problem(shown, line, message, "warning"))

    numbering = _Numbering()
    divs: list[str] = []
    previous: tuple[int, str] | None = None
    for line, raw in markup.body_lines(doc):
        text = raw.strip()
        opened = DIV_OPEN.match(text)
        if opened:
            divs.append(opened.group("css"))
            if opened.group("css") == "doc-attachment":
                numbering.reset("roman", "arabic", "article")
            continue
        if text == "</div>":
            divs = divs[:-1]
            continue
        attr = ATTR_LINE.match(text)
        if attr and previous:
            _check_classed(attr.group("css"), *previous, warn)
            continue
        if text:
            _check_text(line, text, warn)
            if divs and divs[-1] == "doc-closing" and AUTHORITY_INSIDE.search(_plain(text)):
                warn(line, f"{ABSORBED}: '{_plain(text)[:60]}'")
            _check_numbering(line, text, divs, numbering, warn)
        previous = (line, text) if text else previous
    _check_signer_title(doc, shown, found)
    return list(dict.fromkeys(found))  # a line seen both as text and as a classed line


def _plain(text: str) -> str:
    return ESCAPE.sub(r"\1", text).replace("**", "").strip()


def _check_text(line: int, text: str, warn) -> None:
    if LONE_SYMBOL.match(_plain(text)):
        warn(line, f"ký hiệu đứng riêng '{_plain(text)}' trong văn bản [lone symbol in the text]")
    elif ESCAPED_STAR.search(text):
        warn(
            line,
            "còn dấu '\\*' trong văn bản: thường là dấu in đậm/nghiêng của bản xuất bị sót "
            "[escaped * left in the text]",
        )
    heading = HEADING.match(text)
    if heading and ends_mid_sentence(_plain(heading.group("text"))):
        words = _plain(heading.group("text")).split()
        warn(
            line,
            f"tiêu đề kết thúc giữa câu ('... {' '.join(words[-3:])}'): có thể dòng bị ngắt "
            "trang; nối với đoạn sau [heading ends mid-sentence]",
        )


def _check_numbering(line: int, text: str, divs: list[str], numbering: _Numbering, warn) -> None:
    """Numbers of headings and numbered paragraphs follow on; only a heading is reported."""
    if divs and divs[-1] != "doc-attachment":
        return  # the header and the closing are not numbered sections
    heading = HEADING.match(text)
    plain = _plain(heading.group("text") if heading else text)
    if heading and PART.match(plain):
        numbering.reset("roman", "arabic")
        return
    for kind, pattern in (("article", ARTICLE), ("roman", ROMAN), ("arabic", ARABIC)):
        found = pattern.match(plain)
        if not found:
            continue
        if kind == "roman" and not heading:
            return  # "I. ..." in running text may be a letter, not a section
        n = _roman(found.group("n")) if kind == "roman" else int(found.group("n"))
        if n is None:
            return
        if kind == "roman":
            numbering.reset("arabic")
        expected = numbering.step(kind, n)
        if heading and expected is not None:
            warn(
                line,
                f"đánh số không liền mạch: '{found.group('n')}' sau số {expected - 1} "
                f"(chờ {expected}): thiếu một mục hay một mục bị đọc thành đoạn văn "
                "[heading breaks the numbering of its siblings]",
            )
        return


def _roman(text: str) -> int | None:
    total, last = 0, 0
    for char in reversed(text):
        value = ROMAN_VALUES[char]
        total, last = (total - value, last) if value < last else (total + value, value)
    return total if 0 < total < 40 else None


def _check_classed(css: str, line: int, text: str, warn) -> None:
    """A signature line that is not a position, or a signer that is not a name."""
    plain = _plain(text)
    if css == "doc-sign-title" and not (
        is_upper(plain) and len(plain) <= MAX_SIGN_LINE and not plain.startswith(("-", "+"))
    ):
        warn(line, f"{ABSORBED}: '{plain[:60]}'")
    elif css == "doc-signer" and not is_name(plain):
        warn(line, f"{ABSORBED}: '{plain[:60]}' không phải tên người [not a name]")


ABSORBED = (
    "khối chữ ký có dòng không phải chức danh, có thể lấy nhầm dòng khác "
    "[signature block absorbed another line]"
)


def _check_signer_title(doc: Document, shown: str, found: list[Problem]) -> None:
    title = doc.meta.get("signer_title")
    if not isinstance(title, str):
        return
    for part in title.split(" / "):
        plain = part.strip("* ")
        if not is_upper(plain) or len(plain) > MAX_SIGN_LINE:
            found.append(
                Problem(
                    shown, doc.line_of("signer_title"), f"{ABSORBED}: '{plain[:60]}'", "warning"
                )
            )
            return
