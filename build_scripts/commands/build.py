"""`portal build`: build every language into a fresh folder; swap it in only when all succeeded,
so a failed build never replaces a good site."""

from __future__ import annotations

import argparse
import contextlib
import logging
import os
import shutil
import sys
from collections.abc import Iterator
from pathlib import Path

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, PluginError

from .. import search
from ..languages import PREFIX

LANG_ENV = "PORTAL_LANG"


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="xây dựng toàn bộ trang [build the whole site]")
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--strict", action="store_true", help="warnings fail the build")
    p.set_defaults(func=run)


@contextlib.contextmanager
def _language(lang: str) -> Iterator[None]:
    """mkdocs.yml reads the language from the environment, as `mkdocs serve` does too."""
    before = os.environ.get(LANG_ENV)
    os.environ[LANG_ENV] = lang
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(LANG_ENV, None)
        else:
            os.environ[LANG_ENV] = before


def build_into(
    config_file: str,
    site_dir: Path,
    strict: bool = False,
    *,
    site_url: str | None = None,
    serve_url: str | None = None,
) -> list[search.IndexReport]:
    """Build every language into `site_dir` (which should be new or empty), then index it for
    search: the index is part of the site, so it is built before the site is swapped in.

    `site_url` overrides mkdocs.yml's; `serve_url` makes pages reload themselves (portal serve).
    """
    overrides = {"site_url": site_url} if site_url else {}
    for lang, prefix in PREFIX.items():
        with _language(lang):
            config = load_config(
                config_file, site_dir=str(site_dir / prefix), strict=strict, **overrides
            )
            config.plugins.on_startup(command="serve" if serve_url else "build", dirty=False)
            try:
                mkdocs_build(config, serve_url=serve_url)
            finally:
                config.plugins.on_shutdown()
    return search.build_index(site_dir)


def build_site(
    config_file: str, out: Path, strict: bool = False, site_url: str | None = None
) -> list[search.IndexReport]:
    """Build into `out` atomically: a sibling staging folder replaces `out` on success."""
    out = out.resolve()
    staging = out.with_name(out.name + ".new")
    shutil.rmtree(staging, ignore_errors=True)
    try:
        reports = build_into(config_file, staging, strict, site_url=site_url)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old = out.with_name(out.name + ".old")
    shutil.rmtree(old, ignore_errors=True)
    if out.exists():
        os.replace(out, old)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)
    return reports


def show_mkdocs_warnings() -> None:
    """Print MkDocs' warnings: without a handler they vanish, and `--strict` fails unexplained."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(handler)


def run(args: argparse.Namespace) -> int:
    show_mkdocs_warnings()
    try:
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
