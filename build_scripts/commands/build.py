"""`portal build`: build every language into a fresh folder; swap it in only when all succeeded,
so a failed build never replaces a good site."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .. import processes
from ..engine import BUILD_ERRORS
from ..engine.run import show_warnings
from ..pipeline import build_site


def register(subparsers) -> None:
    p = subparsers.add_parser("build", help="xây dựng toàn bộ trang [build the whole site]")
    p.add_argument("--out", default="site", help="output folder (default: site)")
    p.add_argument("--config", default="mkdocs.yml")
    p.add_argument("--strict", action="store_true", help="warnings fail the build")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    show_warnings()
    try:
        # A `kill` stops the workers and removes the staging folder, as Ctrl-C does.
        with processes.sigterm_interrupts():
            reports = build_site(args.config, Path(args.out), strict=args.strict)
    except BUILD_ERRORS as exc:
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
