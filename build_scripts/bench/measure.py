"""Measurements of the real build: a full `portal build` in a child process (wall time and peak
memory of the whole process tree), the HTML of document pages, and `portal serve`'s time from
editing one document to serving its new page."""

from __future__ import annotations

import os
import signal
import statistics
import subprocess
import sys
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from .. import headless
from ..languages import PREFIX
from ..urls import DOCUMENTS_DIR

#: How often `portal serve` is asked whether the edited page is there yet.
POLL_SECONDS = 0.1


@dataclass(frozen=True)
class Run:
    """One child process: wall time, CPU time, peak resident memory of its largest process."""

    seconds: float
    cpu_seconds: float  # user + system, the child and the children it waited for
    peak_rss: int  # bytes


@dataclass(frozen=True)
class Build(Run):
    """A full build, and what it wrote."""

    files: int = 0
    site_bytes: int = 0


@dataclass(frozen=True)
class PageSizes:
    """HTML bytes of every document page, both languages."""

    count: int
    median: int
    largest: int
    median_url: str  # site-relative URL of a page of median size


def portal_command(*args: str) -> list[str]:
    """`portal ARGS` run by this interpreter, so the child uses the same environment."""
    return [sys.executable, "-m", "build_scripts.cli", *args]


def run_child(command: list[str], cwd: Path, log: Path, env: dict | None = None) -> Run:
    """Run `command` to completion; its rusage comes from wait4 on that one child, so CPU and
    memory are the child's and its descendants' (peak: the largest one), and nothing else's. The
    machine may be shared: CPU time says more than wall time when it is busy."""
    started = time.perf_counter()
    with log.open("wb") as out:
        child = subprocess.Popen(command, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - started
    child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:4])} ... failed ({child.returncode}); see {log}")
    # Linux reports ru_maxrss in kilobytes.
    return Run(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss * 1024)


def full_build(root: Path, site: Path, site_url: str, log: Path) -> Build:
    """`portal build --out site` in `root`, for pages served at `site_url`."""
    env = {**os.environ, "PORTAL_SITE_URL": site_url}
    run = run_child(portal_command("build", "--out", str(site)), root, log, env)
    files = [p for p in site.rglob("*") if p.is_file()]
    return Build(**vars(run), files=len(files), site_bytes=sum(p.stat().st_size for p in files))


def document_pages(site: Path) -> list[Path]:
    """The HTML of every directive page in every language."""
    return sorted(
        page
        for prefix in PREFIX.values()
        for page in (site / prefix / DOCUMENTS_DIR).glob("*/index.html")
    )


def page_sizes(site: Path) -> PageSizes:
    pages = document_pages(site)
    if not pages:
        raise RuntimeError(f"no document pages under {site}")
    sized = sorted((p.stat().st_size, p) for p in pages)
    _, page = sized[len(sized) // 2]
    url = page.parent.relative_to(site).as_posix() + "/"
    return PageSizes(len(pages), int(statistics.median(s for s, _ in sized)), sized[-1][0], url)


def _fetch(url: str, timeout: float) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, deadline: float) -> bool:
    """Poll `url` until its body contains `text` or the deadline (a perf_counter time) passes."""
    while time.perf_counter() < deadline:
        body = _fetch(url, timeout=max(1.0, deadline - time.perf_counter()))
        if body is not None and text in body:
            return True
        time.sleep(POLL_SECONDS)
    return False


def edit_to_rebuilt(root: Path, slug: str, timeout: float, log: Path) -> float | None:
    """Start `portal serve`, wait for its first build, append a paragraph to one document and
    return the seconds until the served page shows it; None if `timeout` passed first."""
    port = headless.free_port()
    url = f"http://127.0.0.1:{port}/{DOCUMENTS_DIR}/{slug}/"
    document = root / "content" / "docs" / DOCUMENTS_DIR / f"{slug}.md"
    marker = f"bench-edit-{port}"
    with log.open("wb") as out:
        child = subprocess.Popen(
            portal_command("serve", "--dev-addr", f"127.0.0.1:{port}"),
            cwd=root,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            if not _wait_for(url, "</html>", time.perf_counter() + timeout):
                return None
            original = document.read_text(encoding="utf-8")
            started = time.perf_counter()
            document.write_text(original + f"\n{marker}\n", encoding="utf-8")
            try:
                if not _wait_for(url, marker, started + timeout):
                    return None
                return time.perf_counter() - started
            finally:
                document.write_text(original, encoding="utf-8")
        finally:
            # SIGINT is what `portal serve` expects: it stops and removes its temporary site.
            child.send_signal(signal.SIGINT)
            try:
                child.wait(timeout=30)
            except subprocess.TimeoutExpired:
                child.kill()
                child.wait()
