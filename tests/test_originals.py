"""The received file, published beside its page: labelled with its format and size, and a
text original readable in a phone's browser (UTF-8 with a BOM, never mojibake)."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from build_scripts import originals
from build_scripts.headless import serve_folder

ROOT = Path(__file__).resolve().parent.parent
SOURCE = "000_2f9792bf1edc4892.txt"  # content/sources/, the original of van-ban/2025-75-mttq-btt
PAGE = "van-ban/2025-75-mttq-btt/"
FIRST_LINE = "ỦY BAN MTTQ VIỆT NAM"


TEXT = "KẾ HOẠCH\nỦy ban nhân dân tỉnh Đồng Nai\n"
RECEIVED = {
    "utf-8": (TEXT.encode("utf-8"), TEXT),
    "utf-8-sig": (TEXT.encode("utf-8-sig"), TEXT),
    "utf-16": (TEXT.encode("utf-16"), TEXT),
    # Windows-1258 writes tone marks as combining characters: "Đồng Nai" is Ð ô ◌̀ n g
    "cp1258": (b"\xd0\xf4\xccng Nai\n", "Đồng Nai\n"),
}


@pytest.mark.parametrize("encoding", RECEIVED)
def test_text_original_published_as_utf8_with_bom(tmp_path: Path, encoding: str) -> None:
    data, text = RECEIVED[encoding]
    source = tmp_path / "ke-hoach.txt"
    source.write_bytes(data)
    assert originals.published_bytes(source) == codecs.BOM_UTF8 + text.encode("utf-8")


def test_other_originals_published_as_received(tmp_path: Path) -> None:
    source = tmp_path / "ke-hoach.pdf"
    source.write_bytes(b"%PDF-1.4\n")
    assert originals.published_bytes(source) is None


@pytest.mark.parametrize(
    ("name", "size", "vi", "en"),
    [
        ("a.pdf", 212 * 1024, "PDF, 212 KB", "PDF, 212 KB"),
        ("a.docx", 4608, "Word, 4,5 KB", "Word, 4.5 KB"),
        ("a.png", 3 * 1024 * 1024 // 2, "PNG, 1,5 MB", "PNG, 1.5 MB"),
        ("a.odt", 10, "OpenDocument, 0,1 KB", "OpenDocument, 0.1 KB"),
    ],
)
def test_label_names_format_and_size(
    tmp_path: Path, name: str, size: int, vi: str, en: str
) -> None:
    path = tmp_path / name
    path.write_bytes(b"x" * size)
    assert originals.describe(path, "vi") == vi
    assert originals.describe(path, "en") == en


@pytest.mark.browser
def test_document_page_labels_its_original(built_site: Path) -> None:
    size = len(originals.published_bytes(ROOT / "content" / "sources" / SOURCE) or b"")
    shown = f"{size / 1024:.1f}"
    vi = (built_site / PAGE / "index.html").read_text(encoding="utf-8")
    en = (built_site / "en" / PAGE / "index.html").read_text(encoding="utf-8")
    assert f"Văn bản gốc (TXT, {shown.replace('.', ',')} KB)" in vi
    assert f"Original (TXT, {shown} KB)" in en
    assert (built_site / "nguon" / SOURCE).read_bytes().startswith(codecs.BOM_UTF8)


@pytest.mark.browser
def test_text_original_reads_in_a_phone_browser(visit, site_server: str) -> None:
    """Served as a static host does (text/plain, no charset): Chromium shows the Vietnamese."""
    seen = visit(site_server + "nguon/" + SOURCE, "phone", "original-text-phone")
    text = seen.page.evaluate("document.body.innerText")
    assert FIRST_LINE in text
    assert "á»" not in text and "Ä" not in text  # what UTF-8 read as windows-1252 shows


@pytest.mark.browser
def test_without_the_bom_the_same_file_is_mojibake(visit, tmp_path: Path) -> None:
    """Why the BOM: the file as received (UTF-8, no BOM, text/plain without a charset)."""
    (tmp_path / SOURCE).write_bytes((ROOT / "content" / "sources" / SOURCE).read_bytes())
    with serve_folder(tmp_path) as base:
        seen = visit(base + SOURCE, "phone", "original-text-without-bom")
        text = seen.page.evaluate("document.body.innerText")
    assert FIRST_LINE not in text


@pytest.mark.parametrize(
    ("lang", "said"),
    [("vi", "Văn bản gốc (PDF, 2,0 KB)"), ("en", "Original (PDF, 2.0 KB)")],
)
def test_page_of_a_scan_says_its_text_comes_from_ocr(tmp_path: Path, lang: str, said: str) -> None:
    from build_scripts.catalog import Catalog
    from build_scripts.model import Directive
    from build_scripts.views import document_view

    (tmp_path / "scan.pdf").write_bytes(b"x" * 2048)
    scan = Directive(
        slug="s", title="T", doc_type="Kế hoạch", issuer="I", body="", source="scan.pdf", ocr=True
    )
    typed = Directive(slug="t", title="T", doc_type="Kế hoạch", issuer="I", body="")
    catalog = Catalog([scan, typed], [])
    view = document_view(catalog, scan, "van-ban/s/", lang, sources=tmp_path)
    assert view.source is not None and view.source.note == said
    assert "OCR" in view.labels["ocr"]
    assert "ocr" not in document_view(catalog, typed, "van-ban/t/", lang).labels
