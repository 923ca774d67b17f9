"""Topic tagging: the seeds and corpus as golden cases, single rules inline, errors by message."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from fixture_paths import FIXTURES

from build_scripts.model import TOPICS
from build_scripts.topics import RulesError, classify, explain, load_rules, normalise

DNND, TTDN, NVNONN = TOPICS


def _cases(folder: str) -> list[tuple[str, str, list[str]]]:
    base = FIXTURES / folder
    expected = json.loads((base / "expected.json").read_text(encoding="utf-8"))
    cases = []
    for name, meta in sorted(expected.items()):
        # Seed 000 has no 'topics': it asks the Front to publicise Kế hoạch 111-KH/TU on
        # international integration (hội nhập quốc tế, Nghị quyết 59-NQ/TW). That is foreign
        # policy in general, not people-to-people diplomacy, external information work or
        # overseas Vietnamese, so a careful reader gives it none of the three.
        cases.append((name, meta["title"], meta.get("topics", [])))
    return cases


def _read(folder: str, name: str) -> str:
    return unicodedata.normalize("NFC", (FIXTURES / folder / name).read_text("utf-8").strip())


@pytest.mark.parametrize(("name", "title", "topics"), _cases("seeds"))
def test_seed_topics(name: str, title: str, topics: list[str]) -> None:
    assert classify(title, _read("seeds", name)) == topics, explain(title, _read("seeds", name))


@pytest.mark.parametrize(("name", "title", "topics"), _cases("corpus"))
def test_corpus_has_no_topic(name: str, title: str, topics: list[str]) -> None:
    assert topics == []
    assert classify(title, _read("corpus", name)) == [], explain(title, _read("corpus", name))


# Short synthetic directives: what the rules must tag beyond the twelve real texts.
POSITIVE = [
    (
        "Công tác đối với người Việt Nam ở nước ngoài năm 2024",
        "Triển khai Kết luận số 12-KL/TW; phối hợp với Ủy ban Nhà nước về người Việt Nam ở "
        "nước ngoài tổ chức chương trình Xuân Quê hương cho kiều bào.",
        [NVNONN],
    ),
    (
        "Tổ chức gặp mặt kiều bào về quê đón Tết",
        "Mời kiều bào và thân nhân dự buổi gặp mặt.",
        [NVNONN],
    ),
    (
        "Kế hoạch hoạt động của Liên hiệp các tổ chức hữu nghị tỉnh năm 2024",
        "Củng cố các hội hữu nghị, giao lưu nhân dân với các địa phương nước bạn.",
        [DNND],
    ),
    (
        "Triển khai Chỉ thị 12-CT/TW của Ban Bí thư về đối ngoại nhân dân",
        "Quán triệt Chỉ thị 12-CT/TW đến cán bộ, đảng viên.",
        [DNND],
    ),
    (
        "Triển khai Chỉ thị số 12-CT/TW ngày 05/01/2022 của Ban Bí thư",
        "Nâng cao hiệu quả đối ngoại nhân dân; phát triển các hội hữu nghị. Chỉ thị 12-CT/TW "
        "yêu cầu tăng cường giao lưu nhân dân.",
        [DNND],
    ),
    (
        "Kế hoạch quảng bá hình ảnh tỉnh ra thế giới năm 2024",
        "Giới thiệu tiềm năng du lịch, văn hóa của tỉnh với bạn bè quốc tế.",
        [TTDN],
    ),
    (
        "Tuyên truyền Kết luận 57-KL/TW của Bộ Chính trị về thông tin đối ngoại",
        "Nâng cao chất lượng công tác thông tin đối ngoại; quản lý phóng viên nước ngoài.",
        [TTDN],
    ),
]

NEGATIVE = [
    # Domestic propaganda: "thông tin, tuyên truyền" is not external information work.
    (
        "Kế hoạch thông tin, tuyên truyền cuộc bầu cử",
        "Tiểu ban thông tin, tuyên truyền, khánh tiết đẩy mạnh thông tin, tuyên truyền. " * 20,
        [],
    ),
    # Foreign trade is not foreign-affairs work.
    (
        "Cấp phép xuất khẩu hàng hóa qua cửa khẩu Hữu Nghị",
        "Hàng hóa xuất khẩu qua cửa khẩu quốc tế Hữu Nghị, Lạng Sơn, ra nước ngoài.",
        [],
    ),
    # 'hữu nghị' only as part of a longer word never matches ('nghịch' is not 'nghị').
    ("Xử lý vi phạm", "Hành vi hữu nghịch lý, phản bác.", []),
    # Nghị quyết 36-NQ/TW of 2018 is on the marine economy: a bare number is not enough.
    (
        "Thực hiện Nghị quyết 36-NQ/TW về phát triển bền vững kinh tế biển",
        "Triển khai Nghị quyết số 36-NQ/TW về kinh tế biển. " * 5,
        [],
    ),
    # One passing mention in a long unrelated plan.
    (
        "Kế hoạch phát triển du lịch năm 2024",
        "Phát triển sản phẩm du lịch cộng đồng. " * 300
        + "Thu hút khách quốc tế và người Việt Nam ở nước ngoài về thăm quê.",
        [],
    ),
]


@pytest.mark.parametrize(("title", "body", "topics"), POSITIVE + NEGATIVE)
def test_synthetic(title: str, body: str, topics: list[str]) -> None:
    assert classify(title, body) == topics, explain(title, body)


def test_title_weighs_more_than_body() -> None:
    body = "Phối hợp công tác đối ngoại nhân dân."
    assert classify("Kế hoạch đối ngoại nhân dân năm 2024", "Nội dung.") == [DNND]
    assert classify("Kế hoạch năm 2024", body) == []


def test_long_body_is_scored_by_density() -> None:
    mentions = "Công tác đối ngoại nhân dân. " * 3
    filler = "Nội dung khác của kế hoạch. " * 2000
    assert classify("Kế hoạch", mentions) == [DNND]
    assert classify("Kế hoạch", mentions + filler) == []


def test_matching_ignores_case_and_tone_placement_and_decomposition() -> None:
    nfd = unicodedata.normalize("NFD", "KIỀU BÀO")
    assert classify("Gặp mặt " + nfd, "") == [NVNONN]
    assert normalise("Uỷ ban  Hoà\u00a0bình") == normalise("Ủy ban Hòa bình") == "uỷ ban hoà bình"
    assert normalise("2026 – 2031") == "2026 - 2031"
    # Tone placement changes only syllables that end in the vowel pair.
    assert normalise("hoàn toàn") == "hoàn toàn"


def test_supporting_phrases_need_a_main_phrase() -> None:
    # A bare document number is evidence only beside a phrase that names the topic.
    assert classify("Triển khai Kết luận 57-KL/TW", "Kết luận 57-KL/TW. " * 10) == []
    assert classify("Triển khai Kết luận 57-KL/TW", "Thông tin đối ngoại. " * 2) == [TTDN]


def test_numbers_match_whole() -> None:
    assert explain("", "Chỉ thị 112-CT/TW")[DNND]["body_matches"] == {}
    assert explain("", "Chỉ thị số 12-CT/TW.")[DNND]["body_matches"] == {"12-CT/TW": 1}
    assert explain("", "Chỉ thị số 12-CT/TWA")[DNND]["body_matches"] == {}


def test_explain_reports_why() -> None:
    why = explain("Kế hoạch công tác thông tin đối ngoại", "Đẩy mạnh thông tin đối ngoại.")
    assert list(why) == list(TOPICS)
    assert why[TTDN] == {
        "score": 15.0,
        "threshold": 12.0,
        "tagged": True,
        "named": True,
        "title_matches": {"thông tin đối ngoại": 1},
        "body_matches": {"thông tin đối ngoại": 1},
        "body_factor": 1.0,
    }


# The data file: editors' mistakes as path:line: message -------------------------------------

GOOD_TOPICS = """\
  doi-ngoai-nhan-dan:
    threshold: 8
    phrases:
      đối ngoại nhân dân: 3
  thong-tin-doi-ngoai:
    threshold: 12
    phrases:
      thông tin đối ngoại: 3
  nguoi-viet-nam-o-nuoc-ngoai:
    threshold: 7
    phrases:
      kiều bào: 3
"""


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "topics.yml"
    path.write_text(text, encoding="utf-8")
    return path


def _errors(tmp_path: Path, text: str) -> list[str]:
    path = _write(tmp_path, text)
    with pytest.raises(RulesError) as caught:
        load_rules(path)
    return [str(p).replace(str(path), "topics.yml") for p in caught.value.problems]


def test_packaged_rules_load() -> None:
    rules = load_rules()
    assert [rule.slug for rule in rules.topics] == list(TOPICS)
    assert all(rule.phrases for rule in rules.topics)


def test_own_rules_file(tmp_path: Path) -> None:
    rules = load_rules(_write(tmp_path, "title_weight: 3\ntopics:\n" + GOOD_TOPICS))
    assert rules.title_weight == 3.0
    assert classify("Gặp mặt kiều bào", "", rules) == [NVNONN]


def test_error_unknown_topic(tmp_path: Path) -> None:
    text = "topics:\n" + GOOD_TOPICS + "  doi-ngoai:\n    threshold: 1\n    phrases:\n      x: 1\n"
    assert _errors(tmp_path, text) == [
        "topics.yml:14: chủ đề 'doi-ngoai' không tồn tại; chọn trong: "
        "doi-ngoai-nhan-dan, thong-tin-doi-ngoai, nguoi-viet-nam-o-nuoc-ngoai"
    ]


def test_error_bad_weights(tmp_path: Path) -> None:
    text = "topics:\n" + GOOD_TOPICS.replace("đối ngoại nhân dân: 3", "đối ngoại nhân dân: ba")
    text = text.replace("kiều bào: 3", "kiều bào: -1").replace("threshold: 12", "threshold: 0")
    assert _errors(tmp_path, text) == [
        "topics.yml:5: 'doi-ngoai-nhan-dan': trọng số của 'đối ngoại nhân dân' phải là một số "
        "lớn hơn 0, ví dụ 2 hoặc 0.5 (đang là 'ba')",
        "topics.yml:7: 'thong-tin-doi-ngoai': threshold phải là một số lớn hơn 0, ví dụ 2 hoặc "
        "0.5 (đang là '0')",
        "topics.yml:13: 'nguoi-viet-nam-o-nuoc-ngoai': trọng số của 'kiều bào' phải là một số "
        "lớn hơn 0, ví dụ 2 hoặc 0.5 (đang là '-1')",
    ]


def test_error_empty_phrases_and_missing_topic(tmp_path: Path) -> None:
    text = "topics:\n" + GOOD_TOPICS.split("  nguoi-viet")[0].replace(
        "      đối ngoại nhân dân: 3\n", ""
    )
    assert _errors(tmp_path, text) == [
        "topics.yml:1: thiếu quy tắc cho chủ đề 'nguoi-viet-nam-o-nuoc-ngoai'",
        "topics.yml:4: 'doi-ngoai-nhan-dan': danh sách 'phrases' trống; cần ít nhất một cụm từ",
    ]


def test_error_duplicates_and_unknown_keys(tmp_path: Path) -> None:
    text = "topic_weight: 3\ntopics:\n" + GOOD_TOPICS.replace(
        "      kiều bào: 3\n", "      kiều bào: 3\n      Kiều Bào: 2\n    threshhold: 3\n"
    )
    assert _errors(tmp_path, text) == [
        "topics.yml:1: khóa 'topic_weight' không dùng được; các khóa hợp lệ: "
        "length_unit, title_weight, topics",
        "topics.yml:15: 'nguoi-viet-nam-o-nuoc-ngoai': cụm từ 'Kiều Bào' trùng với 'kiều bào'",
        "topics.yml:16: 'nguoi-viet-nam-o-nuoc-ngoai': khóa 'threshhold' không dùng được; "
        "các khóa hợp lệ: exclude, phrases, supporting, threshold",
    ]


def test_error_yaml_syntax(tmp_path: Path) -> None:
    assert _errors(tmp_path, "topics:\n  a: [1,\n") == [
        "topics.yml:3: YAML sai: expected the node content, but found '<stream end>'"
    ]
