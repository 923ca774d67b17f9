"""Dirty rebuilds under `portal serve`: MkDocs renders a page again only when its source file is
newer than the page it wrote. Pages the build generates have no source file, so they are kept
in a cache folder and rewritten only when their text changes: an edit to one directive then
re-renders that directive and the listings it appears in, not every page of the site."""

from __future__ import annotations

from pathlib import Path

from mkdocs.structure.files import File, Files

from .. import caches
from ..catalog import Catalog
from ..pages import document_uri

#: Under the cache folder (caches.root: PORTAL_CACHE_DIR or .cache/).
CACHE_DIR = "generated"


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
