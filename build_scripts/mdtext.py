"""Put arbitrary text into Markdown so that it renders literally, never as markup.

Used by the converter for every line of a directive and by the generated pages and feeds for
titles, names and facts: text is data, and one set of rules keeps it so everywhere.
"""

from __future__ import annotations

import re

#: Characters that start inline markup anywhere in a line (Python-Markdown, attr_list, abbr,
#: footnotes, tables): escaped with a backslash, which Python-Markdown turns back into the char.
INLINE_SPECIAL = re.compile(r"([\\`*_{}\[\]|#])")
#: What would start a block (heading, list, quote, admonition, definition) at a line start.
LINE_START = re.compile(r"^(#|[-+]|!|\d+(?=\.)|:)")
ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
ENTITY_CHARS = re.compile(r"[&<>]")


def escape_text(text: str) -> str:
    """HTML characters as entities and inline markup characters backslashed."""
    text = ENTITY_CHARS.sub(lambda m: ENTITIES[m.group()], text)
    return INLINE_SPECIAL.sub(r"\\\1", text)


def escape_line_start(escaped: str) -> str:
    """Keep an (already escaped) line from opening a heading, list, quote or definition."""
    return LINE_START.sub(_line_start, escaped, count=1)


def _line_start(found: re.Match) -> str:
    token = found.group(1)
    if token.isdigit():
        return token + "\\"  # "1." -> "1\." (the dot follows)
    if token == ":":
        return "&#58;"
    return "\\" + token


def escape(text: str) -> str:
    """`text` on one line, escaped to render literally wherever it is put, a line start too."""
    return escape_line_start(escape_text(" ".join(str(text).split())))


def link(text: str, target: str) -> str:
    """A Markdown link whose text is escaped and whose target is a relative .md path or URL."""
    return f"[{escape(text)}](<{target}>)"
