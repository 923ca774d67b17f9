"""Topic tagging: which of the portal's three topics a directive is about, from editable rules.

The rules live in `data/topics.yml`: for each topic, phrases with weights (main ones that name
the topic, supporting ones that only add to it), exclusions and a threshold.
Title and body are normalised the same way as the phrases (NFC, lower case, one tone-mark
placement, one kind of dash, single spaces), so 'Uỷ ban' matches 'Ủy ban' and a phrase counts
only as whole words, never inside another word. A match in the title (the trích yếu says what
the whole document is about) weighs `title_weight` times a match in the body; body matches are
scaled down for texts longer than `length_unit` characters, so a 69,000-character document does
not reach a threshold on sheer volume of passing mentions.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import yaml

from .model import TOPICS
from .problems import ContentError, Problem

DEFAULT_RULES = Path(__file__).parent / "data" / "topics.yml"

#: Hyphens, en and em dashes and the minus sign all read as '-' ('2026 – 2031', '12‑CT/TW').
DASHES = re.compile(r"[\u2010-\u2015\u2212]")
#: Any run of whitespace, including NBSP and line breaks inside a phrase.
SPACES = re.compile(r"\s+")
#: Syllables ending in oa, oe, uy with the tone on the first vowel ('hòa', 'ủy': the old
#: placement). Both placements are in use, so one is rewritten to the other ('hoà', 'uỷ').
OLD_TONE_PLACEMENT = re.compile(r"([òóỏõọ])([ae])(?!\w)|([ùúủũụ])(y)(?!\w)")
#: Stands in for text removed by an exclusion, so that no phrase can match across it.
EXCLUDED = " \u2205 "

TOP_KEYS = {"title_weight", "length_unit", "topics"}
TOPIC_KEYS = {"threshold", "phrases", "supporting", "exclude"}


class RulesError(ContentError, ValueError):
    """A data file is wrong; carries every problem found, each as `path:line: message`. A
    ContentError, so every command reports it as it reports an error in a page."""


@dataclass(frozen=True)
class TopicRule:
    """How one topic is recognised: weighted phrases, exclusions, and the score to reach.

    `phrases` name the topic; `supporting` phrases (document numbers, common words) add to the
    score only of a document that has at least one of `phrases`: a bare 'Nghị quyết 36-NQ/TW'
    may be the 2018 one on the marine economy.
    """

    slug: str
    threshold: float
    phrases: dict[str, float]  # as the editor wrote it -> weight
    supporting: dict[str, float] = field(default_factory=dict)
    exclude: tuple[str, ...] = ()
    pattern: re.Pattern = field(init=False, repr=False, compare=False)
    excluded: re.Pattern | None = field(init=False, repr=False, compare=False)
    spelling: dict[str, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        spelling = {normalise(p): p for p in (*self.phrases, *self.supporting)}
        object.__setattr__(self, "spelling", spelling)
        object.__setattr__(self, "pattern", _whole_words(spelling))
        excluded = _whole_words({normalise(p): p for p in self.exclude}) if self.exclude else None
        object.__setattr__(self, "excluded", excluded)

    def weight(self, phrase: str) -> float:
        """The weight of a phrase of either group."""
        return self.phrases[phrase] if phrase in self.phrases else self.supporting[phrase]

    def matches(self, text: str) -> Counter[str]:
        """Phrase (editor's spelling) -> count in an already normalised text."""
        if self.excluded is not None:
            text = self.excluded.sub(EXCLUDED, text)
        return Counter(self.spelling[m.group(0)] for m in self.pattern.finditer(text))


@dataclass(frozen=True)
class TopicRules:
    """All topic rules, in the order of model.TOPICS."""

    topics: tuple[TopicRule, ...]
    title_weight: float = 4.0
    length_unit: int = 4000
    path: str = ""


def normalise(text: str) -> str:
    """The form both phrases and documents are compared in."""
    text = unicodedata.normalize("NFC", text).lower()
    text = DASHES.sub("-", text)
    text = OLD_TONE_PLACEMENT.sub(_move_tone, text)
    return SPACES.sub(" ", text).strip()


def _move_tone(match: re.Match) -> str:
    first, second = (match.group(1), match.group(2)) if match.group(1) else match.group(3, 4)
    base, *marks = unicodedata.normalize("NFD", first)
    return base + unicodedata.normalize("NFC", second + "".join(marks))


def _whole_words(spelling: dict[str, str]) -> re.Pattern:
    # Longest first, so 'hội hữu nghị' is counted once, not also as 'hữu nghị'.
    alternatives = "|".join(re.escape(p) for p in sorted(spelling, key=lambda p: (-len(p), p)))
    return re.compile(rf"(?<!\w)(?:{alternatives})(?!\w)")


def explain(title: str, body: str, rules: TopicRules | None = None) -> dict[str, dict]:
    """Per topic: score, threshold, whether it is tagged, and the phrases found where."""
    rules = rules or default_rules()
    title_text, body_text = normalise(title), normalise(body)
    body_factor = min(1.0, rules.length_unit / max(1, len(body_text)))
    result: dict[str, dict] = {}
    for rule in rules.topics:
        in_title, in_body = rule.matches(title_text), rule.matches(body_text)
        title_points = sum(rule.weight(p) * n for p, n in in_title.items())
        body_points = sum(rule.weight(p) * n for p, n in in_body.items())
        named = any(p in rule.phrases for p in (*in_title, *in_body))
        score = round(rules.title_weight * title_points + body_factor * body_points, 2)
        score = score if named else 0.0
        result[rule.slug] = {
            "score": score,
            "threshold": rule.threshold,
            "tagged": named and score >= rule.threshold,
            "named": named,
            "title_matches": dict(sorted(in_title.items())),
            "body_matches": dict(sorted(in_body.items())),
            "body_factor": round(body_factor, 3),
        }
    return result


def classify(title: str, body: str, rules: TopicRules | None = None) -> list[str]:
    """The slugs of the topics a document is about, in the order of model.TOPICS."""
    return [slug for slug, why in explain(title, body, rules).items() if why["tagged"]]


@cache
def default_rules() -> TopicRules:
    """The packaged rules, read once."""
    return load_rules()


# Reading and checking the data file -------------------------------------------------------

Report = Callable[[yaml.Node, str], None]


def load_rules(path: str | Path | None = None) -> TopicRules:
    """Read and validate a topic rules file (default: the packaged data/topics.yml)."""
    path = Path(path) if path else DEFAULT_RULES
    shown = str(path)
    root = compose_data_file(path)
    problems: list[Problem] = []

    def report(node: yaml.Node, message: str) -> None:
        problems.append(Problem(shown, node.start_mark.line + 1, message))

    items = mapping_items(root, report)
    unknown_keys(items, TOP_KEYS, "", report)
    title_weight = positive_number(items.get("title_weight"), "title_weight", report, 4.0)
    length_unit = int(positive_number(items.get("length_unit"), "length_unit", report, 4000))
    rules: dict[str, TopicRule] = {}
    if "topics" not in items:
        report(root, "thiếu khóa 'topics' (quy tắc cho từng chủ đề)")
    else:
        topics_key, topics_node = items["topics"]
        given = mapping_items(topics_node, report)
        for slug, (slug_node, node) in given.items():
            if slug not in TOPICS:
                report(slug_node, f"chủ đề '{slug}' không tồn tại; chọn trong: {', '.join(TOPICS)}")
            elif (rule := _topic_rule(slug, slug_node, node, report)) is not None:
                rules[slug] = rule
        for slug in TOPICS:
            if slug not in given:
                report(topics_key, f"thiếu quy tắc cho chủ đề '{slug}'")
    if problems:
        raise RulesError(problems)
    return TopicRules(tuple(rules[slug] for slug in TOPICS), title_weight, length_unit, shown)


def _topic_rule(
    slug: str, slug_node: yaml.Node, node: yaml.Node, report: Report
) -> TopicRule | None:
    items = mapping_items(node, report)
    unknown_keys(items, TOPIC_KEYS, f"'{slug}': ", report)
    if "threshold" not in items:
        report(slug_node, f"'{slug}': thiếu 'threshold' (điểm tối thiểu để gắn chủ đề)")
    threshold = positive_number(items.get("threshold"), f"'{slug}': threshold", report, 1.0)
    seen: dict[str, str] = {}  # normalised -> as written, across both groups
    if "phrases" not in items:
        report(slug_node, f"'{slug}': thiếu 'phrases' (các cụm từ và trọng số)")
    phrases = _phrases(slug, items.get("phrases"), seen, report)
    supporting = _phrases(slug, items.get("supporting"), seen, report)
    exclude = _exclusions(slug, items.get("exclude"), report)
    return TopicRule(slug, threshold, phrases, supporting, exclude) if phrases else None


def _phrases(slug: str, entry, seen: dict[str, str], report: Report) -> dict[str, float]:
    if entry is None:
        return {}
    key_node, node = entry
    phrases: dict[str, float] = {}
    for phrase, (phrase_node, weight_node) in mapping_items(node, report).items():
        key = normalise(phrase)
        if not key:
            report(phrase_node, f"'{slug}': cụm từ trống")
        elif key in seen:
            report(phrase_node, f"'{slug}': cụm từ '{phrase}' trùng với '{seen[key]}'")
        else:
            seen[key] = phrase
            what = f"'{slug}': trọng số của '{phrase}'"
            phrases[phrase] = positive_number((phrase_node, weight_node), what, report, 1.0)
    if isinstance(node, yaml.MappingNode | yaml.ScalarNode) and not node.value:
        group = key_node.value
        report(key_node, f"'{slug}': danh sách '{group}' trống; cần ít nhất một cụm từ")
    return phrases


def _exclusions(slug: str, entry, report: Report) -> tuple[str, ...]:
    if entry is None:
        return ()
    node = entry[1]
    if not isinstance(node, yaml.SequenceNode):
        report(node, f"'{slug}': 'exclude' phải là danh sách, mỗi dòng một cụm từ '- ...'")
        return ()
    exclude = []
    for item in node.value:
        if isinstance(item, yaml.ScalarNode) and normalise(item.value):
            exclude.append(item.value)
        else:
            report(item, f"'{slug}': mỗi mục của 'exclude' phải là một cụm từ")
    return tuple(exclude)


# YAML with line numbers: shared by the data files of this package ---------------------------


def compose_data_file(path: Path) -> yaml.Node:
    """The YAML node tree of a data file (nodes know their lines); syntax errors as RulesError."""
    shown = str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise RulesError([Problem(shown, 0, f"không đọc được tệp: {exc}")]) from None
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else 0
        raise RulesError([Problem(shown, line, f"YAML sai: {exc.problem or exc}")]) from None
    except yaml.YAMLError as exc:
        raise RulesError([Problem(shown, 0, f"YAML sai: {exc}")]) from None
    if node is None:
        raise RulesError([Problem(shown, 0, "tệp trống")])
    return node


def mapping_items(node: yaml.Node, report: Report) -> dict[str, tuple[yaml.Node, yaml.Node]]:
    """Key -> (key node, value node) of a mapping; reports non-mappings and duplicate keys."""
    if not isinstance(node, yaml.MappingNode):
        if not (isinstance(node, yaml.ScalarNode) and node.value == ""):
            report(node, "ở đây cần các cặp 'khóa: giá trị'")
        return {}
    items: dict[str, tuple[yaml.Node, yaml.Node]] = {}
    for key_node, value_node in node.value:
        if not isinstance(key_node, yaml.ScalarNode):
            report(key_node, "khóa phải là một dòng chữ")
        elif key_node.value in items:
            first = items[key_node.value][0].start_mark.line + 1
            report(key_node, f"khóa '{key_node.value}' bị lặp (đã có ở dòng {first})")
        else:
            items[key_node.value] = (key_node, value_node)
    return items


def unknown_keys(items: dict, known: set[str], prefix: str, report: Report) -> None:
    """Report keys a data file does not use (usually a typo)."""
    for key, (key_node, _) in items.items():
        if key not in known:
            valid = ", ".join(sorted(known))
            report(key_node, f"{prefix}khóa '{key}' không dùng được; các khóa hợp lệ: {valid}")


def positive_number(entry, what: str, report: Report, default: float) -> float:
    """The number under a key, which must be greater than zero; `default` when absent or bad."""
    if entry is None:
        return default
    key_node, node = entry
    value = scalar_value(node)
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 < value < math.inf:
        shown = node.value if isinstance(node, yaml.ScalarNode) else "không phải một số"
        report(key_node, f"{what} phải là một số lớn hơn 0, ví dụ 2 hoặc 0.5 (đang là '{shown}')")
        return default
    return float(value)


def scalar_value(node: yaml.Node) -> object:
    """A scalar node as Python data (int, float, str, ...); None for lists and mappings."""
    if not isinstance(node, yaml.ScalarNode):
        return None
    return yaml.constructor.SafeConstructor().construct_object(node)
