"""A directive's text is data: raw HTML, `javascript:` or attribute lists in it would put markup
into the page and the feeds. The converter escapes all of them; a hand edit might not. The
catalog applies this check to every directive and translation it reads, so build, serve, check
and publish all refuse such a text, each naming the file and line.
"""

from __future__ import annotations

import bisect
import html
import re

from .frontmatter import Document
from .problems import Problem

#: A fenced code block opens, as Python-Markdown's fenced_code reads it: at the start of the
#: line (an indented fence is text, and what it seems to enclose is Markdown), closed by the
#: same fence alone on a later line; unclosed, it is text too. After the fence only a language
#: or `{attributes}`: "``` some words" opens nothing.
FENCE = re.compile(
    r"""(`{3,}|~{3,})[ ]*(?:\{[^\n]*\}|\.?[\w#.+-]*[ ]*(?:hl_lines=("|').*?\2[ ]*)?)"""
)
FENCE_STARTS = ("```", "~~~")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
#: A link destination in angle brackets, `](<a b.md>)`: not an HTML tag.
ANGLE_DESTINATION = re.compile(r"\]\(\s*<[^>\n]*>")

#: Raw HTML: `<tag`, `</tag`, `<!--`, `<!DOCTYPE`, `<?`, unless the `<` is escaped (an odd
#: number of backslashes: `\\<` is a backslash, then a tag). A tag name is what Markdown takes
#: for one: a letter, then anything up to a space, `/` or `>` (`<x.` included), but not an
#: autolink (`<https://x>`, `<a@b.org>`).
HTML_TAG = re.compile(r"<(?:[!?]|/?[A-Za-z][^\s/<>@:]*(?=[\s/>]|$))")
#: `javascript:` even when spaced out, as browsers tolerate (entities are decoded first).
JAVASCRIPT = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)
#: An image from another host (`https:`, `//host`, `/\\host`): the page would ask that host
#: for it on load. The sanitiser (sanitize.py) drops it; this says where it was written.
OFF_HOST_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?\s*(?:[A-Za-z][A-Za-z0-9+.-]*:|[/\\]{2})")
#: A link or reference definition to a `data:` address (a whole document in a link).
DATA_LINK = re.compile(r"(?:\]\(|^ {0,3}\[[^\]]+\]:)\s*<?\s*d\s*a\s*t\s*a\s*:", re.IGNORECASE)
#: attr_list syntax `{: .class #id key=value}` sets HTML attributes, `onclick` included.
#: The converter's own structure (convert/render.py): `md_in_html` divs and `attr_list` classes
#: from the `doc-` vocabulary, each alone on its line. Exactly these are allowed, nothing else.
CONVERTER_STRUCTURE = re.compile(
    r'<div class="doc-[a-z0-9-]+" markdown>|</div>|\{: (?:\.doc-[a-z0-9-]+ )+\}'
)
ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{:?[ \t]*(?:[.#][A-Za-z_][\w-]*|[A-Za-z_][\w-]*=)[^}\n]*\}")


def body_lines(doc: Document) -> list[tuple[int, str]]:
    """(line number in the file, text) of the body outside fenced code, code spans blanked."""
    lines = doc.body.split("\n")
    closings: dict[str, list[int]] = {}  # fence -> indices of the lines that are only it
    for index, line in enumerate(lines):
        if line.startswith(FENCE_STARTS) and FENCE.fullmatch(line):
            closings.setdefault(line.rstrip(" "), []).append(index)
    out, index = [], 0
    while index < len(lines):
        fence = lines[index].startswith(FENCE_STARTS) and FENCE.fullmatch(lines[index])
        if fence:
            later = closings.get(fence.group(1), [])
            close = bisect.bisect_right(later, index)
            if close < len(later):
                index = later[close] + 1  # the whole block is code
                continue
        line = CODE_SPAN.sub(lambda m: " " * len(m.group()), lines[index])
        out.append((index + doc.body_line, line))
        index += 1
    return out


def _escaped(text: str, at: int) -> bool:
    """Whether the character at `at` follows an odd number of backslashes (`\\<` is escaped,
    `\\\\<` is a backslash and then a tag)."""
    before = text[:at]
    return (len(before) - len(before.rstrip("\\"))) % 2 == 1


def problems(shown: str, doc: Document) -> list[Problem]:
    """Markup in the text of one directive or translation (`shown`: its path), by line."""
    found = []
    for line, text in body_lines(doc):
        if CONVERTER_STRUCTURE.fullmatch(text.strip()):
            continue
        text = ANGLE_DESTINATION.sub(lambda m: " " * len(m.group()), text)
        for match in HTML_TAG.finditer(text):
            start = match.start()
            if _escaped(text, start):
                continue
            tag = text[start : text.find(">", start) + 1 or None][:40]
            found.append(
                Problem(
                    shown,
                    line,
                    f"mã HTML '{tag}' trong nội dung văn bản: nội dung chỉ được là chữ; "
                    "nếu cần dấu '<' hãy viết '&lt;' [raw HTML in a directive]",
                )
            )
        decoded = html.unescape(text)
        # Cheap tests first: most lines have no link at all.
        if ("](" in decoded or "]:" in decoded) and DATA_LINK.search(decoded):
            found.append(
                Problem(
                    shown,
                    line,
                    "liên kết tới địa chỉ 'data:' trong nội dung văn bản bị cấm "
                    "[data: link in a directive]",
                )
            )
        if "![" in decoded and OFF_HOST_IMAGE.search(decoded):
            found.append(
                Problem(
                    shown,
                    line,
                    "ảnh lấy từ trang khác không được dùng: trang không tải gì từ trang khác; "
                    "hãy đặt ảnh trong cổng [image from another host]",
                )
            )
        if JAVASCRIPT.search(decoded):
            found.append(
                Problem(
                    shown,
                    line,
                    "'javascript:' trong nội dung văn bản bị cấm [javascript: in a directive]",
                )
            )
        for match in ATTRIBUTE_LIST.finditer(text):
            found.append(
                Problem(
                    shown,
                    line,
                    f"'{match.group()[:40]}' là thuộc tính Markdown, không được dùng trong "
                    "nội dung văn bản; nếu cần dấu ngoặc hãy viết '\\{' "
                    "[attribute list in a directive]",
                )
            )
    return found
