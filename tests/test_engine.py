"""The engine stays in one folder, settings are read in one place, and a broken data file of the
portal is reported as `file:line: message` by every command that builds, never a traceback."""

from __future__ import annotations

import ast
import shutil
from pathlib import Path

import pytest

from build_scripts import caches, cli, settings, topics
from build_scripts.engine import BUILD_ERRORS
from build_scripts.pipeline import build_language

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "build_scripts"


def _imports(path: Path) -> set[str]:
    """Every module `path` imports, relative imports resolved against the package."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    here = path.relative_to(ROOT).with_suffix("").parts[:-1]
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            base = list(here[: len(here) - node.level + 1]) if node.level else []
            module = ".".join([*base, *([node.module] if node.module else [])])
            found.add(module)
            found |= {f"{module}.{alias.name}" for alias in node.names}
    return found


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def test_only_the_engine_folder_imports_mkdocs() -> None:
    outside = [
        str(p.relative_to(ROOT))
        for p in _modules()
        if "engine" not in p.relative_to(PACKAGE).parts[:1]
        and any(m == "mkdocs" or m.startswith("mkdocs.") for m in _imports(p))
    ]
    assert outside == []


def test_no_module_imports_a_command_module() -> None:
    importers = [
        str(p.relative_to(ROOT))
        for p in _modules()
        if p.parent.name != "commands" and p.name != "cli.py"
        for m in _imports(p)
        if any(m == c or m.startswith(c + ".") for c in cli.COMMAND_MODULES)
    ]
    assert importers == []


def test_settings_follow_the_configuration_and_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "mkdocs.yml").write_text(
        "site_url: !ENV [TEST_SITE_URL, 'http://127.0.0.1:8000/']\n"
        "docs_dir: pages\nplugins:\n  - portal:\n      sources_dir: originals\n"
        "      search_part_pages: 500\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TEST_SITE_URL", "https://example.org/")
    monkeypatch.setenv(caches.ENV, str(tmp_path / "elsewhere"))
    found = settings.load(tmp_path)
    assert found.docs_dir == tmp_path / "pages"
    assert found.sources_dir == tmp_path / "originals"
    assert found.cache_dir == tmp_path / "elsewhere"
    assert found.site_url == "https://example.org/"
    assert found.search_part_pages == 500
    monkeypatch.delenv(caches.ENV)
    assert settings.load(tmp_path / "none").search_part_pages == settings.SEARCH_PART_PAGES
    assert settings.load(tmp_path / "none").docs_dir == tmp_path / "none" / settings.DOCS_DIR
    assert settings.load(tmp_path).cache_dir == tmp_path / caches.DEFAULT


def test_an_unknown_engine_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(settings.ENGINE_ENV, "zensical")
    with pytest.raises(SystemExit, match="zensical"):
        settings.engine_name()
    monkeypatch.setenv(settings.ENGINE_ENV, "ProperDocs")
    assert settings.engine_name() == "properdocs"


#: Broken topic rules, and the line each problem is reported at.
BROKEN_RULES = {
    "syntax": ("title_weight: 4\ntopics:\n  doi-ngoai-nhan-dan: [unclosed\n", 4),
    "unknown key": ("title_weight: 4\nlength_units: 300\ntopics: {}\n", 2),
    "wrong type": ("title_weight: many\ntopics: {}\n", 1),
}


@pytest.fixture
def small_project(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy(ROOT / "mkdocs.yml", project)
    shutil.copytree(ROOT / "theme", project / "theme")
    ignore = shutil.ignore_patterns("van-ban")
    shutil.copytree(ROOT / "content" / "docs", project / "content" / "docs", ignore=ignore)
    (project / "content" / "sources").mkdir()
    return project


@pytest.mark.parametrize("case", sorted(BROKEN_RULES))
def test_broken_topic_rules_are_a_file_line_message(
    case: str,
    small_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    text, line = BROKEN_RULES[case]
    rules = tmp_path / "topics.yml"
    rules.write_text(text, encoding="utf-8")
    monkeypatch.setattr(topics, "DEFAULT_RULES", rules)
    monkeypatch.setenv(caches.ENV, str(tmp_path / "cache"))
    monkeypatch.setenv("PORTAL_LANG", "vi")  # build_language sets it; this puts it back after
    config, site = str(small_project / "mkdocs.yml"), str(tmp_path / "site")
    # MkDocs logs the plugin's message (the commands print it), then aborts: one of the errors
    # build, serve and publish report without a traceback.
    with pytest.raises(BUILD_ERRORS):
        build_language(config, "vi", site, False, None, None)
    assert f"{rules}:{line}: " in caplog.text
    assert cli.main(["check", "--root", str(small_project)]) == 1
    assert f"{rules}:{line}: " in capsys.readouterr().out
