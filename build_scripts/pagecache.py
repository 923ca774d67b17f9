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
import os
import shutil
import time
from collections.abc import Iterable, Mapping
from importlib import metadata
from pathlib import Path, PurePath

from . import caches

FORMAT = 1
FOLDER = "pages"
#: The context variable main.html looks at, and the template it then extends.
CONTEXT_KEY = "portal_cached_page"
CACHED_TEMPLATE = "portal-cached.html"
PACKAGES = (
    "mkdocs",
    "properdocs",
    "mkdocs-material",
    "jinja2",
    "markupsafe",
    "markdown",
    "pymdown-extensions",
)
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


#: Types canonical() answers without the chain of checks below: thousands of views a build,
#: each a tree of the same few types. A dataclass's field names are found once for its type.
_PLAIN = frozenset({str, bool, int, float, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}


def canonical(value: object) -> object:
    """`value` as JSON-ready data that differs whenever `value` does."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is list or kind is tuple:
        return [canonical(item) for item in value]  # type: ignore[union-attr]
    names = _FIELDS.get(kind)
    if names is not None:
        return [kind.__qualname__, {name: canonical(getattr(value, name)) for name in names}]
    if kind is dict:
        return {"dict": sorted([str(k), canonical(v)] for k, v in value.items())}  # type: ignore[union-attr]
    return _canonical(value)


def _canonical(value: object) -> object:
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, PurePath):
        return str(value)
    if isinstance(value, datetime.date):  # front matter's dates (datetimes are dates too)
        return [type(value).__name__, value.isoformat()]
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[type(value)] = tuple(f.name for f in dataclasses.fields(value))
        return [type(value).__qualname__, {name: canonical(getattr(value, name)) for name in names}]
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


def _package_folders() -> list[Path]:
    """Where the packages whose versions are in the key are installed (an editable install of
    one is not: its files are read like the project's)."""
    folders = []
    for name in PACKAGES:
        try:
            files = metadata.files(name) or []
        except metadata.PackageNotFoundError:
            continue
        if any(str(f).endswith("direct_url.json") for f in files):
            direct = metadata.distribution(name).read_text("direct_url.json") or ""
            if '"editable": true' in direct:
                continue
        tops = {f.parts[0] for f in files if len(f.parts) > 1}
        for top in sorted(tops - {"..", "__pycache__"}):
            folder = Path(metadata.distribution(name).locate_file(top)).resolve()
            if folder.is_dir() and not top.endswith((".dist-info", ".egg-info")):
                folders.append(folder)
    return folders


def build_fingerprint(config, config_file: Path, render_version: str) -> str:
    """What every page of a build shares: settings, theme files, packages, the portal's code."""
    digest = hashlib.sha256(f"pagecache {FORMAT}\n{render_version}\n".encode())
    digest.update(config_file.read_bytes())
    settings = {name: canonical(config.get(name)) for name in SETTINGS}
    settings["theme"] = canonical(dict(config.theme.items()))
    digest.update(json.dumps(settings, sort_keys=True).encode())
    packaged = _package_folders()
    for folder in config.theme.dirs:
        # Material's templates, icons and bundles change only with its version, which is part
        # of the key: reading its files each build would cost a second at every push.
        path = Path(folder).resolve()
        if any(path.is_relative_to(package) for package in packaged):
            digest.update(f"{folder}\n(packaged)\n".encode())
        else:
            digest.update(f"{folder}\n{_files_digest(path)}\n".encode())
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


#: Site addresses whose pages are kept side by side: a `portal build` and a `portal serve` (at
#: its own address) in one project each keep theirs, instead of replacing each other's at every
#: build. Older addresses are removed (a serve at another port leaves one behind).
KEPT_SITES = 2
#: An address used this recently is never removed: a build may still be writing into it.
IN_USE_SECONDS = 600


class PageCache:
    """The final HTML of one language's pages, under `folder/<lang>/<site>/` (caches.Slots),
    one file a page: its key, a hash of the HTML, and the HTML. A page's final HTML holds the
    site's address (canonical links, share previews), so each address has its own folder."""

    def __init__(self, folder: Path, lang: str, site_url: str = ""):
        self.languages = folder / lang
        site = hashlib.sha256(site_url.encode()).hexdigest()[:16]
        self.slots = caches.Slots(self.languages / site, "page cache")
        self.hits = self.misses = 0
        self.slots.folder.mkdir(parents=True, exist_ok=True)
        os.utime(self.slots.folder)  # the address used last: prune keeps it

    def get(self, src_uri: str, key: str) -> str | None:
        entry = self.slots.read(src_uri)
        if entry is not None and entry.get("key") == key:
            html = entry.get("html")
            if isinstance(html, str) and entry.get("check") == _check(html):
                self.hits += 1
                return html
            self.slots.discard(src_uri)
        self.misses += 1
        return None

    def put(self, src_uri: str, key: str, html: str) -> None:
        self.slots.write(src_uri, {"key": key, "check": _check(html), "html": html})

    def prune(self) -> int:
        """After a build that visited every page: remove entries of pages since removed, and
        the folders of all but the KEPT_SITES addresses used last (entries kept before pages
        had a folder per address are among them)."""
        removed = self.slots.prune()
        for path in self.languages.glob("*.json"):
            path.unlink(missing_ok=True)
            removed += 1
        now = time.time()
        others = [p for p in self.languages.iterdir() if p.is_dir() and p != self.slots.folder]
        others.sort(key=lambda p: p.stat().st_mtime, reverse=True)
        for old in others[KEPT_SITES - 1 :]:
            if now - old.stat().st_mtime > IN_USE_SECONDS:
                removed += sum(1 for _ in old.glob("*.json"))
                shutil.rmtree(old, ignore_errors=True)
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
