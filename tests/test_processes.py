"""Owned pools: a pool left by an error kills its workers and all they started, even what
outlived a worker, and nothing else the owner runs (a browser driver, say)."""

from __future__ import annotations

import multiprocessing
import subprocess
import time

import pytest

from build_scripts import processes


def start_child_and_wait(path: str) -> None:
    """In a worker: start a long process, say its pid, and wait (the pool is then left)."""
    child = subprocess.Popen(["sleep", "120"])
    with open(path, "w") as out:
        out.write(str(child.pid))
    time.sleep(120)


def test_a_pool_left_by_an_error_kills_what_its_workers_started_and_nothing_else(tmp_path):
    bystander = subprocess.Popen(["sleep", "120"])  # the owner's own, outside the pool
    marker = tmp_path / "child"
    try:
        spawn = multiprocessing.get_context("spawn")
        with pytest.raises(RuntimeError), processes.owned_pool(1, spawn) as pool:
            pool.submit(start_child_and_wait, str(marker))
            deadline = time.monotonic() + 60
            while not marker.exists() or not marker.read_text():
                assert time.monotonic() < deadline
                time.sleep(0.05)
            raise RuntimeError("the build failed")
        grandchild = int(marker.read_text())
        deadline = time.monotonic() + 10
        while processes.alive(grandchild) and _not_zombie(grandchild):
            assert time.monotonic() < deadline, "the worker's child outlived the pool"
            time.sleep(0.05)
        assert bystander.poll() is None  # still running: not the pool's
    finally:
        bystander.kill()
        bystander.wait()


def _not_zombie(pid: int) -> bool:
    fields = processes._stat_fields(pid)
    return fields is not None and fields[0] != "Z"
