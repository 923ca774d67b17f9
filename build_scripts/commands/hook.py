"""`portal install-hook BARE_REPO --webroot WEBROOT`: every push to main publishes the site.

The installed `post-receive` hook only calls back into this module (`portal post-receive`),
with the `portal` of the virtual environment that installed it, so the logic stays in Python
and the hook keeps working whatever PATH git runs it with. What the hook prints reaches the
person pushing, each line prefixed `remote:`, so an editor sees the check's `path:line:`
messages in the output of `git push`.
"""

from __future__ import annotations

import argparse
import os
import shlex
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

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
    p.add_argument("--timeout", type=int, default=TIMEOUT, help=f"seconds (default {TIMEOUT})")
    p.add_argument("--force", action="store_true", help="replace a post-receive hook not ours")
    p.set_defaults(func=run_install)

    p = subparsers.add_parser(
        "post-receive", help="(run by the installed git hook) publish a pushed branch"
    )
    p.add_argument("--webroot", required=True)
    p.add_argument("--branch", default="main")
    p.add_argument("--strict", action="store_true")
    p.add_argument("--timeout", type=int, default=TIMEOUT)
    p.set_defaults(func=run_post_receive)


def hook_script(portal: Path, webroot: Path, branch: str, strict: bool, timeout: int) -> str:
    """The text of the post-receive hook: one exec of `portal post-receive`."""
    command = [str(portal), "post-receive", "--webroot", str(webroot), "--branch", branch]
    command += ["--timeout", str(timeout)] + (["--strict"] if strict else [])
    return (
        "#!/bin/sh\n"
        f"{MARKER}: every push to {branch} is checked, built and published.\n"
        "# Its output reaches the person pushing as 'remote:' lines.\n"
        f"exec {shlex.join(command)}\n"
    )


def install_hook(
    repo: Path,
    webroot: Path,
    *,
    branch: str = "main",
    strict: bool = False,
    timeout: int = TIMEOUT,
    force: bool = False,
) -> Path:
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
    text = hook_script(portal, webroot.resolve(), branch, strict, timeout)
    temporary = hook.with_name(hook.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.chmod(0o755)
    os.replace(temporary, hook)
    return hook


def run_install(args: argparse.Namespace) -> int:
    webroot = Path(args.webroot)
    try:
        hook = install_hook(
            Path(args.repo),
            webroot,
            branch=args.branch,
            strict=args.strict,
            timeout=args.timeout,
            force=args.force,
        )
    except ValueError as exc:
        print(f"portal install-hook: {exc}", file=sys.stderr)
        return 1
    print(
        f"portal install-hook: đã cài {hook}: mỗi lần đẩy lên nhánh {args.branch}, trang được "
        f"đưa lên {webroot.resolve()}/current [installed]"
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
    return publish_commit(git_dir, newrevs[-1], Path(args.webroot), args.strict, args.timeout)


def publish_commit(git_dir: Path, commit: str, webroot: Path, strict: bool, timeout: int) -> int:
    """Export the pushed tree to a temporary folder and run `portal publish` there."""
    say(f"portal: nhận bản {commit[:12]}, kiểm tra rồi đưa lên mạng [publishing]")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    env["PYTHONUNBUFFERED"] = "1"
    work = Path(tempfile.mkdtemp(prefix="portal-publish-"))
    try:
        _export(git_dir, commit, work, env)
        command = [sys.executable, "-m", "build_scripts.cli", "publish", str(webroot)]
        command += ["--commit", commit, "--git-dir", str(git_dir)]
        command += ["--strict"] if strict else []
        try:
            done = subprocess.run(command, cwd=work, env=env, timeout=timeout, check=False)
        except subprocess.TimeoutExpired:
            say(
                f"portal: quá {timeout} giây, đã dừng; trang đang chạy được giữ nguyên "
                "[timed out: the live site is unchanged]"
            )
            return 1
        if done.returncode != 0:
            say(
                "portal: trang CHƯA được cập nhật. Sửa các lỗi ở trên, commit rồi đẩy lên lại "
                "[the site was NOT updated: fix the errors above, commit and push again]"
            )
        return done.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _export(git_dir: Path, commit: str, work: Path, env: dict[str, str]) -> None:
    """The commit's files, without touching the bare repository's HEAD or index."""
    archive = subprocess.Popen(
        ["git", "--git-dir", str(git_dir), "archive", "--format=tar", commit],
        stdout=subprocess.PIPE,
        env=env,
    )
    with tarfile.open(fileobj=archive.stdout, mode="r|") as tar:
        tar.extractall(work, filter="data")
    if archive.wait() != 0:
        raise RuntimeError(f"git archive {commit} failed")


def _git(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["git", "--git-dir", str(repo), *args], capture_output=True, text=True, check=False
    )


def say(message: str) -> None:
    print(message, flush=True)
