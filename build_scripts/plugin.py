"""The MkDocs plugin: wiring only. All logic lives in plain modules so a new engine needs a new
plugin, nothing else."""

from __future__ import annotations

from mkdocs.plugins import BasePlugin


class PortalPlugin(BasePlugin):
    """Connects MkDocs build events to the portal's catalog, generated pages and outputs."""
