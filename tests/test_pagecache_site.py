"""The page cache's invariant on the fixture project: after each edit of a sequence (add a
document, edit its text, change a title others cite, translate, delete, change topics.yml, change
a template), a build that keeps its caches writes the same bytes as a build from nothing, and
an edit of one document's text renders fewer pages than the site has.

The builds run a copy of the portal's code (PYTHONPATH), so that topics.yml, which lives in the
package, can be edited without touching the checkout."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_fixture_site import ROOT, files_of, make_project

from build_scripts import caches, pagecache, pipeline

DOCS = Path("content/docs/van-ban")
CITED = "2023-5-hd-btg"  # 10/KH-UBND cites it: its title is in that page's "references"
ADDED = "2025-3-kh-ubnd"
RUN = "import sys; from build_scripts.cli import main; sys.exit(main())"


def build(work: Path, project: Path, cache: Path, out: Path) -> dict[str, bytes]:
    env = {
        **os.environ,
        "PYTHONPATH": str(work / "code"),
        caches.ENV: str(cache),
        "PORTAL_SITE_URL": "https://example.org/portal/",
    }
    config = str(project / "mkdocs.yml")
    subprocess.run(
        [sys.executable, "-c", RUN, "build", "--out", str(out), "--config", config],
        env=env,
        cwd=work,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return files_of(out)


def entries(cache: Path) -> dict[str, int]:
    """Each page cache entry by its name, with its inode: a rewritten entry has a new one."""
    return {p.name: p.stat().st_ino for p in (cache / pagecache.FOLDER).rglob("*.json")}


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def add_document(project: Path, code: Path) -> None:
    # No topics in its front matter: topics.yml decides them (the last-but-one edit).
    (project / DOCS / f"{ADDED}.md").write_text(
        "---\ntitle: Kế hoạch thông tin đối ngoại năm 2025\ndoc_type: Kế hoạch\n"
        "number: 3/KH-UBND\ndate: 2025-02-10\nplace: Lạng Sơn\n"
        "issuer: Ủy ban nhân dân tỉnh Lạng Sơn\nreferences:\n- number: 5/HD-BTG\n"
        "  doc_type: Hướng dẫn\n  date: '2023-06-01'\n  issuer: Ban Tuyên giáo Tỉnh ủy Lạng Sơn\n"
        "---\n\nThực hiện Hướng dẫn số 5/HD-BTG về công tác thông tin đối ngoại, thông tin đối "
        "ngoại, thông tin đối ngoại và giao lưu nhân dân.\n\n## 1. Nội dung\n\nGiới thiệu.\n",
        encoding="utf-8",
    )


def edit_text(project: Path, code: Path) -> None:
    replace_in(project / DOCS / f"{ADDED}.md", "Giới thiệu.", "Giới thiệu hình ảnh tỉnh.")


def change_cited_title(project: Path, code: Path) -> None:
    replace_in(project / DOCS / f"{CITED}.md", "năm 2023", "năm 2023 (sửa đổi)")


def translate(project: Path, code: Path) -> None:
    catalog = pipeline.build_catalog(project / "content/docs", root=project)
    (directive,) = [d for d in catalog.documents if d.number == "5/HD-BTG"]
    (project / DOCS / f"{CITED}.en.md").write_text(
        f"---\ntitle: Guidance on foreign information work in 2023\n"
        f"translation_of: '{directive.content_hash}'\ntranslator: Test editors\n---\n\n"
        "The Provincial Party Committee's Board guides foreign information work in 2023.\n\n"
        "## 1. What to tell\n\nThe country and the people of Lạng Sơn.\n",
        encoding="utf-8",
    )


def delete_document(project: Path, code: Path) -> None:
    (project / DOCS / f"{ADDED}.md").unlink()
    add_document(project, code)  # back, for topics.yml to have a document to decide
    (project / DOCS / "2025-7-kh-mttq.en.md").unlink()
    (project / DOCS / "2025-7-kh-mttq.md").unlink()


def change_topics(project: Path, code: Path) -> None:
    topics = code / "build_scripts" / "data" / "topics.yml"
    text = topics.read_text(encoding="utf-8")
    part = text.index("  thong-tin-doi-ngoai:")
    head, tail = text[:part], text[part:]
    threshold = tail.index("threshold:")
    end = tail.index("\n", threshold)
    topics.write_text(head + tail[:threshold] + "threshold: 999" + tail[end:], encoding="utf-8")


def change_template(project: Path, code: Path) -> None:
    replace_in(project / "theme" / "main.html", "{% block content %}", "{% block content %}<!---->")


EDITS = [
    add_document,
    edit_text,
    change_cited_title,
    translate,
    delete_document,
    change_topics,
    change_template,
]


@pytest.fixture
def work(tmp_path: Path) -> Path:
    ignore = shutil.ignore_patterns("__pycache__")
    shutil.copytree(ROOT / "build_scripts", tmp_path / "code" / "build_scripts", ignore=ignore)
    make_project(tmp_path)
    return tmp_path


def test_builds_with_caches_write_what_a_build_from_nothing_writes(work: Path) -> None:
    project, code, kept = work / "project", work / "code", work / "kept-cache"
    before = build(work, project, kept, work / "site-0")
    written = entries(kept)
    assert len(written) > 20
    assert build(work, project, kept, work / "site-again") == before
    assert entries(kept) == written  # nothing rendered, so nothing written again
    for number, edit in enumerate(EDITS, start=1):
        edit(project, code)
        entries_before = entries(kept)
        cached = build(work, project, kept, work / f"site-{number}")
        fresh = build(work, project, work / f"cache-{number}", work / f"fresh-{number}")
        assert cached.keys() == fresh.keys(), edit.__name__
        differing = sorted(path for path in fresh if cached[path] != fresh[path])
        assert differing == [], (edit.__name__, differing)
        assert cached != before, f"{edit.__name__} changed nothing: it tests nothing"
        before = cached
        if edit is edit_text:
            # One document's text: its pages are rendered again, most of the site is not.
            rewritten = [n for n, ino in entries(kept).items() if entries_before.get(n) != ino]
            assert 0 < len(rewritten) < len(entries_before) / 2, rewritten
    # What reaches the site is the kept entry: one changed, with a matching hash, shows.
    slot = next(iter(sorted((kept / pagecache.FOLDER).rglob("*.json"))))
    entry = json.loads(slot.read_text(encoding="utf-8"))
    entry["html"] = entry["html"].replace("</body>", "<!--kept--></body>")
    entry["check"] = pagecache._check(entry["html"])
    slot.write_text(json.dumps(entry), encoding="utf-8")
    last = build(work, project, kept, work / "site-kept")
    assert sum(b"<!--kept-->" in content for content in last.values()) == 1
