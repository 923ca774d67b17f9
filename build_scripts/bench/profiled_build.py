"""`python -m build_scripts.bench.profiled_build SITE STATS`, run in a project folder: both
languages built one after the other in this one process, under cProfile, stats saved to STATS.

`portal build` builds the languages in child processes, which a profiler of the parent never
sees; this runs the same function (build_language) where the profiler can."""

from __future__ import annotations

import cProfile
import sys
from pathlib import Path

from ..languages import PREFIX
from ..pipeline import build_language


def main(argv: list[str]) -> int:
    site, stats = Path(argv[0]), argv[1]
    profiler = cProfile.Profile()
    profiler.enable()
    for lang, prefix in PREFIX.items():
        folder = site / (prefix.rstrip("/") or "root")
        build_language("mkdocs.yml", lang, str(folder), False, None, None)
    profiler.disable()
    profiler.dump_stats(stats)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
