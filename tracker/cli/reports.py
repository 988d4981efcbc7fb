"""Reporting commands: report, check, log."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import typer

from tracker.cli import options
from tracker.cli.base import app, settings
from tracker.errors import InvalidInput, StorageError

REPORT_FORMATS = ("table", "markdown", "json")
TITLE = "Commitments"


@app.command("report")
def report_command(
    ctx: typer.Context,
    as_of: str | None = options.AS_OF,
    party: list[str] = options.PARTY,
    pillar: list[str] = options.PILLAR,
    due_before: str | None = options.DUE_BEFORE,
    due_after: str | None = options.DUE_AFTER,
    made_since: str | None = options.MADE_SINCE,
    changed_since: str | None = options.CHANGED_SINCE,
    fmt: str = typer.Option(
        "table", "--format", "-f", metavar="FORMAT", help="table, markdown or json."
    ),
    output: str | None = typer.Option(
        None,
        "--output",
        "-o",
        metavar="FILE",
        help="Save to FILE: .svg or .html (the terminal rendering), .md (markdown) or .json.",
    ),
    force: bool = options.FORCE,
    db: str | None = options.DB,
) -> None:
    """Where the commitments stand: figures, delivery score, overdue, upcoming, a timeline.

    Headline: total, open, closed, overdue, due in the next 90 days, fulfilled. Delivery score
    (G7 Research Group style): fulfilled +1, partial 0, broken -1, averaged over the judged
    commitments; percentage = (score + 1) / 2 x 100. With --as-of, every status is the one the
    commitment had on that day, and pledges made later are left out.

    Examples:

      track report

      track report --as-of 2026-01-01 --party Japan

      track report --made-since 2026-01-01

      track report --format markdown > briefing.md

      track report --output report.svg
    """
    from tracker import query, render, report

    state = settings(ctx)
    options.choice(fmt, REPORT_FORMATS, "--format")
    day = options.day(as_of, state.today(), "--as-of") or state.today()
    dates = options.Dates(due_before, due_after, made_since, changed_since)
    filters = query.Filters(
        parties=tuple(party), pillars=tuple(pillar), **dates.read(state.today())
    )
    store = state.store(db)
    if output:
        target = options.output_path(output, store, force)
        _check_suffix(output)
    database = store.load(query.narrowing(filters, day))
    options.warn_unmatched(database, filters)
    result = report.build(database, day, filters)
    title = _title(party, pillar)
    if output:
        _save(result, title, target)
        render.message(f"saved the report as of {day} to {output}")
        return
    from tracker.render import report as draw

    if fmt == "json":
        render.print_json(result.to_dict())
    elif fmt == "markdown":
        sys.stdout.write(draw.markdown(result, title))
    else:
        draw.draw(result, title)


def _title(party: list[str], pillar: list[str]) -> str:
    scope = [*party, *pillar]
    return f"{TITLE} ({', '.join(scope)})" if scope else TITLE


def _check_suffix(output: str) -> None:
    if Path(output).suffix.lower() not in (".svg", ".html", ".htm", ".md", ".json"):
        raise InvalidInput(f"--output {output!r}: use a .svg, .html, .md or .json file name")


def _save(result: Any, title: str, output: Path) -> None:
    from tracker import render
    from tracker.render import report as draw
    from tracker.store import write_atomically

    suffix = output.suffix.lower()
    if suffix in (".svg", ".html", ".htm"):
        content = draw.rendered(result, title, svg=suffix == ".svg")
    elif suffix == ".md":
        content = draw.markdown(result, title)
    else:
        content = render.to_json(result.to_dict())
    try:
        write_atomically(output, content)
    except OSError as error:
        raise StorageError(f"cannot write {output}: {error.strerror}") from None


@app.command("check")
def check_command(
    ctx: typer.Context,
    within: str | None = typer.Option(
        None, "--within", metavar="WINDOW", help="Also alarm on pledges due within 30d, 6w, 3m."
    ),
    as_of: str | None = options.AS_OF,
    db: str | None = options.DB,
) -> None:
    """One line for cron, CI and shell prompts; exits 1 when anything is overdue.

    With --within, pledges due inside the window raise the alarm too. Exit 0: all clear.

    Examples:

      track check

      track check --within 30d || mail -s "pledges due" desk@example.org < /dev/null

      track check --as-of 2025-06-01
    """
    from tracker import report

    state = settings(ctx)
    day = options.day(as_of, state.today(), "--as-of") or state.today()
    window = options.window(within, "--within")
    result = report.check(state.store(db).load(report.check_narrowing(day, window)), day, window)
    sys.stdout.write(result.summary() + "\n")
    if result.alarm:
        raise typer.Exit(1)


@app.command("log")
def log_command(
    ctx: typer.Context,
    since: str | None = typer.Option(
        None, "--since", metavar="DATE", help="Only events that happened on or after DATE."
    ),
    recorded_since: str | None = typer.Option(
        None,
        "--recorded-since",
        metavar="DATE",
        help="Only events entered (recorded) on or after DATE.",
    ),
    limit: int | None = typer.Option(
        20, "--limit", "-n", metavar="N", help="At most N events (0: all)."
    ),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table or json."),
    db: str | None = options.DB,
) -> None:
    """What changed recently: history events across all commitments, the most recently
    recorded first.

    Sorted by when each event was recorded (entered into track), not by the day it happened
    (the On column): an event back-dated today still comes first. --recorded-since filters by
    the recorded date, --since by the day it happened.

    Examples:

      track log

      track log --recorded-since 2026-11-01 --limit 0

      track log --since 2026-01-01 --limit 0

      track log --format json | jq '.[] | select(.status == "fulfilled")'
    """
    from tracker import render, report

    state = settings(ctx)
    options.choice(fmt, ("table", "json"), "--format")
    if limit is not None and limit < 0:
        raise InvalidInput("--limit must be 0 or more")
    today = state.today()
    entries = report.log(
        state.store(db).load(),
        options.day(since, today, "--since"),
        limit or None,
        options.day(recorded_since, today, "--recorded-since"),
    )
    if fmt == "json":
        render.print_json([entry.to_dict() for entry in entries])
    elif entries:
        from tracker.render.log import log_table

        log_table(entries)
    else:
        render.message("No events match.")
