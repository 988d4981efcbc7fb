"""Correcting the record: edit, remove, undo."""

from __future__ import annotations

import sys
from typing import Any

import typer

from tracker.cli import options
from tracker.cli.base import app, settings
from tracker.errors import InvalidInput

ID = typer.Argument(..., metavar="ID", help="An id or any unique prefix of one.")


def _others(path: Any) -> Any:
    """Who else committed a record or an event, asked of git (see tracker.shared)."""
    from tracker.shared import others_work

    return lambda commitment, event: others_work(path, commitment.id, event)


@app.command("edit")
def edit_command(
    ctx: typer.Context,
    commitment_id: str = ID,
    title: str | None = typer.Option(None, "--title", metavar="TEXT", help="A new title."),
    description: str | None = typer.Option(
        None, "--description", "-d", metavar="TEXT", help="A new description ('' clears it)."
    ),
    party: list[str] | None = typer.Option(
        None, "--party", "-p", metavar="PARTY", help="The parties (repeatable; replaces them)."
    ),
    pillar: str | None = typer.Option(None, "--pillar", metavar="PILLAR", help="A new pillar."),
    tag: list[str] | None = typer.Option(
        None, "--tag", "-t", metavar="TAG", help="The tags (repeatable; replaces them; '' clears)."
    ),
    alias: list[str] | None = typer.Option(
        None, "--alias", metavar="NAME", help="The other names (repeatable; replaces them)."
    ),
    due: str | None = typer.Option(
        None, "--due", metavar="PHRASE", help="A new deadline phrase ('' for open-ended)."
    ),
    ref: str | None = typer.Option(
        None, "--ref", metavar="DATE", help="Read --due as written on this date (default: made on)."
    ),
    made_on: str | None = typer.Option(
        None,
        "--made-on",
        metavar="DATE",
        help="When it was pledged (the deadline stays; give --due to re-read it).",
    ),
    db: str | None = options.DB,
) -> None:
    """Correct a commitment's fields; one history event records what changed, from what to what.

    Lists (--party, --tag, --alias) are replaced by the values given. The status is changed
    with `track update`, never here.

    Examples:

      track edit local --title "Organise the Localities Forum in Vietnam"

      track edit 2plus2 --party Vietnam --party Japan --tag dialogue --tag defence

      track edit social --due "by mid-2026" --ref 2026-01-15

      track edit esd --made-on 2025-04-27 --alias "ESD programme MoU"
    """
    from tracker import editing, render

    state = settings(ctx)
    today = state.today()
    change = editing.Edit(
        title=title,
        description=description,
        parties=tuple(party) if party else None,
        pillar=pillar,
        tags=tuple(tag) if tag else None,
        aliases=tuple(alias) if alias else None,
        due_phrase=due,
        ref=options.day(ref, today, "--ref"),
        made_on=options.day(made_on, today, "--made-on"),
    )
    with state.store(db).edit() as database:
        typos = options.typo_notes(database, party, pillar)
        updated = editing.edit(database, commitment_id, change, state.now())
    render.message(f"{updated.id}: {updated.history[-1].note}")
    for note in typos:
        render.message(note)


@app.command("remove")
def remove_command(
    ctx: typer.Context,
    commitment_id: str = ID,
    yes: bool = typer.Option(False, "--yes", "-y", help="Do not ask for confirmation."),
    force: bool = typer.Option(
        False, "--force", help="Remove it even if colleagues committed work on it."
    ),
    db: str | None = options.DB,
) -> None:
    """Remove a mistaken commitment: the file keeps nothing of it.

    Asks first unless --yes. Refused while it has unresolved merge conflicts, and when
    someone else committed any of it to git (close it with `track update --status dropped`
    instead). Through git, the merge driver treats the removal as a deletion.

    Examples:

      track remove open-japanese-cultural-centre-da

      track remove duplicate-forum --yes
    """
    from tracker import editing, query, render
    from tracker.safe_text import clean

    state = settings(ctx)
    store = state.store(db)
    target = query.find(store.load(), commitment_id)
    if not yes:
        if not sys.stdin.isatty():
            raise InvalidInput(f"not a terminal, so cannot ask: pass --yes to remove {target.id}")
        prompt = f"Remove {target.id} ({target.title}) and its {len(target.history)} event(s)?"
        if not typer.confirm(clean(prompt), default=False):
            render.message("nothing removed")
            raise typer.Exit(1)
    with store.edit() as database:
        removed = editing.remove(database, target.id, _others(store.path), force)
    render.message(f"{removed.id}: removed")


@app.command("undo")
def undo_command(
    ctx: typer.Context,
    commitment_id: str = ID,
    db: str | None = options.DB,
) -> None:
    """Take back the last history event of a commitment (a mistaken `track update`).

    Refused for the pledge itself (use `track remove`), for an event that changed fields
    (use `track edit`), and for an event a colleague committed to git (record a correction
    with `track update` instead).

    Examples:

      track undo localities-forum

      track show localities-forum      (to check the history afterwards)
    """
    from tracker import editing, render

    state = settings(ctx)
    store = state.store(db)
    with store.edit() as database:
        current, event = editing.undo(database, commitment_id, _others(store.path))
    now = database.get(current.id).status
    render.message(f"{current.id}: took back the event of {event.on} ({event.status}); now {now}")
