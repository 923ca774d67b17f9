"""Problems found in content, reported to editors as `path:line: message`."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One thing wrong (or doubtful) in one file, at one line (0 when the file as a whole)."""

    path: str
    line: int
    message: str
    severity: str = "error"  # "error" stops a build; "warning" is reported only

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        prefix = "" if self.severity == "error" else "cảnh báo [warning]: "
        return f"{where}: {prefix}{self.message}"


class ContentError(Exception):
    """Raised when content has errors; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def display_path(path: Path, root: Path | None = None) -> str:
    """A path as an editor would type it: relative to the project when possible."""
    try:
        return str(path.resolve().relative_to((root or Path.cwd()).resolve()))
    except ValueError:
        return str(path)


class BuildError(Exception):
    """A build step outside the engine failed (the search index, say); the message is for the
    editor, and every command that builds reports it as it reports the engine's own errors."""
