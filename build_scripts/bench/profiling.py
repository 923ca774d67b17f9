"""Where a full build spends its time: `portal build` under cProfile, self time summed by what the
code belongs to (Markdown rendering, Jinja templates, MkDocs, Material, the portal's own stages,
feeds, images, Pagefind, ...). Shares are of the profiled run, which cProfile slows down evenly
enough to compare parts, not to quote as seconds."""

from __future__ import annotations

import pstats
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

#: (label, markers in a function's file path or name), first match wins; order matters.
PARTS: list[tuple[str, tuple[str, ...]]] = [
    ("Pagefind (waiting for the indexer)", ("pagefind", "waitpid", "_wait")),
    ("Share images (Pillow)", ("/PIL/", "share_images", "opengraph")),
    ("Feeds (feedgen, lxml)", ("/feedgen/", "/lxml/", "feeds")),
    ("Markdown rendering (Python-Markdown)", ("/markdown/", "/pymdownx/")),
    ("Jinja templates", ("/jinja2/", "<template>", "/markupsafe/")),
    ("Material theme and plugins", ("/material/",)),
    ("MkDocs (files, nav, pages, links)", ("/mkdocs/",)),
    ("Portal: topics", ("build_scripts/topics",)),
    ("Portal: catalog, pages, views, sitemaps", ("build_scripts/",)),
    ("YAML", ("/yaml/",)),
    ("Regular expressions", ("re.py", "_sre", "sre_", "method 'sub'", "method 'match'")),
    ("HTML parsing (html.parser, xml.etree)", ("/html/", "/xml/")),
    ("File I/O and copying", ("shutil", "method 'write'", "method 'read'", "open", "posix")),
]


def run_profiled(root: Path, site: Path, output: Path, log: Path) -> None:
    """`portal build` in `root` under cProfile, stats saved to `output`."""
    command = [sys.executable, "-m", "cProfile", "-o", str(output)]
    command += ["-m", "build_scripts.cli", "build", "--out", str(site)]
    with log.open("wb") as out:
        subprocess.run(command, cwd=root, stdout=out, stderr=subprocess.STDOUT, check=True)


def _part(filename: str, name: str) -> str:
    where = f"{filename}:{name}"
    for label, markers in PARTS:
        if any(marker in where for marker in markers):
            return label
    return "Other (Python runtime)"


def summary(stats_file: Path, top: int = 15) -> str:
    """Self time by part, largest first, then the functions with most cumulative time."""
    stats = pstats.Stats(str(stats_file))
    parts: dict[str, float] = defaultdict(float)
    total = 0.0
    rows = stats.stats  # type: ignore[attr-defined]
    for (filename, _, name), (_, _, tottime, _, _) in rows.items():
        parts[_part(filename, name)] += tottime
        total += tottime
    lines = [f"Profiled build: {total:.1f} s of self time", ""]
    for label, seconds in sorted(parts.items(), key=lambda kv: -kv[1]):
        lines.append(f"  {seconds / total:6.1%}  {seconds:7.1f} s  {label}")
    lines += ["", "Most cumulative time:"]
    by_cumulative = sorted(rows.items(), key=lambda kv: -kv[1][3])
    shown = 0
    for (filename, line, name), (_, calls, _, cumtime, _) in by_cumulative:
        if name.startswith("<") and name != "<module>":
            continue
        lines.append(f"  {cumtime:7.1f} s  {calls:>9,} calls  {name}  ({_short(filename)}:{line})")
        shown += 1
        if shown == top:
            break
    return "\n".join(lines)


def _short(filename: str) -> str:
    """A path from its package down: 'mkdocs/structure/pages.py', 'build_scripts/pages.py'."""
    if "site-packages/" in filename:
        return filename.split("site-packages/", 1)[1]
    if "build_scripts/" in filename:
        return "build_scripts/" + filename.split("build_scripts/", 1)[1]
    return filename
