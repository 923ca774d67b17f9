"""`portal serve`: preview both languages with live reload (Vietnamese at /, English at /en/).

`mkdocs serve` builds one language; this rebuilds both into a temporary folder on every change,
using MkDocs' own live-reload server.
"""

from __future__ import annotations

import argparse
import logging
import shutil
import tempfile
from pathlib import Path

from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError
from mkdocs.livereload import LiveReloadServer

from .build import build_into, show_mkdocs_warnings

log = logging.getLogger("mkdocs.portal.serve")
WATCHED = ("content", "theme", "build_scripts")


def register(subparsers) -> None:
    p = subparsers.add_parser("serve", help="xem trước với tự tải lại [preview with live reload]")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--dev-addr", default="127.0.0.1:8000", metavar="HOST:PORT")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    show_mkdocs_warnings()
    logging.getLogger("mkdocs").setLevel(logging.INFO)
    host, _, port = args.dev_addr.rpartition(":")
    url = f"http://{host}:{port}/"
    site_dir = Path(tempfile.mkdtemp(prefix="portal-serve-"))
    root = Path(args.config).resolve().parent

    def builder() -> None:
        fresh = Path(tempfile.mkdtemp(prefix="build-", dir=site_dir.parent))
        try:
            build_into(args.config, fresh, site_url=url, serve_url=url)
        except (Abort, ConfigurationError, PluginError) as exc:
            # Keep serving the last good build; say what is wrong.
            log.error("%s", exc)
            shutil.rmtree(fresh, ignore_errors=True)
            return
        for child in site_dir.iterdir():
            shutil.rmtree(child) if child.is_dir() else child.unlink()
        for child in fresh.iterdir():
            child.rename(site_dir / child.name)
        shutil.rmtree(fresh, ignore_errors=True)

    load_config(args.config)  # fail early on a broken mkdocs.yml
    server = LiveReloadServer(builder=builder, host=host, port=int(port), root=str(site_dir))
    try:
        builder()
        for name in WATCHED:
            if (root / name).exists():
                server.watch(str(root / name))
        server.watch(str(Path(args.config).resolve()))
        try:
            server.serve()
        except KeyboardInterrupt:
            log.info("Shutting down...")
        finally:
            server.shutdown()
    finally:
        shutil.rmtree(site_dir, ignore_errors=True)
    return 0
