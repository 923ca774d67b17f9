"""`portal serve`: preview both languages with live reload (Vietnamese at /, English at /en/).

`mkdocs serve` builds one language; this rebuilds both into a temporary folder on every change,
using MkDocs' own live-reload server.
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import shutil
import sys
import tempfile
import threading
from pathlib import Path

from ..engine import BUILD_ERRORS
from ..engine.run import check_config, show_warnings
from ..engine.serve import live_server
from ..pipeline import build_into, discard_bundles, search_bundles, use_bundles

log = logging.getLogger("mkdocs.portal.serve")
WATCHED = ("content", "theme", "build_scripts")
#: What every page depends on: a change here needs a full build, not a dirty one.
ENGINE = ("theme", "build_scripts")


def _newest_change(folder: Path) -> float:
    """The latest modification time of any file under `folder` (0 when it does not exist)."""
    if not folder.exists():
        return 0.0
    files = (p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts)
    return max((p.stat().st_mtime for p in files), default=0.0)


def serving_message(url: str) -> str:
    """Where the preview is, in both languages."""
    return f"portal serve: {url} (tiếng Việt), {url}en/ (English) — Ctrl+C để dừng [to stop]"


def error_page(site_dir: Path, code: int) -> bytes | None:
    """The site's own 404 page for a missing address, as a static host serves it (one 404.html
    at the root: GitHub Pages does the same)."""
    page = site_dir / f"{code}.html"
    return page.read_bytes() if code in (404, 500) and page.is_file() else None


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="xem trước với tự tải lại [preview with live reload]")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    p.set_defaults(func=run)


class SearchRefresh:
    """After each dirty rebuild (which renders only what changed and leaves the search index as
    it was), the served site's index is built again in the background and swapped in: the
    edited page shows at once, and search finds what it says a few seconds later. An index read
    while a newer build was writing pages is dropped; that build's own refresh follows."""

    def __init__(self, config_file: str, site_dir: Path):
        self.config_file, self.site_dir = config_file, site_dir
        self.lock = threading.Lock()  # held by every build, and by a swap
        self.generation = 0  # builds started so far
        self.refreshed = 0  # indexes swapped in so far
        self._wanted = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stopping = False
        self._thread = threading.Thread(target=self._run, name="search-refresh", daemon=True)
        self._thread.start()

    @contextlib.contextmanager
    def building(self):
        """Around every build of the served site."""
        with self.lock:
            self.generation += 1
            yield

    def request(self) -> None:
        self._idle.clear()
        self._wanted.set()

    def wait(self, timeout: float | None = None) -> bool:
        """Until no refresh is asked for or running (tests)."""
        return self._idle.wait(timeout)

    def stop(self) -> None:
        self._stopping = True
        self._wanted.set()
        self._thread.join(timeout=120)

    def _run(self) -> None:
        while True:
            self._wanted.wait()
            if self._stopping:
                return
            self._wanted.clear()
            with self.lock:  # not while a build is writing pages
                generation = self.generation
            try:
                bundles = search_bundles(self.config_file, self.site_dir)
            except (*BUILD_ERRORS, OSError) as exc:
                if generation == self.generation:  # else a build replaced what it read
                    log.error("search index not refreshed [chưa cập nhật tìm kiếm]: %s", exc)
                bundles = None
            if bundles is not None:
                with self.lock:
                    if generation == self.generation and not self._stopping:
                        use_bundles(bundles)
                        self.refreshed += 1
                        log.info("search index refreshed")
                    else:
                        discard_bundles(bundles)
            if not self._wanted.is_set():
                self._idle.set()


class _ExpectedDirtyWarning(logging.Filter):
    """MkDocs warns at every dirty rebuild; here that is the design, not news for an editor."""

    def filter(self, record: logging.LogRecord) -> bool:
        return "'dirty' build" not in record.getMessage()


def run(args: argparse.Namespace) -> int:
    show_warnings()
    for handler in logging.getLogger("mkdocs").handlers:
        handler.addFilter(_ExpectedDirtyWarning())
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    host, _, port = args.dev_addr.rpartition(":")
    url = f"http://{host}:{port}/"
    site_dir = Path(tempfile.mkdtemp(prefix="portal-serve-"))
    root = Path(args.config).resolve().parent

    def full_build() -> None:
        fresh = Path(tempfile.mkdtemp(prefix="build-", dir=site_dir.parent))
        try:
            build_into(args.config, fresh, site_url=url, serve_url=url)
        except BUILD_ERRORS as exc:
            # Keep serving the last good build; say what is wrong.
            log.error("%s", exc)
            shutil.rmtree(fresh, ignore_errors=True)
            return
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        for child in fresh.iterdir():
            child.rename(site_dir / child.name)
        shutil.rmtree(fresh, ignore_errors=True)

    engine = [_newest_change(root / name) for name in ENGINE] + [Path(args.config).stat().st_mtime]

    def builder() -> None:
        # Templates, styles, code or settings change every page: build everything again.
        # An edit to content renders again only the pages it changes (a dirty rebuild), and
        # the search index follows in the background.
        now = [_newest_change(root / name) for name in ENGINE] + [Path(args.config).stat().st_mtime]
        with refresh.building():
            if now != engine or not any(site_dir.iterdir()):
                engine[:] = now
                full_build()
                return
            try:
                build_into(args.config, site_dir, site_url=url, serve_url=url, dirty=True)
            except BUILD_ERRORS as exc:
                log.error("%s", exc)  # the pages already served stay as they were
                return
        refresh.request()

    check_config(args.config)  # fail early on a broken mkdocs.yml
    server = live_server(builder, host, int(port), str(site_dir))
    server.error_handler = functools.partial(error_page, site_dir)
    refresh = SearchRefresh(args.config, site_dir)
    try:
        builder()
        for name in WATCHED:
            if (root / name).exists():
                server.watch(str(root / name))
        server.watch(str(Path(args.config).resolve()))
        print(serving_message(url), file=sys.stderr, flush=True)
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        refresh.stop()
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
