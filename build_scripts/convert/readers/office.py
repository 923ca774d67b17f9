"""Old Word (.doc), OpenDocument (.odt) and RTF files: LibreOffice, run headless with a
profile of its own (a running LibreOffice of the editor's must not capture the job), saves
them as .docx in a temporary folder; docx_reader reads that."""

from __future__ import annotations

import tempfile
from pathlib import Path

from ..errors import ConversionError
from .tools import require, run

#: LibreOffice's first start in a fresh profile takes a few seconds; a large file a few more.
TIMEOUT = 180


def to_docx(data: bytes, name: str) -> bytes:
    """The file converted to .docx by LibreOffice; ConversionError naming how to install it."""
    soffice = require("soffice", f"tệp {Path(name).suffix or 'Word'} (LibreOffice)")
    with tempfile.TemporaryDirectory(prefix="portal-office-") as folder:
        work = Path(folder)
        source = work / ("source" + (Path(name).suffix.lower() or ".doc"))
        source.write_bytes(data)
        profile = (work / "profile").as_uri()
        run(
            [
                soffice,
                f"-env:UserInstallation={profile}",
                "--headless",
                "--norestore",
                "--convert-to",
                "docx",
                "--outdir",
                str(work / "out"),
                str(source),
            ],
            f"tệp {name}",
            TIMEOUT,
        )
        converted = work / "out" / "source.docx"
        if not converted.is_file():
            raise ConversionError(
                f"LibreOffice không chuyển được {name} sang .docx: tệp hỏng hoặc không phải "
                "văn bản Word/OpenDocument [corrupt file]"
            )
        return converted.read_bytes()
