"""`portal install-hook BARE_REPO --webroot WEBROOT --site-url URL`: every push to main publishes
the site, at URL (kept in the hook script, given to the build as PORTAL_SITE_URL).

The installed `post-receive` hook only calls back into this module (`portal post-receive`),
with the `portal` of the virtual environment that installed it, so the logic stays in Python
and the hook keeps working whatever PATH git runs it with. What the hook prints reaches the
person pushing, each line prefixed `remote:`, so an editor sees the check's `path:line:`
messages in the output of `git push`.

The pushed commit is exported file by file (export.py: regular files only), and `portal publish`
runs in a session of its own: on `--timeout` the whole session is killed, the build's workers
and their children included, so git's pipe closes and `git push` returns with a line that says
so; `current` is then as it was.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

from .. import export, processes, siteurl
from ..publish import live_release
from ..siteurl import AddressError, checked_site_url

#: The first lines of every hook this module writes; an existing hook without them is not ours.
MARKER = "# Installed by `portal install-hook`"
ZERO = "0" * 40
TIMEOUT = 900  # seconds: far above a build of thousands of documents on a small server


def register(subparsers) -> None:
    p = subparsers.add_parser(
        "install-hook",
        help="mỗi lần đẩy lên nhánh main thì đưa trang lên mạng [publish on every push]",
        description="Cài hook post-receive vào kho git trần (bare): mỗi lần đẩy lên nhánh main, "
        "nội dung được kiểm tra, xây dựng và đưa lên WEBROOT/current.",
    )
    p.add_argument("repo", metavar="BARE_REPO", help="the bare repository editors push to")
    p.add_argument("--webroot", required=True, help="folder holding current -> releases/...")
    p.add_argument("--branch", default="main", help="branch that publishes (default: main)")
    p.add_argument("--strict", action="store_true", help="MkDocs warnings fail the build")
    p.add_argument("--timeout", type=float, default=TIMEOUT, help=f"seconds (default {TIMEOUT})")
    p.add_argument(
        "--site-url",
        type=_site_url,
        help="the site's public address, e.g. https://doingoai.example.vn/ (PORTAL_SITE_URL)",
    )
    p.add_argument(
        "--allow-local-url", action="store_true", help="publish at a local address (testing)"
    )
    p.add_argument("--force", action="store_true", help="replace a post-receive hook not ours")
    p.set_defaults(func=run_install)

    p = subparsers.add_parser(
        "post-receive", help="(run by the installed git hook) publish a pushed branch"
    )
    p.add_argument("--webroot", required=True)
    p.add_argument("--branch", default="main")
    p.add_argument("--strict", action="store_true")
    p.add_argument("--timeout", type=float, default=TIMEOUT)
    p.add_argument("--site-url", type=_site_url)
    p.add_argument("--allow-local-url", action="store_true")
    p.set_defaults(func=run_post_receive)


def _site_url(text: str) -> str:
    try:
        return checked_site_url(text)
    except AddressError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


@dataclass(frozen=True)
class HookSettings:
    """What the installed hook passes to every publish; kept in the hook script itself."""

    webroot: Path
    branch: str = "main"
    strict: bool = False
    timeout: float = TIMEOUT
    site_url: str | None = None
    allow_local_url: bool = False


def hook_script(portal: Path, settings: HookSettings) -> str:
    """The text of the post-receive hook: one exec of `portal post-receive`, with the site's
    address in it (which is what publishing uses as PORTAL_SITE_URL)."""
    command = [str(portal), "post-receive", "--webroot", str(settings.webroot)]
    command += ["--branch", settings.branch, "--timeout", f"{settings.timeout:g}"]
    command += ["--site-url", settings.site_url] if settings.site_url else []
    command += ["--allow-local-url"] if settings.allow_local_url else []
    command += ["--strict"] if settings.strict else []
    branch = settings.branch
    return (
        "#!/bin/sh\n"
        f"{MARKER}: every push to {branch} is checked, built and published.\n"
        "# Its output reaches the person pushing as 'remote:' lines.\n"
        f"exec {shlex.join(command)}\n"
    )


def install_hook(repo: Path, settings: HookSettings, *, force: bool = False) -> Path:
    """Write `repo/hooks/post-receive`; raise ValueError with a message for the editor."""
    found = _git(repo, "rev-parse", "--is-bare-repository")
    if found.returncode != 0 or found.stdout.strip() != "true":
        raise ValueError(f"'{repo}' không phải kho git trần (bare) [not a bare git repository]")
    portal = Path(sys.executable).parent / "portal"
    if not os.access(portal, os.X_OK):
        raise ValueError(f"không thấy lệnh '{portal}' [portal is not installed next to Python]")
    hook = repo / "hooks" / "post-receive"
    if hook.exists() and MARKER not in hook.read_text(errors="replace") and not force:
        raise ValueError(
            f"'{hook}' đã có và không do portal cài; thêm --force để thay "
            "[a post-receive hook exists]"
        )
    hook.parent.mkdir(exist_ok=True)
    text = hook_script(portal, replace(settings, webroot=settings.webroot.resolve()))
    temporary = hook.with_name(hook.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(0o755)
    os.replace(temporary, hook)
    return hook


def run_install(args: argparse.Namespace) -> int:
    webroot = Path(args.webroot)
    settings = HookSettings(
        webroot,
        args.branch,
        args.strict,
        args.timeout,
        args.site_url,
        args.allow_local_url,
    )
    try:
        hook = install_hook(Path(args.repo), settings, force=args.force)
    except ValueError as exc:
        print(f"portal install-hook: {exc}", file=sys.stderr)
        return 1
    print(
        f"portal install-hook: đã cài {hook}: mỗi lần đẩy lên nhánh {args.branch}, trang được "
        f"đưa lên {webroot.resolve()}/current [installed]"
    )
    if not args.site_url and not args.allow_local_url:
        print(
            "portal install-hook: chưa có --site-url: lần đưa lên sẽ dùng PORTAL_SITE_URL hoặc "
            "site_url của mkdocs.yml, và từ chối địa chỉ cục bộ [no --site-url given: a local "
            "address is refused when publishing]"
        )
    return 0


def run_post_receive(args: argparse.Namespace) -> int:
    """Read `oldrev newrev refname` lines from git; publish the last push to the branch."""
    git_dir = Path(os.environ.get("GIT_DIR", ".")).resolve()
    ref = f"refs/heads/{args.branch}"
    pushed = [line.split() for line in sys.stdin if line.strip()]
    newrevs = [new for _old, new, name in pushed if name == ref]
    if not newrevs:
        return 0
    if newrevs[-1] == ZERO:
        say(f"portal: nhánh {args.branch} đã bị xóa; trang giữ nguyên [branch deleted]")
        return 0
    settings = HookSettings(
        Path(args.webroot),
        args.branch,
        args.strict,
        args.timeout,
        args.site_url,
        args.allow_local_url,
    )
    return publish_commit(git_dir, newrevs[-1], settings)


def publish_commit(git_dir: Path, commit: str, settings: HookSettings) -> int:
    """Export the pushed tree to a temporary folder and run `portal publish` there."""
    say(f"portal: nhận bản {commit[:12]}, kiểm tra rồi đưa lên mạng [publishing]")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PYTHONUNBUFFERED"] = "1"
    if settings.site_url:
        env[siteurl.ENV] = settings.site_url
    work = Path(tempfile.mkdtemp(prefix="portal-publish-"))
    try:
        refused = export.export(git_dir, commit, work, env)
        if refused:
            for line in refused:
                say(line)
            say(NOT_UPDATED)
            return 1
        command = [sys.executable, "-m", "build_scripts.cli", "publish", str(settings.webroot)]
        command += ["--commit", commit, "--git-dir", str(git_dir), "--ref"]
        command += [f"refs/heads/{settings.branch}"]
        command += ["--site-url", settings.site_url] if settings.site_url else []
        command += ["--allow-local-url"] if settings.allow_local_url else []
        command += ["--strict"] if settings.strict else []
        returncode = run_publish(command, work, env, settings)
        if returncode not in (0, None):
            say(NOT_UPDATED)
        return 1 if returncode is None else returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


def run_publish(
    command: list[str], work: Path, env: dict[str, str], settings: HookSettings
) -> int | None:
    """Run the publish in a session of its own; None when it was stopped (the timeout, or this
    hook being killed). Stopping kills every process of that session, the build's workers
    included, so none keeps git's pipe open and `git push` returns."""
    live_before = live_release(settings.webroot)
    with processes.sigterm_interrupts():
        running = subprocess.Popen(command, cwd=work, env=env, start_new_session=True)
        try:
            return running.wait(timeout=settings.timeout)
        except subprocess.TimeoutExpired:
            reason = f"quá {settings.timeout:g} giây [timed out after {settings.timeout:g} s]"
        except KeyboardInterrupt:
            reason = "hook bị dừng [the hook was stopped]"
        finally:
            if running.poll() is None:
                processes.kill_session(running.pid)
                running.wait()
    live_after = live_release(settings.webroot)
    if live_after == live_before:
        shown = live_after.name if live_after else "(chưa có) [none yet]"
        say(
            f"portal: {reason}: đã dừng việc đưa lên và mọi tiến trình của nó; trang đang chạy "
            f"được giữ nguyên: {shown} [the publish was stopped; the live site is unchanged]"
        )
    else:
        say(
            f"portal: {reason}: đã dừng, nhưng bản {live_after.name} đã kịp lên mạng "
            "[stopped after the new release went live]"
        )
    return None


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "--git-dir", str(repo), *args], capture_output=True, text=True, check=False
    )


NOT_UPDATED = (
    "portal: trang CHƯA được cập nhật. Sửa các lỗi ở trên, commit rồi đẩy lên lại "
    "[the site was NOT updated: fix the errors above, commit and push again]"
)


def say(message: str) -> None:
    print(message, flush=True)
