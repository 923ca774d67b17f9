"""The build, as one readable flow (`build_site`): every language is built in a process of its
own into a fresh folder, and the folder is swapped in only when all succeeded.

In each language's process, today's stages run inside the engine's plugin (engine/plugin.py):
read the catalog and validate it before anything is written, all errors at once (on_files) →
prepare the generated pages — listings, archive, reference pages — and each page's views
(on_files, pages.py, views.py) → render every page (the engine) → finish: feeds, share cards,
sitemaps, open data (on_post_build). Then, in a fresh process of its own, the language's search
index. Nothing in this module knows the engine beyond `engine.run.render_language`.
"""

from __future__ import annotations

import logging
import logging.handlers
import multiprocessing
import os
import shutil
import tempfile
from concurrent.futures import as_completed
from pathlib import Path

from . import engine, processes, search
from .caches import Memo
from .catalog import Catalog, load_catalog
from .engine import run
from .languages import PREFIX
from .problems import ContentError

#: Parsed front matter kept between builds, in the cache folder (caches.py).
PARSE_CACHE = "front-matter.pickle"


def read_catalog(
    docs_dir: Path, root: Path | None = None, cache_dir: Path | None = None
) -> Catalog:
    """Read all content with topics assigned by the rules; problems are kept, not raised.
    With `cache_dir`, front matter parsed by an earlier build is not parsed again."""
    from .topics import classify, load_rules

    rules = load_rules()
    cache = Memo(cache_dir / PARSE_CACHE) if cache_dir is not None else None
    return load_catalog(
        docs_dir, classify=lambda t, b: classify(t, b, rules), root=root, cache=cache
    )


def build_catalog(
    docs_dir: Path, root: Path | None = None, cache_dir: Path | None = None
) -> Catalog:
    """Read and validate all content; raise ContentError listing every error at once."""
    catalog = read_catalog(docs_dir, root, cache_dir)
    if catalog.errors:
        raise ContentError(catalog.problems)
    return catalog


def build_site(
    config_file: str, out: Path, strict: bool = False, site_url: str | None = None
) -> list[search.IndexReport]:
    """The build: each language rendered and indexed into a staging folder (build_into), then
    the staging folder swapped in for `out` (swap_in). A failure leaves `out` as it was."""
    out = out.resolve()
    out.parent.mkdir(parents=True, exist_ok=True)
    _remove_leftovers(out)
    staging = new_folder(out.parent, f".{out.name}.{os.getpid()}.")
    try:
        reports = build_into(config_file, staging, strict, site_url=site_url)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, out)
    return reports


def build_language(
    config_file: str,
    lang: str,
    site_dir: str,
    strict: bool,
    site_url: str | None,
    serve_url: str | None,
    dirty: bool = False,
) -> search.IndexReport | None:
    """One language in one process: its pages (render_language), then its search index (kept
    as it is in a dirty rebuild, where only changed pages are rendered again). build_into runs
    the two in processes of their own; the profiler runs this."""
    render_language(config_file, lang, site_dir, strict, site_url, serve_url, dirty)
    if dirty and (Path(site_dir) / search.BUNDLE_DIR).is_dir():
        return None
    return index_language(config_file, lang, site_dir)


def render_language(
    config_file: str,
    lang: str,
    site_dir: str,
    strict: bool,
    site_url: str | None,
    serve_url: str | None,
    dirty: bool = False,
) -> None:
    """Catalog, generated pages, render and finish: the engine and its plugin."""
    run.render_language(config_file, lang, site_dir, strict, site_url, serve_url, dirty)


def index_language(config_file: str, lang: str, site_dir: str) -> search.IndexReport | None:
    """The search index of one language's built pages."""
    from .settings import load as load_settings

    settings = load_settings(Path(config_file).resolve().parent)
    return search.index_root(Path(site_dir), lang, settings.cache_dir, settings.search_part_pages)


def search_bundles(config_file: str, site_dir: Path) -> list[tuple[Path, Path]]:
    """Each language's search index of the site in `site_dir`, built into new folders beside
    the bundles in use: (language root, new bundle). Swap them in with use_bundles, or drop them
    with discard_bundles. portal serve refreshes its index so, after a dirty rebuild."""
    from concurrent.futures import ThreadPoolExecutor

    from .settings import load as load_settings

    settings = load_settings(Path(config_file).resolve().parent)
    roots = {lang: site_dir / prefix for lang, prefix in PREFIX.items()}
    # Pagefind runs as a process of its own: the languages' runs overlap on two cores.
    with ThreadPoolExecutor(max_workers=len(roots)) as pool:
        futures = {
            lang: pool.submit(
                search.build_bundle, root, lang, settings.cache_dir, settings.search_part_pages
            )
            for lang, root in roots.items()
        }
        bundles, failed = [], []
        for lang, future in futures.items():
            try:
                built = future.result()
            except BaseException as exc:  # the other language's bundle is dropped too
                failed.append(exc)
                continue
            if built is not None:
                bundles.append((roots[lang], built[0]))
    if failed:
        discard_bundles(bundles)
        raise failed[0]
    return bundles


def use_bundles(bundles: list[tuple[Path, Path]]) -> None:
    for lang_root, bundle in bundles:
        search.swap_bundle(lang_root, bundle)


def discard_bundles(bundles: list[tuple[Path, Path]]) -> None:
    for _, bundle in bundles:
        shutil.rmtree(bundle, ignore_errors=True)


class _Relay(logging.Handler):
    """Hands a record from a language's process to the logger of the same name here."""

    def emit(self, record: logging.LogRecord) -> None:
        logging.getLogger(record.name).handle(record)


def build_into(
    config_file: str,
    site_dir: Path,
    strict: bool = False,
    *,
    site_url: str | None = None,
    serve_url: str | None = None,
    dirty: bool = False,
) -> list[search.IndexReport]:
    """Build every language into `site_dir` (which should be new or empty), each with its
    search index: the index is part of the site, so it exists before the site is swapped in.

    The languages build in parallel, one process each (on two cores the build takes as long as
    the slower language, not the sum). Each writes into a folder of its own, because MkDocs
    empties its site folder first; the other languages are moved under the default one after.
    `site_url` overrides mkdocs.yml's; `serve_url` makes pages reload themselves (portal serve).
    `dirty` rebuilds a built site in place, rendering only what changed (portal serve).
    """
    if dirty:  # nothing is emptied: every language writes straight into its place
        folders = {lang: site_dir / prefix for lang, prefix in PREFIX.items()}
    else:
        # A folder of its own for each other language, new and uniquely named: a worker of a
        # killed build still running could not write into this build's folder.
        site_dir.parent.mkdir(parents=True, exist_ok=True)
        hidden = site_dir.name.lstrip(".")
        folders = {
            lang: site_dir if not prefix else new_folder(site_dir.parent, f".{hidden}.{lang}-")
            for lang, prefix in PREFIX.items()
        }
    context = multiprocessing.get_context("spawn")  # no fork of a threaded parent
    log_queue = context.Queue()
    listener = logging.handlers.QueueListener(log_queue, _Relay())
    listener.start()
    level = logging.getLogger(engine.LOGGER).getEffectiveLevel()
    built = False
    try:
        # Owned: on an error, a timeout or a signal the workers are killed with what they
        # started, so none writes on after the build has ended (processes.py). One task a
        # process: a language's index is built in a fresh process as soon as its pages are
        # written, not in the one that rendered them, which has grown to the size of the whole
        # render (1.7 GB a language at 20,000 directives; the index needs a fraction of that).
        with processes.owned_pool(
            len(folders),
            context,
            initializer=run.send_log_to,
            initargs=(log_queue, level),
            max_tasks_per_child=1,
        ) as pool:
            rendered = {
                pool.submit(
                    render_language,
                    config_file,
                    lang,
                    str(folder),
                    strict,
                    site_url,
                    serve_url,
                    dirty,
                ): lang
                for lang, folder in folders.items()
            }
            indexed = {}
            for future in as_completed(rendered):
                future.result()
                lang = rendered[future]
                if dirty and (folders[lang] / search.BUNDLE_DIR).is_dir():
                    continue  # a dirty rebuild keeps the index it has (serve refreshes it)
                indexed[lang] = pool.submit(index_language, config_file, lang, str(folders[lang]))
            reports = [indexed[lang].result() for lang in folders if lang in indexed]
        built = True
    finally:
        listener.stop()
        for lang, folder in folders.items():
            if dirty or folder == site_dir:
                continue
            if built and site_dir.exists():
                os.replace(folder, site_dir / PREFIX[lang].rstrip("/"))
            else:
                shutil.rmtree(folder, ignore_errors=True)
    return [report for report in reports if report is not None]


def swap_in(staging: Path, out: Path) -> None:
    """`staging` becomes `out`; the old site is moved aside first and removed after."""
    old = Path(tempfile.mkdtemp(dir=out.parent, prefix=f".{out.name}.{os.getpid()}.old-"))
    if out.exists():
        os.replace(out, old / out.name)
    os.replace(staging, out)
    shutil.rmtree(old, ignore_errors=True)


def new_folder(parent: Path, prefix: str, suffix: str = "") -> Path:
    """A folder no one else has: created here, with a random part in its name. Readable as
    any folder this process makes (mkdtemp's own 0700 would hide the site from the web
    server, which runs as another user)."""
    folder = Path(tempfile.mkdtemp(dir=parent, prefix=prefix, suffix=suffix))
    umask = os.umask(0o022)
    os.umask(umask)
    folder.chmod(0o777 & ~umask)
    return folder


def _remove_leftovers(out: Path) -> None:
    """Staging folders of builds whose process has ended (killed, or the machine restarted)."""
    for path in out.parent.glob(f".{out.name}.*"):
        pid = path.name.removeprefix(f".{out.name}.").split(".")[0]
        if pid.isdigit() and not processes.alive(int(pid)):
            shutil.rmtree(path, ignore_errors=True)
