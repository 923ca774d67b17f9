"""`portal publish WEBROOT`: check, build a new release, and only then make it the live site."""

from __future__ import annotations

import argparse
import logging
import sys
from pathlib import Path

from .. import caches, processes
from ..publish import CACHE, KEEP, PublishError, publish
from ..siteurl import ENV, AddressError, checked_site_url


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
    p.add_argument("--git-dir", help="repository of --commit (with --ref)")
    p.add_argument(
        "--ref", help="with --git-dir: publish only if this ref still points at --commit"
    )
    p.add_argument(
        "--site-url",
        type=_site_url,
        help=f"the site's public address (default: {ENV} or mkdocs.yml's site_url)",
    )
    p.add_argument(
        "--allow-local-url",
        action="store_true",
        help="publish even at a local address such as http://127.0.0.1:8000/ (for testing)",
    )
    p.add_argument("--strict", action="store_true", help="MkDocs warnings fail the build")
    p.add_argument("--keep", type=int, default=KEEP, help=f"releases kept (default: {KEEP})")
    p.set_defaults(func=run)


def _site_url(text: str) -> str:
    try:
        return checked_site_url(text)
    except AddressError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def say(message: str) -> None:
    print(message, flush=True)


def run(args: argparse.Namespace) -> int:
    logging.basicConfig(format="%(levelname)s - %(message)s", level=logging.WARNING)
    # A push is built in a fresh export of its commit, so the caches (share images, rendered
    # Markdown) live beside the releases, and each publish reuses what the previous one made.
    try:
        # A `kill` stops the workers and removes the partial release, as Ctrl-C does.
        with (
            processes.sigterm_interrupts(),
            caches.defaulting_to(Path(args.webroot).resolve() / CACHE),
        ):
            publish(
                Path(args.project),
                Path(args.webroot),
                commit=args.commit,
                git_dir=Path(args.git_dir) if args.git_dir else None,
                ref=args.ref,
                config=args.config,
                strict=args.strict,
                keep=max(args.keep, 1),
                site_url=args.site_url,
                allow_local_url=args.allow_local_url,
                say=say,
            )
    except PublishError as exc:
        print(f"portal publish: {exc}", file=sys.stderr, flush=True)
        return 1
    return 0
