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
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
) -> None:
    """Show how a deadline phrase resolves: due (inclusive), start, precision.

    Relative phrases ('within this year', 'within six months') need --ref. Conventions: 'early
    2026' ends 2026-04-30, 'mid-2026' 2026-06-30, 'late 2026' 2026-12-31; 'from 2027' starts
    2027-01-01 and is due by 2027-12-31; FY2026 (Japan) runs 2026-04-01 to 2027-03-31. Vague
    phrases ('at an early date', 'soon', 'in the years ahead') are open-ended: never overdue.

    Examples:

      track deadline "by the end of 2025"

      track deadline "within this year" --ref 2025-04-28

      track deadline "FY2026" --fiscal-start 10 --fiscal-named-by end --format json
    """
    from tracker import deadlines, render

    options.choice(fmt, ("text", "json"), "--format")
    options.choice(fiscal_named_by, ("start", "end"), "--fiscal-named-by")
    reference = options.day(ref, settings(ctx).today(), "--ref")
    fiscal = deadlines.FiscalYear(fiscal_start, "start" if fiscal_named_by == "start" else "end")
    result = deadlines.resolve(phrase, reference, fiscal)
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
