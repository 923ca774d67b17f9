"""A small static site for the search tests, rendered with the real search partials, script and
stylesheet, shaped like the pages MkDocs and Material write (`<html lang>`, a header, one
<article> per page). It stands in for the built portal where a test needs control over the
pages: thousands of synthetic documents for the byte budget, or the seeds before the real build
converts them."""

from __future__ import annotations

import json
import posixpath
import random
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import jinja2
import material
from fixture_paths import FIXTURES

from build_scripts import languages, search, views

ROOT = Path(__file__).resolve().parent.parent
THEME = ROOT / "theme"
SEEDS = FIXTURES / "seeds"
EN_DOCS = ROOT / "content" / "docs" / "van-ban"

#: Seed file -> the slug the portal gives it (content/docs/van-ban/<slug>.en.md).
SEED_SLUGS = {
    "000_2f9792bf1edc4892.txt": "2025-75-mttq-btt",
    "001_6f8c59bb2c300d05.txt": "2022-175-kh-ubnd",
    "002_ebb838856d6dcd4f.txt": "huong-dan-ban-tuyen-giao-tinh-uy",
    "003_7b46dc1b01f87b7f.txt": "2023-02-21-ke-hoach-tam-ky",
    "004_5557302184c17c91.txt": "2023-305-kh-mttq-btt",
}
REFERENCE_TITLES = {"vi": "Chỉ thị số 12-CT/TW", "en": "Directive No. 12-CT/TW"}
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.DOTALL)
MARKDOWN_PUNCTUATION = re.compile(r"[*#\\]")

PAGE = jinja2.Template(
    """<!doctype html>
<html lang="{{ lang }}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>{{ title | e }}</title></head>
<body><header class="md-header"><nav class="md-header__inner">{{ search_box }}</nav></header>
<main><article class="md-content__inner md-typeset">
<h1>{{ title | e }}</h1>
{{ search_meta }}
{% for paragraph in paragraphs %}<p>{{ paragraph | e }}</p>
{% endfor %}</article></main><footer>footer</footer></body></html>
"""
)


@dataclass
class FixturePage:
    lang: str
    path: str  # URL path inside its language: "van-ban/x/"
    title: str
    facts: str
    paragraphs: list[str]


def theme_env() -> jinja2.Environment:
    """The theme as MkDocs loads it: our overrides first, then Material's templates."""
    material_dir = Path(material.__file__).parent / "templates"
    env = jinja2.Environment(loader=jinja2.FileSystemLoader([str(THEME), str(material_dir)]))
    env.filters["url"] = _url
    return env


@jinja2.pass_context
def _url(context, value: str) -> str:
    """MkDocs' `url` filter: a path from the language root, made relative to the page."""
    return "../" * context["page_depth"] + value


def render_page(env: jinja2.Environment, page: FixturePage) -> str:
    context = {
        "page_depth": page.path.count("/"),
        "portal_lang": page.lang,
        "portal_search": search.SearchView(
            views.relative(languages.PREFIX[page.lang] + "pagefind/", page.path, page.lang),
            page.facts,
        ),
    }
    return PAGE.render(
        lang=page.lang,
        title=page.title,
        paragraphs=page.paragraphs,
        search_box=env.get_template("partials/search.html").render(context),
        search_meta=env.get_template("partials/search-meta.html").render(context),
    )


def write_site(out: Path, pages: list[FixturePage]) -> None:
    env = theme_env()
    for lang, prefix in languages.PREFIX.items():
        for asset in ("javascripts/search.js", "stylesheets/search.css"):
            target = out / prefix / "assets" / asset
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(THEME / "assets" / asset, target)
        home = FixturePage(lang, "", "Home", "", ["Trang chủ"])
        (out / prefix).mkdir(parents=True, exist_ok=True)
        (out / prefix / "index.html").write_text(render_page(env, home), encoding="utf-8")
    for page in pages:
        target = out / languages.PREFIX[page.lang] / page.path / "index.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render_page(env, page), encoding="utf-8")


def _paragraphs(text: str) -> list[str]:
    return [p.strip() for p in re.split(r"\n\s*\n|\n", text) if p.strip()]


def seed_pages() -> list[FixturePage]:
    """The five seed directives in both languages, and the reference page of 12-CT/TW."""
    expected = json.loads((SEEDS / "expected.json").read_text(encoding="utf-8"))
    pages = []
    for name, slug in SEED_SLUGS.items():
        facts = expected[name]
        line = " · ".join(str(v) for v in (facts["doc_type"], facts["number"], facts["date"]) if v)
        text = (SEEDS / name).read_text(encoding="utf-8")
        pages.append(FixturePage("vi", f"van-ban/{slug}/", facts["title"], line, _paragraphs(text)))
        english = (EN_DOCS / f"{slug}.en.md").read_text(encoding="utf-8")
        title = re.search(r"^title: (.*)$", english, re.MULTILINE).group(1)
        body = MARKDOWN_PUNCTUATION.sub("", FRONT_MATTER.sub("", english))
        pages.append(FixturePage("en", f"van-ban/{slug}/", title, line, _paragraphs(body)))
    for lang, title in REFERENCE_TITLES.items():
        pages.append(FixturePage(lang, "tham-chieu/12-ct-tw/", title, "", [title]))
    return pages


def synthetic_pages(count: int, seed: int = 2000) -> list[FixturePage]:
    """`count` Vietnamese documents made of the seeds' sentences, shuffled: the size and
    vocabulary of a real collection, without its meaning."""
    sentences = []
    for name in sorted(SEED_SLUGS):
        text = (SEEDS / name).read_text(encoding="utf-8")
        sentences += [s.strip() for s in re.split(r"(?<=[.;:])\s+", text) if len(s.strip()) > 20]
    rng = random.Random(seed)
    pages = []
    for i in range(count):
        body = rng.sample(sentences, k=min(len(sentences), rng.randint(30, 90)))
        number = f"{i + 1}/KH-UBND"
        title = f"Kế hoạch {number}: " + rng.choice(sentences)[:120]
        facts = f"Kế hoạch {number} · {1 + i % 28:02d}/{1 + i % 12:02d}/{2015 + i % 11}"
        slug = posixpath.join("van-ban", f"{2015 + i % 11}-{i + 1}-kh-ubnd") + "/"
        pages.append(FixturePage("vi", slug, title, facts, _paragraphs("\n".join(body))))
    return pages
