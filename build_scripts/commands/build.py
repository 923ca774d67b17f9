"""`portal build`: build every language into a fresh folder; swap it in only when all succeeded,
so a failed build never replaces a good site."""

from __future__ import annotations

import argparse
import logging
import logging.handlers
import multiprocessing
import os
import shutil
import sys
import tempfile
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .. import caches, processes, search
from ..languages import PREFIX

LANG_ENV = "PORTAL_LANG"


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="xây dựng toàn bộ trang [build the whole site]")
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--strict", action="store_true", help="warnings fail the build")
    p.set_defaults(func=run)


def build_language(
    config_file: str,
    lang: str,
    site_dir: str,
    strict: bool,
    site_url: str | None,
    serve_url: str | None,
    dirty: bool = False,
) -> search.IndexReport | None:
    """One language, in a process of its own: MkDocs build, then its search index (kept as it
    is in a dirty rebuild, where only changed pages are rendered again)."""
    os.environ[LANG_ENV] = lang  # mkdocs.yml reads the language from the environment
    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(config_file, site_dir=site_dir, strict=strict, **overrides)
    config.plugins.on_startup(command="serve" if serve_url else "build", dirty=dirty)
    try:
        mkdocs_build(config, serve_url=serve_url, dirty=dirty)
    finally:
        config.plugins.on_shutdown()
    if dirty and (Path(site_dir) / search.BUNDLE_DIR).is_dir():
        return None
    cache_dir = caches.root(Path(config_file).resolve().parent)
    return search.index_root(Path(site_dir), lang, cache_dir)


def _send_log_to(log_queue, log_level: int) -> None:
    """In a language's process: MkDocs' log goes back to the parent, which prints and records."""
    logger = logging.getLogger("mkdocs")
    logger.handlers[:] = [logging.handlers.QueueHandler(log_queue)]
    logger.setLevel(log_level)
    logger.propagate = False


class _Relay(logging.Handler):
    """Hands a record from a language's process to the logger of the same name here."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


def build_into(
    config_file: str,
    site_dir: Path,
    strict: bool = False,
    *,
    site_url: str | None = None,
    serve_url: str | None = None,
    dirty: bool = False,
) -> list[search.IndexReport]:
    """Build every language into `site_dir` (which should be new or empty), each with its
    search index: the index is part of the site, so it exists before the site is swapped in.

    The languages build in parallel, one process each (on two cores the build takes as long as
    the slower language, not the sum). Each writes into a folder of its own, because MkDocs
    empties its site folder first; the other languages are moved under the default one after.
    `site_url` overrides mkdocs.yml's; `serve_url` makes pages reload themselves (portal serve).
    `dirty` rebuilds a built site in place, rendering only what changed (portal serve).
    """
    if dirty:  # nothing is emptied: every language writes straight into its place
        folders = {lang: site_dir / prefix for lang, prefix in PREFIX.items()}
    else:
        # A folder of its own for each other language, new and uniquely named: a worker of a
        # killed build still running could not write into this build's folder.
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        hidden = site_dir.name.lstrip(".")
        folders = {
            lang: site_dir if not prefix else new_folder(site_dir.parent, f".{hidden}.{lang}-")
            for lang, prefix in PREFIX.items()
        }
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    log_queue = context.Queue()
    listener = logging.handlers.QueueListener(log_queue, _Relay())
    listener.start()
    level = logging.getLogger("mkdocs").getEffectiveLevel()
    built = False
    try:
        # Owned: on an error, a timeout or a signal the workers are killed with what they
        # started, so none writes on after the build has ended (processes.py).
        with processes.owned_pool(
            len(folders), context, initializer=_send_log_to, initargs=(log_queue, level)
        ) as pool:
            futures = [
                pool.submit(
                    build_language,
                    config_file,
                    lang,
                    str(folder),
                    strict,
                    site_url,
                    serve_url,
                    dirty,
                )
                for lang, folder in folders.items()
            ]
            reports = [future.result() for future in futures]
        built = True
    finally:
        listener.stop()
        for lang, folder in folders.items():
            if dirty or folder == site_dir:
                continue
            if built and site_dir.exists():
                os.replace(folder, site_dir / PREFIX[lang].rstrip("/"))
            else:
                shutil.rmtree(folder, ignore_errors=True)
    return [report for report in reports if report is not None]


def build_site(
    config_file: str, out: Path, strict: bool = False, site_url: str | None = None
) -> list[search.IndexReport]:
    """Build into `out` atomically: a new staging folder beside it replaces `out` on success.

    The staging folder is created for this build alone (its name holds this process's id and
    a random part), so no build ever starts from what a killed one left; those leftovers, whose
    process is gone, are removed."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    staging = new_folder(out.parent, f".{out.name}.{os.getpid()}.")
    try:
        reports = build_into(config_file, staging, strict, site_url=site_url)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.{os.getpid()}.old-"))
    if out.exists():
        os.replace(out, old / out.name)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
    return reports


def new_folder(parent: Path, prefix: str, suffix: str = "") -> Path:
    """A folder no one else has: created here, with a random part in its name. Readable as
    any folder this process makes (mkdtemp's own 0700 would hide the site from the web
    server, which runs as another user)."""
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=prefix, suffix=suffix))
    umask = os.umask(0o022)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    return folder


def _remove_leftovers(out: Path) -> None:
    """Staging folders of builds whose process has ended (killed, or the machine restarted)."""
    for path in out.parent.glob(f".{out.name}.*"):
        pid = path.name.removeprefix(f".{out.name}.").split(".")[0]
        if pid.isdigit() and not processes.alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)


def show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings: without a handler they vanish, and `--strict` fails unexplained."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)


def run(args: argparse.Namespace) -> int:
    show_mkdocs_warnings()
    try:
        # A `kill` stops the workers and removes the staging folder, as Ctrl-C does.
        with processes.sigterm_interrupts():
            reports = build_site(args.config, Path(args.out), strict=args.strict)
    except (Abort, ConfigurationError, PluginError) as exc:
        print(f"portal build: {exc}", file=sys.stderr)
        print(
            "portal build: trang cũ được giữ nguyên [the previous site is unchanged]",
            file=sys.stderr,
        )
        return 1
    for report in reports:
        print(f"portal build: {report}")
    print(f"portal build: {args.out}/")
    return 0
