"""Rendered Markdown kept across builds: a page whose Markdown has not changed is not rendered
again.

Why: rendering Markdown is the largest single cost of a build (about 5 ms a directive, half of
a language's build at 2,000 directives), and between two pushes almost every directive is
unchanged. A build that finds a page's entry here takes its HTML, table of contents, title and
anchors from it instead.

What an entry depends on, all in its key: the page's Markdown as the engine renders it (after the
portal has added listings), its source path and URL, the Markdown extensions and their settings,
the versions of the packages that render, and the source of the portal's modules those settings
use (the heading-id rule lives in slugs.py). A page whose HTML links to other pages also depends
on which pages exist: its entry records the set of pages it was rendered against and is used
only while that set is the same. A render that logged anything (a broken link, say) is never
kept, so every build reports it again.

One slot per page and language (a file named by a hash of its path), so the cache never holds
more entries than the site has pages; an entry is written to a temporary file and renamed, so
two builds never read half an entry. Each entry carries a hash of what it holds: one damaged on
disk (cut short, edited, of another shape) is a miss, removed and rendered again, never used.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from . import caches

#: Bump when the entry format changes; every old entry is then ignored.
FORMAT = 3
FOLDER = "render"
#: Packages whose version changes what Markdown renders to.
RENDERERS = ("markdown", "mkdocs", "mkdocs-material", "pymdown-extensions", "nh3")
#: An attribute holding a link to another page of the site (not an anchor, not an absolute URL).
RELATIVE_LINK = re.compile(r'\b(?:href|src)="(?!#|/|[A-Za-z][A-Za-z0-9+.-]*:)')


@dataclass
class Rendered:
    """What rendering one page produced, in plain data."""

    content: str
    toc: list[dict]  # nested {"title", "id", "level", "children"}
    title: str | None  # the title found in the rendered page (its first heading), if any
    anchors: list[str]  # ids present in the page, sorted
    #: Links to anchors, to be checked once every page is rendered: page -> {anchor: link}.
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)


def links_to_pages(content: str) -> bool:
    """Whether rendered HTML links to other pages (its entry then depends on which exist)."""
    return RELATIVE_LINK.search(content) is not None


def fingerprint(extensions: object, extension_configs: object, *modules: str) -> str:
    """Everything besides a page's own Markdown that its HTML depends on: the extensions and
    their settings, the renderers' versions, and the source of the portal's own code they use
    (the heading-id function named in the settings, an extension of ours, and `modules`)."""
    digest = hashlib.sha256(f"format {FORMAT}\n".encode())
    digest.update(json.dumps([extensions, extension_configs], default=_named).encode())
    for name in RENDERERS:
        try:
            digest.update(f"{name} {metadata.version(name)}\n".encode())
        except metadata.PackageNotFoundError:
            digest.update(f"{name} -\n".encode())
    ours = set(modules) | _our_modules(extensions) | _our_modules(extension_configs)
    digest.update(caches.code_version(*ours).encode())
    return digest.hexdigest()


def _our_modules(value: object) -> set[str]:
    """Modules of this package that settings name: 'build_scripts.x' or a function of it."""
    package = __name__.rpartition(".")[0]
    found: set[str] = set()
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
        elif isinstance(item, str):
            if item.startswith(package + "."):
                found.add(item.split(":")[0])
        elif callable(item) and getattr(item, "__module__", "").startswith(package + "."):
            found.add(item.__module__)
    return found


def _named(value: object) -> str:
    """A stable name for a setting JSON cannot write (the heading-id function, say)."""
    module, name = getattr(value, "__module__", None), getattr(value, "__qualname__", None)
    if module and name:
        return f"{module}.{name}"
    return f"{type(value).__module__}.{type(value).__qualname__}"


def pages_fingerprint(src_uris: list[str]) -> str:
    """The set of pages a build has: links between pages resolve against it."""
    return hashlib.sha256("\n".join(sorted(src_uris)).encode()).hexdigest()


class RenderCache:
    """The entries of one language, under `folder/<lang>/`."""

    def __init__(self, folder: Path, lang: str, fingerprint: str, pages: str):
        self.folder = folder / lang
        self.fingerprint = fingerprint
        self.pages = pages
        self.hits = self.misses = 0
        self.visited: set[str] = set()  # slots of the pages this build asked for

    def key(self, src_uri: str, url: str, markdown: str) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        for part in (src_uri, url, markdown):
            digest.update(b"\0" + part.encode())
        return digest.hexdigest()

    def _slot(self, src_uri: str) -> Path:
        return self.folder / (hashlib.sha256(src_uri.encode()).hexdigest()[:40] + ".json")

    def get(self, src_uri: str, key: str) -> Rendered | None:
        slot = self._slot(src_uri)
        self.visited.add(slot.name)
        try:
            entry = json.loads(slot.read_text(encoding="utf-8"))
        except FileNotFoundError:
            entry = None
        except (OSError, ValueError):
            entry = self._damaged(slot)
        if isinstance(entry, dict) and entry.get("key") == key:
            rendered = _opened(entry)
            if rendered is None:
                self._damaged(slot)
            elif entry.get("pages") in (None, self.pages):
                self.hits += 1
                return rendered
        self.misses += 1
        return None

    def _damaged(self, slot: Path) -> None:
        caches.log.warning("render cache: damaged entry %s removed, rendered again", slot)
        slot.unlink(missing_ok=True)

    def put(self, src_uri: str, key: str, rendered: Rendered) -> None:
        pages = self.pages if links_to_pages(rendered.content) else None
        data = asdict(rendered)
        entry = {"key": key, "pages": pages, "rendered": data, "check": _check(data)}
        text = json.dumps(entry, ensure_ascii=False)
        caches.write_atomically(self._slot(src_uri), text.encode("utf-8"))

    def prune(self) -> int:
        """After a build that asked for every page: remove the entries of pages it did not ask
        for (pages since removed). Returns how many went."""
        removed = 0
        for path in self.folder.glob("*.json"):
            if path.name not in self.visited:
                path.unlink(missing_ok=True)
                removed += 1
        return removed


def _check(data: dict) -> str:
    """A hash of an entry's rendered part, as JSON writes it (key order fixed)."""
    text = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _opened(entry: dict) -> Rendered | None:
    """The entry's Rendered when its hash matches what it holds, and its fields their types."""
    data = entry.get("rendered")
    if not isinstance(data, dict) or entry.get("check") != _check(data):
        return None
    try:
        rendered = Rendered(**data)
    except TypeError:
        return None
    text_ok = isinstance(rendered.content, str) and isinstance(rendered.title, str | None)
    anchors_ok = isinstance(rendered.anchors, list) and isinstance(rendered.anchor_links, dict)
    return rendered if text_ok and anchors_ok and isinstance(rendered.toc, list) else None
