"""Where a full build spends its time: both languages built under cProfile (one process, one
after the other), self time summed by what the code belongs to (Markdown rendering, Jinja
templates, MkDocs, Material, the portal's own stages, feeds, images, Pagefind, ...). Shares are
of the profiled run, which cProfile slows down evenly enough to compare parts, not to quote as
seconds."""

from __future__ import annotations

import os
import pstats
import subprocess
import sys
from pathlib import Path

#: The stages of a language's build, each the cumulative time of one function: (label, end of
#: the function's file path, function name). They do not overlap; what is left over is MkDocs'
#: own bookkeeping (files, navigation, contexts) and starting up.
STAGES: list[tuple[str, str, str]] = [
    ("Markdown rendering, or the render cache", "build_scripts/engine/plugin.py", "_render"),
    ("Page templates (Jinja, Material)", "mkdocs/commands/build.py", "_build_page"),
    ("Reading sources and their front matter (MkDocs)", "mkdocs/structure/pages.py", "read_source"),
    ("Catalog (our front matter, validation)", "build_scripts/pipeline.py", "build_catalog"),
    ("Generated pages (listings, references)", "build_scripts/pages.py", "generated_pages"),
    ("Share images and feeds", "build_scripts/engine/plugin.py", "_add_share_images_and_feeds"),
    ("Copying and linking static files", "mkdocs/structure/files.py", "copy_static_files"),
    ("Sitemaps and open data", "build_scripts/engine/plugin.py", "on_post_build"),
    ("Search: reading pages, digests", "build_scripts/search.py", "write_digests"),
    ("Search: Pagefind indexing", "subprocess.py", "run"),
]
TOTAL = ("build_scripts/pipeline.py", "build_language")


def run_profiled(
    root: Path, site: Path, output: Path, log: Path, site_url: str | None = None
) -> None:
    """Both languages of the project in `root` built in one process under cProfile (see
    profiled_build), stats saved to `output`; at `site_url` (the address the other builds
    used, so that their caches count), else mkdocs.yml's."""
    command = [sys.executable, "-m", "build_scripts.bench.profiled_build", str(site), str(output)]
    env = {**os.environ, "PORTAL_SITE_URL": site_url} if site_url else None
    with log.open("wb") as out:
        subprocess.run(command, cwd=root, stdout=out, stderr=subprocess.STDOUT, check=True, env=env)


def _cumulative(rows: dict, path_end: str, name: str) -> float:
    return sum(
        row[3] for (filename, _, function), row in rows.items()
        if function == name and filename.endswith(path_end)
    )  # fmt: skip


def summary(stats_file: Path, top: int = 12) -> str:
    """The time of each stage of the build, largest first, then the functions with most
    cumulative time. Page templates include writing each page."""
    stats = pstats.Stats(str(stats_file))
    rows = stats.stats  # type: ignore[attr-defined]
    total = _cumulative(rows, *TOTAL) or 1.0
    stages = [(label, _cumulative(rows, path, name)) for label, path, name in STAGES]
    stages.append(
        ("The rest: MkDocs' files, navigation and contexts", total - sum(t for _, t in stages))
    )
    lines = [f"Profiled build of both languages: {total:.1f} s", ""]
    for label, seconds in sorted(stages, key=lambda kv: -kv[1]):
        lines.append(f"  {seconds / total:6.1%}  {seconds:7.1f} s  {label}")
    lines += ["", "Most cumulative time:"]
    by_cumulative = sorted(rows.items(), key=lambda kv: -kv[1][3])
    shown = 0
    for (filename, line, name), (_, calls, _, cumtime, _) in by_cumulative:
        if name.startswith("<") or "build_language" in name:
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
