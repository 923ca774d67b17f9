"""Rendered Markdown kept across builds: a page whose Markdown has not changed is not rendered
again.

Why: rendering Markdown is the largest single cost of a build (about 5 ms a directive, half of
a language's build at 2,000 directives), and between two pushes almost every directive is
unchanged. A build that finds a page's entry here takes its HTML, table of contents, title and
anchors from it instead.

What an entry depends on, all in its key: the page's Markdown as the engine renders it (after the
portal has added listings), its source path and URL, the Markdown extensions and their settings,
the versions of the packages that render, and the source of the portal's modules those settings
use (the heading-id rule lives in slugs.py). A page that links to other pages also depends on
where they are: its entry records each source path its render looked up and the URL it found
(or that it found none), and is used only while every one of them answers the same. So adding
or removing a page renders again only the pages that link to it, not every page that links to
any. A render that logged anything (a broken link, say) is never kept, so every build reports
it again.

One slot per page and language (caches.Slots). Each entry carries a hash of what it holds: one
damaged on disk (cut short, edited, of another shape) is a miss, removed and rendered again,
never used.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from importlib import metadata
from pathlib import Path

from . import caches

#: Bump when the entry format changes; every old entry is then ignored.
FORMAT = 4
FOLDER = "render"
#: Packages whose version changes what Markdown renders to.
RENDERERS = ("markdown", "mkdocs", "mkdocs-material", "pymdown-extensions", "nh3")
#: How a build answers "which URL has the page at this source path?" (None: no such page).
Lookup = Callable[[str], "str | None"]


@dataclass
class Rendered:
    """What rendering one page produced, in plain data."""

    content: str
    toc: list[dict]  # nested {"title", "id", "level", "children"}
    title: str | None  # the title found in the rendered page (its first heading), if any
    anchors: list[str]  # ids present in the page, sorted
    #: Links to anchors, to be checked once every page is rendered: page -> {anchor: link}.
    anchor_links: dict[str, dict[str, str]] = field(default_factory=dict)


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


class RenderCache:
    """The entries of one language, under `folder/<lang>/` (caches.Slots)."""

    def __init__(self, folder: Path, lang: str, fingerprint: str):
        self.slots = caches.Slots(folder / lang, "render cache")
        self.fingerprint = fingerprint
        self.hits = self.misses = 0

    def key(self, src_uri: str, url: str, markdown: str) -> str:
        digest = hashlib.sha256(self.fingerprint.encode())
        for part in (src_uri, url, markdown):
            digest.update(b"\0" + part.encode())
        return digest.hexdigest()

    def get(self, src_uri: str, key: str, lookup: Lookup) -> Rendered | None:
        """The page's entry if its key matches and every page its render looked up is still
        where it was (`lookup`: a source path's URL in this build, None if no such page)."""
        entry = self.slots.read(src_uri)
        if entry is not None and entry.get("key") == key:
            rendered, links = _opened(entry), entry.get("links")
            if rendered is None or not _is_lookups(links):
                self.slots.discard(src_uri)
            elif all(lookup(path) == url for path, url in links.items()):
                self.hits += 1
                return rendered
        self.misses += 1
        return None

    def put(self, src_uri: str, key: str, rendered: Rendered, links: dict[str, str | None]) -> None:
        """Keep `rendered`, with the pages its render looked up (`links`: source path -> URL,
        None for one that did not exist)."""
        data = asdict(rendered)
        entry = {"key": key, "links": links, "rendered": data, "check": _check(data, links)}
        self.slots.write(src_uri, entry)

    def prune(self) -> int:
        """After a build that asked for every page: remove the entries of pages since removed."""
        return self.slots.prune()


def _is_lookups(links: object) -> bool:
    return isinstance(links, dict) and all(
        isinstance(path, str) and isinstance(url, str | None) for path, url in links.items()
    )


def _check(data: dict, links: object) -> str:
    """A hash of an entry's rendered part and its lookups, as JSON writes them (keys sorted)."""
    text = json.dumps([data, links], ensure_ascii=False, sort_keys=True)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _opened(entry: dict) -> Rendered | None:
    """The entry's Rendered when its hash matches what it holds, and its fields their types."""
    data = entry.get("rendered")
    if not isinstance(data, dict) or entry.get("check") != _check(data, entry.get("links")):
        return None
    try:
        rendered = Rendered(**data)
    except TypeError:
        return None
    text_ok = isinstance(rendered.content, str) and isinstance(rendered.title, str | None)
    anchors_ok = isinstance(rendered.anchors, list) and isinstance(rendered.anchor_links, dict)
    return rendered if text_ok and anchors_ok and isinstance(rendered.toc, list) else None
