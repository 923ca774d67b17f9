"""`portal publish`: releases, the atomic switch of `current`, pruning, failures and the lock.

These tests build with a small builder that writes one file, so they test the release
mechanics in milliseconds; the real MkDocs build is exercised end to end in test_hook.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from stuck_build import (
    marked_processes,
    no_process_left,
    plan,
    stuck_env,
    stuck_project,
    wait_until_stuck,
)

from build_scripts.cli import main
from build_scripts.publish import PublishError
from build_scripts.publish import publish as publish_release

SITE = "https://doingoai.example.vn/"
PORTAL = Path(sys.executable).parent / "portal"


def publish(root: Path, webroot: Path, **kwargs):
    """A publish at a public address (the local default is refused: see the tests below)."""
    return publish_release(root, webroot, **{"site_url": SITE, **kwargs})


BAD_DIRECTIVE = """\
---
title: Kế hoạch
doc_type: Kế hoạch
issuer: Ủy ban nhân dân tỉnh
date: 2025-13-01
---

Nội dung.
"""


def project(tmp_path: Path, text: str = "# Trang chủ\n") -> Path:
    root = tmp_path / "project"
    (root / "content/docs").mkdir(parents=True, exist_ok=True)
    (root / "content/docs/index.md").write_text(text, encoding="utf-8")
    return root


def write_index(config_file: str, site_dir: Path, strict: bool, site_url=None) -> None:
    """Build 'the site': one page with the project's home page text."""
    docs = Path(config_file).parent / "content/docs"
    assert site_dir.is_dir() and not any(site_dir.iterdir())  # new and empty
    (site_dir / "index.html").write_text((docs / "index.md").read_text(encoding="utf-8"))


def live_text(webroot: Path) -> str:
    return (webroot / "current/index.html").read_text()


def test_first_and_second_release(tmp_path):
    root, webroot, said = project(tmp_path), tmp_path / "www", []
    first = publish(root, webroot, commit="a" * 40, build=write_index, say=said.append)
    assert first.name == "000001-aaaaaaaaaaaa"
    assert os.readlink(webroot / "current") == "releases/000001-aaaaaaaaaaaa"
    (root / "content/docs/index.md").write_text("# Mới\n")
    second = publish(root, webroot, commit="a" * 40, build=write_index, say=said.append)
    # Same commit published twice in the same second: the counter keeps them apart.
    assert second.name == "000002-aaaaaaaaaaaa"
    assert live_text(webroot) == "# Mới\n"
    assert said[-4:] == [
        "portal publish: kiểm tra nội dung [checking content]",
        "0 lỗi, 0 cảnh báo [0 errors, 0 warnings]",
        "portal publish: xây dựng bản 000002-aaaaaaaaaaaa [building the release]",
        "portal publish: đã đưa lên mạng: current -> releases/000002-aaaaaaaaaaaa [published]",
    ]


def test_a_failed_build_leaves_the_live_site_and_no_partial_release(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"
    publish(root, webroot, build=write_index, say=lambda m: None)

    def failing(config_file: str, site_dir: Path, strict: bool, site_url=None) -> None:
        (site_dir / "half.html").write_text("half")
        raise PluginError("hỏng")

    (root / "content/docs/index.md").write_text("# Mới\n")
    with pytest.raises(PublishError) as failure:
        publish(root, webroot, build=failing, say=lambda m: None)
    assert str(failure.value) == (
        "xây dựng thất bại: hỏng; trang đang chạy được giữ nguyên "
        "[build failed: the live site is unchanged]"
    )
    assert live_text(webroot) == "# Trang chủ\n"
    assert sorted(os.listdir(webroot / "releases")) == ["000001-local"]


def test_an_unexpected_error_still_removes_the_partial_release(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"

    def crashing(config_file: str, site_dir: Path, strict: bool, site_url=None) -> None:
        raise RuntimeError("bug")

    with pytest.raises(RuntimeError):
        publish(root, webroot, build=crashing, say=lambda m: None)
    assert os.listdir(webroot / "releases") == []
    assert not (webroot / "current").exists()


def test_content_errors_stop_before_the_build(tmp_path, capsys, monkeypatch):
    root, webroot = project(tmp_path), tmp_path / "www"
    publish(root, webroot, build=write_index, say=lambda m: None)
    (root / "content/docs/van-ban").mkdir()
    (root / "content/docs/van-ban/x.md").write_text(BAD_DIRECTIVE, encoding="utf-8")
    monkeypatch.chdir(root)
    code = main(["publish", str(webroot), "--config", "none.yml", "--allow-local-url"])
    out, err = capsys.readouterr()
    assert code == 1
    assert out.splitlines() == [
        "portal publish: kiểm tra nội dung [checking content]",
        "content/docs/van-ban/x.md:5: ngày '2025-13-01' không có thật: viết dạng YYYY-MM-DD, "
        "ví dụ 2023-02-20 [invalid date]",
        "1 lỗi, 0 cảnh báo [1 error, 0 warnings]",
    ]
    assert err == (
        "portal publish: nội dung có lỗi, chưa xây dựng; trang đang chạy được giữ nguyên "
        "[content errors: nothing built, the live site is unchanged]\n"
    )
    assert os.readlink(webroot / "current") == "releases/000001-local"


def test_only_the_last_releases_are_kept(tmp_path):
    root, webroot, said = project(tmp_path), tmp_path / "www", []
    for _ in range(7):
        publish(root, webroot, keep=5, build=write_index, say=said.append)
    assert sorted(os.listdir(webroot / "releases")) == [f"{n:06d}-local" for n in range(3, 8)]
    assert said[-1] == (
        "portal publish: đã đưa lên mạng: current -> releases/000007-local; "
        "đã xóa bản cũ 000002-local [published]"
    )


def test_what_a_killed_publish_left_is_removed_and_never_built_upon(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"
    # A publish killed mid-build: its release folder and the English part beside it.
    left = [webroot / "releases/.000001-local.x1.partial", webroot / "releases/.000001-local.x1"]
    for folder in left:
        (folder / "van-ban/xoa").mkdir(parents=True)
        (folder / "van-ban/xoa/index.html").write_text("trang đã xóa")
    used: list[Path] = []

    def recording(config_file: str, site_dir: Path, strict: bool, site_url=None) -> None:
        used.append(site_dir)
        write_index(config_file, site_dir, strict)  # asserts the folder is new and empty

    release = publish(root, webroot, build=recording, say=lambda m: None)
    assert release.name == "000001-local"
    assert os.listdir(webroot / "releases") == ["000001-local"]
    assert used[0].parent == webroot / "releases" and used[0] not in left
    assert not (webroot / "current/van-ban").exists()
    publish(root, webroot, build=recording, say=lambda m: None)
    assert used[1] != used[0]  # every build its own folder
    # Readable by the web server, which runs as another user.
    assert (webroot / "current").stat().st_mode & 0o777 == 0o777 & ~current_umask()


def current_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


def test_current_must_be_a_symlink(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"
    (webroot / "current").mkdir(parents=True)
    with pytest.raises(PublishError, match=r"current must be a symlink"):
        publish(root, webroot, build=write_index, say=lambda m: None)


def test_concurrent_publishes_take_turns_in_order(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"
    building, release_first = threading.Event(), threading.Event()
    said_second: list[str] = []

    def slow(config_file: str, site_dir: Path, strict: bool, site_url=None) -> None:
        building.set()
        assert release_first.wait(10)
        write_index(config_file, site_dir, strict)

    first = threading.Thread(
        target=publish, args=(root, webroot), kwargs={"build": slow, "say": lambda m: None}
    )
    first.start()
    assert building.wait(10)
    second = threading.Thread(
        target=publish,
        args=(root, webroot),
        kwargs={"build": write_index, "say": said_second.append},
    )
    second.start()
    second.join(0.5)
    assert second.is_alive()  # waiting for the lock
    assert said_second == [
        "portal publish: chờ lần đưa lên trước xong [waiting for another publish]"
    ]
    release_first.set()
    first.join(10)
    second.join(10)
    assert os.readlink(webroot / "current") == "releases/000002-local"
    assert sorted(os.listdir(webroot / "releases")) == ["000001-local", "000002-local"]


def git(repo: Path, *args: str) -> str:
    done = subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True
    )
    return done.stdout.strip()


def commit(root: Path, message: str) -> None:
    git(
        root,
        "-c",
        "user.name=t",
        "-c",
        "user.email=t@x",
        "commit",
        "-q",
        "--allow-empty",
        "-m",
        message,
    )


def test_the_branch_decides_not_the_commit_date(tmp_path):
    """`git push -f` to an older commit publishes it; a commit the branch has moved on from is
    left to the publish of the newer push, which follows."""
    root, webroot, said = project(tmp_path), tmp_path / "www", []
    git(root, "init", "-q", "-b", "main")
    commit(root, "1")
    older = git(root, "rev-parse", "HEAD")
    commit(root, "2")
    newer = git(root, "rev-parse", "HEAD")
    at = {"git_dir": root / ".git", "ref": "refs/heads/main", "build": write_index}
    publish(root, webroot, commit=newer, say=said.append, **at)
    git(root, "reset", "-q", "--hard", older)  # what a forced push of the older commit does
    forced = publish(root, webroot, commit=older, say=said.append, **at)
    assert forced.name == f"000002-{older[:12]}"
    assert os.readlink(webroot / "current") == f"releases/000002-{older[:12]}"
    # A late publish of `newer`: the branch now points elsewhere, so it is not published.
    assert publish(root, webroot, commit=newer, say=said.append, **at) is None
    assert said[-1] == (
        f"portal publish: refs/heads/main đã chuyển sang {older[:12]}, bỏ qua {newer[:12]}; "
        "lần đưa lên sau sẽ đưa bản đó [the branch moved on: its own publish follows]"
    )
    assert os.readlink(webroot / "current") == f"releases/000002-{older[:12]}"
    git(root, "checkout", "-q", "--detach")
    git(root, "branch", "-q", "-D", "main")
    assert publish(root, webroot, commit=older, say=said.append, **at) is None
    assert (
        said[-1]
        == "portal publish: refs/heads/main không còn; trang giữ nguyên [the branch is gone]"
    )
    assert os.readlink(webroot / "current") == f"releases/000002-{older[:12]}"


LOCAL_REFUSED = (
    "portal publish: địa chỉ trang là http://127.0.0.1:8000/, chỉ mở được trên máy này; chưa "
    "đưa lên mạng. đặt địa chỉ của trang: `portal install-hook KHO --webroot THƯ_MỤC --site-url "
    "https://ten-mien/` (hoặc `PORTAL_SITE_URL=https://ten-mien/ portal publish ...`); xem "
    "EDITING.md [set the site's public address with install-hook --site-url or "
    "PORTAL_SITE_URL; --allow-local-url publishes at a local address anyway]\n"
)


def write_config(root: Path) -> None:
    """The project's own setting: the address from PORTAL_SITE_URL, local by default."""
    text = (Path(__file__).parent.parent / "mkdocs.yml").read_text(encoding="utf-8")
    line = next(x for x in text.splitlines() if x.startswith("site_url:"))
    (root / "mkdocs.yml").write_text(line + "\n", encoding="utf-8")


@pytest.mark.parametrize(
    "address",
    ["", "http://127.0.0.1:8000/", "http://localhost:8080/", "http://[::1]/", "http://0.0.0.0/"],
)
def test_a_site_at_a_local_address_is_not_published(tmp_path, monkeypatch, capsys, address):
    root, webroot = project(tmp_path), tmp_path / "www"
    write_config(root)
    monkeypatch.setenv("PORTAL_SITE_URL", address)
    monkeypatch.chdir(root)
    assert main(["publish", str(webroot)]) == 1
    shown = address or "(không có) [none]"
    assert capsys.readouterr().err == LOCAL_REFUSED.replace("http://127.0.0.1:8000/", shown, 1)
    assert not (webroot / "current").exists()


def test_a_local_address_is_published_only_when_asked(tmp_path, monkeypatch):
    root, webroot, built = project(tmp_path), tmp_path / "www", []
    write_config(root)
    monkeypatch.delenv("PORTAL_SITE_URL", raising=False)

    def recording(config_file: str, site_dir: Path, strict: bool, site_url=None) -> None:
        built.append(site_url)
        write_index(config_file, site_dir, strict)

    def at(**kwargs):
        return publish_release(root, webroot, build=recording, say=lambda m: None, **kwargs)

    with pytest.raises(PublishError, match="chỉ mở được trên máy này"):
        at()
    at(allow_local_url=True)
    monkeypatch.setenv("PORTAL_SITE_URL", "https://doingoai.example.vn/")
    at()
    at(site_url="https://khac.example.vn/")  # the option wins over the environment
    assert built == [
        "http://127.0.0.1:8000/",
        "https://doingoai.example.vn/",
        "https://khac.example.vn/",
    ]


@pytest.mark.parametrize(
    ("address", "why"),
    [
        ("doingoai.example.vn", "[the site address must be an http(s) URL with a host]"),
        ("ftp://x.vn/", "[the site address must be an http(s) URL with a host]"),
        ("https://x.vn/?a=1", "[no query or fragment]"),
    ],
)
def test_a_site_address_must_be_a_web_address(tmp_path, capsys, address, why):
    with pytest.raises(SystemExit):
        main(["publish", str(tmp_path / "www"), "--site-url", address])
    err = capsys.readouterr().err
    assert f"argument --site-url: '{address}' không" in err and err.endswith(f"{why}\n")


# --- a build that is killed: its workers go with it, and nothing it wrote is used ------------


@pytest.mark.slow
def test_a_killed_build_leaves_no_process_and_no_folder_behind(tmp_path):
    project = stuck_project(tmp_path)
    started = tmp_path / "started"
    env, marker = stuck_env(started)
    building = subprocess.Popen(
        [PORTAL, "build", "--out", "site"],
        cwd=project,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wait_until_stuck(started)
    # The build, its two language workers, and the process each of them started.
    assert len(marked_processes(marker)) >= 5
    building.send_signal(signal.SIGTERM)
    assert building.wait(timeout=30) == 130
    assert no_process_left(marker) == []
    assert [p.name for p in project.iterdir() if "site" in p.name] == []


@pytest.mark.slow
def test_a_page_deleted_after_a_killed_publish_stays_deleted(tmp_path):
    """Killed with SIGKILL (no handler runs) once its pages are written, then the page deleted
    and the site published again: the page is gone, in both languages, every time."""
    project, webroot = stuck_project(tmp_path), tmp_path / "www"
    command = [PORTAL, "publish", str(webroot), "--site-url", SITE]
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    for round in range(3):
        name = f"2025-{10 + round}-kh-ubnd"
        page = project / f"content/docs/van-ban/{name}.md"
        page.write_text(plan(10 + round), encoding="utf-8")
        started = tmp_path / f"started-{round}"
        env, marker = stuck_env(started)
        killed = subprocess.Popen(command, cwd=project, env=env, **quiet)
        wait_until_stuck(started)
        killed.kill()
        killed.wait(timeout=30)
        assert no_process_left(marker) == []  # the workers saw their parent go
        page.unlink()
        env = {k: v for k, v in env.items() if k != "PORTAL_TEST_STARTED"}
        subprocess.run(command, cwd=project, env=env, check=True, timeout=300, **quiet)
        current = webroot / "current"
        assert (current / "van-ban/2025-1-kh-ubnd/index.html").is_file()
        assert not (current / f"van-ban/{name}").exists()
        assert not (current / f"en/van-ban/{name}").exists()
        assert name not in (current / "sitemap-all.xml").read_text(encoding="utf-8")
        assert not list((webroot / "releases").glob(".*"))
