"""Where builds keep what the next build can reuse (share images, rendered Markdown).

By default `.cache/` in the project. `PORTAL_CACHE_DIR` puts it elsewhere: a publish builds in a
fresh export of the pushed commit, so its hook points this at a folder beside the releases, and
each push reuses what the previous one drew and rendered. Everything in it is keyed by its
inputs: deleting it only makes the next build slower.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

ENV = "PORTAL_CACHE_DIR"
DEFAULT = ".cache"


def root(project: Path) -> Path:
    """The cache folder for a project."""
    configured = os.environ.get(ENV)
    return Path(configured) if configured else project / DEFAULT


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to a temporary file beside `path`, then rename it: a build running at the
    same time reads the old file or the new one, never half of one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def code_version(*modules: str) -> str:
    """A hash of the source of these modules (importable names): a cached value made by code
    is keyed by it, so that a change to that code is never answered from the cache."""
    digest = hashlib.sha256()
    for module in sorted(set(modules)):
        spec = importlib.util.find_spec(module)
        if spec is not None and spec.origin:
            digest.update(module.encode() + b"\0" + Path(spec.origin).read_bytes())
    return digest.hexdigest()


@contextlib.contextmanager
def defaulting_to(folder: Path) -> Iterator[None]:
    """Builds started inside (their processes too) use `folder`, unless PORTAL_CACHE_DIR says
    otherwise; the environment is as before afterwards."""
    if os.environ.get(ENV):
        yield
        return
    os.environ[ENV] = str(folder)
    try:
        yield
    finally:
        os.environ.pop(ENV, None)


def link_or_copy(source: Path, target: Path) -> None:
    """Put the file `source` at `target` as a hard link (no bytes written: thousands of share
    images and sources a build), or as a copy where a link cannot be made (another filesystem).

    Safe for a site folder because nothing writes into these files in place: the cache and git
    replace a file by a new one, which leaves every link to the old one as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)


class Memo:
    """What an earlier build computed from a text, by a hash of that text: parsed front matter,
    what a page says for search. At thousands of directives, most unchanged between builds,
    this turns parsing into a lookup.

    One pickle file, which only builds write (the cache folder is theirs); it keeps just the
    entries the last build used, so it never grows beyond the site. Only values are kept:
    whatever failed is computed, and reported, again."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.known: dict[bytes, bytes] = {}
        self.used: dict[bytes, bytes] = {}
        if path is not None:
            try:
                known = pickle.loads(path.read_bytes())
            except Exception:  # absent, damaged or from another version: start afresh
                known = {}
            self.known = known if isinstance(known, dict) else {}

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode()).digest()

    def get(self, text: str):
        """The value kept for `text`, as a fresh copy (the caller may change it), or None."""
        key = self._key(text)
        blob = self.used.get(key) or self.known.get(key)  # put in this build, or an earlier one
        if blob is None:
            return None
        self.used[key] = blob
        return pickle.loads(blob)

    def keep(self, text: str) -> bool:
        """Keep the value for `text` for the next build without reading it; False if none."""
        key = self._key(text)
        blob = self.known.get(key)
        if blob is not None:
            self.used[key] = blob
        return blob is not None

    def put(self, text: str, value) -> None:
        self.used[self._key(text)] = pickle.dumps(value)

    def save(self) -> None:
        """Keep what this build used (written then renamed: builds may run side by side)."""
        if self.path is None or self.used.keys() == self.known.keys():
            return
        write_atomically(self.path, pickle.dumps(self.used))
