"""The project's settings, read once: folders from the configuration file (mkdocs.yml), the
cache folder and the engine from the environment. Every module that needs a path asks here
instead of spelling `content/docs` or `.cache` itself."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from . import caches

ENGINE_ENV = "PORTAL_ENGINE"
ENGINES = ("mkdocs", "properdocs")
CONFIG_FILE = "mkdocs.yml"
DOCS_DIR = "content/docs"  # MkDocs' own default is docs/; ours, when mkdocs.yml says nothing
SOURCES_DIR = "content/sources"
#: A language's search index is built in parts of about this many pages (search.py): Pagefind
#: holds about 140 KB a page in memory, so a part stays near 1 GB.
SEARCH_PART_PAGES = 8000


def engine_name() -> str:
    """The engine that renders pages: PORTAL_ENGINE, `mkdocs` when unset."""
    name = os.environ.get(ENGINE_ENV, "").strip().lower() or ENGINES[0]
    if name not in ENGINES:
        raise SystemExit(
            f"{ENGINE_ENV}={name}: không có bộ dựng này "
            f"[unknown engine; one of {', '.join(ENGINES)}]"
        )
    return name


@dataclass(frozen=True)
class Settings:
    root: Path  # the project: the folder of the configuration file
    config_file: Path
    docs_dir: Path
    sources_dir: Path
    cache_dir: Path
    site_url: str | None
    engine: str
    search_part_pages: int


def load(root: Path, config_name: str = CONFIG_FILE) -> Settings:
    """The settings of the project at `root`; a missing or unreadable configuration gives the
    defaults (checks run on content alone)."""
    config_file = root / config_name
    config = _read(config_file)
    plugin = _portal_options(config.get("plugins"))
    site_url = config.get("site_url")
    return Settings(
        root=root,
        config_file=config_file,
        docs_dir=root / str(config.get("docs_dir") or DOCS_DIR),
        sources_dir=root / str(plugin.get("sources_dir") or SOURCES_DIR),
        cache_dir=caches.root(root),
        site_url=site_url if isinstance(site_url, str) and site_url.strip() else None,
        engine=engine_name(),
        search_part_pages=_positive(plugin.get("search_part_pages"), SEARCH_PART_PAGES),
    )


def _read(config_file: Path) -> dict:
    from .engine import load_yaml  # `!ENV` tags resolved as the engine resolves them

    try:
        with open(config_file, "rb") as handle:
            config = load_yaml(handle)
    except (OSError, ValueError):
        return {}
    return config if isinstance(config, dict) else {}


def _positive(value, default: int) -> int:
    whole = isinstance(value, int) and not isinstance(value, bool)
    return value if whole and value > 0 else default


def _portal_options(plugins) -> dict:
    for entry in plugins if isinstance(plugins, list) else []:
        if isinstance(entry, dict) and isinstance(entry.get("portal"), dict):
            return entry["portal"]
    return {}
