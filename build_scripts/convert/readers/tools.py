"""Running the outside programs a reader needs (poppler, Tesseract, LibreOffice): one place
that says, in one line, which package to install when a program is missing."""

from __future__ import annotations

import shutil
import subprocess

from ..errors import ConversionError

#: Debian package of each program.
PACKAGES = {
    "pdftotext": "poppler-utils",
    "pdftoppm": "poppler-utils",
    "tesseract": "tesseract-ocr tesseract-ocr-vie",
    "soffice": "libreoffice-writer-nogui",
}


def require(program: str, what: str) -> str:
    """The program's path, or ConversionError saying how to install it."""
    found = shutil.which(program)
    if not found:
        raise ConversionError(
            f"cần chương trình '{program}' để đọc {what}; cài bằng: "
            f"apt-get install {PACKAGES[program]} [{program} is not installed]"
        )
    return found


def run(args: list[str], what: str, timeout: float, input: bytes | None = None) -> bytes:
    """Standard output of a program; ConversionError when it fails or takes too long."""
    try:
        done = subprocess.run(args, input=input, capture_output=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        raise ConversionError(
            f"{args[0].rsplit('/', 1)[-1]} quá {timeout:.0f} giây khi đọc {what} [timed out]"
        ) from None
    if done.returncode != 0:
        raise ConversionError(
            f"không đọc được {what}: tệp hỏng hoặc không đúng định dạng [corrupt file]"
        )
    return done.stdout
