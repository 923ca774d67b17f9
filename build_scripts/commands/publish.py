"""`portal publish WEBROOT`: check, build a new release, and only then make it the live site."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .. import caches
from ..publish import CACHE, KEEP, PublishError, publish


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "publish",
        help="kiểm tra, xây dựng và đưa trang lên mạng [check, build and go live]",
        description="Xây dựng vào WEBROOT/releases/<bản>, rồi chuyển WEBROOT/current sang bản "
        "đó khi mọi bước thành công; giữ lại vài bản gần nhất.",
    )
    p.add_argument("webroot", help="folder holding current -> releases/<release>")
    p.add_argument("--project", default=".", help="project folder (default: current folder)")
    p.add_argument("--config", default="mkdocs.yml", help="relative to the project folder")
    p.add_argument("--commit", help="git commit being published (default: the project's HEAD)")
    p.add_argument("--git-dir", help="repository of --commit, to skip commits older than live")
    p.add_argument("--strict", action="store_true", help="MkDocs warnings fail the build")
    p.add_argument("--keep", type=int, default=KEEP, help=f"releases kept (default: {KEEP})")
    p.set_defaults(func=run)


def say(message: str) -> None:
    print(message, flush=True)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)
    # A push is built in a fresh export of its commit, so the caches (share images, rendered
    # Markdown) live beside the releases, and each publish reuses what the previous one made.
    try:
        with caches.defaulting_to(Path(args.webroot).resolve() / CACHE):
            publish(
                Path(args.project),
                Path(args.webroot),
                commit=args.commit,
                git_dir=Path(args.git_dir) if args.git_dir else None,
                config=args.config,
                strict=args.strict,
                keep=max(args.keep, 1),
                say=say,
            )
    except PublishError as exc:
        print(f"portal publish: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0
