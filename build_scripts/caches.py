"""Where builds keep what the next build can reuse (share images, rendered Markdown).

By default `.cache/` in the project. `PORTAL_CACHE_DIR` puts it elsewhere: a publish builds in a
fresh export of the pushed commit, so its hook points this at a folder beside the releases, and
each push reuses what the previous one drew and rendered. Everything in it is keyed by its
inputs: deleting it only makes the next build slower.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

ENV = "PORTAL_CACHE_DIR"
DEFAULT = ".cache"


def root(project: Path) -> Path:
    """The cache folder for a project."""
    configured = os.environ.get(ENV)
    return Path(configured) if configured else project / DEFAULT


def link_or_copy(source: Path, target: Path) -> None:
    """Put the file `source` at `target` as a hard link (no bytes written: thousands of share
    images and sources a build), or as a copy where a link cannot be made (another filesystem).

    Safe for a site folder because nothing writes into these files in place: the cache and git
    replace a file by a new one, which leaves every link to the old one as it was."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
