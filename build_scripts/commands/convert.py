"""`portal convert` and `portal inspect`: received directives (.txt, .docx, .doc, .odt, .pdf,
scans, Markdown and HTML exports; see convert/readers) -> Markdown documents.

An existing document is never overwritten without --force: editors correct converted
documents by hand, and a second conversion must not lose that work.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..convert import Conversion, ConversionError, convert_path
from ..model import FIELDS, directive_from_meta
from ..problems import Problem, display_path
from .placement import place

DEFAULT_OUT = Path("content/docs/van-ban")
REQUIRED = [key for key, (required, _) in FIELDS.items() if required]


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "convert", help="chuyển văn bản nhận được thành Markdown [convert directives]"
    )
    p.add_argument("sources", nargs="+", metavar="SOURCE", type=Path)
    p.add_argument("--out", type=Path, default=DEFAULT_OUT, help=f"default: {DEFAULT_OUT}")
    p.add_argument("--force", action="store_true", help="ghi đè tài liệu đã có [overwrite]")
    p.set_defaults(func=run_convert)
    q = subparsers.add_parser("inspect", help="in siêu dữ liệu dạng JSON [print metadata]")
    q.add_argument("source", metavar="SOURCE", type=Path)
    q.set_defaults(func=run_inspect)


def convert_one(path: Path) -> tuple[Conversion | None, list[Problem]]:
    """Convert one source; bad input is a Problem (one line), never a traceback."""
    where = display_path(path)
    try:
        conversion = convert_path(path)
    except ConversionError as exc:
        return None, [Problem(where, exc.line, exc.message)]
    except OSError as exc:
        return None, [Problem(where, 0, f"không đọc được tệp: {exc.strerror} [cannot read]")]
    except Exception as exc:  # a converter bug must not stop the other files of the run
        message = f"lỗi của bộ chuyển đổi, xin báo lại: {type(exc).__name__}: {exc} [converter bug]"
        return None, [Problem(where, 0, message)]
    warnings = [Problem(where, w.line, w.message, "warning") for w in conversion.warnings]
    # A required key the converter could not determine is null on purpose: the editor is
    # asked for it (portal add), and portal check refuses the page until it is answered.
    asked = {key: "?" for key in REQUIRED if conversion.meta.get(key) is None}
    _, invalid = directive_from_meta(
        {**conversion.meta, **asked}, conversion.markdown, conversion.slug, where, {}
    )
    return conversion, warnings + invalid


def run_convert(args: argparse.Namespace) -> int:
    failed = False
    written: set[Path] = set()
    for source in args.sources:
        conversion, problems = convert_one(source)
        for problem in problems:
            print(problem, file=sys.stderr)
        if conversion is None or any(p.severity == "error" for p in problems):
            failed = True
            continue
        # Each issuer's document its own address; the same issuer, number and year is refused
        # (naming both files) unless --force, and never twice in one run.
        placement = place(conversion, args.out, source, args.force)
        target = placement.path
        if target is None or target in written:
            message = placement.message or (
                f"{display_path(source)}: {display_path(target)} vừa được ghi trong lần chạy "
                "này [written twice in this run]"
            )
            print(message, file=sys.stderr)
            failed = True
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(conversion.document(), encoding="utf-8")
        written.add(target)
        print(f"{display_path(source)} -> {display_path(target)}")
    return 1 if failed else 0


def run_inspect(args: argparse.Namespace) -> int:
    conversion, problems = convert_one(args.source)
    for problem in problems:
        print(problem, file=sys.stderr)
    if conversion is None:
        return 1
    print(json.dumps(conversion.inspect(), ensure_ascii=False, indent=2))
    return 0
