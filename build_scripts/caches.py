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
import json
import logging
import os
import pickle
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

#: Not under "mkdocs": a damaged cache is no reason for `--strict` to fail the build.
log = logging.getLogger("portal.caches")

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


def copy_file(source: Path, target: Path) -> None:
    """Put a copy of the file `source` at `target`, copied inside the kernel: copy_file_range
    shares the blocks (a reflink: no bytes written, yet a file of its own) where the filesystem
    can (Btrfs, XFS), and copies them elsewhere.

    Never a hard link: the site would share the cache's inode, and a cache entry damaged in
    place (a disk error, an editor, a bug) would change every live release holding it."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    with open(source, "rb") as src, open(target, "wb") as dest:
        left = os.fstat(src.fileno()).st_size
        try:
            while left > 0:
                done = os.copy_file_range(src.fileno(), dest.fileno(), left)
                if done == 0:
                    break
                left -= done
        except (AttributeError, OSError):  # not Linux, or a filesystem without it
            src.seek(0)
            dest.seek(0)
            dest.truncate()
            shutil.copyfileobj(src, dest)


#: The layout of a Memo file: (MEMO_FORMAT, {key: sha256(blob) + blob}).
MEMO_FORMAT = "memo-2"


class Memo:
    """What an earlier build computed from a text, by a hash of that text: parsed front matter,
    what a page says for search. At thousands of directives, most unchanged between builds,
    this turns parsing into a lookup.

    One pickle file, which only builds write (the cache folder is theirs); it keeps just the
    entries the last build used, so it never grows beyond the site. Only values are kept:
    whatever failed is computed, and reported, again. Each entry carries a hash of its bytes:
    one damaged on disk is dropped and computed again (with one warning for the file), never
    handed out or allowed to fail a build."""

    def __init__(self, path: Path | None = None):
        self.path = path
        self.known: dict[bytes, bytes] = {}
        self.used: dict[bytes, bytes] = {}
        self.damaged = 0
        if path is not None:
            self.known = self._load(path)

    def _load(self, path: Path) -> dict[bytes, bytes]:
        try:
            data = path.read_bytes()
        except OSError:  # absent: a first build
            return {}
        try:
            found = pickle.loads(data)
        except Exception:  # cut short, or garbage
            found = None
        if isinstance(found, dict):  # written before entries carried a hash: not damaged
            return {}
        form, known = found if isinstance(found, tuple) and len(found) == 2 else (None, None)
        if form != MEMO_FORMAT or not isinstance(known, dict):
            self._warn("cannot be read")
            return {}
        if not all(isinstance(k, bytes) and isinstance(v, bytes) for k, v in known.items()):
            self._warn("cannot be read")
            return {}
        return known

    def _warn(self, what: str) -> None:
        log.warning("cache %s %s: computed again [bộ nhớ đệm hỏng, tính lại]", self.path, what)

    @staticmethod
    def _key(text: str) -> bytes:
        return hashlib.sha256(text.encode()).digest()

    @staticmethod
    def _seal(value) -> bytes:
        blob = pickle.dumps(value)
        return hashlib.sha256(blob).digest() + blob

    def _open(self, key: bytes, sealed: bytes):
        """The value of an entry whose hash matches its bytes; None (and dropped) otherwise."""
        digest, blob = sealed[:32], sealed[32:]
        if hashlib.sha256(blob).digest() == digest:
            try:
                return pickle.loads(blob)
            except Exception:  # a hash that matches bytes pickle cannot read: a bug, not luck
                pass
        self.known.pop(key, None)
        self.used.pop(key, None)
        if not self.damaged:
            self._warn("has damaged entries")
        self.damaged += 1
        return None

    def get(self, text: str):
        """The value kept for `text`, as a fresh copy (the caller may change it), or None."""
        key = self._key(text)
        sealed = self.used.get(key) or self.known.get(key)  # put in this build, or an earlier
        if sealed is None:
            return None
        value = self._open(key, sealed)
        if value is not None:
            self.used[key] = sealed
        return value

    def keep(self, text: str) -> bool:
        """Keep the value for `text` for the next build without reading it; False if none
        (or damaged: its hash is checked, not its value read)."""
        key = self._key(text)
        sealed = self.known.get(key)
        if sealed is None or hashlib.sha256(sealed[32:]).digest() != sealed[:32]:
            return False
        self.used[key] = sealed
        return True

    def put(self, text: str, value) -> None:
        self.used[self._key(text)] = self._seal(value)

    def save(self) -> None:
        """Keep what this build used (written then renamed: builds may run side by side)."""
        if self.path is None or (self.used.keys() == self.known.keys() and not self.damaged):
            return
        write_atomically(self.path, pickle.dumps((MEMO_FORMAT, self.used)))


class Slots:
    """One JSON file per page under `folder` (named by a hash of the page's path), written then
    renamed, so the folder never holds more entries than the site has pages and two builds
    never read half an entry. What an entry must hold to be sound is the caller's to check
    (`discard` then removes it, with a warning); `prune` removes the entries of pages a full
    build did not ask for (pages since removed). The render cache and the page cache keep
    their entries here."""

    def __init__(self, folder: Path, what: str):
        self.folder = folder
        self.what = what  # "render cache", "page cache": named in warnings
        self.visited: set[str] = set()  # slots of the pages this build asked for

    def path(self, src_uri: str) -> Path:
        """The file holding the entry of this page."""
        return self.folder / (hashlib.sha256(src_uri.encode()).hexdigest()[:40] + ".json")

    def read(self, src_uri: str) -> dict | None:
        """The entry kept for the page, or None (none kept, or one that cannot be read, which
        is discarded)."""
        slot = self.path(src_uri)
        self.visited.add(slot.name)
        try:
            entry = json.loads(slot.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, ValueError):
            entry = None
        if not isinstance(entry, dict):
            self.discard(src_uri)
            return None
        return entry

    def discard(self, src_uri: str) -> None:
        slot = self.path(src_uri)
        log.warning("%s: damaged entry %s removed, rendered again", self.what, slot)
        slot.unlink(missing_ok=True)

    def write(self, src_uri: str, entry: dict) -> None:
        text = json.dumps(entry, ensure_ascii=False)
        write_atomically(self.path(src_uri), text.encode("utf-8"))

    def prune(self) -> int:
        """After a build that asked for every page: remove the entries of the pages it did not
        ask for. Returns how many went."""
        removed = 0
        for path in self.folder.glob("*.json"):
            if path.name not in self.visited:
                path.unlink(missing_ok=True)
                removed += 1
        return removed
