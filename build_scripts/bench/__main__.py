"""`python -m build_scripts.bench [--count N]`: build a synthetic corpus and print the figures."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .benchmark import Options, run, table


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.bench", description=__doc__)
    parser.add_argument("--count", type=int, default=2000, help="directives (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed (default 1)")
    parser.add_argument("--repo", type=Path, default=Path("."), help="project root (default .)")
    parser.add_argument("--workdir", type=Path, help="work here and keep it (default: a temp dir)")
    parser.add_argument("--no-hugo", action="store_true", help="skip the Hugo yardstick")
    parser.add_argument("--no-browser", action="store_true", help="skip phone and search bytes")
    parser.add_argument("--no-serve", action="store_true", help="skip the edit under portal serve")
    parser.add_argument(
        "--profile", action="store_true", help="also profile a build and say where time goes"
    )
    parser.add_argument(
        "--large",
        type=int,
        metavar="N",
        help="also time a push at N directives (20000 for the goal), with its peak memory",
    )
    args = parser.parse_args(argv)
    if args.count < 1:
        parser.error("--count must be at least 1")
    options = Options(
        count=args.count,
        seed=args.seed,
        repo=args.repo,
        workdir=args.workdir,
        hugo=not args.no_hugo,
        browser=not args.no_browser,
        serve=not args.no_serve,
        profile=args.profile,
        large=args.large,
    )
    report = run(options, say=lambda text: print(text, file=sys.stderr, flush=True))
    print(table(report))
    if report.profile:
        print(report.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
