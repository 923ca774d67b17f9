"""Conversion speed: documents per second over the seeds and corpus (or given files).

Run: `python -m build_scripts.bench_convert [FILES...] [--rounds N]`. Printed, never asserted.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from .convert import convert_path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    args = parser.parse_args()
    files = args.files or sorted(Path("../shared").glob("*/*.txt"))
    if not files:
        parser.error("no files: pass some, or run from the project root next to ../shared")
    started = time.perf_counter()
    size = 0
    for _ in range(args.rounds):
        for path in files:
            size += len(convert_path(path).markdown)
    elapsed = time.perf_counter() - started
    count = args.rounds * len(files)
    print(
        f"{count} documents in {elapsed:.2f} s: {count / elapsed:.1f} documents/s, "
        f"{size / elapsed / 1e6:.2f} MB of Markdown/s"
    )


if __name__ == "__main__":
    main()
