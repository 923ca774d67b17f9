"""Pages lose their indentation, never their words or their preformatted text."""

from __future__ import annotations

from build_scripts.htmlsize import squeeze


def test_indentation_and_blank_lines_go_line_breaks_stay():
    html = "<ul>\n    <li>Một</li>\n\n\n    <li>Hai <b>ba</b>\n      bốn</li>\n</ul>"
    assert squeeze(html) == "<ul>\n<li>Một</li>\n<li>Hai <b>ba</b>\nbốn</li>\n</ul>"


def test_preformatted_text_is_kept_as_is():
    html = (
        "<div>\n  <pre><code>a\n    b\n\n  c</code></pre>\n  <textarea>\n  x\n</textarea>\n</div>"
    )
    assert squeeze(html) == (
        "<div>\n<pre><code>a\n    b\n\n  c</code></pre>\n<textarea>\n  x\n</textarea>\n</div>"
    )


def test_text_reads_the_same():
    html = "<p>Đối ngoại\n        nhân dân</p>\n    <p>2023</p>"
    words = lambda s: s.replace("<p>", " ").replace("</p>", " ").split()  # noqa: E731
    assert words(squeeze(html)) == words(html)
