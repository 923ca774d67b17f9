"""The engine's live-reload server, for portal serve."""

from __future__ import annotations

from collections.abc import Callable

from mkdocs.livereload import LiveReloadServer


def live_server(builder: Callable[[], None], host: str, port: int, root: str) -> LiveReloadServer:
    """A server of `root` that calls `builder` when a watched file changes, then reloads the
    open pages."""
    return LiveReloadServer(builder=builder, host=host, port=port, root=root)
