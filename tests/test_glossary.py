"""Glossary: English names of every seed's and corpus document's issuer, dates, labels, errors."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from fixture_paths import FIXTURES

from build_scripts.glossary import (
    English,
    GlossaryError,
    doc_type_en,
    format_date,
    glossary,
    issuer_en,
    label,
    load_glossary,
    topic_name,
)

MTTQ = "Viet Nam Fatherland Front Committee"

#: The issuer of each seed and corpus document (from expected.json) in English.
ISSUERS_EN = {
    "000_2f9792bf1edc4892.txt": f"Standing Board of the {MTTQ} of Đồng Nai Province",
    "001_6f8c59bb2c300d05.txt": "Đồng Nai Provincial People's Committee",
    "002_ebb838856d6dcd4f.txt": (
        "Commission for Information and Education of the Provincial Party Committee"
    ),
    "003_7b46dc1b01f87b7f.txt": f"Standing Board of the {MTTQ} of Tam Kỳ City",
    "004_5557302184c17c91.txt": f"Standing Board of the {MTTQ} of Sơn La Province",
    "04_ubnd-laocai-cv-uy-quyen-vlncn-draft.txt": "Lào Cai Provincial People's Committee",
    "05_cuc-hoa-chat-cv597.txt": "the Vietnam Chemicals Agency",
    "08_mttq-luongminh-kh16-bau-cu.txt": f"Standing Board of the {MTTQ} of Lương Minh Commune",
    # An ad-hoc election sub-committee: no glossary entry, so the Vietnamese name, honestly.
    "09_tieuban-phobang-kh01-tuyen-truyen.txt": None,
    "10_mttq-quangninh-hd-hiep-thuong-draft.txt": f"Standing Board of the {MTTQ} of Quảng Ninh "
    "Province",
    "11_mttq-baccamranh-kh-kiem-tra-giam-sat.txt": f"Standing Board of the {MTTQ} of Bắc Cam Ranh "
    "Ward",
    "12_mttq-luongminh-qd-to-tiep-cong-dan.txt": f"Standing Board of the {MTTQ} of Lương Minh "
    "Commune",
}


def _expected() -> dict[str, dict]:
    out = {}
    for folder in ("seeds", "corpus"):
        out.update(json.loads((FIXTURES / folder / "expected.json").read_text(encoding="utf-8")))
    return out


@pytest.mark.parametrize("name", sorted(ISSUERS_EN))
def test_issuer_of_every_real_document(name: str) -> None:
    vi = _expected()[name]["issuer"]
    english = ISSUERS_EN[name]
    assert issuer_en(vi) == (English(english, True) if english else English(vi, False))


def test_every_real_document_is_covered() -> None:
    assert set(_expected()) == set(ISSUERS_EN)


@pytest.mark.parametrize("name", sorted(ISSUERS_EN))
def test_doc_type_of_every_real_document(name: str) -> None:
    vi = _expected()[name]["doc_type"]
    assert glossary().doc_type(vi).translated
    assert doc_type_en(vi) in {"Plan", "Official Letter", "Guidelines", "Decision"}


@pytest.mark.parametrize(
    ("vi", "en"),
    [
        ("Bộ Chính trị", "the Politburo"),
        ("Ban Bí thư", "the Party Central Committee's Secretariat"),
        ("Ban Chấp hành Trung ương Đảng", "the Party Central Committee"),
        ("Thủ tướng Chính phủ", "the Prime Minister"),
        ("Ban Thường vụ Tỉnh ủy", "Standing Board of the Provincial Party Committee"),
        (
            "Ủy ban Trung ương MTTQ Việt Nam",
            "the Central Committee of the Viet Nam Fatherland Front",
        ),
        (
            "Ban Thường trực Ủy ban Trung ương MTTQ Việt Nam",
            "Standing Board of the Central Committee of the Viet Nam Fatherland Front",
        ),
        ("Ủy ban nhân dân thành phố Tam Kỳ", "Tam Kỳ City People's Committee"),
        ("UBND huyện Mộc Châu", "Mộc Châu District People's Committee"),
        ("Tỉnh ủy Sơn La", "Sơn La Provincial Party Committee"),
        ("Đảng ủy xã Lương Minh", "Lương Minh Commune Party Committee"),
        ("Ủy ban MTTQ Việt Nam tỉnh", f"Provincial {MTTQ}"),
        # Old tone placement, capitals, doubled spaces, as a header prints it.
        ("UỶ BAN NHÂN DÂN TỈNH  LÀO CAI", "Lào Cai Provincial People's Committee"),
        # The part after a dash, as the three-line header of a Front document reads.
        (
            "ỦY BAN MTTQ VIỆT NAM XÃ LƯƠNG MINH – BAN THƯỜNG TRỰC",
            f"Standing Board of the {MTTQ} of Lương Minh Commune",
        ),
        (
            "Văn phòng Ủy ban nhân dân tỉnh Đồng Nai",
            "Office of the Đồng Nai Provincial People's Committee",
        ),
    ],
)
def test_issuer_composition(vi: str, en: str) -> None:
    assert issuer_en(vi) == (en, True)


@pytest.mark.parametrize(
    "vi",
    [
        "Hội Nông dân xã Lương Minh",  # not in the glossary
        "Ủy ban nhân dân tỉnh về việc giao nhiệm vụ",  # not a place name after the level
        "Ủy ban nhân dân",  # no level, no place: which one?
        "Ban Thường trực Công ty ABC",  # a known part of an unknown body
        "Ủy ban nhân dân phường 3",  # numbered wards: no rule yet
    ],
)
def test_unknown_issuer_falls_back_to_vietnamese(vi: str) -> None:
    assert issuer_en(vi) == (vi, False)


def test_doc_types() -> None:
    assert doc_type_en("Kế hoạch") == "Plan"
    assert doc_type_en("KẾ HOẠCH") == "Plan"
    assert doc_type_en("Thông tri") == "Circular (Party)"
    assert doc_type_en("Thông tư") == "Circular"
    assert glossary().doc_type("Công văn") == ("Official Letter", True)
    assert glossary().doc_type("Phiếu  lấy ý kiến") == ("Phiếu lấy ý kiến", False)
    assert doc_type_en("Phiếu lấy ý kiến") == "Phiếu lấy ý kiến"


def test_dates() -> None:
    day = dt.date(2023, 2, 20)
    assert format_date(day, "en") == "20 February 2023"
    assert format_date(dt.date(2023, 2, 5), "en") == "5 February 2023"
    assert format_date(day, "vi") == "20/02/2023"
    assert format_date(day, "vi", long=True) == "ngày 20 tháng 2 năm 2023"
    assert format_date(None, "en", 2025) == "2025"
    assert format_date(None, "vi", 2025) == "năm 2025"
    assert format_date(None, "en") == "undated"
    assert format_date(None, "vi") == "không ghi ngày"
    with pytest.raises(ValueError, match="language must be one of vi, en, not 'fr'"):
        format_date(day, "fr")


def test_labels_and_topics() -> None:
    assert label("signer", "en") == "Signed by"
    assert label("signer", "vi") == "Người ký"
    assert label("references", "en") == "Cites"
    assert label("cited_by", "vi") == "Được dẫn bởi"
    assert topic_name("thong-tin-doi-ngoai", "en") == "External information work"
    with pytest.raises(KeyError, match="no label 'signed'"):
        label("signed", "en")


# The data file: editors' mistakes as path:line: message -------------------------------------

MINIMAL = """\
doc_types:
  Kế hoạch: Plan
bodies:
  Bộ Chính trị: the Politburo
parts:
  Ban Thường trực: Standing Board of {body}
organisations:
  - vi: [Ủy ban nhân dân, UBND]
    en: "{place} {unit_adjective} People's Committee"
    en_no_place: "{unit_adjective} People's Committee"
units:
  tỉnh: {noun: Province, adjective: Provincial}
labels:
  undated: {vi: không ghi ngày, en: undated}
"""


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "glossary.yml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert isinstance(caught.value, ValueError)
    return [str(p).replace(str(path), "glossary.yml") for p in caught.value.problems]


def test_own_glossary(tmp_path: Path) -> None:
    path = tmp_path / "glossary.yml"
    path.write_text(MINIMAL, encoding="utf-8")
    mine = load_glossary(path)
    assert mine.issuer("Ban Thường trực UBND tỉnh Sơn La") == (
        "Standing Board of the Sơn La Provincial People's Committee",
        True,
    )


def test_error_templates(tmp_path: Path) -> None:
    text = MINIMAL.replace("Standing Board of {body}", "Standing Board of {bdy}")
    text = text.replace('en: "{place} {unit_adjective}', 'en: "{unit_adjective}')
    assert _errors(tmp_path, text) == [
        "glossary.yml:6: mẫu 'Standing Board of {bdy}' phải có {body}, chỉ được dùng {body}",
        "glossary.yml:9: mẫu '{unit_adjective} People's Committee' phải có {place}, chỉ được "
        "dùng {place}, {unit}, {unit_adjective}",
    ]


def test_error_duplicates_and_missing(tmp_path: Path) -> None:
    text = MINIMAL.replace("  Kế hoạch: Plan\n", "  Kế hoạch: Plan\n  KẾ HOẠCH: Scheme\n")
    text = text.replace(
        "  undated: {vi: không ghi ngày, en: undated}\n", "  signer: {vi: Người ký}\n"
    )
    text = text.replace("units:\n", "unit:\n")
    assert _errors(tmp_path, text) == [
        "glossary.yml:1: thiếu mục 'units'",
        "glossary.yml:3: 'doc_types': 'KẾ HOẠCH' trùng với 'Kế hoạch'",
        "glossary.yml:12: khóa 'unit' không dùng được; các khóa hợp lệ: bodies, doc_types, "
        "labels, organisations, parts, units",
        "glossary.yml:14: 'labels' thiếu 'undated' (ngày không rõ, hai ngôn ngữ)",
        "glossary.yml:15: 'labels': 'signer' cần cả 'vi' và 'en'",
    ]


def test_error_not_text(tmp_path: Path) -> None:
    text = MINIMAL.replace("Bộ Chính trị: the Politburo", "Bộ Chính trị: [the Politburo]")
    assert _errors(tmp_path, text) == [
        "glossary.yml:4: 'bodies': 'Bộ Chính trị' phải là một dòng chữ",
    ]
