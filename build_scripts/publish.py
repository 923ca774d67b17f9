"""Publishing: check, build into a new release folder, and only then switch `current` to it.

    WEBROOT/current -> releases/000012-1a2b3c4d5e6f    what the web server serves (a symlink)
    WEBROOT/releases/000011-…, 000012-…                the last KEEP releases, for rollback
    WEBROOT/releases/.000013-….<random>.partial        a build in progress, never served
    WEBROOT/.publish.lock                              one publish at a time
    WEBROOT/.cache/                                    share images and rendered Markdown,
                                                       reused by the next publish (caches.py)

A release is named by a counter and the git commit, not the clock: two publishes in one second
get different names, and names sort in publishing order. `current` is replaced by a rename, so
a reader gets either the old site or the new one, never a mixture, and a failed check or build
leaves it untouched. Each build writes into a folder created for it alone (a random part in its
name), and everything hidden in `releases/` is what an earlier, killed publish left: it is removed
under the lock and never built upon.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from .checks import check_project, report
from .siteurl import configured_site_url, local_address_refusal

KEEP = 5
CURRENT = "current"
RELEASES = "releases"
LOCK = ".publish.lock"
CACHE = ".cache"  # what the next build reuses (see caches.py); never served
PARTIAL = ".partial"
NO_COMMIT = "local"  # a project folder that is not a git checkout
RELEASE_NAME = re.compile(r"^(?P<counter>\d{6,})-(?P<commit>[0-9a-f]{7,40}|local)$")

Say = Callable[[str], None]
#: build(config_file, site_dir, strict, site_url=...): builds the site into the new `site_dir`.
Builder = Callable[..., object]


class PublishError(Exception):
    """Publishing stopped; the live site is unchanged. The message is for the editor."""


@dataclass(frozen=True)
class Release:
    """One folder of `WEBROOT/releases/`."""

    name: str
    counter: int
    commit: str

    @classmethod
    def parse(cls, name: str) -> Release | None:
        found = RELEASE_NAME.match(name)
        if found is None:
            return None
        return cls(name, int(found["counter"]), found["commit"])


def publish(
    project: Path,
    webroot: Path,
    *,
    commit: str | None = None,
    git_dir: Path | None = None,
    ref: str | None = None,
    config: str = "mkdocs.yml",
    strict: bool = False,
    keep: int = KEEP,
    site_url: str | None = None,
    allow_local_url: bool = False,
    say: Say = print,
    build: Builder | None = None,
) -> Release | None:
    """Check and build `project`, then make it the live site; None when `commit` is no longer
    what `ref` of `git_dir` points at (a later push came in: its own publish follows).

    What the branch points at decides, not which commit is newer: `git push -f` to an older
    commit publishes that commit, and two quick pushes are published in the order they came.
    `site_url` overrides the configuration's address; a loopback address is refused unless
    `allow_local_url` (siteurl.py).
    """
    from .engine import BUILD_ERRORS
    from .pipeline import build_into, new_folder

    build = build or build_into
    address = site_url or configured_site_url(project / config)
    refusal = None if allow_local_url else local_address_refusal(address)
    if refusal:
        raise PublishError(refusal)
    releases = webroot / RELEASES
    releases.mkdir(parents=True, exist_ok=True)
    _refuse_real_current(webroot)
    commit = commit or _head_commit(project) or NO_COMMIT
    with publish_lock(webroot, say):
        _remove_leftovers(releases)
        pointed = _ref_commit(git_dir, ref) if git_dir and ref else commit
        if not pointed:
            say(f"portal publish: {ref} không còn; trang giữ nguyên [the branch is gone]")
            return None
        if pointed != commit:
            say(
                f"portal publish: {ref} đã chuyển sang {pointed[:12]}, bỏ qua {commit[:12]}; "
                "lần đưa lên sau sẽ đưa bản đó [the branch moved on: its own publish follows]"
            )
            return None
        say("portal publish: kiểm tra nội dung [checking content]")
        if not report(check_project(project), say):
            raise PublishError(
                "nội dung có lỗi, chưa xây dựng; trang đang chạy được giữ nguyên "
                "[content errors: nothing built, the live site is unchanged]"
            )
        release = _next_release(releases, commit)
        say(f"portal publish: xây dựng bản {release.name} [building the release]")
        # Created here, for this build alone: nothing an earlier build wrote can be in it.
        partial = new_folder(releases, f".{release.name}.", PARTIAL)
        try:
            build(str(project / config), partial, strict, site_url=address)
        except BUILD_ERRORS as exc:
            shutil.rmtree(partial, ignore_errors=True)
            raise PublishError(
                f"xây dựng thất bại: {exc}; trang đang chạy được giữ nguyên "
                "[build failed: the live site is unchanged]"
            ) from None
        except BaseException:
            shutil.rmtree(partial, ignore_errors=True)
            raise
        os.rename(partial, releases / release.name)
        switch_current(webroot, release)
        removed = prune(releases, keep, release)
        say(
            f"portal publish: đã đưa lên mạng: {CURRENT} -> {RELEASES}/{release.name}"
            + (f"; đã xóa bản cũ {', '.join(removed)}" if removed else "")
            + " [published]"
        )
        return release


@contextlib.contextmanager
def publish_lock(webroot: Path, say: Say) -> Iterator[None]:
    """One publish at a time: the next waits for the lock (released even if a process dies)."""
    with open(webroot / LOCK, "a") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            say("portal publish: chờ lần đưa lên trước xong [waiting for another publish]")
            fcntl.flock(handle, fcntl.LOCK_EX)
        yield


def live_release(webroot: Path) -> Release | None:
    """The release `current` points to, if any."""
    current = webroot / CURRENT
    if not current.is_symlink():
        return None
    return Release.parse(Path(os.readlink(current)).name)


def list_releases(releases: Path) -> list[Release]:
    """Finished releases, oldest first."""
    found = [Release.parse(p.name) for p in releases.iterdir() if p.is_dir()]
    return sorted((r for r in found if r), key=lambda r: r.counter)


def switch_current(webroot: Path, release: Release) -> None:
    """Point `current` at `release` in one rename: a new symlink replaces the old one."""
    temporary = webroot / f".{CURRENT}.{os.getpid()}.tmp"
    temporary.unlink(missing_ok=True)
    # Relative, so the web root can be moved or mounted elsewhere.
    os.symlink(f"{RELEASES}/{release.name}", temporary)
    os.replace(temporary, webroot / CURRENT)


def prune(releases: Path, keep: int, live: Release) -> list[str]:
    """Remove all but the newest `keep` releases (never the live one); return their names."""
    old = [r for r in list_releases(releases)[:-keep] if r.name != live.name] if keep else []
    for release in old:
        shutil.rmtree(releases / release.name)
    return [r.name for r in old]


def _next_release(releases: Path, commit: str) -> Release:
    counters = [r.counter for r in list_releases(releases)]
    counter = max(counters, default=0) + 1
    short = commit[:12] if commit != NO_COMMIT else commit
    return Release(f"{counter:06d}-{short}", counter, short)


def _remove_leftovers(releases: Path) -> None:
    """A publish killed mid-build (timeout, reboot) leaves its folders behind, all hidden (the
    release being built, the English part of it). Under the lock no other publish is building,
    so every hidden entry is such a leftover."""
    for path in releases.glob(".*"):
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)


def _refuse_real_current(webroot: Path) -> None:
    current = webroot / CURRENT
    if current.exists() and not current.is_symlink():
        raise PublishError(
            f"{current} là một thư mục thật, không phải liên kết; hãy chuyển nó đi rồi đưa lên "
            f"lại [{CURRENT} must be a symlink managed by portal publish]"
        )


def _head_commit(project: Path) -> str | None:
    """The commit of a project that is a git checkout, None otherwise."""
    found = subprocess.run(
        ["git", "-C", str(project), "rev-parse", "--verify", "--quiet", "HEAD"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() or None if found.returncode == 0 else None


def _ref_commit(git_dir: Path, ref: str) -> str:
    """The commit `ref` points at now ('' when it is gone: the branch was deleted)."""
    found = subprocess.run(
        ["git", "--git-dir", str(git_dir), "rev-parse", "--verify", "--quiet", ref + "^{commit}"],
        capture_output=True,
        text=True,
        check=False,
    )
    return found.stdout.strip() if found.returncode == 0 else ""
