"""The files of a pushed commit, written to a folder for the publish to build from.

Only regular files (and the folders holding them) are exported. A symbolic link could put any
file of the server into the site (`/etc/passwd`, the repository's own `.git/config`), a name
with `..` or a leading `/` would write outside the folder, and a device or FIFO has no place in
a site: each is reported to the pusher as `path: message`, and nothing of that commit is
published. The whole archive is read before the answer, so every such file is named at once.
"""

from __future__ import annotations

import subprocess
import tarfile
from pathlib import Path, PurePosixPath

from .problems import Problem

SYMLINK = (
    "liên kết tượng trưng (symlink) không được đưa lên; hãy commit chính tệp đó "
    "[symbolic links are not published: commit the file itself]"
)
NOT_A_FILE = "không phải tệp thường, không được đưa lên [not a regular file: not published]"
OUTSIDE = "đường dẫn ra ngoài thư mục dự án [path leaves the project folder]"


def refusal(member: tarfile.TarInfo) -> str | None:
    """Why this member of the archive is not exported, or None."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or "\\" in member.name:
        return OUTSIDE
    if member.issym() or member.islnk():
        return SYMLINK
    if not (member.isfile() or member.isdir()):
        return NOT_A_FILE
    return None


def export(git_dir: Path, commit: str, work: Path, env: dict[str, str]) -> list[str]:
    """Write the commit's regular files into `work` (the bare repository's HEAD and index are
    not touched); return the `path: message` lines of what was refused (empty: all exported)."""
    archive = subprocess.Popen(
        ["git", "--git-dir", str(git_dir), "archive", "--format=tar", commit],
        stdout=subprocess.PIPE,
        env=env,
    )
    refused: list[Problem] = []
    with tarfile.open(fileobj=archive.stdout, mode="r|") as tar:
        for member in tar:
            why = refusal(member)
            if why is not None:
                refused.append(Problem(member.name.rstrip("/"), 0, why))
            elif not refused:  # after a refusal nothing is published: no need to write more
                tar.extract(member, work, filter="data")
    if archive.wait() != 0:
        raise RuntimeError(f"git archive {commit} failed")
    return [str(problem) for problem in sorted(refused)]
