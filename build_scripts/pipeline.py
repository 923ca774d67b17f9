"""The build, as one readable flow: read every document into a catalog and validate it before
anything is written; then generate pages, feeds, images and open data from that one catalog."""

from __future__ import annotations

from pathlib import Path

from .catalog import Catalog, load_catalog
from .problems import ContentError


def read_catalog(docs_dir: Path, root: Path | None = None) -> Catalog:
    """Read all content with topics assigned by the rules; problems are kept, not raised."""
    from .topics import classify, load_rules

    rules = load_rules()
    return load_catalog(docs_dir, classify=lambda t, b: classify(t, b, rules), root=root)


def build_catalog(docs_dir: Path, root: Path | None = None) -> Catalog:
    """Read and validate all content; raise ContentError listing every error at once."""
    catalog = read_catalog(docs_dir, root)
    if catalog.errors:
        raise ContentError(catalog.problems)
    return catalog
