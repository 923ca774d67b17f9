"""A page per assigned body: what every directive of the portal has asked of it, upcoming
first (relative to the newest directive, not the clock), with its own calendar."""

from __future__ import annotations

from collections.abc import Iterator

from . import calendars
from .catalog import Catalog
from .mdtext import escape, link
from .pages import GeneratedPage, _page, document_uri, rel, title_of
from .task_views import (
    BODIES_DIR,
    anchor_id,
    assigned_by_body,
    body_en,
    body_uri,
    group,
    reference_date,
    ui,
    when_text,
)

INDEX_URI = f"{BODIES_DIR}/index.md"


def body_pages(catalog: Catalog, lang: str) -> Iterator[GeneratedPage]:
    """The index of bodies, then one page per body, in slug order."""
    bodies = assigned_by_body(catalog)  # the index even when empty: the Follow page links it
    today = reference_date(catalog)
    lines = []
    for _slug, (name, items) in bodies.items():
        shown = name if lang == "vi" else body_en(name)
        lines.append(f"- {link(shown, rel(body_uri(name), INDEX_URI))} ({len(items)})")
    listing = "\n".join(lines) if lines else ui("no_bodies", lang)
    yield GeneratedPage(INDEX_URI, _page(ui("bodies", lang), listing + "\n"))
    for slug, (name, items) in bodies.items():
        uri = body_uri(name)
        shown = name if lang == "vi" else body_en(name)
        ics = calendars.body_calendar_path(slug)
        out = [f"[{ui('calendar', lang)}]({rel(ics, uri)})\n"]
        for key, group_items in group(items, today):
            out.append(f"## {ui(key, lang)}\n")
            for a in group_items:
                d = a.directive
                target = rel(document_uri(d), uri) + f"#{anchor_id(a.index)}"
                what = a.task.what if len(a.task.what) <= 300 else a.task.what[:300] + " …"
                out.append(
                    f"- **{escape(when_text(a.task, lang))}** ({ui(a.role, lang)}): "
                    f"{escape(what)}  \n  <small>{ui('from', lang)} "
                    f"{link(title_of(d, lang), target)}</small>"
                )
            out.append("")
        yield GeneratedPage(uri, _page(shown, "\n".join(out)))
