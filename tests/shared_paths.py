"""Where `../shared` (seeds, corpus) is: beside the project root, as in CI; a git worktree
sits one level deeper, so look upwards; PORTAL_SHARED overrides both."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _find() -> Path:
    if os.environ.get("PORTAL_SHARED"):
        return Path(os.environ["PORTAL_SHARED"])
    for folder in ROOT.parents:
        if (folder / "shared" / "seeds").is_dir():
            return folder / "shared"
    return ROOT.parent / "shared"


SHARED = _find()
