"""`portal check`: every problem in the content, as `path:line: message`, before any build."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..checks import DOCS_DIR, check_project, report
from ..problems import ContentError


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "check",
        help="kiểm tra toàn bộ nội dung trước khi xây dựng [check all content]",
        description="In mọi lỗi dạng 'tệp:dòng: lỗi'; thoát 1 khi có lỗi, 0 khi chỉ có cảnh báo.",
    )
    p.add_argument("--root", default=".", help="project folder (default: the current folder)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    root = Path(args.root)
    if not (root / DOCS_DIR).is_dir():
        print(
            f"portal check: không thấy thư mục {DOCS_DIR}/ trong '{root}' "
            "[not a portal project folder]",
            file=sys.stderr,
        )
        return 1
    try:
        problems = check_project(root)
    except ContentError as exc:  # a data file of the portal itself (topics.yml) is wrong
        problems = exc.problems
    return 0 if report(problems) else 1
