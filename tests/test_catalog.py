"""The catalog reads every document, validates it, and links translations and citations."""

from __future__ import annotations

import datetime as dt
import textwrap
from pathlib import Path

import pytest

from build_scripts.catalog import load_catalog, reference_slug
from build_scripts.model import content_hash


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / "van-ban" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return path


PLAN = """
    ---
    title: Công tác thông tin đối ngoại năm 2023
    doc_type: Kế hoạch
    number: 305 /KH-MTTQ-BTT
    date: 2023-02-20
    place: Sơn La
    issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La
    topics: [thong-tin-doi-ngoai]
    references:
      - number: 12-CT/TW
        doc_type: Chỉ thị
        date: 2022-01-05
        issuer: Ban Bí thư
    ---

    Nội dung kế hoạch.
"""

LETTER = """
    ---
    title: quán triệt Kế hoạch số 111-KH/TU
    doc_type: Công văn
    number: 75/MTTQ-BTT
    date: 2025-07-25
    issuer: Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Đồng Nai
    references:
      - {number: 12-CT/TW, doc_type: Chỉ thị}
      - {number: 305/KH-MTTQ-BTT}
    ---

    Căn cứ Chỉ thị số 12-CT/TW.
"""

UNDATED = """
    ---
    title: Hướng dẫn nghiên cứu Kết luận 57-KL/TW
    doc_type: Hướng dẫn
    number: null
    date: null
    issuer: Ban Tuyên giáo Tỉnh ủy
    topics: []
    ---

    Văn bản.
"""


def test_documents_are_newest_first_with_undated_last(tmp_path):
    write(tmp_path, "a.md", PLAN)
    write(tmp_path, "b.md", LETTER)
    write(tmp_path, "c.md", UNDATED)
    catalog = load_catalog(tmp_path)
    assert catalog.errors == []
    assert [d.slug for d in catalog.documents] == ["b", "a", "c"]
    plan = catalog.by_slug("a")
    assert plan.number == "305/KH-MTTQ-BTT"  # spaces removed
    assert plan.date == dt.date(2023, 2, 20)


def test_citations_are_indexed_both_ways(tmp_path):
    write(tmp_path, "a.md", PLAN)
    write(tmp_path, "b.md", LETTER)
    catalog = load_catalog(tmp_path)
    entry = catalog.cited["12-CT/TW@central"]
    assert [d.slug for d in entry.cited_by] == ["b", "a"]
    assert entry.best("doc_type") == "Chỉ thị"
    assert entry.best("issuer") == "Ban Bí thư"
    assert entry.slug == "12-ct-tw"
    # Đồng Nai's letter cites 305/KH-MTTQ-BTT without naming its issuer: Đồng Nai's own, not
    # Sơn La's, which shares the number.
    assert catalog.cited_by(catalog.by_slug("a")) == []
    assert catalog.cited["305/KH-MTTQ-BTT@dong-nai"].document is None


def test_a_citation_naming_its_issuer_credits_that_issuers_document(tmp_path):
    write(tmp_path, "a.md", PLAN)
    named = LETTER.replace(
        "{number: 305/KH-MTTQ-BTT}", "{number: 305/KH-MTTQ-BTT, issuer: BTT UBMTTQ tỉnh Sơn La}"
    )
    write(tmp_path, "b.md", named)
    catalog = load_catalog(tmp_path)
    # A cited document that is in the portal knows its own page, and who cites it.
    assert catalog.entry_of(catalog.by_slug("a")).document is catalog.by_slug("a")
    assert [d.slug for d in catalog.cited_by(catalog.by_slug("a"))] == ["b"]


def test_topics_come_from_rules_unless_front_matter_sets_them(tmp_path):
    write(tmp_path, "a.md", PLAN)
    write(tmp_path, "b.md", LETTER)
    write(tmp_path, "c.md", UNDATED)
    catalog = load_catalog(tmp_path, classify=lambda title, body: ["doi-ngoai-nhan-dan"])
    assert catalog.by_slug("a").topics == ["thong-tin-doi-ngoai"]  # set by the editor
    assert catalog.by_slug("b").topics == ["doi-ngoai-nhan-dan"]  # from the rules
    assert catalog.by_slug("c").topics == []  # explicitly none


def test_translation_status(tmp_path):
    write(tmp_path, "a.md", PLAN)
    write(tmp_path, "b.md", LETTER)
    write(tmp_path, "c.md", UNDATED)
    catalog = load_catalog(tmp_path)
    fresh = content_hash(catalog.by_slug("a").title, catalog.by_slug("a").body)
    write(
        tmp_path,
        "a.en.md",
        f"---\ntitle: External information work\ntranslation_of: '{fresh}'\n---\nText.\n",
    )
    write(
        tmp_path,
        "b.en.md",
        "---\ntitle: A letter\ntranslation_of: 'sha256:0000000000000000'\n---\nText.\n",
    )
    catalog = load_catalog(tmp_path)
    assert catalog.by_slug("a").translation_status == "complete"
    assert catalog.by_slug("b").translation_status == "outdated"
    assert catalog.by_slug("c").translation_status == "missing"
    [warning] = catalog.warnings
    assert str(warning) == (
        "van-ban/b.en.md:3: cảnh báo [warning]: bản tiếng Việt đã thay đổi sau khi dịch: "
        "cần xem lại bản dịch [translation may be out of date]"
    ).replace("van-ban/b.en.md", str(tmp_path / "van-ban/b.en.md"))


def test_every_error_is_reported_with_file_and_line(tmp_path):
    write(tmp_path, "bad-topic.md", PLAN.replace("thong-tin-doi-ngoai", "ngoai-giao"))
    write(tmp_path, "bad-date.md", LETTER.replace("2025-07-25", "25/07/2025"))
    write(tmp_path, "bad-yaml.md", "---\ntitle: [unclosed\n---\n")
    write(
        tmp_path,
        "no-title.md",
        UNDATED.replace("    title: Hướng dẫn nghiên cứu Kết luận 57-KL/TW\n", ""),
    )
    catalog = load_catalog(tmp_path, root=tmp_path)
    messages = sorted(str(p) for p in catalog.errors)
    assert messages == [
        "van-ban/bad-date.md:5: 'date' phải là ngày dạng YYYY-MM-DD, ví dụ 2023-02-20 "
        "(đang là '25/07/2025')",
        "van-ban/bad-topic.md:8: chủ đề 'ngoai-giao' không tồn tại; chọn trong: "
        "doi-ngoai-nhan-dan, thong-tin-doi-ngoai, nguoi-viet-nam-o-nuoc-ngoai",
        "van-ban/bad-yaml.md:2: YAML sai: expected ',' or ']', but got '<stream end>'",
        "van-ban/no-title.md:1: thiếu 'title' [missing]: trích yếu, without a leading 'V/v' or "
        "'Về việc'",
    ]


def test_duplicate_number_from_same_issuer_and_year_is_an_error(tmp_path):
    write(tmp_path, "a.md", PLAN)
    write(tmp_path, "a-copy.md", PLAN)
    catalog = load_catalog(tmp_path, root=tmp_path)
    assert [str(p) for p in catalog.errors] == [
        "van-ban/a.md: số '305/KH-MTTQ-BTT' trùng với van-ban/a-copy.md [duplicate document number]"
    ]


def test_same_number_in_another_year_is_not_a_duplicate(tmp_path):
    write(tmp_path, "a.md", LETTER)
    write(tmp_path, "b.md", LETTER.replace("2025-07-25", "2024-03-01"))
    assert load_catalog(tmp_path).errors == []


def test_orphan_translation_is_an_error(tmp_path):
    write(tmp_path, "x.en.md", "---\ntitle: Orphan\ntranslation_of: pending\n---\n")
    catalog = load_catalog(tmp_path, root=tmp_path)
    assert [str(p) for p in catalog.errors] == [
        "van-ban/x.en.md:1: bản dịch không có văn bản gốc 'x.md' [orphan translation]"
    ]


@pytest.mark.parametrize(
    ("number", "slug"),
    [
        ("12-CT/TW", "12-ct-tw"),
        ("03/KL-MTTW-ĐCT", "03-kl-mttw-dct"),
        ("85/2015/QH13", "85-2015-qh13"),
    ],
)
def test_reference_slugs_are_ascii(number, slug):
    assert reference_slug(number) == slug


def test_parsed_front_matter_is_reused_by_the_next_build(tmp_path, monkeypatch):
    from build_scripts import frontmatter, pipeline

    docs = tmp_path / "docs"
    write(docs, "a.md", PLAN)
    write(docs, "b.md", LETTER)
    first = pipeline.read_catalog(docs, root=tmp_path, cache_dir=tmp_path / "cache")
    assert (tmp_path / "cache" / pipeline.PARSE_CACHE).is_file()

    def no_parsing(yaml_text):
        raise AssertionError("parsed again")

    monkeypatch.setattr(frontmatter, "_parse_yaml", no_parsing)
    again = pipeline.read_catalog(docs, root=tmp_path, cache_dir=tmp_path / "cache")
    assert again.documents == first.documents and not again.problems
    # A changed front matter is parsed again, and its errors reported as without a cache.
    monkeypatch.undo()
    write(docs, "b.md", LETTER.replace("date: 2025-07-25", "date: 2023-13-20"))
    broken = pipeline.read_catalog(docs, root=tmp_path, cache_dir=tmp_path / "cache")
    plain = pipeline.read_catalog(docs, root=tmp_path)
    assert [str(p) for p in broken.problems] == [str(p) for p in plain.problems]
    assert any("2023-13-20" in str(p) for p in broken.problems)


def test_a_damaged_parse_cache_is_ignored(tmp_path):
    from build_scripts import caches, frontmatter

    cache_file = tmp_path / "front-matter.pickle"
    cache_file.write_bytes(b"not a pickle")
    cache = caches.Memo(cache_file)
    doc = frontmatter.parse("---\ntitle: A\n---\nBody\n", cache)
    assert doc.meta == {"title": "A"} and doc.key_lines == {"title": 2}
    cache.save()
    again = caches.Memo(cache_file)
    first = frontmatter.parse("---\ntitle: A\n---\nBody\n", again)
    first.meta["title"] = "changed by a caller"
    assert frontmatter.parse("---\ntitle: A\n---\nBody\n", again).meta == {"title": "A"}
