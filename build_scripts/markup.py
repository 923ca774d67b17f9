"""A directive's text is data: raw HTML, `javascript:` or attribute lists in it would put markup
into the page and the feeds. The converter escapes all of them; a hand edit might not. The
catalog applies this check to every directive and translation it reads, so build, serve, check
and publish all refuse such a text, each naming the file and line.
"""

from __future__ import annotations

import re

from .frontmatter import Document
from .problems import Problem

#: A fenced code block opens or closes; links inside are text.
FENCE = re.compile(r"^ {0,3}(```|~~~)")
CODE_SPAN = re.compile(r"(`+)(?:(?!\1).)+?\1")
#: A link destination in angle brackets, `](<a b.md>)`: not an HTML tag.
ANGLE_DESTINATION = re.compile(r"\]\(\s*<[^>\n]*>")

#: Raw HTML: `<tag`, `</tag`, `<!--`, `<!DOCTYPE`, `<?`, unless the `<` is escaped.
HTML_TAG = re.compile(r"(?<!\\)<(?:[!?]|/?[A-Za-z][A-Za-z0-9-]*(?=[\s/>]|$))")
#: `javascript:` even when spaced out, as browsers tolerate.
JAVASCRIPT = re.compile(r"j\s*a\s*v\s*a\s*s\s*c\s*r\s*i\s*p\s*t\s*:", re.IGNORECASE)
#: attr_list syntax `{: .class #id key=value}` sets HTML attributes, `onclick` included.
#: The converter's own structure (convert/render.py): `md_in_html` divs and `attr_list` classes
#: from the `doc-` vocabulary, each alone on its line. Exactly these are allowed, nothing else.
CONVERTER_STRUCTURE = re.compile(
    r'<div class="doc-[a-z0-9-]+" markdown>|</div>|\{: (?:\.doc-[a-z0-9-]+ )+\}'
)
ATTRIBUTE_LIST = re.compile(r"(?<!\\)\{:?[ \t]*(?:[.#][A-Za-z_][\w-]*|[A-Za-z_][\w-]*=)[^}\n]*\}")


def body_lines(doc: Document) -> list[tuple[int, str]]:
    """(line number in the file, text) of the body outside fenced code, code spans blanked."""
    out, in_fence = [], None
    for number, line in enumerate(doc.body.split("\n"), doc.body_line):
        fence = FENCE.match(line)
        if fence and (in_fence is None or fence.group(1) == in_fence):
            in_fence = None if in_fence else fence.group(1)
            continue
        if in_fence is None:
            out.append((number, CODE_SPAN.sub(lambda m: " " * len(m.group()), line)))
    return out


def problems(shown: str, doc: Document) -> list[Problem]:
    """Markup in the text of one directive or translation (`shown`: its path), by line."""
    found = []
    for line, text in body_lines(doc):
        if CONVERTER_STRUCTURE.fullmatch(text.strip()):
            continue
        text = ANGLE_DESTINATION.sub(lambda m: " " * len(m.group()), text)
        for match in HTML_TAG.finditer(text):
            tag = text[match.start() : text.find(">", match.start()) + 1 or None][:40]
            found.append(
                Problem(
                    shown,
                    line,
                    f"mã HTML '{tag}' trong nội dung văn bản: nội dung chỉ được là chữ; "
                    "nếu cần dấu '<' hãy viết '&lt;' [raw HTML in a directive]",
                )
            )
        if JAVASCRIPT.search(text):
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
