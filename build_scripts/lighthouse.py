"""`python -m build_scripts.lighthouse`: Lighthouse (mobile emulation) scores of the portal's
home, topic and document pages in both languages, printed as a table. Not a test: scores with
timings in them vary from machine to machine, so nothing is asserted (`make lighthouse`).

The site is built for the local address it is then served from, by a server that compresses
text as GitHub Pages does (gzip), so the transfer sizes Lighthouse sees are a real host's.
"""

from __future__ import annotations

import argparse
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from .headless import CHROMIUM, CHROMIUM_ARGS, free_port, serve_folder
from .pipeline import build_site

ROOT = Path(__file__).resolve().parent.parent
LIGHTHOUSE = ROOT / ".venv/node/node_modules/.bin/lighthouse"
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
PAGES = {
    "home": "",
    "topic": "chu-de/doi-ngoai-nhan-dan/",
    "document": "van-ban/2022-175-kh-ubnd/",
}
COMPRESSED = (".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".xsl")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, text compressed with gzip when the client accepts it."""

    def log_message(self, format: str, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        wants = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (wants and path.is_file() and path.suffix in COMPRESSED):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return _Body(body)


class _Body:
    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, *_args) -> bytes:
        data, self.data = self.data, b""
        return data

    def close(self) -> None:
        pass


def serve_compressed(folder: Path, port: int):
    """Serve `folder` as a static host does, text compressed with gzip."""
    return serve_folder(folder, port, _GzipHandler)


def scores(url: str, report_dir: Path, name: str) -> dict[str, int]:
    """Lighthouse's four category scores (0-100) for one page, mobile emulation (its default)."""
    report = report_dir / f"{name}.json"
    command = [
        str(LIGHTHOUSE),
        url,
        "--quiet",
        "--output=json",
        f"--output-path={report}",
        f"--only-categories={','.join(CATEGORIES)}",
        "--chrome-flags=" + " ".join(["--headless=new", *CHROMIUM_ARGS]),
    ]
    env = {**os.environ, "CHROME_PATH": os.environ.get("CHROME_PATH", CHROMIUM)}
    subprocess.run(command, check=True, env=env, capture_output=True)
    data = json.loads(report.read_text(encoding="utf-8"))
    return {c: round((data["categories"][c]["score"] or 0) * 100) for c in CATEGORIES}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m build_scripts.lighthouse", description=__doc__)
    parser.add_argument("--reports", type=Path, help="keep Lighthouse's JSON reports here")
    args = parser.parse_args(argv)
    if not LIGHTHOUSE.exists():
        print(f"{LIGHTHOUSE} is missing: run 'make lighthouse'", file=sys.stderr)
        return 1
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as tmp:
        site = Path(tmp) / "site"
        build_site(str(ROOT / "mkdocs.yml"), site, site_url=f"http://127.0.0.1:{port}/")
        reports = args.reports or Path(tmp) / "reports"
        reports.mkdir(parents=True, exist_ok=True)
        print(f"{'page':<16}" + "".join(f"{c:>16}" for c in CATEGORIES))
        with serve_compressed(site, port) as base:
            for lang, prefix in (("vi", ""), ("en", "en/")):
                for kind, path in PAGES.items():
                    found = scores(base + prefix + path, reports, f"{kind}-{lang}")
                    row = f"{kind + ' ' + lang:<16}" + "".join(
                        f"{found[c]:>16}" for c in CATEGORIES
                    )
                    print(row, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
