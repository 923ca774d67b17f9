"""The MkDocs plugin: wiring only. Every decision lives in plain modules (pipeline, languages,
pages, views, api) so that a change of engine needs a new plugin and nothing else."""

from __future__ import annotations

import functools
import html
import logging
import zlib
from pathlib import Path

from mkdocs.config import config_options as opt
from mkdocs.config.base import Config
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .. import (
    api,
    caches,
    calendars,
    chrome,
    feeds,
    htmlsize,
    languages,
    opengraph,
    originals,
    pagecache,
    pages,
    pipeline,
    rendercache,
    sanitize,
    search,
    search_numbers,
    share_images,
    sitemaps,
    task_views,
    urls,
    views,
)
from ..catalog import Catalog
from ..problems import ContentError
from ..settings import SEARCH_PART_PAGES
from . import files as language_files
from . import incremental

log = get_plugin_logger("portal")

UNUSED_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class PortalConfig(Config):
    language = opt.Choice(("vi", "en"), default="vi")
    # Per language: site_name, site_description, and nav section titles to translate.
    languages = opt.Type(dict, default={})
    sources_dir = opt.Type(str, default="content/sources")
    # Read by settings.py: above this many pages a language's search index is built in parts.
    search_part_pages = opt.Type(int, default=SEARCH_PART_PAGES)


class PortalPlugin(BasePlugin[PortalConfig]):
    """Connects MkDocs build events to the portal's catalog, generated pages and outputs."""

    catalog: Catalog
    lang: str
    base_url: str
    dirty = False  # a dirty rebuild (portal serve): only changed pages are rendered
    incremental = False  # portal serve: generated pages are kept on disk between builds

    def on_config(self, config):
        self.lang = self.config.language
        settings = self.config.languages.get(self.lang, {})
        config.theme["language"] = self.lang
        for key in ("site_name", "site_description", "copyright"):
            if settings.get(key):
                config[key] = settings[key]
        for palette, name in zip(
            config.theme.get("palette") or [], settings.get("palette", []), strict=False
        ):
            palette.setdefault("toggle", {})["name"] = name
        # Material shows its language menu only when `extra.alternate` is set; our
        # partials/alternate.html fills it with this page's counterpart in each language.
        config.extra["alternate"] = [
            {"name": languages.NAMES[code], "lang": code, "link": "/" + prefix}
            for code, prefix in languages.PREFIX.items()
        ]
        self.base_url = (config.site_url or "/").rstrip("/") + "/"
        # What rendered Markdown depends on besides the text (render cache, feed memo); the
        # sanitiser's rules are part of what a cached page is.
        self.render_version = rendercache.fingerprint(
            config.markdown_extensions, config.mdx_configs, sanitize.__name__, views.__name__
        )
        config.site_url = self.base_url + languages.PREFIX[self.lang]
        return config

    def on_files(self, files: Files, config) -> Files:
        root = Path(config.config_file_path).parent
        self.sources = root / self.config.sources_dir
        try:
            self.catalog = pipeline.build_catalog(
                Path(config.docs_dir), root=root, cache_dir=caches.root(root)
            )
        except ContentError as exc:
            raise PluginError(f"nội dung có lỗi [content errors]:\n{exc}") from None
        # Material's lunr search is never loaded (Pagefind replaces it): don't ship 1.2 MB of it.
        for file in list(files):
            if file.src_uri.startswith(UNUSED_ASSETS) or file.src_uri in self.catalog.stray:
                files.remove(file)
        selection = language_files.select_files(files, self.lang, config)
        out = selection.files
        for uri in selection.untranslated:
            directive = views.directive_of(self.catalog, uri)
            if directive is not None:
                out.append(self._page_file(config, uri, pages.untranslated_page(directive)))
        if self.incremental and self.lang != languages.DEFAULT:
            incremental.track_translation_status(out, config, self.lang, self.catalog)
        for page in pages.generated_pages(self.catalog, self.lang):
            out.append(self._page_file(config, page.src_uri, page.markdown))
        if self.lang == languages.DEFAULT:
            self._add_sources(out, config, root)
        self._add_share_images_and_feeds(out, config, root)
        # Every page of this language, for the sitemaps (a dirty rebuild renders only some).
        self.page_uris = sorted(f.src_uri for f in out if f.is_documentation_page())
        if self.incremental:  # portal serve: what the engine's own dirty rule misses
            incremental.plan_rebuild(out, config, self.lang, self.catalog, self.dirty)
        self.render_cache = rendercache.RenderCache(
            caches.root(root) / rendercache.FOLDER, self.lang, self.render_version
        )
        return out

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.dirty = dirty
        # Under portal serve even the first, full build keeps generated pages on disk, so the
        # dirty rebuilds that follow can tell which of them changed.
        self.incremental = command == "serve"

    def _page_file(self, config, src_uri: str, markdown: str) -> File:
        if self.incremental:
            return incremental.page_file(config, self.lang, src_uri, markdown)
        return File.generated(config, src_uri, content=markdown)

    def _add_share_images_and_feeds(self, files: Files, config, root: Path) -> None:
        """Share images (drawn only when not cached) and feeds, as files of this language."""
        description = config.site_description or ""
        images = share_images.plan(self.catalog, self.lang, config.site_name, description)
        report = share_images.CacheReport()
        folder = caches.root(root) / share_images.CACHE_DIR / self.lang
        cached = share_images.ensure_cached(images, folder, report)
        removed = share_images.prune(folder, cached.values())
        log.info(
            "share images: %d drawn, %d from the cache, %d old ones removed",
            report.drawn,
            report.reused,
            removed,
        )
        for path, cached_file in cached.items():
            files.append(_LinkedFile.generated(config, path, abs_src_path=str(cached_file)))
        memo = caches.Memo(caches.root(root) / f"feeds-{self.lang}.pickle")
        renderer = feeds.BodyRenderer(
            config.site_url,
            config.markdown_extensions,
            config.mdx_configs,
            memo,
            self.render_version + rendercache.fingerprint([], {}, feeds.__name__),
        )
        sizes = {path: cached_file.stat().st_size for path, cached_file in cached.items()}
        site = feeds.FeedSite(
            self.lang, config.site_url, config.site_name, description, renderer, sizes
        )
        for feed in feeds.build_feeds(self.catalog, site):
            files.append(File.generated(config, feed.path, content=feed.content))
        for path, content in calendars.build_calendars(self.catalog, self.lang, config.site_url):
            files.append(File.generated(config, path, content=content))
        memo.save()

    def _add_sources(self, files: Files, config, root: Path) -> None:
        sources = root / self.config.sources_dir
        for d in self.catalog.documents:
            path = sources / d.source if d.source else None
            # The catalog refused sources outside the folder and symlinks; never follow one.
            if path is not None and path.is_file() and not path.is_symlink():
                files.append(
                    _Original(
                        d.source,
                        str(sources),
                        config.site_dir,
                        False,
                        dest_uri=urls.SOURCES_URL + d.source,
                    )
                )

    def on_nav(self, nav, config, files):
        # Titles written in mkdocs.yml's nav are Vietnamese; a page's own title would lose to them.
        titles = self.config.languages.get(self.lang, {}).get("nav", {})
        stack = list(nav.items)
        while stack:
            item = stack.pop()
            if item.title in titles:
                item.title = titles[item.title]
            stack.extend(getattr(item, "children", None) or [])
        if self.dirty:
            incremental.refresh_menu(nav)
        self.listed = {page.file.src_uri for page in nav.pages}
        self.chrome = chrome.Chrome()
        self._start_page_cache(nav, config)
        return nav

    def _start_page_cache(self, nav, config) -> None:
        root = Path(config.config_file_path).parent
        self.page_cache = pagecache.PageCache(
            caches.root(root) / pagecache.FOLDER, self.lang, self.base_url
        )
        try:
            shared = pagecache.build_fingerprint(
                config, Path(config.config_file_path), self.render_version
            )
        except pagecache.Uncacheable as exc:  # a setting with no written form: keep nothing
            log.info("page cache off: the setting %s cannot be part of its key", exc)
            shared = None
        self.page_fingerprint = None if shared is None else shared + pagecache.nav_digest(nav)
        self.page_hits: dict[str, str] = {}
        self.resting: dict[str, bytes] = {}  # each rendered page's HTML, compressed
        self.page_pending: dict[str, tuple[str, int]] = {}
        self.engine_warnings = pagecache.WarningCount()
        logging.getLogger("mkdocs").addHandler(self.engine_warnings)

    def on_pre_page(self, page, config, files):
        # MkDocs renders through page.render: this page's goes through the render cache first.
        page.render = functools.partial(self._render, page, page.render)
        return page

    def _render(self, page, render, config, files) -> None:
        """Render `page`, or take what an earlier build rendered from the same Markdown."""
        cache, uri = self.render_cache, page.file.src_uri
        directive = views.directive_of(self.catalog, uri)
        # A directive's citations become links in its HTML, which is kept with them.
        links = (
            None
            if directive is None
            else views.citation_links(self.catalog, directive, page.url, self.lang)
        )
        key = cache.key(uri, page.url, page.markdown + ("" if links is None else links.key()))
        found = cache.get(uri, key, functools.partial(_url_of, files))
        targets = {} if found is None else _files_of(found.anchor_links, files)
        if found is not None and targets is not None:
            page.content = found.content
            page.toc = TableOfContents([_anchor(item) for item in found.toc])
            page._title_from_render = found.title
            page.present_anchor_ids = set(found.anchors)
            page.links_to_anchors = {targets[p]: links for p, links in found.anchor_links.items()}
            return
        lookups = _Lookups(files)
        with _Logged() as logged:
            render(config, lookups)
        # Only the allowlist's elements reach the page (and the cache), whatever the Markdown.
        page.content = sanitize.clean(page.content)
        if links is not None:  # on the HTML, text nodes only: after the allowlist
            page.content = links.apply(page.content)
        if logged.records:
            return  # it said something: every build must say it again
        rendered = rendercache.Rendered(
            page.content,
            [_token(item) for item in page.toc],
            page._title_from_render,
            sorted(page.present_anchor_ids or ()),
            {f.src_uri: dict(links) for f, links in (page.links_to_anchors or {}).items()},
        )
        cache.put(uri, key, rendered, lookups.seen)

    def on_page_markdown(self, markdown: str, page, config, files) -> str:
        # Material prints page titles unescaped (<title>, header, h1) and MkDocs' Jinja does not
        # autoescape: a title taken from a directive must reach the HTML escaped, exactly once.
        if isinstance(page.meta.get("title"), str):
            title = page.meta["title"]
            if self.lang == languages.DEFAULT and views.directive_of(
                self.catalog, page.file.src_uri
            ):
                title = pages.display_title(title)
            page.meta["title"] = html.escape(title, quote=False)
        uri = page.file.src_uri
        for topic in pages.TOPICS:
            if uri == urls.topic_uri(topic):
                return markdown + pages.topic_listing(self.catalog, topic, self.lang)
        if uri == "index.md":
            return pages.insert_at_marker(markdown, pages.home_listing(self.catalog, self.lang))
        if uri == f"{urls.ARCHIVE_DIR}/index.md":
            return markdown + pages.archive_index(self.catalog, self.lang)
        return markdown

    @event_priority(-50)  # after Material's own context, so ours is complete
    def on_page_context(self, context, page, config, nav):
        self._restore(page)  # first: the page key and the template read its HTML
        uri = page.file.src_uri
        context["portal_lang"] = self.lang
        context["portal_chrome"] = None if uri in self.listed else self.chrome.group(page.url)
        context["portal_alternates"] = views.page_alternates(
            uri, page.url, self.lang, self.base_url
        )
        context["portal_search"] = search.page_view(self.catalog, uri, page.url, self.lang)
        context["portal_og"] = opengraph.for_page(
            self.catalog,
            uri,
            page.title,
            self.lang,
            self.base_url,
            config.site_name,
            config.site_description or "",
            page.meta.get("description"),
        )
        context["portal_follow"] = views.topic_follow(uri, page.url, self.lang)
        directive = views.directive_of(self.catalog, uri)
        if directive is not None:
            context["portal_document"] = views.document_view(
                self.catalog,
                directive,
                page.url,
                self.lang,
                sources=self.sources,
            )
        self._look_up_page(context, page)
        return context

    def _look_up_page(self, context, page) -> None:
        """Last of the context: the page's final HTML if an earlier build kept it (main.html
        then prints it instead of rendering Material's templates)."""
        uri = page.file.src_uri
        self.page_pending.pop(uri, None)
        if self.page_fingerprint is None:
            return
        try:
            key = pagecache.page_key(self.page_fingerprint, context, page)
        except pagecache.Uncacheable as exc:
            log.debug("page cache: %s not kept (%s in its context)", uri, exc)
            return
        found = self.page_cache.get(uri, key)
        if found is not None:
            context[pagecache.CONTEXT_KEY] = found
            self.page_hits[uri] = found
        else:
            self.page_pending[uri] = (key, self.engine_warnings.count)

    def on_page_content(self, content: str, page, config, files) -> str:
        # The engine keeps every page in memory from its render until all are written; its
        # Markdown is no longer read (its title is in its meta or came from the render), so it
        # goes: at 2,000 directives a language's peak falls by a ninth. Not None: MkDocs reads
        # None as "not read yet" and gives the page no title.
        page.markdown = ""
        # A directive's tasks: its sentences anchored, its table (citations are linked in
        # _render, so that the render cache keeps them).
        directive = views.directive_of(self.catalog, page.file.src_uri)
        if directive is not None:
            content = task_views.with_tasks(content, self.catalog, directive, page.url, self.lang)
        return self._put_to_rest(page, content)

    def _put_to_rest(self, page, content: str) -> str:
        """The engine renders every page before it writes any, holding all their HTML at
        once: at 20,000 directives over 4 GB a language. Each page's HTML waits compressed
        instead (a sixth of its size) and is restored when the page is written (_restore)."""
        self.resting[page.file.src_uri] = zlib.compress(content.encode("utf-8"), 1)
        return ""  # not None: the engine would keep the HTML it gave

    def _restore(self, page) -> None:
        rested = self.resting.pop(page.file.src_uri, None)
        if rested is not None:
            page.content = zlib.decompress(rested).decode("utf-8")

    def on_post_page(self, output: str, page, config) -> str:
        uri = page.file.src_uri
        page.content = ""  # written: nothing reads it again (anchors are checked from ids)
        if uri in self.page_hits:
            return self.page_hits.pop(uri)  # as kept: squeezed already
        output = htmlsize.squeeze(output)
        pending = self.page_pending.pop(uri, None)
        if pending is not None and pending[1] == self.engine_warnings.count:
            self.page_cache.put(uri, pending[0], output)
        return output

    def on_post_build(self, config) -> None:
        # A full build has visited every page: entries of pages since removed can go.
        removed = 0 if self.dirty else self.render_cache.prune()
        log.info(
            "rendered Markdown: %d pages from the cache, %d rendered, %d old entries removed",
            self.render_cache.hits,
            self.render_cache.misses,
            removed,
        )
        logging.getLogger("mkdocs").removeHandler(self.engine_warnings)
        removed = 0 if self.dirty else self.page_cache.prune()
        log.info(
            "final HTML: %d pages from the cache, %d rendered, %d old entries removed",
            self.page_cache.hits,
            self.page_cache.misses,
            removed,
        )
        site_dir = Path(config.site_dir)
        sitemaps.remove_engine_maps(site_dir)
        search_numbers.write(self.catalog, site_dir, self.lang)
        if self.lang == languages.DEFAULT:
            # Every page exists in both languages (English stand-ins included), so the
            # Vietnamese build knows the whole map.
            sitemaps.write_full_map(site_dir, self.page_uris, self.base_url)
            api.write(self.catalog, site_dir)


class _LinkedFile(File):
    """A file published as it is (a share image from the cache, a received source text):
    copied into the site (a reflink where the filesystem has them), never hard-linked."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None
        caches.copy_file(Path(self.abs_src_path), Path(self.abs_dest_path))


class _Original(_LinkedFile):
    """A received source, published as received, or a text original as UTF-8 with a BOM
    (originals.py). Decoded when it is written, not held in memory through the build."""

    def copy_file(self, dirty: bool = False) -> None:
        if dirty and not self.is_modified():
            return
        assert self.abs_src_path is not None
        text = originals.published_bytes(Path(self.abs_src_path))
        if text is None:
            super().copy_file(dirty)
            return
        target = Path(self.abs_dest_path)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(text)


class _Lookups:
    """The site's files as one page's render sees them, noting every page it looks up (a link's
    target) and the URL found: the render cache keeps the page's HTML for as long as each of
    these answers the same (rendercache.py)."""

    def __init__(self, files: Files):
        self._files = files
        self.seen: dict[str, str | None] = {}

    def get_file_from_path(self, path: str) -> File | None:
        file = self._files.get_file_from_path(path)
        self.seen[path] = None if file is None else file.url
        return file

    def __getattr__(self, name: str):
        return getattr(self._files, name)

    def __iter__(self):
        return iter(self._files)

    def __len__(self) -> int:
        return len(self._files)

    def __contains__(self, path) -> bool:
        return path in self._files


def _url_of(files: Files, path: str) -> str | None:
    file = files.get_file_from_path(path)
    return None if file is None else file.url


def _files_of(paths, files: Files) -> dict[str, File] | None:
    """The files of these source paths; None if one is gone (the entry is then not used)."""
    found = {path: files.get_file_from_path(path) for path in paths}
    return None if None in found.values() else found  # type: ignore[return-value]


def _token(item: AnchorLink) -> dict:
    return {
        "title": item.title,
        "id": item.id,
        "level": item.level,
        "children": [_token(child) for child in item.children],
    }


def _anchor(token: dict) -> AnchorLink:
    item = AnchorLink(token["title"], token["id"], token["level"])
    item.children = [_anchor(child) for child in token["children"]]
    return item


class _Logged(logging.Handler):
    """Collects what MkDocs and Python-Markdown log while it is open."""

    LOGGERS = ("mkdocs", "MARKDOWN")

    def __init__(self) -> None:
        super().__init__(logging.INFO)  # debug chatter is no reason to render again
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)

    def __enter__(self) -> _Logged:
        for name in self.LOGGERS:
            logging.getLogger(name).addHandler(self)
        return self

    def __exit__(self, *exc) -> None:
        for name in self.LOGGERS:
            logging.getLogger(name).removeHandler(self)
