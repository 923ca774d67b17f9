"""The fixture project (tests/fixtures/site: content of its own, the portal's configuration and
theme) built as an editor builds it: its generated Markdown, feeds, sitemap and open data match
the kept files of tests/golden/site/ (REGEN_GOLDEN=1 rewrites them), and ProperDocs, the second
engine, writes the same site byte for byte as MkDocs. No browser."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from build_scripts import caches, languages, pages, pipeline

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures" / "site"
GOLDEN = ROOT / "tests" / "golden" / "site"
PORTAL = str(Path(sys.executable).with_name("portal"))
#: What the site side writes from the catalog, besides the pages the engine renders.
WRITTEN = ("rss.xml", "atom.xml", "sitemap-all.xml", "*.json")


def make_project(base: Path) -> Path:
    project = base / "project"
    shutil.copytree(FIXTURE, project)
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    return project


def build(project: Path, out: Path, engine: str) -> Path:
    """`portal build` in a process of its own, as CI runs it, with `engine` and a fresh cache."""
    env = {
        **os.environ,
        "PORTAL_ENGINE": engine,
        caches.ENV: str(out.parent / f"cache-{engine}"),
        "PORTAL_SITE_URL": "https://example.org/portal/",
    }
    subprocess.run(
        [PORTAL, "build", "--out", str(out), "--config", str(project / "mkdocs.yml")],
        env=env,
        check=True,
        capture_output=True,
        timeout=600,
    )
    return out


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_project(tmp_path_factory.mktemp("fixture-site"))


@pytest.fixture(scope="module")
def site(project: Path) -> Path:
    return build(project, project.parent / "site-mkdocs", "mkdocs")


def files_of(folder: Path, patterns: tuple[str, ...] = ("*",)) -> dict[str, bytes]:
    return {
        str(p.relative_to(folder)): p.read_bytes()
        for pattern in patterns
        for p in folder.rglob(pattern)
        if p.is_file()
    }


def written_by_the_portal(site: Path) -> dict[str, bytes]:
    """Feeds, the sitemap and open data; Pagefind's own files are its business, not ours."""
    found = files_of(site, WRITTEN)
    return {name: data for name, data in found.items() if "pagefind" not in Path(name).parts}


def generated_markdown(project: Path) -> dict[str, bytes]:
    """Every page the portal adds, per language, as the engine receives it."""
    catalog = pipeline.build_catalog(project / "content" / "docs", root=project)
    found = {
        f"{lang}/{page.src_uri}": page.markdown.encode("utf-8")
        for lang in languages.PREFIX
        for page in pages.generated_pages(catalog, lang)
    }
    for d in catalog.documents:  # English pages of directives without a translation
        if not d.translation:
            found[f"en/{pages.document_uri(d)}"] = pages.untranslated_page(d).encode("utf-8")
    return found


def compare_with_golden(found: dict[str, bytes], folder: Path) -> None:
    if os.environ.get("REGEN_GOLDEN") == "1":
        shutil.rmtree(folder, ignore_errors=True)
        for name, data in found.items():
            (folder / name).parent.mkdir(parents=True, exist_ok=True)
            (folder / name).write_bytes(data)
    assert folder.is_dir(), f"no golden files in {folder}; run with REGEN_GOLDEN=1"
    expected = files_of(folder)
    assert sorted(found) == sorted(expected), "files added or missing; REGEN_GOLDEN=1 rewrites"
    changed = [name for name in sorted(found) if found[name] != expected[name]]
    assert changed == [], f"differ from {folder}: {changed}; REGEN_GOLDEN=1 rewrites"


def test_generated_markdown_matches_golden(project: Path) -> None:
    compare_with_golden(generated_markdown(project), GOLDEN / "markdown")


def test_feeds_sitemap_and_open_data_match_golden(site: Path) -> None:
    found = written_by_the_portal(site)
    assert any(name.startswith("api/") for name in found)
    assert "en/rss.xml" in found and "chu-de/doi-ngoai-nhan-dan/atom.xml" in found
    compare_with_golden(found, GOLDEN / "output")


@pytest.mark.slow
def test_properdocs_writes_the_same_site_as_mkdocs(project: Path, site: Path) -> None:
    other = build(project, project.parent / "site-properdocs", "properdocs")
    mkdocs_files, properdocs_files = files_of(site), files_of(other)
    assert sorted(properdocs_files) == sorted(mkdocs_files)
    assert len([n for n in mkdocs_files if n.endswith(".html")]) > 20
    differ = [n for n in sorted(mkdocs_files) if mkdocs_files[n] != properdocs_files[n]]
    assert differ == []


def test_the_engine_setting_reaches_the_engine(tmp_path: Path) -> None:
    """PORTAL_ENGINE=properdocs renders with ProperDocs' modules (the comparison above would
    pass trivially if it did not)."""
    code = "import build_scripts.engine.run, mkdocs; print(mkdocs.__name__)"
    for engine, module in (("mkdocs", "mkdocs"), ("properdocs", "properdocs")):
        env = {**os.environ, "PORTAL_ENGINE": engine}
        found = subprocess.run(
            [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
        )
        assert found.stdout.strip() == module
