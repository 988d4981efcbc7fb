"""The everyday commands: init, list, show, add, update."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from tracker.cli import options
from tracker.cli.base import app, settings

LIST_FORMATS = ("table", "json", "csv")


@app.command("init")
def init_command(
    ctx: typer.Context,
    path: str = typer.Argument("commitments.json", help="Where to create the database."),
) -> None:
    """Create an empty database (never overwrites one).

    Examples:

      track init

      track init ~/work/vn-jp.json && export TRACK_DB=~/work/vn-jp.json
    """
    from pathlib import Path

    from tracker import render
    from tracker.store import Store

    Store(Path(path)).create()
    render.message(f"created {path}")


@app.command("list")
def list_command(
    ctx: typer.Context,
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
    conflicts: bool = typer.Option(
        False, "--conflicts", help="Only commitments with unresolved git merge conflicts."
    ),
    sort: str = typer.Option(
        "due", "--sort", metavar="KEY", help="Order by due, id, status or made_on."
    ),
    limit: int | None = typer.Option(None, "--limit", "-n", metavar="N", help="Show at most N."),
    fmt: str = typer.Option(
        "table", "--format", "-f", metavar="FORMAT", help="table, json or csv."
    ),
    as_of: str | None = options.AS_OF,
    db: str | None = options.DB,
) -> None:
    """List commitments, filtered and sorted; filters combine.

    A pledge is overdue when it is still open (pending, in-progress, stalled) after its due
    date. Open-ended pledges are never overdue.

    Examples:

      track list --overdue

      track list --due-within 90d --party Japan

      track list --search "to lam" --status pending --status stalled

      track list --overdue --as-of 2026-01-01 --format json

      track list --due-after 2026-01-01 --due-before 2026-06-30 --changed-since 2026-11-01
    """
    from tracker import query, render

    state = settings(ctx)
    options.choice(fmt, LIST_FORMATS, "--format")
    dates = options.Dates(due_before, due_after, made_since, changed_since)
    filters = options.filters(
        overdue, due_within, status, party, pillar, tag, search, conflicts, dates, state.today()
    )
    day = options.day(as_of, state.today(), "--as-of") or state.today()
    store = state.store(db)
    database = store.load(query.narrowing(filters, day))
    options.warn_unmatched(database, filters)
    chosen = query.select(database, day, filters, sort, limit)
    if fmt == "json":
        render.print_json([v.to_dict() for v in chosen])
    elif fmt == "csv":
        render.views_csv(chosen, sys.stdout)
    elif chosen:
        render.views_table(chosen)
    else:
        render.message(f"No commitments match as of {day}.")
    if conflicts and not any(c.conflicts for c in database):
        _unmerged(store.path)


def _unmerged(path: Path) -> None:
    """`list --conflicts` also says when git holds the file unmerged although no commitment
    records a conflict: the merge driver refused a side (exit 1)."""
    from tracker import render
    from tracker.cli.team import unmerged_note

    note = unmerged_note(path)
    if note:
        render.message(f"track: {note}")
        raise typer.Exit(1)


@app.command("show")
def show_command(
    ctx: typer.Context,
    commitment_id: str = typer.Argument(
        ..., metavar="ID", help="An id or any unique prefix of one."
    ),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table or json."),
    as_of: str | None = options.AS_OF,
    db: str | None = options.DB,
) -> None:
    """Everything about one commitment: fields, sources with their quotes, history.

    Examples:

      track show localities-forum

      track show local            (any unique prefix of the id)

      track show 2plus2 --as-of 2025-06-01 --format json
    """
    from tracker import query, render
    from tracker.errors import InvalidInput, NotFound
    from tracker.index import Narrowing

    state = settings(ctx)
    options.choice(fmt, ("table", "json"), "--format")
    day = options.day(as_of, state.today(), "--as-of") or state.today()
    store = state.store(db)
    try:
        commitment = query.find(store.load(Narrowing(prefix=commitment_id)), commitment_id)
    except NotFound:  # read every id, for the "did you mean" hint
        commitment = query.find(store.load(), commitment_id)
    seen = query.view(commitment, day)
    if seen is None:
        raise InvalidInput(f"{commitment.id} was made on {commitment.made_on}, after {day}")
    if fmt == "json":
        render.print_json(seen.to_dict(with_history=True))
    else:
        render.show(seen)


@app.command("add")
def add_command(
    ctx: typer.Context,
    title: str = typer.Argument(..., help="The pledge in a few words."),
    due: str = typer.Option(
        "",
        "--due",
        metavar="PHRASE",
        help="Deadline as the source words it: 'by end-2025', 'Q3 2026'.",
    ),
    made_on: str = typer.Option("today", "--made-on", metavar="DATE", help="When it was pledged."),
    ref: str | None = typer.Option(
        None,
        "--ref",
        metavar="DATE",
        help="Read --due as written on this date (default: --made-on).",
    ),
    commitment_id: str = typer.Option(
        "", "--id", metavar="ID", help="A slug; default: made from the title."
    ),
    description: str = typer.Option(
        "", "--description", "-d", metavar="TEXT", help="Longer description."
    ),
    party: list[str] = typer.Option(
        [], "--party", "-p", metavar="PARTY", help="A party bound by it (repeatable)."
    ),
    pillar: str = typer.Option(
        "", "--pillar", metavar="PILLAR", help="Area, e.g. economy, labour, green-transition."
    ),
    tag: list[str] = typer.Option([], "--tag", "-t", metavar="TAG", help="A tag (repeatable)."),
    status: str = typer.Option(
        "pending", "--status", "-s", metavar="STATUS", help="Starting status."
    ),
    note: str = typer.Option(
        "", "--note", metavar="TEXT", help="Note for the first history event."
    ),
    source: str = typer.Option(
        "", "--source", metavar="DOCUMENT", help="Document that reports it."
    ),
    quote: str = typer.Option("", "--quote", metavar="TEXT", help="Verbatim quote from --source."),
    published: str | None = typer.Option(None, "--published", metavar="DATE", help="Its date."),
    db: str | None = options.DB,
) -> None:
    """Add a commitment; prints its new id.

    The deadline phrase is resolved against --made-on (or --ref), so 'within this year' in a
    pledge made on 2025-04-28 means 2025-12-31. Leave --due out for an open-ended pledge.

    Examples:

      track add "Hold the 2+2 dialogue" --due "in 2025" --made-on 2025-04-28 -p Vietnam -p Japan

      track add "Sign the labour MoU" --due "within this year" --made-on 2025-04-28 --source seeds/002_0f0be2f1b16192b7.txt --quote "push ahead with the building of a Memorandum"
    """
    from tracker import actions, render

    state = settings(ctx)
    today = state.today()
    store = state.store(db)
    new = actions.NewCommitment(
        title=title,
        made_on=options.day(made_on, today, "--made-on") or today,
        due_phrase=due,
        ref=options.day(ref, today, "--ref"),
        id=commitment_id,
        description=description,
        parties=tuple(party),
        pillar=pillar,
        tags=tuple(tag),
        status=status,
        note=note,
        source_document=source,
        quote=quote,
        published=options.day(published, today, "--published"),
    )
    with store.edit() as database:
        typos = options.typo_notes(database, party, pillar)
        added = actions.add(database, new, state.now(), store.path.parent)
    sys.stdout.write(added.id + "\n")
    for note in typos:
        render.message(note)


@app.command("update")
def update_command(
    ctx: typer.Context,
    commitment_id: str = typer.Argument(
        ..., metavar="ID", help="An id or any unique prefix of one."
    ),
    status: str | None = typer.Option(
        None, "--status", "-s", metavar="STATUS", help="The new status."
    ),
    note: str = typer.Option("", "--note", "-m", metavar="TEXT", help="What happened."),
    evidence: list[str] = typer.Option(
        [], "--evidence", "-e", metavar="URL_OR_TEXT", help="Evidence (repeatable)."
    ),
    document: str = typer.Option(
        "",
        "--document",
        metavar="FILE",
        help="A stored follow-up article (e.g. followups/….txt) the evidence quotes.",
    ),
    quote: str = typer.Option(
        "", "--quote", metavar="TEXT", help="The verbatim sentence of --document that shows it."
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        metavar="DATE",
        help="When --document was published (default: its '# date:' line).",
    ),
    alias: list[str] = typer.Option(
        [],
        "--alias",
        metavar="NAME",
        help="Another name the pledge goes by, for `track review` (repeatable).",
    ),
    due: str | None = typer.Option(None, "--due", metavar="PHRASE", help="A new deadline phrase."),
    ref: str | None = typer.Option(
        None, "--ref", metavar="DATE", help="Read --due as written on this date (default: made_on)."
    ),
    on: str | None = typer.Option(
        None, "--on", metavar="DATE", help="When it happened (default: today)."
    ),
    db: str | None = options.DB,
) -> None:
    """Record what happened to a commitment: appends one history event.

    Statuses: pending, in-progress, stalled (open); fulfilled, partial, broken, dropped
    (closed). An update that changes nothing is refused.

    Examples:

      track update 2plus2 --status fulfilled --on 2025-12-10 -e https://www.mofa.go.jp/...

      track update local --note "Venue announced" --on "3 Nov 2025"

      track update social --due "by mid-2026" --ref 2026-01-15 --note "New target reported"

      track update 2plus2 -s fulfilled --on 2025-12-04 --document followups/2025-12-04-2plus2.txt --quote "Việt Nam and Japan held their first ..."

      track update 2plus2 --alias "Foreign and Defence Vice-Ministerial Consultation"
    """
    from tracker import actions, render
    from tracker.schema import check_status

    state = settings(ctx)
    today = state.today()
    change = actions.Update(
        status=check_status(status) if status else None,
        note=note,
        evidence=tuple(evidence),
        due_phrase=due,
        ref=options.day(ref, today, "--ref"),
        on=options.day(on, today, "--on"),
        document=document,
        quote=quote,
        published=options.day(published, today, "--published"),
        aliases=tuple(alias),
    )
    store = state.store(db)
    with store.edit() as database:
        updated = actions.update(database, commitment_id, change, state.now(), store.path.parent)
    if change.aliases and not (status or note or evidence or due or document):
        render.message(f"{updated.id}: aliases {', '.join(updated.aliases)}")
    else:
        render.message(f"{updated.id}: {updated.status} (event on {change.on or today})")
    if change.status and updated.status != change.status:
        later = updated.history[-1].on
        render.message(
            f"track: the status is still {updated.status!r}: a later event ({later}) says so; "
            "record the change on or after that day if it still holds"
        )
