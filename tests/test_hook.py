"""`portal install-hook`: a push to main publishes; the pusher sees the check's messages.

The end-to-end tests use real git (a bare repository, a clone, pushes) and real MkDocs builds
of a small project made of the real mkdocs.yml, theme and pages with two directives.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from build_scripts.bench import corpus
from build_scripts.cli import main
from build_scripts.commands.hook import hook_script

ROOT = Path(__file__).resolve().parent.parent
PORTAL = Path(sys.executable).parent / "portal"

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


def push(work: Path) -> str:
    """`git push` and everything it printed (the hook's output comes as 'remote:' lines)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    done = subprocess.run(
        ["git", "push", "-q", "origin", "main"],
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
    assert main(["install-hook", str(bare), "--webroot", str(webroot)]) == 0
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
    page = remote.webroot / "current/van-ban/2025-2-kh-ubnd/index.html"
    assert "Nội dung kế hoạch số 2." in page.read_text(encoding="utf-8")
    assert (remote.webroot / "current/en/van-ban/2025-2-kh-ubnd/index.html").is_file()
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


def test_the_hook_calls_back_into_this_portal():
    assert hook_script(
        Path("/srv/portal/.venv/bin/portal"), Path("/srv/www"), "main", False, 900
    ) == (
        "#!/bin/sh\n"
        "# Installed by `portal install-hook`: every push to main is checked, built and "
        "published.\n"
        "# Its output reaches the person pushing as 'remote:' lines.\n"
        "exec /srv/portal/.venv/bin/portal post-receive --webroot /srv/www --branch main "
        "--timeout 900\n"
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
