"""Make source text render literally in Markdown: no HTML, links, lists or headings from it.

Source text is data, never markup. The one exception is `**bold**` already in the source
(Word bold kept by the text export), which stays bold when its marks are balanced.
"""

from __future__ import annotations

import re

from ..mdtext import escape_line_start, escape_text

#: A bold span the source already marks; its content is escaped, the marks kept.
BOLD_SPAN = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
#: Placeholders the footnote step puts into text for markers it matched; they survive escaping.
FOOTNOTE_PLACEHOLDER = re.compile("\ue000(\\d+)\ue001")


def escape_inline(text: str) -> str:
    """Escape one line of source text so Python-Markdown renders it as that text."""
    out, pos = [], 0
    for span in BOLD_SPAN.finditer(text):
        out.append(escape_text(text[pos : span.start()]))
        out.append("**" + escape_text(span.group(1)) + "**")
        pos = span.end()
    out.append(escape_text(text[pos:]))
    escaped = escape_line_start("".join(out))
    return FOOTNOTE_PLACEHOLDER.sub(r"[^\1]", escaped)


def balance_bold(lines: list[str]) -> list[str]:
    """A `**` opened on one line and closed on a later one: close and reopen it per line,
    so each line can be its own paragraph and stay bold."""
    out, open_bold = [], False
    for line in lines:
        marks = line.count("**")
        text = ("**" + line) if open_bold and marks == 0 else line
        if open_bold and marks:
            text = "**" + line if not line.lstrip().startswith("**") else line
        now_open = open_bold != (marks % 2 == 1)
        if now_open:
            text = text + "**"
        out.append(text)
        open_bold = now_open
    return out
