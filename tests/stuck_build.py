"""A build that gets stuck on purpose, and a way to find every process it left.

A MkDocs hook (a `hooks:` entry of mkdocs.yml, as any project may have) stops each language's
build once its pages are written, and starts a process of its own first (as Pagefind is one), so
that killing the build finds workers and their children mid-way. It only does so when
`STARTED` names a folder, where it records each language that got there: the same project then
builds normally without it.

Every process of the build inherits `MARKER` from the environment: /proc then tells whether any
survived, whoever its parent is now.
"""

from __future__ import annotations

import os
import time
import uuid
from pathlib import Path

MARKER = "PORTAL_TEST_MARKER"
STARTED = "PORTAL_TEST_STARTED"

SLOW_HOOK = f'''\
import os
import subprocess
import time
from pathlib import Path


def on_post_build(config):
    folder = os.environ.get("{STARTED}")
    if not folder:
        return
    subprocess.Popen(["sleep", "600"])  # a child of the worker, as Pagefind is
    (Path(folder) / os.environ.get("PORTAL_LANG", "vi")).write_text(str(os.getpid()))
    time.sleep(600)
'''


PLAN = """\
---
title: Kế hoạch công tác thông tin đối ngoại số {n}
doc_type: Kế hoạch
number: {n}/KH-UBND
date: 2025-04-0{day}
place: Đồng Nai
issuer: Ủy ban nhân dân tỉnh Đồng Nai
topics: [thong-tin-doi-ngoai]
---

Nội dung kế hoạch số {n}.
"""


def plan(n: int) -> str:
    return PLAN.format(n=n, day=1 + n % 9)


def stuck_project(base: Path) -> Path:
    """The repository's configuration, theme and pages, one directive, and the stuck hook."""
    from build_scripts.bench import corpus

    project = base / "project"
    project.mkdir()
    corpus.scaffold(Path(__file__).resolve().parent.parent, project)
    (project / "content/docs/van-ban/2025-1-kh-ubnd.md").write_text(plan(1), encoding="utf-8")
    slow_build(project)
    return project


def slow_build(project: Path) -> None:
    """Add the stuck-on-request hook to the project's mkdocs.yml."""
    (project / "stuck_hook.py").write_text(SLOW_HOOK, encoding="utf-8")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8") + "\nhooks:\n  - stuck_hook.py\n")


def stuck_env(started: Path) -> tuple[dict[str, str], str]:
    """The environment for a build that gets stuck, and its marker."""
    started.mkdir(parents=True, exist_ok=True)
    marker = uuid.uuid4().hex
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**env, MARKER: marker, STARTED: str(started)}, marker


def started_languages(started: Path) -> set[str]:
    return {path.name for path in started.iterdir()} if started.is_dir() else set()


def wait_until_stuck(started: Path, seconds: float = 120) -> None:
    """Until both languages have written their pages and are stuck in the hook."""
    deadline = time.monotonic() + seconds
    while started_languages(started) != {"vi", "en"}:
        assert time.monotonic() < deadline, (
            f"the build got no further: {started_languages(started)}"
        )
        time.sleep(0.1)


def marked_processes(marker: str) -> list[int]:
    """The processes whose environment holds `marker`."""
    needle = f"{MARKER}={marker}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            environ = (entry / "environ").read_bytes()
            state = (entry / "stat").read_text().rsplit(")", 1)[1].split()[0]
        except OSError:
            continue
        if state != "Z" and needle in environ.split(b"\0"):
            found.append(int(entry.name))
    return found


def no_process_left(marker: str, seconds: float = 30) -> list[int]:
    """The marked processes still alive after `seconds` (an empty list: none survived). Generous:
    on a loaded 2-core machine a killed worker can take seconds to be reaped."""
    deadline = time.monotonic() + seconds
    while (left := marked_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    for pid in left:  # what survived, for the failure's message
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
            print(f"survivor {pid}: {cmd}", flush=True)
        except OSError:
            pass
    return left
