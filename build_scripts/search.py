"""Search: a Pagefind index per language, built from the finished site, loaded by the reader's
browser only when they search.

Pagefind (1.5) already folds Vietnamese tone and vowel marks (it indexes "đối" under its NFD form
with combining marks removed, so "ngoai" finds "ngoại"), and it splits document numbers so that
"12-CT/TW", "12 CT TW" and "12CTTW" all find "12-CT/TW". What it cannot fold is đ/Đ: they are
letters of their own with no Unicode decomposition, so "doi ngoai" never finds "đối ngoại".

The fix costs nothing on the published pages: Pagefind reads a copy of the indexed pages in which
every đ/Đ is written d/D followed by U+0335 (combining short stroke overlay, which renders as
đ and which Pagefind strips like any other combining mark). "doi" then finds "đối", and an exact
"đối" still ranks first because the reader's query gets the same rewriting in search.js, which
also turns excerpts and titles back into đ/Đ before showing them.

Each language gets its own bundle at `<language root>/pagefind/`, so a page of one language can
only ever search its own language, whatever Pagefind would guess from `<html lang>`.

A large language is indexed in parts: Pagefind holds every page it indexes in memory (about
140 KB a page: 4.4 GB for the 34,000 pages of one language at 20,000 directives), so above
`part_pages` pages each part is indexed by a run of its own, one after another, and written
under the bundle as `part-<n>/`. The parts hold only the index, and `parts.json` in the
bundle lists them; search.js merges them into the main one (Pagefind's `mergeIndex`), which
ranks results across all. A page's part is fixed by a hash of its path, so a page stays in
its part while the site grows, until the number of parts changes.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from . import languages, pages, search_digest, settings, urls, views
from .caches import Memo, code_version
from .catalog import Catalog
from .problems import BuildError
from .urls import DOCUMENTS_DIR

#: Where each language's bundle is written, relative to that language's root.
BUNDLE_DIR = "pagefind"
#: The page sections readers search: directives and reference pages of cited directives.
#: Listings (topics, archive, the reference index) only repeat titles, so they stay out.
INDEXED_SECTIONS = (DOCUMENTS_DIR, urls.REFERENCES_DIR)
#: Parts of Material's <article> that are not the document (elements with these classes, and
#: any element marked `data-search-ignore`): permalinks, edit buttons, share links, and the
#: lists of citing documents (their titles would make a page match other documents' words).
#: Header, menus and footer are outside <article> and never read.
EXCLUDED_CLASSES = {
    "headerlink",
    "md-content__button",
    "md-source-file",
    "portal-citations",
    "portal-share",
}
#: Panels beside the text (the facts of a directive): their words are searched, but an excerpt
#: never starts with them.
ASIDE_CLASSES = {"portal-meta"}
#: The rewriting of đ/Đ in the copy Pagefind reads; search.js applies the same to queries.
STROKE = "\u0335"
STROKE_FOLD = str.maketrans({"đ": "d" + STROKE, "Đ": "D" + STROKE})
#: Pagefind groups words into index chunks of about this size; a query loads the chunks of its
#: words. Smaller than the default (20,000), so a first query of four common words stays under
#: 300 KB at 2,000 documents (tests/test_browser_search.py measures it). The variable is marked
#: unstable by Pagefind: if a release drops it, that test fails, nothing else.
NON_KEY = re.compile(r"[^0-9a-z]+")
LEADING_FIGURE = re.compile(r"\d+")
CHUNK_SIZE_ENV = {"PAGEFIND_UNSTABLE_INDEX_CHUNK_SIZE": "2000"}
#: The parts of a language's index beyond the main one, listed for search.js in PARTS_FILE.
PART_DIR = "part-{}"
PARTS_FILE = "parts.json"
#: What a part needs beside its folders (index/, fragment/, filter/): the script, the
#: WebAssembly and the interface files are the main bundle's.
PART_FILES = ("pagefind-entry.json", "*.pf_meta")
PART_FOLDERS = ("index", "fragment", "filter")


class SearchIndexError(BuildError):
    """Pagefind could not index the site; the message says which language and why.

    A PluginError, so every caller of the build (build, serve, publish) already reports it as a
    failed build and keeps the previous site."""


@dataclass(frozen=True)
class IndexReport:
    """What one language's index holds and cost, for the build log and the benchmark."""

    lang: str
    pages: int
    bundle_bytes: int
    seconds: float

    def __str__(self) -> str:
        return (
            f"search [{self.lang}]: {self.pages} pages, "
            f"{self.bundle_bytes / 1024:.0f} KB, {self.seconds:.1f} s"
        )


@dataclass(frozen=True)
class SearchView:
    """What the templates need: where this language's bundle is, and the line of facts (type,
    number, date, issuer) a result shows under its title, empty for pages not indexed."""

    bundle: str
    facts: str = ""


def page_view(catalog: Catalog, src_uri: str, page_url: str, lang: str) -> SearchView:
    bundle = views.relative(languages.PREFIX[lang] + BUNDLE_DIR + "/", page_url, lang)
    directive = views.directive_of(catalog, src_uri)
    if directive is not None:
        return SearchView(bundle, pages.facts(directive, lang))
    folder, _, name = src_uri.rpartition("/")
    entry = catalog.cited_document(name[:-3]) if folder == urls.REFERENCES_DIR else None
    if entry is not None and src_uri == pages.reference_uri(entry):
        cited_by = f"{pages.ui('cited_by', lang)}: {pages.count(len(entry.cited_by), lang)}"
        return SearchView(bundle, f"{pages.ui('references', lang)} · {cited_by}")
    return SearchView(bundle)


def number_key(text: str) -> str:
    """A document number as readers may type it, reduced to what they all share: letters without
    marks (đ as d) and digits, lower case. '175/KH-UBND', '175 kh ubnd', '175-kh-ubnd' ->
    '175khubnd'. search.js's numberKey() is the same function: keep them in step."""
    folded = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return NON_KEY.sub("", "".join(c for c in folded if not unicodedata.combining(c)).lower())


def number_keys(number: str, *, with_leading: bool) -> tuple[str, ...]:
    """The keys a page is found by: the whole number, and for a portal document its leading
    figure too ('175'), since readers often type only that."""
    keys = [number_key(number)]
    leading = LEADING_FIGURE.match(number.strip())
    if with_leading and leading and leading.group(0) != keys[0]:
        keys.append(leading.group(0))
    return tuple(k for k in keys if k)


def stroke_fold(text: str) -> str:
    """Write đ/Đ so that Pagefind's diacritic folding turns them into d/D."""
    return text.translate(STROKE_FOLD)


def indexed_pages(lang_root: Path) -> list[Path]:
    """The pages of one language that go into its index, in a stable order.

    Only `<section>/<slug>/index.html`: the section's own index page is a listing.
    """
    pages: list[Path] = []
    for section in INDEXED_SECTIONS:
        pages.extend(sorted((lang_root / section).glob("*/index.html")))
    return pages


def write_digests(
    lang_root: Path,
    pages: list[Path],
    copy_root: Path,
    memo: Memo | None = None,
    folders: list[str] | None = None,
) -> None:
    """Write the digest of each page under `copy_root`, at the same relative path, with đ/Đ
    stroke-folded: that is what Pagefind indexes (see search_digest for why). With `folders`,
    each page's digest goes under `copy_root / folders[i]` instead (the parts of an index).

    With `memo`, the next build reads again only the pages that changed: a summary of what each
    page says (search_digest.Summary), its distinct words and its digest are remembered by a
    hash of its HTML (and the digest by the common words too). An unchanged page then costs a
    read and a hash, and no page's text is held in memory unless it has to be digested again."""
    if memo is None:
        texts = [_read(page) for page in pages]
        common = search_digest.common_words(texts)
        digests = [stroke_fold(search_digest.digest(text, common)) for text in texts]
    else:
        digests = _remembered_digests(pages, memo)
    roots = [copy_root / folder for folder in folders] if folders else [copy_root] * len(pages)

    def write(page: Path, text: str, root: Path) -> None:
        target = root / page.relative_to(lang_root)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")

    # Thousands of small files, one folder each: creating them is mostly waiting on the file
    # system, which threads overlap (three times faster here than one after another).
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(write, pages, digests, roots))


def part_of(relative: str, parts: int) -> int:
    """The part of a language's index that holds the page at `relative` (its path in the
    language): 0, the main bundle, when there is one part."""
    if parts <= 1:
        return 0
    digest = hashlib.sha256(relative.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") % parts


def part_count(pages: int, part_pages: int) -> int:
    """How many parts an index of `pages` pages is built in, none above `part_pages` on
    average."""
    return max(1, -(-pages // max(1, part_pages)))


def _read(page: Path) -> search_digest.PageText:
    html = page.read_text(encoding="utf-8")
    return search_digest.read_page(html, EXCLUDED_CLASSES, ASIDE_CLASSES)


def _remembered_digests(pages: list[Path], memo: Memo) -> list[str]:
    version = _reader_version()
    hashes, distinct = [], []
    for page in pages:
        page_hash = hashlib.sha256(page.read_bytes()).hexdigest()
        hashes.append(page_hash)
        words = memo.get(f"words {version} {page_hash}")
        if words is None:
            text = _read(page)
            memo.put(f"summary {version} {page_hash}", search_digest.summarise(text))
            words = search_digest.distinct_keys(text)
            memo.put(f"words {version} {page_hash}", words)
        distinct.append(words)
    common = search_digest.common_keys(words.split("\n") if words else () for words in distinct)
    common_hash = hashlib.sha256("\n".join(sorted(common)).encode()).hexdigest()
    digests = []
    for page, page_hash in zip(pages, hashes, strict=True):
        key = f"digest {version} {common_hash} {page_hash}"
        found = memo.get(key)
        if found is None:
            summary = memo.get(f"summary {version} {page_hash}")
            if summary is None:
                summary = search_digest.summarise(_read(page))
            found = stroke_fold(search_digest.digest(summary, common))
            memo.put(key, found)
        memo.keep(f"summary {version} {page_hash}")  # for when the common words change
        digests.append(found)
    memo.save()
    return digests


@cache
def _reader_version() -> str:
    """What reading and digesting a page depend on besides the page: the code (the reader, the
    digest, the đ folding here) and its settings."""
    code = code_version(__name__, search_digest.__name__)
    return f"{code} {sorted(EXCLUDED_CLASSES)} {sorted(ASIDE_CLASSES)}"


def pagefind_command(source: Path, output: Path, lang: str) -> list[str]:
    from pagefind_bin import get_executable

    command = [
        str(get_executable()),
        "--site",
        str(source),
        "--output-path",
        str(output),
        "--force-language",
        lang,
        "--root-selector",
        "article",
        "--quiet",
    ]
    return command


def index_language(
    site_dir: Path, lang: str, part_pages: int = settings.SEARCH_PART_PAGES
) -> IndexReport | None:
    """Index one language of the built site into its bundle; None when it has nothing to index."""
    return index_root(site_dir / languages.PREFIX[lang], lang, part_pages=part_pages)


def index_root(
    lang_root: Path,
    lang: str,
    cache_dir: Path | None = None,
    part_pages: int = settings.SEARCH_PART_PAGES,
) -> IndexReport | None:
    """Index the built pages of one language found under `lang_root` (that language's root);
    with `cache_dir`, pages unchanged since the last build there are not read again."""
    built = build_bundle(lang_root, lang, cache_dir, part_pages)
    if built is None:
        shutil.rmtree(lang_root / BUNDLE_DIR, ignore_errors=True)
        return None
    folder, report = built
    swap_bundle(lang_root, folder)
    return report


def build_bundle(
    lang_root: Path,
    lang: str,
    cache_dir: Path | None = None,
    part_pages: int = settings.SEARCH_PART_PAGES,
) -> tuple[Path, IndexReport] | None:
    """The index of one language's built pages, in a new folder beside its bundle (see
    swap_bundle); None when the language has no page to index. The pages being served keep
    searching the bundle they have until the swap. Above `part_pages` pages the index is
    built in parts, one Pagefind run each (see the module's notes)."""
    pages = indexed_pages(lang_root)
    if not pages:
        return None
    started = time.perf_counter()
    from .pipeline import new_folder  # (pipeline imports this module)

    parts = part_count(len(pages), part_pages)
    part = [part_of(page.relative_to(lang_root).as_posix(), parts) for page in pages]
    bundle = new_folder(lang_root, f".{BUNDLE_DIR}-new-")
    try:
        with tempfile.TemporaryDirectory(prefix=f"search-{lang}-") as tmp:
            copy_root = Path(tmp)
            memo = Memo(cache_dir / f"search-{lang}.pickle") if cache_dir is not None else None
            write_digests(lang_root, pages, copy_root, memo, [str(n) for n in part])
            # One run after another: each holds only its part's pages in memory.
            for n in sorted(set(part)):
                output = bundle / PART_DIR.format(n) if n else bundle
                _run_pagefind(copy_root / str(n), output, lang)
                if n:
                    _keep_index_only(output)
        names = [PART_DIR.format(n) + "/" for n in sorted(set(part)) if n]
        (bundle / PARTS_FILE).write_text(json.dumps(names), encoding="utf-8")
    except BaseException:
        shutil.rmtree(bundle, ignore_errors=True)
        raise
    size = sum(f.stat().st_size for f in bundle.rglob("*") if f.is_file())
    return bundle, IndexReport(lang, len(pages), size, time.perf_counter() - started)


def _run_pagefind(source: Path, output: Path, lang: str) -> None:
    result = subprocess.run(
        pagefind_command(source, output, lang),
        env={**os.environ, **CHUNK_SIZE_ENV},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        detail = (result.stderr or result.stdout).strip().splitlines()
        reason = detail[-1] if detail else f"exit status {result.returncode}"
        raise SearchIndexError(f"search index [{lang}]: Pagefind failed: {reason}")


def _keep_index_only(part: Path) -> None:
    """Remove from a part what the main bundle already serves (script, WebAssembly, UI)."""
    kept = {path for pattern in PART_FILES for path in part.glob(pattern)}
    for path in part.iterdir():
        if (path.is_dir() and path.name in PART_FOLDERS) or path in kept:
            continue
        if path.is_dir():
            shutil.rmtree(path)
        else:
            path.unlink()


def swap_bundle(lang_root: Path, built: Path) -> None:
    """`built` (from build_bundle) becomes the language's bundle; the old one is removed."""
    bundle = lang_root / BUNDLE_DIR
    old = lang_root / f".{BUNDLE_DIR}-old-{os.getpid()}"
    shutil.rmtree(old, ignore_errors=True)
    if bundle.exists():
        os.replace(bundle, old)
    os.replace(built, bundle)
    shutil.rmtree(old, ignore_errors=True)


def build_index(site_dir: Path, part_pages: int = settings.SEARCH_PART_PAGES) -> list[IndexReport]:
    """Index every language of a built site; raises SearchIndexError if any language fails."""
    reports = []
    for lang in languages.PREFIX:
        report = index_language(site_dir, lang, part_pages)
        if report is not None:
            reports.append(report)
    return reports
