"""Conversion speed: documents per second over the seeds and corpus (or given files), for text,
for PDFs with a text layer and for scans (OCR), each reported on its own line.

Run: `python -m build_scripts.bench_convert [FILES...] [--rounds N] [--pdf] [--ocr N]`. The
PDFs are the texts printed by LibreOffice; the scans are those PDFs rendered at 300 dpi
into PDFs of black-and-white page images (poppler, Pillow). Printed, never asserted.
"""

from __future__ import annotations

import argparse
import subprocess
import tempfile
import time
from pathlib import Path

from .convert import ConversionError, convert_path

DEFAULT_TEXTS = ("../shared/*/*.txt", "tests/fixtures/*/*.txt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("files", nargs="*", type=Path)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--pdf", action="store_true", help="also PDFs with a text layer")
    parser.add_argument("--ocr", type=int, default=0, metavar="N", help="also N scanned PDFs")
    args = parser.parse_args()
    files = args.files or _default_texts()
    if not files:
        parser.error("no files: pass some, or run from the project root")
    report("text", files, args.rounds)
    if args.pdf or args.ocr:
        with tempfile.TemporaryDirectory(prefix="bench-convert-") as folder:
            pdfs = _print_pdfs(files, Path(folder))
            if args.pdf:
                report("PDF (text layer)", pdfs, max(1, args.rounds // 4))
            if args.ocr:
                shortest = sorted(pdfs, key=lambda p: p.stat().st_size)[: args.ocr]
                report("scanned PDF (OCR)", [_scan(p, Path(folder)) for p in shortest], 1)


def _default_texts() -> list[Path]:
    for pattern in DEFAULT_TEXTS:
        found = sorted(Path(".").glob(pattern))
        if found:
            return found
    return []


def report(kind: str, files: list[Path], rounds: int) -> None:
    started = time.perf_counter()
    size = 0
    refused: set[str] = set()
    for _ in range(rounds):
        for path in files:
            try:
                size += len(convert_path(path).markdown)
            except ConversionError as exc:
                refused.add(f"{path.name}:{exc.line}: {exc.message}")
    elapsed = time.perf_counter() - started
    count = rounds * len(files)
    print(
        f"{kind}: {count} documents in {elapsed:.2f} s: {count / elapsed:.2f} documents/s, "
        f"{size / elapsed / 1e6:.3f} MB of Markdown/s"
    )
    for line in sorted(refused):
        print(f"  refused {line}")


def _print_pdfs(texts: list[Path], folder: Path) -> list[Path]:
    """The texts printed to PDF by LibreOffice (one run for all, with its own profile)."""
    profile = (folder / "profile").as_uri()
    subprocess.run(
        [
            *("soffice", f"-env:UserInstallation={profile}", "--headless"),
            *("--infilter=Text (encoded):UTF8", "--convert-to", "pdf", "--outdir", str(folder)),
            *map(str, texts),
        ],
        check=True,
        capture_output=True,
        timeout=600,
    )
    return sorted(folder.glob("*.pdf"))


def _scan(pdf: Path, folder: Path) -> Path:
    """A PDF printed and scanned: its pages as a PDF of 300 dpi black-and-white images."""
    from PIL import Image

    pages = folder / f"{pdf.stem}-pages"
    pages.mkdir()
    subprocess.run(
        ["pdftoppm", "-r", "300", "-gray", "-png", str(pdf), str(pages / "p")],
        check=True,
        capture_output=True,
        timeout=600,
    )
    images = [
        Image.open(p).convert("L").point(lambda v: 255 if v > 160 else 0).convert("1")
        for p in sorted(pages.glob("p-*.png"))
    ]
    target = folder / f"{pdf.stem}.scan.pdf"
    images[0].save(target, save_all=True, append_images=images[1:], resolution=300)
    return target


if __name__ == "__main__":
    main()
