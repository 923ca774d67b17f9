"""A directive as readers meet it: what the document page opens with, its contents on a phone,
English pages that keep the Vietnamese structure and say which text is authoritative, topic
feeds in sight, the topics page, the archive's order, and `portal serve`'s 404."""

from __future__ import annotations

import datetime as dt
import html as htmllib
import re
from pathlib import Path
from urllib.parse import urljoin

import pytest

from build_scripts import pages, views
from build_scripts.catalog import Catalog
from build_scripts.commands import serve
from build_scripts.model import TOPICS, Directive

ROOT = Path(__file__).resolve().parent.parent
DOCUMENTS = sorted(
    p.stem for p in (ROOT / "content/docs/van-ban").glob("*.md") if ".en" not in p.name
)
TRANSLATED = [s for s in DOCUMENTS if (ROOT / f"content/docs/van-ban/{s}.en.md").exists()]


def html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def article(page: str) -> str:
    return page[page.index("<article") : page.index("</article>")]


def directive(**extra) -> Directive:
    values = {
        "slug": "d",
        "title": "Công tác thông tin đối ngoại năm 2023",
        "doc_type": "Kế hoạch",
        "issuer": "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La",
        "body": "",
        "number": "305/KH-MTTQ-BTT",
        "date": dt.date(2023, 2, 20),
        "signer": "Nguyễn Văn A",
        "signer_title": "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH",
    }
    values.update(extra)
    return Directive(**values)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_blank_number_is_shown_as_such_and_the_signer_with_position(lang):
    d = directive(number=None)
    view = views.document_view(Catalog([d], []), d, "van-ban/d/", lang)
    facts = {f.label: f for f in view.facts}
    number = facts["Số ký hiệu" if lang == "vi" else "Number"].value
    assert number == {"vi": "không số", "en": "unnumbered"}[lang]
    assert view.identity[0].value.endswith(number)
    signer = facts["Người ký" if lang == "vi" else "Signed by"]
    assert (signer.value, signer.note) == ("Nguyễn Văn A", "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH")
    assert signer.note_lang == (None if lang == "vi" else "vi")


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("slug", DOCUMENTS)
def test_a_document_page_opens_with_what_identifies_it(built_site, slug, prefix):
    page = html(built_site, f"{prefix}van-ban/{slug}")
    body = article(page)
    identity = body.index('class="portal-identity"')
    assert identity < body.index("<h1") < body.index('class="portal-meta"')
    # Its own description, not the site's: the trích yếu (or the English title).
    description = htmllib.unescape(
        re.search(r'<meta name="description" content="([^"]*)"', page)[1]
    )
    h1 = re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", body, re.S)[1]).strip()
    assert description == htmllib.unescape(h1)


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("slug", DOCUMENTS)
def test_the_contents_are_reachable_without_the_sidebar(built_site, slug, prefix):
    body = article(html(built_site, f"{prefix}van-ban/{slug}"))
    headings = re.findall(r'<h2 id="([^"]+)"', body.split('class="portal-citations"')[0])
    if not headings:
        assert "portal-toc" not in body
        return
    toc = re.search(r'<details class="portal-toc">(.*?)</details>', body, re.S)[1]
    assert re.findall(r'href="#([^"]+)"', toc)[: len(headings)][0] == headings[0]
    assert set(headings) <= set(re.findall(r'href="#([^"]+)"', toc))


def heading_levels(page: str) -> list[str]:
    body = article(page).split('class="portal-citations"')[0]
    return re.findall(r"<h([1-6])", body)


@pytest.mark.parametrize("slug", TRANSLATED)
def test_a_translation_keeps_the_structure_and_says_it_is_for_reference(built_site, slug):
    vi, en = html(built_site, f"van-ban/{slug}"), html(built_site, f"en/van-ban/{slug}")
    assert heading_levels(en) == heading_levels(vi)
    assert "reference translation" in en and "authoritative" in en


@pytest.mark.parametrize("prefix", ["", "en/"])
@pytest.mark.parametrize("topic", sorted(TOPICS))
def test_every_topic_page_shows_its_feeds(built_site, topic, prefix):
    page = html(built_site, f"{prefix}chu-de/{topic}")
    follow = re.search(r'<p class="portal-follow">(.*?)</p>', page, re.S)[1]
    assert page.index("</h1>") < page.index('<p class="portal-follow">')
    here = f"http://x/{prefix}chu-de/{topic}/"
    targets = {urljoin(here, href) for href in re.findall(r'href="([^"]+)"', follow)}
    for name in ("rss.xml", "atom.xml"):
        assert f"http://x/{prefix}chu-de/{topic}/{name}" in targets
        assert (built_site / prefix / "chu-de" / topic / name).is_file()


@pytest.mark.parametrize("prefix", ["", "en/"])
def test_the_topics_page_lists_the_three_topics(built_site, prefix):
    page = article(html(built_site, f"{prefix}chu-de"))
    for topic in TOPICS:
        assert f'href="{topic}/"' in page


def test_undated_documents_come_after_every_year():
    catalog = Catalog(
        [
            directive(slug="a", date=dt.date(2025, 1, 2)),
            directive(slug="b", date=None),
            directive(slug="c", date=dt.date(2019, 5, 6)),
        ],
        [],
    )
    index = pages.archive_index(catalog, "vi")
    assert index.index("2025") < index.index("2019") < index.index(pages.ui("undated", "vi"))


def test_portal_serve_answers_a_missing_page_with_the_sites_404(tmp_path):
    (tmp_path / "404.html").write_text("<h1>Không tìm thấy trang</h1>", encoding="utf-8")
    assert serve.error_page(tmp_path, 404) == "<h1>Không tìm thấy trang</h1>".encode()
    assert serve.error_page(tmp_path / "empty", 404) is None
    assert "http://127.0.0.1:8000/en/" in serve.serving_message("http://127.0.0.1:8000/")
