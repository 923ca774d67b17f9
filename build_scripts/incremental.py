"""Dirty rebuilds under `portal serve`: MkDocs renders a page again only when its source file is
newer than the page it wrote. Pages the build generates have no source file, so they are kept
in a cache folder and rewritten only when their text changes: an edit to one directive then
re-renders that directive and the listings it appears in, not every page of the site."""

from __future__ import annotations

from pathlib import Path

CACHE_DIR = ".cache/generated"


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


def write_if_changed(path: Path, data: bytes) -> bool:
    """Like `keep` for bytes; True when the file was written."""
    try:
        if path.read_bytes() == data:
            return False
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True
