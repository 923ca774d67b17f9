"""Worker processes that end with the build that started them.

A build runs one process per language, and those draw share images in pools of their own and
run Pagefind. When the build stops early (an error, a timeout, SIGTERM, Ctrl-C) every one of them
must stop too: a worker left running keeps git's pipe open (the push hangs) and goes on writing
into a folder the next build may use. Three layers, because no single one covers every way a
process can die:

- `owned_pool`: a process pool whose owner kills every worker, and everything the workers
  started, as soon as the `with` block is left by an exception;
- `die_with_parent`: each worker watches its parent and, when the parent is gone (killed with
  SIGKILL, which no handler sees), kills its own descendants and itself;
- `kill_session`: the publish hook starts `portal publish` in a session of its own and, on a
  timeout, kills every process still in that session, orphans included.

Linux's /proc tells who is whose child; elsewhere the pool falls back to killing the workers
themselves and the hook to killing the process group.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading
import time
import uuid
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

PROC = Path("/proc")
WATCH_SECONDS = 0.2  # how often a worker checks that its parent is still there
STOPPING = (signal.SIGTERM, signal.SIGHUP)  # signals that stop a build like Ctrl-C


def _stat_fields(pid: int) -> list[str] | None:
    """The fields of /proc/PID/stat after the command name (which may hold spaces and ')')."""
    try:
        text = (PROC / str(pid) / "stat").read_text()
    except OSError:
        return None
    return text[text.rfind(")") + 2 :].split()


def _all_pids() -> list[int]:
    try:
        return [int(p.name) for p in PROC.iterdir() if p.name.isdigit()]
    except OSError:
        return []


def descendants(pid: int) -> list[int]:
    """Every living process below `pid` (children, their children...), parents first."""
    children: dict[int, list[int]] = {}
    for other in _all_pids():
        fields = _stat_fields(other)
        if fields is not None and fields[0] != "Z":
            children.setdefault(int(fields[1]), []).append(other)
    found, stack = [], list(children.get(pid, []))
    while stack:
        child = stack.pop(0)
        found.append(child)
        stack.extend(children.get(child, []))
    return found


def session_members(session: int) -> list[int]:
    """Every living process of a session (field 6 of /proc/PID/stat), whoever its parent is."""
    found = []
    for pid in _all_pids():
        fields = _stat_fields(pid)
        if fields is not None and fields[0] != "Z" and int(fields[3]) == session:
            found.append(pid)
    return found


def alive(pid: int) -> bool:
    """Whether a process `pid` exists (a leftover named by a dead one's id can go)."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # someone else's
        return True
    return True


def _kill(pids: list[int]) -> None:
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.kill(pid, signal.SIGKILL)


def kill_tree(pid: int, *, including: bool = True) -> None:
    """Kill `pid` and everything below it. Stopped first, so that none starts another process
    while the rest are killed; repeated while any is left (a child started in between)."""
    for _ in range(5):
        below = descendants(pid)
        targets = ([pid] if including else []) + below
        for target in targets:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.kill(target, signal.SIGSTOP)
        _kill(targets)
        if not below:
            return


def kill_session(leader: int) -> None:
    """Kill every process of the session `leader` started (start_new_session=True)."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(leader, signal.SIGKILL)  # the group: everything, where /proc is missing
    for _ in range(5):
        members = session_members(leader)
        if not members:
            return
        _kill(members)
        time.sleep(0.05)


def die_with_parent(parent: int) -> None:
    """In a worker: a thread that ends this process and all it started once `parent` is gone
    (the worker is then adopted by another process, and getppid() changes)."""

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(WATCH_SECONDS)
        kill_tree(os.getpid(), including=False)
        os._exit(1)

    threading.Thread(target=watch, name="die-with-parent", daemon=True).start()


def adopt_orphans() -> bool:
    """Make this process the one that inherits the orphans of its descendants (Linux's child
    subreaper): a grandchild whose parent was killed first is then still below us, where
    kill_tree finds it, instead of adopted by init. False where the system has no such thing."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        return libc.prctl(36, 1, 0, 0, 0) == 0  # PR_SET_CHILD_SUBREAPER
    except (OSError, AttributeError):
        return False


#: Set in a pool's workers, so that everything they start carries the pool's mark.
POOL_ENV = "PORTAL_POOL"


def _start_worker(parent: int, token: str, initializer, initargs: tuple) -> None:
    # a pool inside a pool's worker adds its mark to the outer one's
    os.environ[POOL_ENV] = ",".join(filter(None, [os.environ.get(POOL_ENV), token]))
    die_with_parent(parent)
    if initializer is not None:
        initializer(*initargs)


@contextlib.contextmanager
def owned_pool(
    max_workers: int,
    mp_context,
    initializer=None,
    initargs: tuple = (),
    max_tasks_per_child: int | None = None,
) -> Iterator[ProcessPoolExecutor]:
    """A ProcessPoolExecutor whose workers die with this process, and are killed (with all they
    started) when the block is left by any exception, KeyboardInterrupt and SystemExit included;
    on success the pool is shut down as usual, waiting for the work it was given. With
    `max_tasks_per_child`, a worker is replaced by a fresh one after that many tasks."""
    adopt_orphans()
    token = uuid.uuid4().hex
    pool = ProcessPoolExecutor(
        max_workers=max_workers,
        mp_context=mp_context,
        initializer=_start_worker,
        initargs=(os.getpid(), token, initializer, initargs),
        max_tasks_per_child=max_tasks_per_child,
    )
    try:
        yield pool
    except BaseException:
        workers = list(getattr(pool, "_processes", {}) or {})  # pids; no public way to get them
        for pid in workers:
            kill_tree(pid)
        # What a worker started and that outlived it (killed before its children were seen)
        # is now ours, as its subreaper: nothing this process started may outlive the build.
        for _ in range(10):
            orphans = _orphans_of(os.getpid(), token)
            if not orphans:
                break
            for orphan in orphans:
                kill_tree(orphan)
            time.sleep(0.02)
        pool.shutdown(wait=False, cancel_futures=True)
        raise
    pool.shutdown(wait=True)


def _orphans_of(pid: int, token: str) -> list[int]:
    """Living descendants of `pid` started by a worker of the pool marked `token` (they inherit
    its mark from the worker's environment), whoever their parent is now. Nothing else below
    `pid` is touched: a caller's other processes (a browser, say) are not the pool's."""
    prefix = f"{POOL_ENV}=".encode()
    found = []
    for child in descendants(pid):
        try:
            environ = (PROC / str(child) / "environ").read_bytes()
        except OSError:
            continue
        marks = [v[len(prefix) :] for v in environ.split(b"\0") if v.startswith(prefix)]
        if any(token.encode() in mark.split(b",") for mark in marks):
            found.append(child)
    return found


@contextlib.contextmanager
def sigterm_interrupts() -> Iterator[None]:
    """Inside, SIGTERM (and SIGHUP: the terminal or the pusher's connection gone) ends this
    process as Ctrl-C does, so the `finally` and `except` blocks
    that stop the workers and remove half-built folders run (its default action ends the
    process on the spot). The previous handler is back afterwards."""

    def interrupt(signum, frame) -> None:
        raise KeyboardInterrupt(f"signal {signum}")

    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set handlers
        return
    previous = {signum: signal.signal(signum, interrupt) for signum in STOPPING}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
