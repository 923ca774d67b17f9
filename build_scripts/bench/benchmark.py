"""The benchmark as one flow: make a corpus, convert it, build it, measure the site, build the same
Markdown with Hugo, and time an edit under `portal serve`. Everything happens in a temporary
project; the repository's content/ is only read."""

from __future__ import annotations

import os
import platform
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from .. import headless
from ..convert import convert_text
from . import browser, corpus, hugo, measure, profiling

#: A query a reader types on a phone: diacritic-free, as most do.
SEARCH_QUERY = "doi ngoai nhan dan"
#: Short names of Chromium's resource types for the table.
KINDS = {"document": "HTML", "stylesheet": "CSS", "script": "JS", "image": "img", "xhr": "XHR"}


@dataclass
class Options:
    count: int = 2000
    seed: int = 1
    repo: Path = Path(".")
    workdir: Path | None = None  # kept afterwards when given
    hugo: bool = True
    browser: bool = True
    serve: bool = True
    profile: bool = False
    large: int | None = None  # also a corpus of this many: a push's time and peak memory


@dataclass
class Report:
    """Every figure of one run; None where a measurement was skipped, with the reason."""

    count: int
    translations: int
    convert_seconds: float
    build: measure.Build
    rebuild: measure.Build | None  # a second build, when the first left a cache to reuse
    push: measure.Build | None  # the build after one more document came in, caches kept
    pages: measure.PageSizes
    visit: browser.Visit | None
    edit_seconds: float | None
    hugo: measure.Run | None
    skipped: dict[str, str]
    profile: str | None = None  # where a profiled build spends its time
    large: Scale | None = None  # the same push at `Options.large` directives

    @property
    def convert_rate(self) -> float:
        return self.count / self.convert_seconds

    @property
    def ratio(self) -> float | None:
        """The first build (nothing cached) against Hugo's."""
        return self.build.seconds / self.hugo.seconds if self.hugo else None

    @property
    def push_ratio(self) -> float | None:
        """A push of one more document (caches kept) against Hugo's full build."""
        if self.hugo is None or self.push is None:
            return None
        return self.push.seconds / self.hugo.seconds

    @property
    def warm_ratio(self) -> float | None:
        """The next build (what a push rebuilds, with the caches) against Hugo's."""
        if self.hugo is None or self.rebuild is None:
            return None
        return self.rebuild.seconds / self.hugo.seconds


@dataclass
class Scale:
    """A push at a larger corpus: its build, against the push at the main count."""

    count: int
    push: measure.Build


def run(options: Options, say=print) -> Report:
    work = options.workdir or Path(tempfile.mkdtemp(prefix="portal-bench-"))
    try:
        return _run(options, work.resolve(), say)
    finally:
        if options.workdir is None:
            shutil.rmtree(work, ignore_errors=True)


def _run(options: Options, work: Path, say) -> Report:
    repo = options.repo.resolve()
    root, site, logs = work / "project", work / "site", work / "logs"
    root.mkdir(parents=True)
    logs.mkdir()
    skipped: dict[str, str] = {}

    say(f"corpus: {options.count} directives (seed {options.seed}) in {root}")
    # One more than the count: the newest comes in later, as a push (it cites earlier ones).
    sources = corpus.generate(options.count + 1, options.seed, repo / corpus.SEEDS_DIR)
    sources, pushed = sources[:-1], sources[-1]
    started = time.perf_counter()
    conversions = [convert_text(s.text, s.name) for s in sources]
    convert_seconds = time.perf_counter() - started
    corpus.scaffold(repo, root)
    english = corpus.english_paragraphs(repo)
    translated = corpus.write_documents(root, sources, conversions, english, options.seed)

    port = headless.free_port()
    say("full build ...")
    build = measure.full_build(root, site, f"http://127.0.0.1:{port}/", logs / "build.log")
    rebuild = None
    if (root / ".cache").exists():
        say("full build again, with the cache the first one left ...")
        shutil.rmtree(site)
        rebuild = measure.full_build(root, site, f"http://127.0.0.1:{port}/", logs / "build2.log")
    pages = measure.page_sizes(site)  # of the `count` directives, before the push
    say("a push of one more document, with the caches ...")
    push = _push(root, site, pushed, english, options.seed, port, logs / "push.log")

    visit = None
    why = browser.available() if options.browser else "not asked"
    if why is None:
        say("phone visit and first search ...")
        query = SEARCH_QUERY if (site / "pagefind").is_dir() else None
        if query is None:
            skipped["search"] = "no search"
        with headless.serve_folder(site, port) as base:
            visit = browser.visit(base + pages.median_url, query)
    else:
        skipped["browser"] = skipped["search"] = why

    hugo_run = None
    binary = hugo.binary() if options.hugo else None
    if binary is not None:
        say("Hugo ...")
        hugo.write_site(root / "content" / "docs", work / "hugo")
        hugo_run = hugo.build(work / "hugo", binary)
    else:
        skipped["hugo"] = "not installed" if options.hugo else "not asked"

    edit_seconds = None
    if options.serve:
        untranslated = [c.slug for c in conversions if root / _md(c.slug) not in translated]
        say("edit one document under portal serve ...")
        slug, timeout = untranslated[len(untranslated) // 2], max(60.0, 5 * build.seconds)
        edit_seconds = measure.edit_to_rebuilt(root, slug, timeout, logs / "serve.log")
        if edit_seconds is None:
            skipped["edit"] = "timed out"
    else:
        skipped["edit"] = "not asked"

    profile = None
    if options.profile:
        say("profiled build ...")
        stats = work / "build.prof"
        # At the builds' own address: the page cache they left is the one a push finds.
        site_url = f"http://127.0.0.1:{port}/"
        profiling.run_profiled(root, work / "profiled-site", stats, logs / "profile.log", site_url)
        profile = profiling.summary(stats)

    large = None
    if options.large:
        say(f"a push at {options.large} directives ...")
        large = Scale(options.large, _large_push(options, repo, work / "large"))

    return Report(
        push=push,
        large=large,
        profile=profile,
        count=options.count,
        translations=len(translated),
        convert_seconds=convert_seconds,
        build=build,
        rebuild=rebuild,
        pages=pages,
        visit=visit,
        edit_seconds=edit_seconds,
        hugo=hugo_run,
        skipped=skipped,
    )


def _push(
    root: Path, site: Path, source: corpus.Source, english: list[str], seed: int, port: int, log
) -> measure.Build:
    """What a push of one more document costs: a fresh site folder, the caches kept (a publish
    builds each push into a new release, with its caches beside the releases)."""
    corpus.write_documents(root, [source], [convert_text(source.text, source.name)], english, seed)
    shutil.rmtree(site)
    return measure.full_build(root, site, f"http://127.0.0.1:{port}/", log)


def _large_push(options: Options, repo: Path, work: Path) -> measure.Build:
    """A corpus of `options.large` directives built once, then the push of one more."""
    root, site = work / "project", work / "site"
    root.mkdir(parents=True)
    sources = corpus.generate(options.large + 1, options.seed, repo / corpus.SEEDS_DIR)
    sources, pushed = sources[:-1], sources[-1]
    conversions = [convert_text(s.text, s.name) for s in sources]
    corpus.scaffold(repo, root)
    english = corpus.english_paragraphs(repo)
    corpus.write_documents(root, sources, conversions, english, options.seed)
    port = headless.free_port()
    measure.full_build(root, site, f"http://127.0.0.1:{port}/", work / "build.log")
    return _push(root, site, pushed, english, options.seed, port, work / "push.log")


def _md(slug: str) -> Path:
    return Path("content") / "docs" / corpus.DOCUMENTS_DIR / f"{slug}.md"


# --- the table -----------------------------------------------------------------------------


def _kb(n: int) -> str:
    return f"{n / 1024:,.1f} KB"


def _mb(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f} MB"


def _times(run: measure.Run) -> str:
    return f"{run.seconds:.1f} s (CPU {run.cpu_seconds:.1f} s)"


def table(report: Report) -> str:
    """The figures as a Markdown table, with the issue's goals beside them."""
    r, skip = report, report.skipped
    rows = [("Measure", "Value", "Goal")]
    rows.append(("Conversion", f"{r.convert_rate:,.0f} documents/s", ""))
    build = f"{_times(r.build)} ({r.build.files:,} files, {_mb(r.build.site_bytes)})"
    rows.append(("Full build, no caches", build, "≤ 20× Hugo"))
    if r.rebuild is not None:
        rows.append(("Full build again (warm cache)", _times(r.rebuild), ""))
    if r.push is not None:
        rows.append(("A push of one more document, caches kept", _times(r.push), "≤ 3× Hugo"))
    rows.append(("Peak memory (largest process)", _mb(r.build.peak_rss), "< 1 GB"))
    edit = f"{r.edit_seconds:.1f} s" if r.edit_seconds is not None else f"n/a ({skip['edit']})"
    rows.append(("Edit one document → page rebuilt (serve)", edit, "≤ 1.5 s"))
    if r.large is not None:
        times = r.large.push.seconds / r.push.seconds if r.push else None
        than = f" ({times:.1f}× the push at {r.count:,})" if times else ""
        large = f"{_times(r.large.push)}{than} / {_mb(r.large.push.peak_rss)}"
        rows.append(
            (f"{r.large.count:,} directives: a push / peak memory", large, "≤ 1.5× / < 2 GB")
        )
    html = f"{_kb(r.pages.median)} median, {_kb(r.pages.largest)} largest ({r.pages.count:,})"
    rows.append(("Document page HTML", html, "< 40 KB"))
    if r.visit is not None:
        v = r.visit.page
        kinds = ", ".join(f"{KINDS.get(k, k)} {n / 1024:.0f}" for k, n in sorted(v.by_kind.items()))
        phone = f"{_kb(v.gzipped)} in {v.requests} requests ({kinds} KB)"
    else:
        phone = f"n/a ({skip['browser']})"
    rows.append(("Phone download of a document page (gzip)", phone, "< 150 KB"))
    if r.visit is not None and r.visit.search is not None:
        s = r.visit.search
        search = f"{_kb(s.gzipped)} in {s.requests} requests (“{SEARCH_QUERY}”)"
    else:
        search = f"n/a ({skip['search']})"
    rows.append(("First search (gzip)", search, ""))
    hugo_text = _times(r.hugo) if r.hugo else f"n/a ({skip['hugo']})"
    rows.append(("Same Markdown, bare Hugo", hugo_text, ""))
    ratio = f"{r.ratio:.1f}× first build" if r.ratio else "n/a"
    if r.warm_ratio:
        ratio += f", {r.warm_ratio:.1f}× again"
    if r.push_ratio:
        ratio += f", {r.push_ratio:.1f}× a push"
    rows.append(("Portal / Hugo", ratio, "≤ 20× first, ≤ 3× a push"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]

    def line(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(c.ljust(w) for c, w in zip(cells, widths, strict=True)) + " |"

    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    lines = [line(rows[0]), rule, *(line(row) for row in rows[1:])]
    head = (
        f"{r.count:,} directives ({r.translations} translated into English), "
        f"{r.pages.count:,} document pages"
    )
    return head + "\n\n" + "\n".join(lines) + "\n\n" + machine() + "\n"


def machine() -> str:
    """Where the figures were measured."""
    cpu = platform.processor() or platform.machine()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    out = (
        f"Machine: {cpu}, {os.cpu_count()} cores, {memory / 2**30:.0f} GB RAM, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )
    binary = hugo.binary()
    if binary is not None:
        version = subprocess.run([str(binary), "version"], capture_output=True, text=True)
        out += ", " + version.stdout.split("-")[0].strip()
    return out
