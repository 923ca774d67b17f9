"""The `portal` command line: each sub-command lives in its own module with `register()`."""

from __future__ import annotations

import argparse
import importlib
import sys

#: Modules that add sub-commands; each has `register(subparsers)` setting `func(args) -> int`.
COMMAND_MODULES = [
    "build_scripts.commands.build",
    "build_scripts.commands.serve",
    "build_scripts.commands.check",
    "build_scripts.commands.publish",
    "build_scripts.commands.hook",
    "build_scripts.commands.translated",
    "build_scripts.commands.add",
    "build_scripts.commands.convert",
]


def make_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="portal",
        description="Cổng văn bản đối ngoại: chuyển đổi, kiểm tra và xây dựng trang.",
    )
    subparsers = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = make_parser().parse_args(argv)
    try:
        return args.func(args)
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
