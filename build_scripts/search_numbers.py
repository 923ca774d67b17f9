"""The number index: which pages carry a document number, so that search.js shows the page of a
number typed in any form ("175/KH-UBND", "175 kh ubnd", "175") before Pagefind's ranked results.

One small JSON file per leading figure of the numbers, `<language root>/so-hieu/<figure>.json`:
a query fetches only the file of its own figure (a few hundred bytes), never the whole list.
Entries are portal documents first (newest first), then reference pages of cited documents,
each with its key (search.number_key), its page path inside the language, title and facts.
Written from the catalog in a fixed order, so the same content gives the same bytes (Pagefind's
own filters, tried for this, write their files in a different order at every run).
"""

from __future__ import annotations

import json
import re
import shutil
from collections import defaultdict
from pathlib import Path

from . import languages, pages
from .catalog import Catalog
from .reference_pages import reference_title
from .search import number_key

FOLDER = "so-hieu"
FIGURE = re.compile(r"\d+")


def entry(number: str, kind: str, path: str, title: str, facts: str) -> dict | None:
    """One page carrying `number` ("doc" or "ref"), at `path` inside its language; None for a
    number without a figure (Pagefind's words alone find it)."""
    key = number_key(number)
    figure = FIGURE.search(key)
    if figure is None:
        return None
    return {
        "kind": kind,
        "key": key,
        "lead": figure.group(0),
        "path": path,
        "title": title,
        "facts": facts,
    }


def entries(catalog: Catalog, lang: str) -> list[dict]:
    """Every entry of one language: portal documents newest first, then cited documents."""
    found = []
    for d in catalog.documents:
        if d.number:
            path = languages.page_path(pages.document_uri(d))
            found.append(
                entry(d.number, "doc", path, pages.title_of(d, lang), pages.facts(d, lang))
            )
    for _key, cited in sorted(catalog.cited.items()):
        cited_by = f"{pages.ui('cited_by', lang)}: {pages.count(len(cited.cited_by), lang)}"
        facts = f"{pages.ui('references', lang)} · {cited_by}"
        path = languages.page_path(pages.reference_uri(cited))
        found.append(entry(cited.number, "ref", path, reference_title(cited, lang), facts))
    return [e for e in found if e is not None]


def write(catalog: Catalog, lang_root: Path, lang: str) -> None:
    """The number index of one language, replacing the previous one."""
    write_entries(lang_root, entries(catalog, lang))


def write_entries(lang_root: Path, items: list[dict]) -> None:
    """Entries grouped by leading figure into their files (search.js looks a query up the same
    way), in the order given."""
    folder = lang_root / FOLDER
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    by_figure: dict[str, list[dict]] = defaultdict(list)
    for item in items:
        by_figure[item["lead"]].append(item)
    for figure, group in sorted(by_figure.items()):
        text = json.dumps(group, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        (folder / f"{figure}.json").write_text(text + "\n", encoding="utf-8")
