"""Moving commitments in and out: `track export` and `track import`."""

from __future__ import annotations

import sys

import typer

from tracker.cli import options
from tracker.cli.base import app, settings


@app.command("export")
def export_command(
    ctx: typer.Context,
    fmt: str = typer.Option(
        ..., "--format", "-f", metavar="FORMAT", help="ics, csv, json, markdown or taskwarrior."
    ),
    output: str | None = typer.Option(
        None, "--output", "-o", metavar="FILE", help="Write to FILE."
    ),
    force: bool = options.FORCE,
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
    """Export commitments for a calendar, a spreadsheet, a briefing or Taskwarrior.

    ics: one all-day event per dated pledge on its due date (stable UIDs, so a calendar that
    re-imports updates). csv: the list columns, UTF-8, safe from formula injection. json: every
    field with history (what `track import` reads). markdown: a table per pillar. taskwarrior:
    `task import` format with stable uuids. Filters are those of `track list`.

    Examples:

      track export --format ics --output ~/calendars/pledges.ics --force

      track export --format csv --overdue > overdue.csv

      track export --format ics --due-after 2026-01-01 --due-before 2026-12-31

      track export --format taskwarrior | task import
    """
    from tracker import export, query, render

    state = settings(ctx)
    options.choice(fmt, export.FORMATS, "--format")
    dates = options.Dates(due_before, due_after, made_since, changed_since)
    filters = options.filters(
        overdue, due_within, status, party, pillar, tag, search, False, dates, state.today()
    )
    day = options.day(as_of, state.today(), "--as-of") or state.today()
    store = state.store(db)
    target = options.output_path(output, store, force) if output else None
    database = store.load()
    options.warn_unmatched(database, filters)
    chosen = query.select(database, day, filters, sort="due" if fmt != "json" else "id")
    writers = {
        "ics": lambda: export.to_ics(chosen, state.now()),
        "csv": lambda: export.to_csv(chosen),
        "json": lambda: export.to_json(chosen),
        "markdown": lambda: export.to_markdown(chosen),
        "taskwarrior": lambda: export.to_taskwarrior(chosen),
    }
    content = writers[fmt]()
    if target:
        from tracker.store import write_atomically

        write_atomically(target, content)
        events = f" as {export.dated(chosen)} calendar event(s) (one per due date)" * (fmt == "ics")
        render.message(f"exported {len(chosen)} commitment(s){events} to {output}")
    else:
        sys.stdout.write(content)


@app.command("import")
def import_command(
    ctx: typer.Context,
    file: str = typer.Argument(..., metavar="FILE", help="A .json or .csv file ('-' for stdin)."),
    fmt: str | None = typer.Option(
        None, "--format", "-f", metavar="FORMAT", help="csv or json (default: by extension)."
    ),
    dry_run: bool = typer.Option(
        False, "--dry-run", "-n", help="Show what would change; change nothing."
    ),
    on_conflict: str = typer.Option(
        "fail",
        "--on-conflict",
        metavar="POLICY",
        help="When an id exists: skip, update (union of histories) or fail.",
    ),
    db: str | None = options.DB,
) -> None:
    """Import commitments from JSON or CSV: every row is checked first, then all or nothing.

    Errors are reported together, with row numbers and fields, and nothing is changed. CSV needs
    the columns title and made_on; optional: id, description, parties, pillar, tags, due_phrase
    (resolved against made_on), status, document, quote, published.

    Examples:

      track import colleague.json --dry-run

      track import pledges.csv --on-conflict skip

      track export -f json | track --db copy.json import - --on-conflict update
    """
    from tracker import importer, render

    state = settings(ctx)
    chosen = fmt or ("csv" if file.lower().endswith(".csv") else "json")
    options.choice(chosen, ("csv", "json"), "--format")
    options.choice(on_conflict, importer.CONFLICT_POLICIES, "--on-conflict")
    text = options.read_text_file(file)
    items = importer.parse(text, chosen, file, state.now())
    store = state.store(db)
    if dry_run:
        result = importer.plan(store.load(), items, on_conflict, file)
    else:
        with store.edit() as database:
            result = importer.plan(database, items, on_conflict, file)
            importer.apply(database, result)
    for line in result.lines():
        sys.stdout.write(render.safe_line(line))
    prefix = "dry run, nothing changed: " if dry_run else "imported: "
    render.message(prefix + result.summary())
