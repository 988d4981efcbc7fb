"""`track deadline`: see how a phrase resolves before committing it."""

from __future__ import annotations

import sys

import typer

from tracker.cli import options
from tracker.cli.base import app, settings


@app.command("deadline")
def deadline_command(
    ctx: typer.Context,
    phrase: str = typer.Argument(..., help="The time phrase as the source writes it."),
    ref: str | None = typer.Option(
        None, "--ref", metavar="DATE", help="The date the words were written (for 'this year')."
    ),
    fiscal_start: int = typer.Option(
        4,
        "--fiscal-start",
        metavar="MONTH",
        min=1,
        max=12,
        help="Month the fiscal year starts (Japan: 4).",
    ),
    fiscal_named_by: str = typer.Option(
        "start",
        "--fiscal-named-by",
        metavar="start|end",
        help="FY N named by the year it starts (Japan) or ends (US).",
    ),
    direction: str = typer.Option(
        "forward",
        "--direction",
        metavar="forward|backward",
        help="forward for pledges ('by Friday' is the next Friday); backward for reports.",
    ),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
) -> None:
    """Show how a deadline phrase resolves: due (inclusive), start, precision.

    Relative phrases ('by March 3', 'next week', 'within six months') resolve against --ref
    (default: today). Words around the time expression are fine ('with the inaugural session
    set for 2025'); a short phrase with words track does not know is refused, naming them.

    Conventions: early/mid/late of a month end on the 10th/20th/last day ('in early October'
    is due October 10); of a year, 'early 2026' ends 2026-04-30, 'mid-2026' 2026-06-30, 'late
    2026' 2026-12-31. Seasons end with the northern meteorological season (spring 31 May,
    summer 31 August, autumn/fall 30 November, winter the end of February). Weeks run Monday
    to Sunday ('next week' is due on its Sunday). A bare month or weekday is the next one
    ('by Friday'). 'before X' is the day before X begins, but 'before the end of X' is the end
    of X. 'from 2027' starts 2027-01-01 and is due 2027-12-31; 'after 2030' and 'beyond 2030'
    give only a start (2031-01-01) and no due date. Fiscal years give both: FY2026 (Japan) runs
    2026-04-01 to 2027-03-31. 'within N months' is --ref plus N months. Vague phrases ('at an
    early date', 'in the weeks ahead', 'at a later stage') are open-ended: never overdue.
    Relative phrases may not leave the years 1900-2200.

    Examples:

      track deadline "before the end of the year" --ref 2025-09-18

      track deadline "by March 3" --ref 2025-09-18

      track deadline "held on Thursday" --ref 2025-09-18 --direction backward

      track deadline "FY2026" --fiscal-start 10 --fiscal-named-by end --format json
    """
    from tracker import deadlines, render

    options.choice(fmt, ("text", "json"), "--format")
    options.choice(fiscal_named_by, ("start", "end"), "--fiscal-named-by")
    reference = options.day(ref, settings(ctx).today(), "--ref")
    fiscal = deadlines.FiscalYear(fiscal_start, "start" if fiscal_named_by == "start" else "end")
    options.choice(direction, ("forward", "backward"), "--direction")
    result = deadlines.resolve(
        phrase, reference, fiscal, strict=False, backward=direction == "backward"
    )
    if fmt == "json":
        render.print_json(result.to_dict())
        return
    lines = [f"phrase     {result.phrase}"]
    if result.open_ended:
        lines.append(f"due        none: open-ended ({result.reason}); never overdue")
    else:
        lines.append(f"due        {result.due} (inclusive; precision: {result.precision})")
    if result.starts:
        lines.append(f"starts     {result.starts}")
    if reference:
        lines.append(f"written on {reference}")
    sys.stdout.write("".join(render.safe_line(line) for line in lines))
