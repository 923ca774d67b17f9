"""English metadata for English pages: document types, issuing bodies, dates and panel labels.

Everything translatable lives in `data/glossary.yml`, which editors extend. Issuing bodies are
translated by composition, not one entry per province: a part ('Ban Thường trực') of an
organisation ('Ủy ban MTTQ Việt Nam') at a level ('tỉnh') of a place ('Sơn La') becomes
'Standing Board of the Viet Nam Fatherland Front Committee of Sơn La Province'. Place names keep
their Vietnamese spelling. A body the glossary does not cover stays in Vietnamese and is marked
untranslated: an English page shows the original name rather than a guess.
"""

from __future__ import annotations

import datetime as dt
import re
import string
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import NamedTuple

import yaml

from .model import TOPICS
from .problems import Problem
from .topics import (
    Report,
    RulesError,
    compose_data_file,
    mapping_items,
    normalise,
    scalar_value,
    unknown_keys,
)

DEFAULT_GLOSSARY = Path(__file__).parent / "data" / "glossary.yml"
LANGS = ("vi", "en")
EN_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")  # fmt: skip

#: A name written with its part after a dash, as in a header: 'ỦY BAN MTTQ ... – BAN THƯỜNG TRỰC'.
PART_AFTER_DASH = re.compile(r"^(?P<body>.*\S)\s+[-–—]\s+(?P<part>\S.*)$")
#: Place names are capitalised words ('Sơn La', 'Bắc Cam Ranh'); anything else is not a place.
PLACE_WORD = re.compile(r"^[^\W\d_][\w'’.-]*$")

TOP_KEYS = {"doc_types", "bodies", "parts", "organisations", "units", "labels"}
ORGANISATION_KEYS = {"vi", "en", "en_no_place", "unit"}
#: Template -> the placeholders it must use and may use.
PLACEHOLDERS = {
    "parts": ({"body"}, {"body"}),
    "en": ({"place"}, {"place", "unit", "unit_adjective"}),
    "en_no_place": (set(), {"unit", "unit_adjective"}),
}


class GlossaryError(RulesError):
    """The glossary file is wrong; every problem as `path:line: message`."""


class English(NamedTuple):
    """An English rendering, and whether it is a translation (False: the Vietnamese as given)."""

    text: str
    translated: bool


@dataclass(frozen=True)
class Unit:
    """An administrative level: 'tỉnh' is a Province, its committees are Provincial."""

    noun: str
    adjective: str


@dataclass(frozen=True)
class Organisation:
    """A kind of body that exists at several levels and places, e.g. a People's Committee."""

    en: str
    en_no_place: str
    unit: str | None = None  # normalised level when the name contains it ('Tỉnh ủy')


@dataclass(frozen=True)
class Glossary:
    """The loaded glossary; keys are in `topics.normalise` form, so case and tone placement
    of the Vietnamese do not matter."""

    doc_types: dict[str, str]
    bodies: dict[str, str]
    parts: dict[str, str]
    organisations: dict[str, Organisation]  # each Vietnamese spelling -> its organisation
    units: dict[str, Unit]
    labels: dict[str, dict[str, str]]
    path: str = ""

    def doc_type(self, vi: str) -> English:
        """'Kế hoạch' -> Plan; an unknown type stays Vietnamese, marked untranslated."""
        text = " ".join(vi.split())
        english = self.doc_types.get(normalise(text))
        return English(english, True) if english else English(text, False)

    def issuer(self, vi: str) -> English:
        """The English name of an issuing body, or the Vietnamese name marked untranslated."""
        text = " ".join(unicodedata.normalize("NFC", vi).split())
        english = self._body(text)
        if english is None and (m := PART_AFTER_DASH.match(text)):
            english = self._body(f"{m['part']} {m['body']}")
        return English(english, True) if english else English(text, False)

    def label(self, key: str, lang: str) -> str:
        """A fixed text of the page in one language, e.g. label('signer', 'en') -> 'Signed by'."""
        _check_lang(lang)
        if key not in self.labels:
            raise KeyError(f"no label '{key}' in {self.path}; known: {', '.join(self.labels)}")
        return self.labels[key][lang]

    def format_date(
        self, d: dt.date | None, lang: str, year: int | None = None, *, long: bool = False
    ) -> str:
        """'20 February 2023' / '20/02/2023' (long: 'ngày 20 tháng 2 năm 2023'); the year alone
        when the day is blank; 'undated' / 'không ghi ngày' when nothing is known."""
        _check_lang(lang)
        if d is not None:
            if lang == "en":
                return f"{d.day} {EN_MONTHS[d.month - 1]} {d.year}"
            return f"ngày {d.day} tháng {d.month} năm {d.year}" if long else f"{d:%d/%m/%Y}"
        if year is not None:
            return str(year) if lang == "en" else f"năm {year}"
        return self.label("undated", lang)

    def _body(self, text: str) -> str | None:
        key = normalise(text)
        if len(key) != len(text):  # offsets into `text` must hold for `key`
            return None
        if key in self.bodies:
            return self.bodies[key]
        for part in sorted(self.parts, key=len, reverse=True):
            if key.startswith(part + " "):
                inner = self._body(text[len(part) + 1 :])
                if inner:
                    return self.parts[part].format(body=_with_article(inner))
        return self._organisation(text, key)

    def _organisation(self, text: str, key: str) -> str | None:
        alias = next(
            (a for a in sorted(self.organisations, key=len, reverse=True)
             if key == a or key.startswith(a + " ")),
            None,
        )  # fmt: skip
        if alias is None:
            return None
        org = self.organisations[alias]
        rest, rest_key = text[len(alias) + 1 :], key[len(alias) + 1 :]
        unit = org.unit
        if unit is None:
            unit = next(
                (u for u in sorted(self.units, key=len, reverse=True)
                 if rest_key == u or rest_key.startswith(u + " ")),
                None,
            )  # fmt: skip
            if unit is None:
                return None
            rest = rest[len(unit) + 1 :]
        level = self.units[unit]
        if not rest:
            return org.en_no_place.format(unit=level.noun, unit_adjective=level.adjective)
        place = _place(rest)
        if place is None:
            return None
        return org.en.format(place=place, unit=level.noun, unit_adjective=level.adjective)


def _with_article(english: str) -> str:
    return english if english.startswith("the ") else "the " + english


def _place(text: str) -> str | None:
    """A place name as written, title-cased when the header was in capitals; None if not one."""
    words = text.split()
    if not words or not all(PLACE_WORD.match(w) for w in words):
        return None
    if text.isupper():
        return text.title()
    return text if all(w[0].isupper() for w in words) else None


def _check_lang(lang: str) -> None:
    if lang not in LANGS:
        raise ValueError(f"language must be one of {', '.join(LANGS)}, not '{lang}'")


def topic_name(slug: str, lang: str) -> str:
    """A topic's name in one language (from model.TOPICS)."""
    _check_lang(lang)
    return TOPICS[slug][lang]


# The default glossary, loaded once, behind module-level functions -----------------------------


@cache
def glossary() -> Glossary:
    """The packaged glossary, read once."""
    return load_glossary()


@lru_cache(maxsize=65536)  # a build asks for the same few hundred bodies thousands of times
def issuer_en(vi: str) -> English:
    """(English name, translated?) of an issuing body; untranslated bodies stay Vietnamese."""
    return glossary().issuer(vi)


@lru_cache(maxsize=4096)
def doc_type_en(vi: str) -> str:
    """The English document type; an unknown type is returned in Vietnamese (see
    `glossary().doc_type(vi).translated` to tell)."""
    return glossary().doc_type(vi).text


def label(key: str, lang: str) -> str:
    """A fixed text of the page in one language."""
    return glossary().label(key, lang)


def format_date(
    d: dt.date | None, lang: str, year: int | None = None, *, long: bool = False
) -> str:
    """A date of issue for display; see Glossary.format_date."""
    return glossary().format_date(d, lang, year, long=long)


# Reading and checking the data file ---------------------------------------------------------


def load_glossary(path: str | Path | None = None) -> Glossary:
    """Read and validate a glossary file (default: the packaged data/glossary.yml)."""
    path = Path(path) if path else DEFAULT_GLOSSARY
    shown = str(path)
    try:
        root = compose_data_file(path)
    except RulesError as exc:
        raise GlossaryError(exc.problems) from None
    problems: list[Problem] = []

    def report(node: yaml.Node, message: str) -> None:
        problems.append(Problem(shown, node.start_mark.line + 1, message))

    items = mapping_items(root, report)
    unknown_keys(items, TOP_KEYS, "", report)
    for key in sorted(TOP_KEYS - set(items)):
        report(root, f"thiếu mục '{key}'")

    def section(key: str) -> dict[str, tuple[yaml.Node, yaml.Node]]:
        """Entries of a top-level mapping, by normalised Vietnamese, duplicates reported."""
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        if key not in items:
            return found
        for vi, (key_node, value) in mapping_items(items[key][1], report).items():
            norm = normalise(vi)
            if norm in found:
                report(key_node, f"'{key}': '{vi}' trùng với '{found[norm][0].value}'")
            else:
                found[norm] = (key_node, value)
        return found

    def texts(key: str, placeholders: str | None = None) -> dict[str, str]:
        out = {}
        for norm, (key_node, node) in section(key).items():
            value = _text(node, f"'{key}': '{key_node.value}'", report)
            if value is not None and _template_ok(value, placeholders, node, report):
                out[norm] = value
        return out

    units = _units(section("units"), report)
    organisations = _organisations(items.get("organisations"), units, report)
    labels = _labels(items.get("labels"), report)
    if "labels" in items and "undated" not in labels:
        report(items["labels"][0], "'labels' thiếu 'undated' (ngày không rõ, hai ngôn ngữ)")
    glossary = Glossary(
        doc_types=texts("doc_types"),
        bodies=texts("bodies"),
        parts=texts("parts", "parts"),
        organisations=organisations,
        units=units,
        labels=labels,
        path=shown,
    )
    if problems:
        raise GlossaryError(problems)
    return glossary


def _text(node: yaml.Node, what: str, report: Report) -> str | None:
    value = scalar_value(node)
    if not isinstance(value, str) or not value.strip():
        report(node, f"{what} phải là một dòng chữ")
        return None
    return value.strip()


def _template_ok(template: str, kind: str | None, node: yaml.Node, report: Report) -> bool:
    if kind is None:
        return True
    required, allowed = PLACEHOLDERS[kind]
    try:
        used = {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}
    except ValueError as exc:
        report(node, f"mẫu '{template}' sai dấu ngoặc {{ }}: {exc}")
        return False
    if required <= used <= allowed:
        return True
    must = ", ".join(f"{{{n}}}" for n in sorted(required))
    may = ", ".join(f"{{{n}}}" for n in sorted(allowed)) or "không chỗ trống nào"
    rule = f"phải có {must}, chỉ được dùng {may}" if must else f"chỉ được dùng {may}"
    report(node, f"mẫu '{template}' {rule}")
    return False


def _units(entries: dict, report: Report) -> dict[str, Unit]:
    units = {}
    for norm, (key_node, node) in entries.items():
        fields = mapping_items(node, report)
        unknown_keys(fields, {"noun", "adjective"}, f"'units': '{key_node.value}': ", report)
        noun, adjective = (
            _text(fields[k][1], f"'units': '{key_node.value}': {k}", report)
            if k in fields
            else None
            for k in ("noun", "adjective")
        )
        if noun is None or adjective is None:
            report(key_node, f"'units': '{key_node.value}' cần cả 'noun' và 'adjective'")
            continue
        units[norm] = Unit(noun, adjective)
    return units


def _organisations(entry, units: dict[str, Unit], report: Report) -> dict[str, Organisation]:
    if entry is None:
        return {}
    key_node, node = entry
    if not isinstance(node, yaml.SequenceNode):
        report(key_node, "'organisations' phải là danh sách, mỗi mục bắt đầu bằng '- vi: [...]'")
        return {}
    out: dict[str, Organisation] = {}
    for item in node.value:
        fields = mapping_items(item, report)
        unknown_keys(fields, ORGANISATION_KEYS, "'organisations': ", report)
        missing = [k for k in ("vi", "en", "en_no_place") if k not in fields]
        if missing:
            report(item, f"'organisations': mục thiếu {', '.join(missing)}")
            continue
        names_node = fields["vi"][1]
        names = names_node.value if isinstance(names_node, yaml.SequenceNode) else [names_node]
        en = _text(fields["en"][1], "'organisations': en", report)
        en_no_place = _text(fields["en_no_place"][1], "'organisations': en_no_place", report)
        unit = None
        if "unit" in fields:
            unit = normalise(_text(fields["unit"][1], "'organisations': unit", report) or "")
            if unit not in units:
                report(fields["unit"][1], f"'organisations': cấp '{unit}' không có trong 'units'")
        if en is None or en_no_place is None:
            continue
        ok = _template_ok(en, "en", fields["en"][1], report)
        ok = _template_ok(en_no_place, "en_no_place", fields["en_no_place"][1], report) and ok
        org = Organisation(en, en_no_place, unit)
        for name_node in names:
            name = _text(name_node, "'organisations': vi", report)
            if name is None:
                continue
            if normalise(name) in out:
                report(name_node, f"'organisations': '{name}' đã có ở một mục khác")
            elif ok:
                out[normalise(name)] = org
    return out


def _labels(entry, report: Report) -> dict[str, dict[str, str]]:
    if entry is None:
        return {}
    labels = {}
    for key, (key_node, node) in mapping_items(entry[1], report).items():
        fields = mapping_items(node, report)
        unknown_keys(fields, set(LANGS), f"'labels': '{key}': ", report)
        texts = {lang: _text(fields[lang][1], f"'labels': '{key}': {lang}", report)
                 for lang in LANGS if lang in fields}  # fmt: skip
        if set(texts) != set(LANGS):
            report(key_node, f"'labels': '{key}' cần cả 'vi' và 'en'")
        elif all(texts.values()):
            labels[key] = texts
    return labels
