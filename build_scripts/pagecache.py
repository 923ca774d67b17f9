"""Each page's final HTML, kept across builds: an unchanged page is not put through the theme's
templates again.

The key is everything the template sees: the page (its HTML, title, table of contents, meta,
neighbours), the views the portal adds to its context (a document's "cited by" list, chain and
alternates), the menu (the whole navigation's titles and links, and which page is this one), the
settings, the theme's files, the versions of the packages that render, and the portal's code. A
context value this module cannot write down makes the page uncacheable, never wrongly cached.

MkDocs chooses a page's template before `on_page_context`, and has no event that skips the
rendering; the theme's main.html extends `CACHED_TEMPLATE` (which prints the kept HTML) instead
of Material's base when the context carries a page found here, so a hit costs one tiny render.
"""

from __future__ import annotations

import dataclasses
import datetime
import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path, PurePath

from . import caches

FORMAT = 1
FOLDER = "pages"
#: The context variable main.html looks at, and the template it then extends.
CONTEXT_KEY = "portal_cached_page"
CACHED_TEMPLATE = "portal-cached.html"
PACKAGES = ("mkdocs", "mkdocs-material", "jinja2", "markupsafe", "markdown", "pymdown-extensions")
#: Settings the templates read (the rest shape the Markdown: rendercache's fingerprint).
SETTINGS = (
    "site_name",
    "site_description",
    "site_author",
    "site_url",
    "copyright",
    "repo_url",
    "repo_name",
    "edit_uri",
    "extra",
    "extra_css",
    "extra_javascript",
    "use_directory_urls",
)
#: Context entries that are written down by other means (config, nav, page) or that no
#: template of the portal reads and that hold every page of the site (pages).
HANDLED = frozenset({"config", "nav", "page", "pages", "build_date_utc"})


class Uncacheable(Exception):
    """A context value with no faithful written form."""


def canonical(value: object) -> object:
    """`value` as JSON-ready data that differs whenever `value` does."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, datetime.date):  # front matter's dates (datetimes are dates too)
        return [type(value).__name__, value.isoformat()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = dataclasses.fields(value)
        return [
            type(value).__qualname__,
            {f.name: canonical(getattr(value, f.name)) for f in fields},
        ]
    if isinstance(value, Mapping):  # dicts, and MkDocs' Config objects
        return {"dict": sorted([str(k), canonical(v)] for k, v in value.items())}
    if isinstance(value, list | tuple):
        return [canonical(item) for item in value]
    if isinstance(value, set | frozenset):
        return {"set": sorted(json.dumps(canonical(item)) for item in value)}
    if type(value).__name__ == "ExtraScriptValue":  # mkdocs.yml's extra_javascript entries
        return ["script", str(value), canonical(vars(value))]
    if type(value).__name__ == "Locale":  # the theme's language (MkDocs' or Babel's)
        return ["locale", str(value)]
    if type(value).__name__ == "ChromeGroup":  # the menu rendered once per folder
        return ["chrome", value.key]  # type: ignore[attr-defined]
    raise Uncacheable(type(value).__qualname__)


def _files_digest(folder: Path, skip: tuple[str, ...] = ()) -> str:
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder).as_posix()
        # Compiled copies come and go with imports; their sources are what counts.
        if path.is_file() and not relative.startswith(skip) and "__pycache__" not in path.parts:
            digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def build_fingerprint(config, config_file: Path, render_version: str) -> str:
    """What every page of a build shares: settings, theme files, packages, the portal's code."""
    digest = hashlib.sha256(f"pagecache {FORMAT}\n{render_version}\n".encode())
    digest.update(config_file.read_bytes())
    settings = {name: canonical(config.get(name)) for name in SETTINGS}
    settings["theme"] = canonical(dict(config.theme.items()))
    digest.update(json.dumps(settings, sort_keys=True).encode())
    for folder in config.theme.dirs:
        # Material's 14,000 icons change only with its version, which is part of the key.
        digest.update(f"{folder}\n{_files_digest(Path(folder), skip=('.icons/',))}\n".encode())
    for name in PACKAGES:
        try:
            digest.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\n".encode())
    digest.update(_files_digest(Path(__file__).parent, skip=("convert/",)).encode())
    return digest.hexdigest()


def nav_digest(nav) -> str:
    """The menu as every page shows it: each item's kind, title, link and children."""

    def item(node) -> list:
        children = [item(child) for child in (getattr(node, "children", None) or [])]
        file = getattr(node, "file", None)
        return [
            type(node).__name__,
            node.title,
            getattr(node, "url", None),
            file.src_uri if file is not None else None,
            children,
        ]

    text = json.dumps([item(node) for node in nav.items], ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()


def _neighbour(page) -> list | None:
    return None if page is None else [page.title, page.url]


def page_key(shared: str, context: dict, page) -> str:
    """The key of `page`'s final HTML; raises Uncacheable."""
    parents, parent = [], page.parent
    while parent is not None:
        parents.append(parent.title)
        parent = parent.parent
    described = {
        "src_uri": page.file.src_uri,
        "url": page.url,
        "canonical_url": page.canonical_url,
        "edit_url": page.edit_url,
        "title": page.title,
        "meta": canonical(page.meta),
        "content": page.content,
        "toc": canonical(_toc(page.toc)),
        "previous": _neighbour(page.previous_page),
        "next": _neighbour(page.next_page),
        "parents": parents,
        "homepage": page.is_homepage,
        "context": {k: canonical(v) for k, v in context.items() if k not in HANDLED},
    }
    text = json.dumps(described, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(shared.encode() + b"\0" + text.encode()).hexdigest()


def _toc(items: Iterable) -> list:
    return [[i.title, i.id, i.level, _toc(i.children)] for i in items]


class PageCache:
    """The final HTML of one language's pages, under `folder/<lang>/`, one file a page: its key,
    a hash of the HTML, and the HTML."""

    def __init__(self, folder: Path, lang: str):
        self.folder = folder / lang
        self.hits = self.misses = 0
        self.visited: set[str] = set()

    def _slot(self, src_uri: str) -> Path:
        return self.folder / (hashlib.sha256(src_uri.encode()).hexdigest()[:40] + ".json")

    def get(self, src_uri: str, key: str) -> str | None:
        slot = self._slot(src_uri)
        self.visited.add(slot.name)
        try:
            entry = json.loads(slot.read_text(encoding="utf-8"))
        except FileNotFoundError:
            entry = None
        except (OSError, ValueError):
            entry = self._damaged(slot)
        if isinstance(entry, dict) and entry.get("key") == key:
            html = entry.get("html")
            if isinstance(html, str) and entry.get("check") == _check(html):
                self.hits += 1
                return html
            self._damaged(slot)
        self.misses += 1
        return None

    def _damaged(self, slot: Path) -> None:
        caches.log.warning("page cache: damaged entry %s removed, rendered again", slot)
        slot.unlink(missing_ok=True)

    def put(self, src_uri: str, key: str, html: str) -> None:
        entry = {"key": key, "check": _check(html), "html": html}
        text = json.dumps(entry, ensure_ascii=False)
        caches.write_atomically(self._slot(src_uri), text.encode("utf-8"))

    def prune(self) -> int:
        """After a build that visited every page: remove entries of pages since removed."""
        removed = 0
        for path in self.folder.glob("*.json"):
            if path.name not in self.visited:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _check(html: str) -> str:
    return hashlib.sha256(html.encode("utf-8")).hexdigest()


class WarningCount(logging.Handler):
    """Counts the engine's warnings: a page whose template said something is not kept, so
    every build says it again."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
