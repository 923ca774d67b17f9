"""One portal for many issuers: every document its own address, every citation the right one.

The family: numbers that repeat across provinces and levels (every body numbers from 1 each
year), citations that name their issuer, name only its unit ("của UBND tỉnh": the citing text's
own province) or name nothing, across provinces too. Checked in what the build publishes
(`api/documents.json`'s `cited_by`, `urls`, `references`)."""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from build_scripts import api, frontmatter
from build_scripts.bench import corpus
from build_scripts.catalog import load_catalog
from build_scripts.cli import main
from build_scripts.convert import convert_text
from build_scripts.identity import Scope, cited_scope, issuer_scope

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / corpus.SEEDS_DIR


@pytest.mark.parametrize(
    ("issuer", "place", "text", "expected"),
    [
        ("Ủy ban nhân dân tỉnh Sơn La", "Sơn La", "", Scope("province", "Sơn La")),
        ("Ban Tuyên giáo Tỉnh ủy", "Lào Cai", "", Scope("province", "Lào Cai")),
        (
            "Ban Tuyên giáo Tỉnh ủy",
            None,
            "trên địa bàn tỉnh Đồng Nai.",
            Scope("province", "Đồng Nai"),
        ),
        ("Ban Tuyên giáo Thành ủy Đà Nẵng", "Đà Nẵng", "", Scope("province", "Đà Nẵng")),
        (
            "Ban Thường trực Ủy ban MTTQ Việt Nam thành phố Tam Kỳ",
            "Tam Kỳ",
            "của UBND tỉnh Quảng Nam; tỉnh Quảng Nam",
            Scope("district", "Quảng Nam", "Tam Kỳ"),
        ),
        (
            "Ủy ban nhân dân huyện Mộc Châu",
            "Mộc Châu",
            "tỉnh Sơn La",
            Scope("district", "Sơn La", "Mộc Châu"),
        ),
        (
            "Ban Thường trực Ủy ban MTTQ Việt Nam xã Lương Minh",
            None,
            "",
            Scope("commune", None, "Lương Minh"),
        ),
        ("Ban Bí thư", None, "tỉnh Sơn La", Scope("central", "central")),
        ("Cục Hóa chất", "Hà Nội", "", Scope("central", "central")),
    ],
)
def test_the_issuers_scope_is_read_from_its_name_place_and_text(issuer, place, text, expected):
    assert issuer_scope(issuer, place, text) == expected


SON_LA = Scope("province", "Sơn La")


@pytest.mark.parametrize(
    ("issuer", "number", "expected"),
    [
        ("Ủy ban nhân dân tỉnh Đồng Nai", "05/KH-UBND", Scope("province", "Đồng Nai")),
        ("UBND tỉnh", "05/KH-UBND", SON_LA),
        ("Ban Thường vụ Tỉnh ủy", "01-TT/TU", SON_LA),
        (None, "05/KH-UBND", Scope(None, "Sơn La")),
        (None, "12-CT/TW", Scope("central", "central")),
        ("Ban Bí thư", "12-CT/TW", Scope("central", "central")),
        ("Thủ tướng Chính phủ", "01/CT-TTg", Scope("central", "central")),
        (None, "21/2025/TT-BNV", Scope("central", "central")),
        (None, "15/2024/QĐ-UBND", Scope(None, "Sơn La")),
        ("Ủy ban nhân dân huyện Mộc Châu", "5/KH-UBND", Scope("district", None, "Mộc Châu")),
        ("UBND huyện Mộc Châu, tỉnh Sơn La", "5/KH-UBND", Scope("district", "Sơn La", "Mộc Châu")),
    ],
)
def test_a_citation_names_its_issuer_or_means_the_citing_province(issuer, number, expected):
    assert cited_scope(issuer, number, SON_LA) == expected


# --- the test corpus: repeated numbers, cross-province citations ---------------------------

COUNT = 240


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> tuple[list[corpus.Source], list[str], dict]:
    root = tmp_path_factory.mktemp("identity")
    sources = corpus.generate(COUNT, 3, SEEDS)
    conversions = [convert_text(s.text, s.name) for s in sources]
    corpus.scaffold(ROOT, root)
    slugs: list[str] = []
    corpus.write_documents(root, sources, conversions, ["Text."], seed=3, slugs=slugs)
    catalog = load_catalog(root / "content" / "docs", root=root)
    assert catalog.errors == []
    return sources, slugs, api.documents_json(catalog)


def test_the_corpus_repeats_numbers_across_provinces_and_levels(published):
    sources, _, _ = published
    holders = defaultdict(set)
    for s in sources:
        holders[(s.number, s.year)].add((s.province, s.level))
    shared = [h for h in holders.values() if len(h) > 1]
    assert len(shared) > 10
    assert any(len({p for p, _ in h}) > 1 for h in shared), "across provinces"
    assert any(len({lv for _, lv in h}) > 1 for h in shared), "across levels"
    styles = Counter(style for s in sources for _, style in s.cites)
    assert min(styles[k] for k in ("named", "bare", "unnamed")) > 5


def test_every_document_has_its_own_page(published):
    sources, slugs, data = published
    assert data["count"] == COUNT == len(set(slugs))
    urls = [d["urls"]["vi"] for d in data["documents"]]
    assert len(set(urls)) == COUNT
    assert {d["slug"] for d in data["documents"]} == set(slugs)
    by_slug = {d["slug"]: d for d in data["documents"]}
    for source, slug in zip(sources, slugs, strict=True):
        assert by_slug[slug]["number"] == source.number
        assert by_slug[slug]["year"] == source.year
        expected_level = source.level
        assert by_slug[slug]["level"] == expected_level, slug
        assert by_slug[slug]["province"] == source.province, slug


def _expected_credit(sources: list[corpus.Source]) -> dict[int, set[int]]:
    """Who each source is cited by, by the rule: a named issuer is that issuer's document; a
    bare unit or no issuer is the citing province's, credited only where one document fits."""
    credit: dict[int, set[int]] = defaultdict(set)
    for i, s in enumerate(sources):
        for j, style in s.cites:
            cited = sources[j]
            if style != "unnamed":
                credit[j].add(i)
                continue
            fitting = [
                k
                for k, o in enumerate(sources)
                if k != i
                and (o.number, o.year, o.province) == (cited.number, cited.year, cited.province)
            ]
            if fitting == [j]:
                credit[j].add(i)
    return credit


def test_every_citation_credits_the_right_document(published):
    sources, slugs, data = published
    by_slug = {d["slug"]: d for d in data["documents"]}
    credit = _expected_credit(sources)
    for j, slug in enumerate(slugs):
        assert set(by_slug[slug]["cited_by"]) == {slugs[i] for i in credit.get(j, ())}, slug
    ambiguous = 0
    for i, s in enumerate(sources):
        refs = by_slug[slugs[i]]["references"]
        for j, _style in s.cites:
            cited = by_slug[slugs[j]]
            [ref] = [
                r for r in refs if (r["number"], r.get("date")) == (cited["number"], cited["date"])
            ]
            if i in credit[j]:
                assert ref["resolved"] == slugs[j]
                assert ref["urls"]["vi"] == by_slug[slugs[j]]["urls"]["vi"]
            else:  # never silently one of them: a reference page that lists the candidates
                ambiguous += 1
                assert ref["resolved"] is None and slugs[j] in ref["candidates"]
                assert ref["urls"]["vi"].startswith("/tham-chieu/")
    assert ambiguous > 0, "the corpus should have ambiguous citations too"


# --- addresses: a colliding document gets its own, the first never moves -------------------


def _source(issuer: corpus.Issuer, number: str, when: dt.date) -> str:
    import random

    body = [f"Thực hiện nhiệm vụ năm {when.year} trên địa bàn tỉnh {issuer.province}:", "Nội dung."]
    return corpus._text(random.Random(1), issuer, "KẾ HOẠCH", number, when, "Công tác năm", body)


def test_a_colliding_document_gets_its_own_address_and_a_duplicate_is_refused(tmp_path, capsys):
    bodies = {(b.name, b.level): b for b in corpus.issuers()}
    dong_nai = bodies[("Ủy ban nhân dân tỉnh Đồng Nai", "province")]
    son_la = bodies[("Ủy ban nhân dân tỉnh Sơn La", "province")]
    moc_chau = bodies[("Ủy ban nhân dân huyện Mộc Châu", "district")]
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    when = dt.date(2024, 3, 4)
    for name, body in (("a.txt", dong_nai), ("b.txt", son_la), ("c.txt", moc_chau)):
        (inbox / name).write_text(_source(body, "01/KH-UBND", when), encoding="utf-8")
    out = tmp_path / "van-ban"
    assert main(["convert", str(inbox / "a.txt"), "--out", str(out)]) == 0
    first = (out / "2024-01-kh-ubnd.md").read_text(encoding="utf-8")
    assert main(["convert", str(inbox / "b.txt"), str(inbox / "c.txt"), "--out", str(out)]) == 0
    assert (out / "2024-01-kh-ubnd.md").read_text(encoding="utf-8") == first  # never moves
    assert frontmatter.parse(first).meta["issuer"] == "Ủy ban nhân dân tỉnh Đồng Nai"
    son_la_doc = frontmatter.parse((out / "2024-01-kh-ubnd-son-la.md").read_text("utf-8"))
    assert son_la_doc.meta["issuer"] == "Ủy ban nhân dân tỉnh Sơn La"
    assert (out / "2024-01-kh-ubnd-moc-chau.md").exists()
    capsys.readouterr()
    (inbox / "again.txt").write_text(_source(son_la, "01/KH-UBND", when), encoding="utf-8")
    assert main(["convert", str(inbox / "again.txt"), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert f"{inbox / 'again.txt'}:4: cùng cơ quan ban hành, số và năm với " in err
    assert "2024-01-kh-ubnd-son-la.md:4 (văn bản đã có)" in err
    assert main(["convert", str(inbox / "again.txt"), "--out", str(out), "--force"]) == 0
    assert sorted(p.name for p in out.iterdir()) == [
        "2024-01-kh-ubnd-moc-chau.md",
        "2024-01-kh-ubnd-son-la.md",
        "2024-01-kh-ubnd.md",
    ]


# --- the built site: pages, links and open data of a small many-province portal -------------


def _doc(number: str | None, issuer: str, place: str | None, body: str, **extra) -> str:
    from build_scripts.convert.references import extract_references

    meta = {
        "title": f"Kế hoạch {number or 'không số'} của {issuer}",
        "doc_type": "Kế hoạch",
        "number": number,
        "date": dt.date(2024, 5, 6) if number else dt.date(2024, 6, 1),
        "place": place,
        "issuer": issuer,
        "topics": ["doi-ngoai-nhan-dan"],
        "references": [r.to_dict() for r in extract_references(body, number, 2024)],
    }
    meta.update(extra)
    return frontmatter.dump({k: v for k, v in meta.items() if v is not None}, body + "\n")


CITED = "Kế hoạch số 01/KH-UBND ngày 06/5/2024"
PORTAL = {
    "2024-01-kh-ubnd": _doc("01/KH-UBND", "Ủy ban nhân dân tỉnh Đồng Nai", "Đồng Nai", "Nội dung."),
    "2024-01-kh-ubnd-son-la": _doc(
        "01/KH-UBND", "Ủy ban nhân dân tỉnh Sơn La", "Sơn La", "Thực hiện Chỉ thị số 12-CT/TW."
    ),
    # Sơn La's own board, "của Ủy ban nhân dân tỉnh": Sơn La's plan, not Đồng Nai's
    "2024-02-hd-btgtu": _doc(
        "02-HD/BTGTU",
        "Ban Tuyên giáo Tỉnh ủy",
        "Sơn La",
        f"Triển khai thực hiện {CITED} của Ủy ban nhân dân tỉnh, Ban Tuyên giáo hướng dẫn.",
    ),
    # Đồng Nai citing Sơn La's by name
    "2024-03-kh-mttq-btt": _doc(
        "03/KH-MTTQ-BTT",
        "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Đồng Nai",
        "Đồng Nai",
        f"Căn cứ {CITED} của UBND tỉnh Sơn La; Ban Thường trực xây dựng kế hoạch.",
    ),
    # Lào Cai's board of the same name, citing a number no Lào Cai document has
    "2024-04-hd-btgtu": _doc(
        "04-HD/BTGTU", "Ban Tuyên giáo Tỉnh ủy", "Lào Cai", f"Thực hiện {CITED}, Ban hướng dẫn."
    ),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    from build_scripts.pipeline import build_site

    root = tmp_path_factory.mktemp("many-provinces")
    corpus.scaffold(ROOT, root)
    for slug, text in PORTAL.items():
        (root / "content" / "docs" / "van-ban" / f"{slug}.md").write_text(text, encoding="utf-8")
    out = root / "site"
    build_site(str(root / "mkdocs.yml"), out)
    return out


def _read(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def test_the_built_site_credits_each_citation_to_its_issuers_document(site):
    import json

    import jsonschema

    data = json.loads((site / "api" / "documents.json").read_text(encoding="utf-8"))
    schemas = Path(__file__).parent / "schemas"
    jsonschema.validate(data, json.loads((schemas / "documents.schema.json").read_text()))
    by_slug = {d["slug"]: d for d in data["documents"]}
    assert by_slug["2024-01-kh-ubnd"]["cited_by"] == []
    assert sorted(by_slug["2024-01-kh-ubnd-son-la"]["cited_by"]) == [
        "2024-02-hd-btgtu",
        "2024-03-kh-mttq-btt",
    ]
    assert by_slug["2024-01-kh-ubnd-son-la"]["urls"]["vi"] == "/van-ban/2024-01-kh-ubnd-son-la/"
    assert (by_slug["2024-02-hd-btgtu"]["province"], by_slug["2024-02-hd-btgtu"]["level"]) == (
        "Sơn La",
        "province",
    )
    [lao_cai] = by_slug["2024-04-hd-btgtu"]["references"]
    assert (
        lao_cai["resolved"] is None and lao_cai["urls"]["vi"] == "/tham-chieu/01-kh-ubnd-lao-cai/"
    )
    references = json.loads((site / "api" / "references.json").read_text(encoding="utf-8"))
    jsonschema.validate(references, json.loads((schemas / "references.schema.json").read_text()))
    assert references["references"]["doc:2024-01-kh-ubnd-son-la"]["in_portal"] == (
        "2024-01-kh-ubnd-son-la"
    )
    assert "1/KH-UBND@lao-cai" in references["references"]  # "01" and "1": one number


def test_citations_in_the_text_are_links_and_the_chain_is_shown(site):
    page = _read(site, "van-ban/2024-02-hd-btgtu")
    assert (
        '<a class="portal-cite" href="../../van-ban/2024-01-kh-ubnd-son-la/">01/KH-UBND</a>' in page
    )
    chain = page[page.index('<ol class="portal-chain">') :]
    assert "van-ban/2024-01-kh-ubnd-son-la/" in chain[: chain.index("</ol>")]
    implemented = _read(site, "van-ban/2024-01-kh-ubnd-son-la")
    block = implemented[implemented.index('<ul class="portal-implemented-by"') :]
    assert "van-ban/2024-02-hd-btgtu/" in block[: block.index("</ul>")]
    assert "2024-03-kh-mttq-btt" not in block[: block.index("</ul>")]  # "Căn cứ": based on
    english = _read(site, "en/van-ban/2024-02-hd-btgtu")
    assert "This document implements" in english
    assert '<a class="portal-cite" href="../../../en/van-ban/2024-01-kh-ubnd-son-la/"' in english


def test_the_archive_goes_by_province_then_body_and_keeps_boards_apart(site):
    index = _read(site, "luu-tru")
    assert 'href="tinh/son-la/"' in index and 'href="tinh/lao-cai/"' in index
    son_la = _read(site, "luu-tru/tinh/son-la")
    assert "Ban Tuyên giáo Tỉnh ủy (Sơn La)" in son_la
    assert "Ban Tuyên giáo Tỉnh ủy (Lào Cai)" not in son_la
    assert (site / "luu-tru" / "co-quan" / "ban-tuyen-giao-tinh-uy-lao-cai").is_dir()
    assert (site / "luu-tru" / "co-quan" / "ban-tuyen-giao-tinh-uy-son-la").is_dir()
    numbered = _read(site, "tham-chieu/01-kh-ubnd")  # the number's own address lists them
    assert "01-kh-ubnd-lao-cai/" in numbered


def test_one_number_of_two_documents_links_each_mention_to_its_own(tmp_path):
    from build_scripts import views

    docs = tmp_path / "van-ban"
    docs.mkdir()
    text = (
        "Thực hiện Kế hoạch số 9-KH/BTGTU ngày 08/6/2017 của Ban Tuyên giáo Tỉnh ủy Nghệ An; "
        "Kế hoạch số 9-KH/BTGTU ngày 02/3/2016 của Ban Tuyên giáo Tỉnh ủy."
    )
    nghe_an = _doc("9-KH/BTGTU", "Ban Tuyên giáo Tỉnh ủy Nghệ An", "Vinh", "Nội dung.")
    own = _doc("9-KH/BTGTU", "Ban Tuyên giáo Tỉnh ủy Quảng Nam", "Tam Kỳ", "Nội dung.")
    (docs / "na.md").write_text(nghe_an.replace("2024-05-06", "2017-06-08"), encoding="utf-8")
    (docs / "qn.md").write_text(own.replace("2024-05-06", "2016-03-02"), encoding="utf-8")
    citing = _doc("20-HD/BTGTU", "Ban Tuyên giáo Tỉnh ủy Quảng Nam", "Tam Kỳ", text)
    (docs / "c.md").write_text(citing, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    assert catalog.errors == []
    d = catalog.by_slug("c")
    assert len(d.references) == 2  # one number, two documents
    page = f"<p>{text}</p>"
    linked = views.link_citations(page, catalog, d, "van-ban/c/", "vi")
    assert linked.count('class="portal-cite"') == 2
    first, second = linked.split("; ")
    assert 'href="../../van-ban/na/"' in first and 'href="../../van-ban/qn/"' in second
    assert views.link_citations(f"<a href='x'>{text}</a>", catalog, d, "van-ban/c/", "vi") == (
        f"<a href='x'>{text}</a>"
    )  # never inside a link


HEADED = """{block}
*
Số 12-HD/BTGTU
{place}, ngày 5 tháng 3 năm 2024

HƯỚNG DẪN
Công tác thông tin đối ngoại năm 2024

Thực hiện Kế hoạch số 05/KH-UBND ngày 02/3/2024 của Ủy ban nhân dân tỉnh, Ban Tuyên giáo
hướng dẫn như sau:
1. Tuyên truyền trên địa bàn {area}.

Nơi nhận:
- Lưu.
K/T TRƯỞNG BAN
PHÓ TRƯỞNG BAN

Nguyễn Văn A
"""


@pytest.mark.parametrize(
    ("block", "place", "area", "issuer", "province"),
    [
        (
            "ĐẢNG BỘ TỈNH SƠN LA\nBAN TUYÊN GIÁO",
            "Sơn La",
            "tỉnh",
            "Ban Tuyên giáo Tỉnh ủy Sơn La",
            None,
        ),
        (
            "TỈNH ỦY ĐIỆN BIÊN\nBAN TUYÊN GIÁO",
            "Điện Biên Phủ",
            "tỉnh",
            "Ban Tuyên giáo Tỉnh ủy Điện Biên",
            None,
        ),
        # the parent line repeats the committee of the organ line: once in the name
        (
            "ĐẢNG BỘ TỈNH SƠN LA\nBAN TUYÊN GIÁO TỈNH ỦY",
            "Sơn La",
            "tỉnh",
            "Ban Tuyên giáo Tỉnh ủy Sơn La",
            None,
        ),
        (
            "HUYỆN ỦY MỘC CHÂU\nBAN TUYÊN GIÁO",
            "Mộc Châu",
            "huyện",
            "Ban Tuyên giáo Huyện ủy Mộc Châu",
            None,
        ),
        # no place in the name: the date line's, unless the text names its province over it
        ("BAN TUYÊN GIÁO TỈNH ỦY", "Lai Châu", "tỉnh", "Ban Tuyên giáo Tỉnh ủy", "Lai Châu"),
        (
            "BAN TUYÊN GIÁO TỈNH ỦY",
            "Tam Kỳ",
            "tỉnh Quảng Nam, nhân dân tỉnh Quảng Nam",
            "Ban Tuyên giáo Tỉnh ủy",
            "Quảng Nam",
        ),
    ],
)
def test_an_issuer_is_named_with_its_province(block, place, area, issuer, province):
    text = HEADED.format(block=block, place=place, area=area)
    meta = convert_text(text, "x.txt").meta
    assert (meta["issuer"], meta.get("province")) == (issuer, province)


def test_a_citation_without_issuer_credits_the_centres_document_or_its_own_provinces(tmp_path):
    docs = tmp_path / "van-ban"
    docs.mkdir()
    files = {
        "central": _doc("40/NQ-HĐBCQG", "Hội đồng bầu cử quốc gia", "Hà Nội", "Nội dung."),
        "dn": _doc("05/KH-UBND", "Ủy ban nhân dân tỉnh Đồng Nai", "Đồng Nai", "Nội dung."),
        "sl": _doc("05/KH-UBND", "Ủy ban nhân dân tỉnh Sơn La", "Sơn La", "Nội dung."),
        "citing": _doc(
            "07/KH-MTTQ-BTT",
            "Ban Thường trực Ủy ban MTTQ Việt Nam tỉnh Sơn La",
            "Sơn La",
            "Căn cứ Nghị quyết số 40/NQ-HĐBCQG ngày 06/5/2024; Kế hoạch số 05/KH-UBND ngày "
            "06/5/2024; Ban Thường trực xây dựng kế hoạch.",
        ),
    }
    for name, text in files.items():
        (docs / f"{name}.md").write_text(text, encoding="utf-8")
    catalog = load_catalog(tmp_path)
    credited = {d.slug: [o.slug for o in catalog.cited_by(d)] for d in catalog.documents}
    assert credited == {"central": ["citing"], "dn": [], "sl": ["citing"], "citing": []}
