"""The build, as one readable flow: read every document into a catalog and validate it before
anything is written; then generate pages, feeds, images and open data from that one catalog."""

from __future__ import annotations

from pathlib import Path

from .caches import Memo
from .catalog import Catalog, load_catalog
from .problems import ContentError

#: Parsed front matter kept between builds, in the cache folder (caches.py).
PARSE_CACHE = "front-matter.pickle"


def read_catalog(
    docs_dir: Path, root: Path | None = None, cache_dir: Path | None = None
) -> Catalog:
    """Read all content with topics assigned by the rules; problems are kept, not raised.
    With `cache_dir`, front matter parsed by an earlier build is not parsed again."""
    from .topics import classify, load_rules

    rules = load_rules()
    cache = Memo(cache_dir / PARSE_CACHE) if cache_dir is not None else None
    return load_catalog(
        docs_dir, classify=lambda t, b: classify(t, b, rules), root=root, cache=cache
    )


def build_catalog(
    docs_dir: Path, root: Path | None = None, cache_dir: Path | None = None
) -> Catalog:
    """Read and validate all content; raise ContentError listing every error at once."""
    catalog = read_catalog(docs_dir, root, cache_dir)
    if catalog.errors:
        raise ContentError(catalog.problems)
    return catalog
