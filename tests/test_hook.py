"""`portal install-hook`: a push to main publishes; the pusher sees the check's messages.

The end-to-end tests use real git (a bare repository, a clone, pushes) and real MkDocs builds
of a small project made of the real mkdocs.yml, theme and pages with two directives.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import tarfile
import time
from dataclasses import dataclass
from pathlib import Path

import pytest
from stuck_build import no_process_left, slow_build, stuck_env, wait_until_stuck

from build_scripts import export
from build_scripts.bench import corpus
from build_scripts.cli import main
from build_scripts.commands.hook import HookSettings, hook_script

ROOT = Path(__file__).resolve().parent.parent
PORTAL = Path(sys.executable).parent / "portal"
SITE = "https://doingoai.example.vn/"

DIRECTIVE = """\
---
title: Công tác đối ngoại nhân dân năm {year}
doc_type: Kế hoạch
number: {n}/KH-UBND
date: {date}
place: Đồng Nai
issuer: Ủy ban nhân dân tỉnh Đồng Nai
topics: [doi-ngoai-nhan-dan]
---

Nội dung kế hoạch số {n}.
"""


def directive(n: int, date: str = "2025-03-02") -> str:
    return DIRECTIVE.format(n=n, date=date, year=date[:4])


def git(cwd: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", "-c", "user.name=Biên tập", "-c", "user.email=bt@example.org", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.strip()


def commit_file(work: Path, name: str, text: str | None, message: str) -> str:
    """Write (or with None, remove) `name` in the clone, commit, and return the commit id."""
    path = work / name
    if text is None:
        git(work, "rm", "-q", "--ignore-unmatch", name)
    else:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        git(work, "add", name)
    git(work, "commit", "-q", "--allow-empty", "-m", message)
    return git(work, "rev-parse", "HEAD")


def push(work: Path, *options: str, env: dict[str, str] | None = None) -> str:
    """`git push` and everything it printed (the hook's output comes as 'remote:' lines)."""
    env = {k: v for k, v in (env or os.environ).items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", "push", "-q", *options, "origin", "main"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=300,
    )
    return done.stdout + done.stderr


@dataclass
class Remote:
    bare: Path
    work: Path
    webroot: Path


@pytest.fixture(scope="module")
def remote(tmp_path_factory) -> Remote:
    """A project with one directive in a bare repository with the hook, and a clone of it."""
    base = tmp_path_factory.mktemp("hook")
    project = base / "project"
    project.mkdir()
    corpus.scaffold(ROOT, project)  # configuration, theme, editorial pages; no directive yet
    (project / "content/docs/van-ban/2025-1-kh-ubnd.md").write_text(directive(1), "utf-8")
    git(project, "init", "-q", "-b", "main")
    git(project, "add", "-A")
    git(project, "commit", "-q", "-m", "Dự án")
    bare, webroot = base / "remote.git", base / "www"
    git(base, "clone", "-q", "--bare", str(project), str(bare))
    assert main(["install-hook", str(bare), "--webroot", str(webroot), "--site-url", SITE]) == 0
    work = base / "work"
    git(base, "clone", "-q", str(bare), str(work))
    return Remote(bare, work, webroot)


@pytest.mark.slow
def test_a_pushed_directive_goes_online_and_a_broken_one_never_does(remote):
    sha = commit_file(
        remote.work, "content/docs/van-ban/2025-2-kh-ubnd.md", directive(2), "Kế hoạch 2"
    )
    out = push(remote.work)
    release = f"releases/000001-{sha[:12]}"
    assert f"remote: portal publish: đã đưa lên mạng: current -> {release} [published]" in out
    assert os.readlink(remote.webroot / "current") == release
    page = (remote.webroot / "current/van-ban/2025-2-kh-ubnd/index.html").read_text("utf-8")
    assert "Nội dung kế hoạch số 2." in page
    # At the address given to install-hook, never the local default.
    assert f'<link rel="canonical" href="{SITE}van-ban/2025-2-kh-ubnd/">' in page
    assert "127.0.0.1" not in (remote.webroot / "current/robots.txt").read_text()
    assert (remote.webroot / "current/en/van-ban/2025-2-kh-ubnd/index.html").is_file()
    # Folders as readable as any this user makes: the web server runs as another user.
    umask = os.umask(0o022)
    os.umask(umask)
    for folder in ("current", "current/en"):
        assert (remote.webroot / folder).stat().st_mode & 0o777 == 0o777 & ~umask
    # The next push reuses what this one rendered and drew: the caches outlive the export.
    assert any((remote.webroot / ".cache/render/vi").glob("*.json"))
    assert any((remote.webroot / ".cache/share-images/vi").glob("*.png"))

    broken = directive(3, date="2025-13-02")
    commit_file(remote.work, "content/docs/van-ban/x.md", broken, "Văn bản sai ngày")
    out = push(remote.work)
    assert (
        "remote: content/docs/van-ban/x.md:5: ngày '2025-13-02' không có thật: viết dạng "
        "YYYY-MM-DD, ví dụ 2023-02-20 [invalid date]"
    ) in out
    assert (
        "remote: portal: trang CHƯA được cập nhật. Sửa các lỗi ở trên, commit rồi đẩy lên lại "
        "[the site was NOT updated: fix the errors above, commit and push again]"
    ) in out
    assert os.readlink(remote.webroot / "current") == release
    assert os.listdir(remote.webroot / "releases") == [release.split("/")[1]]


@pytest.mark.slow
def test_two_quick_pushes_are_both_published_in_order(remote):
    first = commit_file(remote.work, "content/docs/van-ban/x.md", None, "Bỏ văn bản sai")
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    pushing = subprocess.Popen(
        ["git", "push", "-q", "origin", "main"],
        cwd=remote.work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    first_out = []
    for line in pushing.stdout:  # until the first push's hook holds the lock and builds
        first_out.append(line)
        if "[building the release]" in line:
            break
    second = commit_file(
        remote.work, "content/docs/van-ban/2025-4-kh-ubnd.md", directive(4), "Kế hoạch 4"
    )
    second_out = push(remote.work)
    first_out.append(pushing.stdout.read())
    assert pushing.wait(timeout=300) == 0

    releases = sorted(os.listdir(remote.webroot / "releases"))
    assert [r.split("-")[1] for r in releases[-2:]] == [first[:12], second[:12]]
    assert "[published]" in "".join(first_out)
    assert f"current -> releases/{releases[-1]} [published]" in second_out
    assert os.readlink(remote.webroot / "current") == f"releases/{releases[-1]}"
    assert not list((remote.webroot / "releases").glob(".*"))  # nothing half-written
    assert (remote.webroot / "current/van-ban/2025-4-kh-ubnd/index.html").is_file()


@pytest.mark.slow
def test_a_forced_push_of_an_older_commit_publishes_that_commit(remote):
    """Removing a page by pushing an older commit (`git push -f`) takes the page offline."""
    before = git(remote.work, "rev-parse", "HEAD")
    commit_file(remote.work, "content/docs/van-ban/2025-5-kh-ubnd.md", directive(5), "KH 5")
    push(remote.work)
    assert (remote.webroot / "current/van-ban/2025-5-kh-ubnd/index.html").is_file()
    git(remote.work, "reset", "-q", "--hard", before)
    out = push(remote.work, "--force")
    live = os.readlink(remote.webroot / "current")
    assert live.endswith(f"-{before[:12]}") and f"current -> {live} [published]" in out
    assert not (remote.webroot / "current/van-ban/2025-5-kh-ubnd").exists()
    assert "2025-5-kh-ubnd" not in (remote.webroot / "current/sitemap-all.xml").read_text()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "make", "said"),
    [
        (
            "content/docs/van-ban/mat-khau.md",
            lambda path: path.symlink_to("/etc/passwd"),
            "liên kết tượng trưng (symlink) không được đưa lên; hãy commit chính tệp đó "
            "[symbolic links are not published: commit the file itself]",
        ),
        (
            "content/sources/cau-hinh.txt",
            lambda path: path.symlink_to("../../.git/config"),
            "liên kết tượng trưng (symlink) không được đưa lên; hãy commit chính tệp đó "
            "[symbolic links are not published: commit the file itself]",
        ),
        (  # even one that stays inside the project: what it points at can change
            "content/docs/van-ban/ban-sao.md",
            lambda path: path.symlink_to("2025-1-kh-ubnd.md"),
            "liên kết tượng trưng (symlink) không được đưa lên; hãy commit chính tệp đó "
            "[symbolic links are not published: commit the file itself]",
        ),
    ],
)
def test_a_symlink_in_a_push_is_named_and_nothing_is_published(remote, name, make, said):
    live = os.readlink(remote.webroot / "current")
    (remote.work / name).parent.mkdir(parents=True, exist_ok=True)
    make(remote.work / name)
    git(remote.work, "add", name)
    git(remote.work, "commit", "-q", "-m", "Liên kết")
    out = push(remote.work)
    assert f"remote: {name}: {said}" in out
    assert "Traceback" not in out and "tarfile" not in out
    assert "remote: portal: trang CHƯA được cập nhật." in out
    assert os.readlink(remote.webroot / "current") == live
    commit_file(remote.work, name, None, "Bỏ liên kết")
    push(remote.work)


@pytest.mark.parametrize(
    ("name", "kind", "said"),
    [
        ("/etc/cron.d/x", tarfile.REGTYPE, export.OUTSIDE),
        ("content/../../x.md", tarfile.REGTYPE, export.OUTSIDE),
        ("content/docs/a.md", tarfile.SYMTYPE, export.SYMLINK),
        ("content/docs/b.md", tarfile.LNKTYPE, export.SYMLINK),
        ("content/docs/fifo", tarfile.FIFOTYPE, export.NOT_A_FILE),
        ("content/docs/dev", tarfile.CHRTYPE, export.NOT_A_FILE),
        ("content/docs/a.md", tarfile.REGTYPE, None),
        ("content/docs", tarfile.DIRTYPE, None),
    ],
)
def test_only_regular_files_inside_the_project_are_exported(name, kind, said):
    member = tarfile.TarInfo(name)
    member.type = kind
    assert export.refusal(member) == said


def test_hook_settings_reach_the_publish(tmp_path):
    git(tmp_path, "init", "-q", "--bare", "kho.git")
    bare = tmp_path / "kho.git"
    assert main(["install-hook", str(bare), "--webroot", "www", "--site-url", "https://a.vn"]) == 0
    last = (bare / "hooks/post-receive").read_text().splitlines()[-1]
    assert last.endswith(" --timeout 900 --site-url https://a.vn/")
    with pytest.raises(SystemExit):
        main(["install-hook", str(bare), "--webroot", "www", "--site-url", "a.vn"])


@pytest.mark.slow
def test_a_hook_without_a_site_address_publishes_nothing(remote, tmp_path):
    bare = tmp_path / "no-address.git"
    git(tmp_path, "clone", "-q", "--bare", str(remote.bare), str(bare))
    assert main(["install-hook", str(bare), "--webroot", str(remote.webroot)]) == 0
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(bare), str(work))
    live = os.readlink(remote.webroot / "current")
    commit_file(work, "content/docs/van-ban/2025-6-kh-ubnd.md", directive(6), "KH 6")
    out = push(work, env={k: v for k, v in os.environ.items() if k != "PORTAL_SITE_URL"})
    assert (
        "remote: portal publish: địa chỉ trang là http://127.0.0.1:8000/, chỉ mở được trên máy "
        "này; chưa đưa lên mạng."
    ) in out
    assert "install-hook KHO --webroot THƯ_MỤC --site-url https://ten-mien/" in out
    assert os.readlink(remote.webroot / "current") == live


@pytest.mark.slow
def test_a_stuck_publish_is_stopped_whole_and_the_push_returns(remote, tmp_path):
    """The hook's timeout ends every process of the publish (the build's workers and what they
    started), so git's pipe closes: `git push` returns, told why, and the live site stays."""
    bare = tmp_path / "stuck.git"
    git(tmp_path, "clone", "-q", "--bare", str(remote.bare), str(bare))
    timeout = 35  # far above what reaching the stuck hook takes, even on a busy machine
    hook = ["install-hook", str(bare), "--webroot", str(remote.webroot), "--site-url", SITE]
    assert main([*hook, "--timeout", str(timeout)]) == 0
    work = tmp_path / "work"
    git(tmp_path, "clone", "-q", str(bare), str(work))
    slow_build(work)
    git(work, "add", "-A")
    git(work, "commit", "-q", "-m", "Một bước xây dựng bị treo")
    live = os.readlink(remote.webroot / "current")
    started = tmp_path / "started"
    env, marker = stuck_env(started)
    began = time.monotonic()
    pushing = subprocess.Popen(
        ["git", "push", "-q", "origin", "main"],
        cwd=work,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    wait_until_stuck(started, timeout)  # both languages' workers are mid-build
    out, _ = pushing.communicate(timeout=timeout + 60)
    assert time.monotonic() - began < timeout + 30
    assert (
        f"remote: portal: quá {timeout} giây [timed out after {timeout} s]: đã dừng việc đưa lên "
        f"và mọi tiến trình của nó; trang đang chạy được giữ nguyên: {live.split('/')[1]} "
        "[the publish was stopped; the live site is unchanged]"
    ) in out
    assert no_process_left(marker) == []
    assert os.readlink(remote.webroot / "current") == live


def test_the_hook_calls_back_into_this_portal():
    settings = HookSettings(Path("/srv/www"), site_url="https://doingoai.example.vn/")
    assert hook_script(Path("/srv/portal/.venv/bin/portal"), settings) == (
        "#!/bin/sh\n"
        "# Installed by `portal install-hook`: every push to main is checked, built and "
        "published.\n"
        "# Its output reaches the person pushing as 'remote:' lines.\n"
        "exec /srv/portal/.venv/bin/portal post-receive --webroot /srv/www --branch main "
        "--timeout 900 --site-url https://doingoai.example.vn/\n"
    )


def test_install_needs_a_bare_repository(tmp_path, capsys):
    git(tmp_path, "init", "-q")
    assert main(["install-hook", str(tmp_path), "--webroot", str(tmp_path / "www")]) == 1
    assert capsys.readouterr().err == (
        f"portal install-hook: '{tmp_path}' không phải kho git trần (bare) "
        "[not a bare git repository]\n"
    )


def test_install_keeps_a_hook_it_did_not_write(tmp_path, capsys):
    git(tmp_path, "init", "-q", "--bare")
    hook = tmp_path / "hooks/post-receive"
    hook.write_text("#!/bin/sh\necho mail\n")
    assert main(["install-hook", str(tmp_path), "--webroot", "www"]) == 1
    assert capsys.readouterr().err == (
        f"portal install-hook: '{hook}' đã có và không do portal cài; thêm --force để thay "
        "[a post-receive hook exists]\n"
    )
    assert main(["install-hook", str(tmp_path), "--webroot", "www", "--force"]) == 0
    assert os.access(hook, os.X_OK)
    assert f"exec {PORTAL} post-receive" in hook.read_text()


@pytest.mark.parametrize(
    ("line", "said"),
    [
        (f"{'1' * 40} {'2' * 40} refs/heads/khac\n", ""),
        (f"{'1' * 40} {'2' * 40} refs/tags/v1\n", ""),
        (
            f"{'1' * 40} {'0' * 40} refs/heads/main\n",
            "portal: nhánh main đã bị xóa; trang giữ nguyên [branch deleted]\n",
        ),
    ],
)
def test_pushes_to_other_refs_publish_nothing(tmp_path, capsys, monkeypatch, line, said):
    monkeypatch.setattr(sys, "stdin", io.StringIO(line))
    assert main(["post-receive", "--webroot", str(tmp_path / "www")]) == 0
    assert capsys.readouterr().out == said
    assert not (tmp_path / "www").exists()
