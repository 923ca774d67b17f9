"""Running the engine: one language's build, in a process of its own, and the engine's log."""

from __future__ import annotations

import logging
import logging.handlers
import os
import sys

from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config

from . import LOGGER

LANG_ENV = "PORTAL_LANG"


def render_language(
    config_file: str,
    lang: str,
    site_dir: str,
    strict: bool,
    site_url: str | None,
    serve_url: str | None,
    dirty: bool = False,
) -> None:
    """The engine builds the pages of `lang` into `site_dir` (its plugin adds generated pages,
    feeds, images, sitemaps and open data). `dirty` renders only what changed (portal serve)."""
    os.environ[LANG_ENV] = lang  # mkdocs.yml reads the language from the environment
    overrides = {"site_url": site_url} if site_url else {}
    config = load_config(config_file, site_dir=site_dir, strict=strict, **overrides)
    config.plugins.on_startup(command="serve" if serve_url else "build", dirty=dirty)
    try:
        mkdocs_build(config, serve_url=serve_url, dirty=dirty)
    finally:
        config.plugins.on_shutdown()


def check_config(config_file: str) -> None:
    """Fail early on a broken configuration (raises one of BUILD_ERRORS)."""
    load_config(config_file)


def send_log_to(log_queue, log_level: int) -> None:
    """In a language's process: the engine's log goes back to the parent, which prints it."""
    logger = logging.getLogger(LOGGER)
    logger.handlers[:] = [logging.handlers.QueueHandler(log_queue)]
    logger.setLevel(log_level)
    logger.propagate = False


def show_warnings() -> None:
    """Print the engine's warnings: without a handler they vanish, and `--strict` fails
    unexplained."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)s - %(message)s"))
    handler.setLevel(logging.WARNING)
    logging.getLogger(LOGGER).addHandler(handler)
