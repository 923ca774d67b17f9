"""Dirty rebuilds under `portal serve`: MkDocs renders a page again only when its source file is
newer than the page it wrote. Three rules complete that one, so that a dirty rebuild shows what
a full build would:

- Pages the build generates have no source file: they are kept in a cache folder and rewritten
  only when their text changes (listings, reference pages, the pages of bodies).
- A directive page whose source did not change may still show something that did (who cites
  it, its chain, the titles of what it cites): each build writes down every directive page's
  signature (dependencies.py), and a page whose signature changed is rendered again.
- A file the build no longer has (the page, share image and original of a directive deleted or
  renamed, a reference page no longer cited) is removed from the site.

An edit to one directive then re-renders that directive, the directives whose pages show it
and the listings it appears in, not every page of the site."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from mkdocs.structure.files import File, Files

from .. import caches, dependencies, views
from ..catalog import Catalog
from ..pages import document_uri

#: Under the cache folder (caches.root: PORTAL_CACHE_DIR or .cache/).
CACHE_DIR = "generated"
#: What the last build under portal serve had: each directive page's signature, each file.
STATE_DIR = "serve"

log = logging.getLogger("mkdocs.plugins.portal")


def plan_rebuild(files: Files, config, lang: str, catalog: Catalog, dirty: bool) -> int:
    """Under portal serve, before the engine builds: in a dirty rebuild, the page of every
    directive whose signature changed is made out of date (its HTML removed, so the engine
    renders it), and the pages the build no longer has are removed. Every build then writes
    down what it had, for the next. Returns how many pages were made out of date or removed."""
    root = Path(config.config_file_path).parent
    state = caches.root(root) / STATE_DIR / f"{lang}.json"
    signatures = dependencies.signatures(catalog)
    # every file, not only pages: a deleted directive's share image and original go too
    pages = {f.src_uri: f.dest_uri for f in files}
    before = _load(state) if dirty else None
    touched = 0
    if dirty:
        site = Path(config.site_dir)
        changes = dependencies.compare(before["signatures"] if before else {}, signatures)
        for file in files:
            d = views.directive_of(catalog, file.src_uri) if file.is_documentation_page() else None
            if d is not None and d.slug in changes.render:
                Path(file.abs_dest_path).unlink(missing_ok=True)
                touched += 1
        for uri, dest in (before["pages"] if before else {}).items():
            if uri not in pages:
                _remove_page(site, dest)
                touched += 1
        log.info("dirty rebuild: %d pages out of date or gone by their dependencies", touched)
    caches.write_atomically(
        state, json.dumps({"signatures": signatures, "pages": pages}, sort_keys=True).encode()
    )
    return touched


def refresh_menu(nav) -> None:
    """In a dirty rebuild: the pages of the menu are read and rendered again. The engine takes
    a menu item's title from its page as read in this build; a page it did not read again would
    show in every rendered page's menu as "None". There are a dozen of them."""
    for page in nav.pages:
        Path(page.file.abs_dest_path).unlink(missing_ok=True)


def _load(state: Path) -> dict | None:
    try:
        found = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None  # no earlier build: every directive page is out of date
    ok = isinstance(found, dict) and all(
        isinstance(found.get(k), dict) for k in ("signatures", "pages")
    )
    return found if ok else None


def _remove_page(site: Path, dest_uri: str) -> None:
    """A file of the site, and its folder when nothing else is left in it."""
    page = (site / dest_uri).resolve()
    if not page.is_relative_to(site.resolve()):
        return  # a state file is ours, but never follow one outside the site
    page.unlink(missing_ok=True)
    folder = page.parent
    while folder != site.resolve() and folder.is_dir() and not any(folder.iterdir()):
        folder.rmdir()
        folder = folder.parent


def page_file(config, lang: str, src_uri: str, markdown: str) -> File:
    """A page the build adds, kept on disk and rewritten only when its text changes, so that
    MkDocs renders again only the generated pages that did."""
    root = Path(config.config_file_path).parent
    path = keep(caches.root(root) / CACHE_DIR / lang / src_uri, markdown)
    return File.generated(config, src_uri, abs_src_path=str(path))


def track_translation_status(files: Files, config, lang: str, catalog: Catalog) -> None:
    """A translated page shows whether the Vietnamese changed since: its copy carries that
    status, so the page is rendered again when the status changes."""
    for d in catalog.documents:
        file = files.get_file_from_path(document_uri(d)) if d.translation else None
        if file is None or not file.abs_src_path:
            continue
        text = Path(file.abs_src_path).read_text(encoding="utf-8")
        files.remove(file)
        marked = f"{text}\n<!-- translation: {d.translation_status} -->\n"
        files.append(page_file(config, lang, file.src_uri, marked))


def keep(path: Path, text: str) -> Path:
    """Write `text` to `path` unless it already holds exactly that (its mtime then stays)."""
    data = text.encode("utf-8")
    try:
        if path.read_bytes() == data:
            return path
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return path
