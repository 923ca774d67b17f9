"""Where the seed and corpus texts the tests read are: copies kept in tests/fixtures/, so a clone
with nothing beside it passes `make test`."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
