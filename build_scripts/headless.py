"""Looking at a built site as a reader would, for the tests and the benchmark: a static server on
127.0.0.1, and the settings for Debian's headless Chromium (Playwright never downloads one)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

CHROMIUM = "/usr/bin/chromium"
#: Flags that keep Chromium from phoning home (updates, sync, QUIC probes), so every request
#: seen while a page loads comes from the page itself.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    """A port on 127.0.0.1 that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files without a log line per request."""

    def log_message(self, format: str, *args) -> None:
        pass


@contextlib.contextmanager
def serve_folder(folder: Path, port: int = 0, handler_class: type = _QuietHandler) -> Iterator[str]:
    """Serve `folder` over HTTP on 127.0.0.1 (`port` 0: any free one); yields the base URL.
    `handler_class` is a SimpleHTTPRequestHandler (lighthouse.py's compresses text)."""
    handler = functools.partial(handler_class, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
