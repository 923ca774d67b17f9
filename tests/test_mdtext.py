"""Text put into generated Markdown renders as that text, never as markup."""

from __future__ import annotations

import markdown
import pytest

from build_scripts.mdtext import escape, link


@pytest.mark.parametrize(
    "text",
    [
        "<script>alert(1)</script> & [x](javascript:alert(1))",
        "- không phải danh sách",
        "1. không phải danh sách số",
        "# không phải tiêu đề",
        "> không phải trích dẫn",
        "*nghiêng* __đậm__ `mã` | ô bảng {: .lop }",
    ],
)
def test_escaped_text_renders_literally_even_as_a_paragraph(text):
    html = markdown.markdown(escape(text), extensions=["attr_list", "tables", "footnotes"])
    assert html.startswith("<p>") and html.endswith("</p>")
    inner = html[3:-4]
    for tag in ("<script", "<ul", "<ol", "<h1", "<blockquote", "<em", "<strong", "<code", "href="):
        assert tag not in inner


def test_link_text_is_escaped_and_the_target_kept():
    html = markdown.markdown(link("Kế hoạch *số* <1>", "../van-ban/a.md"))
    assert html == '<p><a href="../van-ban/a.md">Kế hoạch *số* &lt;1&gt;</a></p>'
