"""`portal publish`: releases, the atomic switch of `current`, pruning, failures and the lock.

These tests build with a small builder that writes one file, so they test the release
mechanics in milliseconds; the real MkDocs build is exercised end to end in test_hook.py.
"""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from build_scripts.cli import main
from build_scripts.publish import PublishError, publish

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


def write_index(config_file: str, site_dir: Path, strict: bool) -> None:
    """Build 'the site': one page with the project's home page text."""
    docs = Path(config_file).parent / "content/docs"
    site_dir.mkdir(parents=True)
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

    def failing(config_file: str, site_dir: Path, strict: bool) -> None:
        site_dir.mkdir(parents=True)
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

    def crashing(config_file: str, site_dir: Path, strict: bool) -> None:
        site_dir.mkdir(parents=True)
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
    code = main(["publish", str(webroot), "--config", "none.yml"])
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


def test_a_partial_release_left_by_a_killed_publish_is_removed(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"
    (webroot / "releases/.000001-local.partial").mkdir(parents=True)
    release = publish(root, webroot, build=write_index, say=lambda m: None)
    assert release.name == "000001-local"
    assert os.listdir(webroot / "releases") == ["000001-local"]


def test_current_must_be_a_symlink(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"
    (webroot / "current").mkdir(parents=True)
    with pytest.raises(PublishError, match=r"current must be a symlink"):
        publish(root, webroot, build=write_index, say=lambda m: None)


def test_concurrent_publishes_take_turns_in_order(tmp_path):
    root, webroot = project(tmp_path), tmp_path / "www"
    building, release_first = threading.Event(), threading.Event()
    said_second: list[str] = []

    def slow(config_file: str, site_dir: Path, strict: bool) -> None:
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


def test_an_older_commit_arriving_late_does_not_replace_a_newer_one(tmp_path):
    root, webroot, said = project(tmp_path), tmp_path / "www", []
    git(root, "init", "-q")
    commit(root, "1")
    older = git(root, "rev-parse", "HEAD")
    commit(root, "2")
    newer = git(root, "rev-parse", "HEAD")
    git_dir = root / ".git"
    publish(root, webroot, commit=newer, git_dir=git_dir, build=write_index, say=said.append)
    assert (
        publish(root, webroot, commit=older, git_dir=git_dir, build=write_index, say=said.append)
        is None
    )
    assert said[-1] == (
        f"portal publish: {older[:12]} không mới hơn bản đang chạy 000001-{newer[:12]}; "
        "bỏ qua [this commit is already live, or older than the live one]"
    )
    assert os.readlink(webroot / "current") == f"releases/000001-{newer[:12]}"
