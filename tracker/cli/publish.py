"""`track publish`: the commitments as a static website."""

from __future__ import annotations

from pathlib import Path

import typer

from tracker.cli import options
from tracker.cli.base import app, settings

DEFAULT_TITLE = "Commitments tracker"


@app.command("publish")
def publish_command(
    ctx: typer.Context,
    output: str = typer.Option(
        ..., "--output", "-o", metavar="DIR", help="Folder to write the site in (created)."
    ),
    title: str = typer.Option(
        DEFAULT_TITLE, "--title", metavar="TEXT", help="The site's name, on every page."
    ),
    overdue: bool = options.OVERDUE,
    due_within: str | None = options.DUE_WITHIN,
    status: list[str] = options.STATUS,
    party: list[str] = options.PARTY,
    pillar: list[str] = options.PILLAR,
    tag: list[str] = options.TAG,
    search: str = options.SEARCH,
    due_before: str | None = options.DUE_BEFORE,
    due_after: str | None = options.DUE_AFTER,
    made_since: str | None = options.MADE_SINCE,
    changed_since: str | None = options.CHANGED_SINCE,
    as_of: str | None = options.AS_OF,
    db: str | None = options.DB,
) -> None:
    """Write a static website: an overview with charts, a page per commitment, a searchable list.

    Open DIR/index.html in a browser, or serve the folder with any web server. Each
    commitment keeps its address (DIR/c/ID.html) from one publish to the next. Nothing is
    loaded from elsewhere. The list filters (--party, --pillar, ...) choose what is published.

    Examples:

      track publish --output site

      track publish -o site --title "Vietnam–Japan pledges" --as-of 2026-01-01

      track publish -o site-japan --party Japan && python3 -m http.server -d site-japan

      track publish -o site-2026 --due-after 2026-01-01 --due-before 2026-12-31
    """
    from tracker import publish, render

    state = settings(ctx)
    dates = options.Dates(due_before, due_after, made_since, changed_since)
    filters = options.filters(
        overdue, due_within, status, party, pillar, tag, search, False, dates, state.today()
    )
    day = options.day(as_of, state.today(), "--as-of") or state.today()
    database = state.store(db).load()
    options.warn_unmatched(database, filters)
    site = publish.build(database, day, filters, title)
    removed = publish.write(site, Path(output))
    pages = sum(name.startswith("c/") for name in site)
    gone = f"; removed {removed} page{'s' * (removed != 1)} no longer published" if removed else ""
    render.message(f"published {pages} commitments as of {day} to {output}/index.html{gone}")
