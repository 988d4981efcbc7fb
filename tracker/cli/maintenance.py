"""`track doctor`: check the database and repair what is safe."""

from __future__ import annotations

import sys

import typer

from tracker.cli import options
from tracker.cli.base import app, settings


@app.command("doctor")
def doctor_command(
    ctx: typer.Context,
    fix: bool = typer.Option(
        False, "--fix", help="Repair what is safe: history order, formatting."
    ),
    db: str | None = options.DB,
) -> None:
    """Check the database: schema, ids, statuses, dates, history order, sources and quotes.

    Prints each problem with its location and exits 1 if there are any. --fix repairs only
    what changes no fact (an older schema, migrated with a backup first; history order;
    canonical formatting; temporary files left by an interrupted write) and reports the rest
    for you to fix by hand.

    Examples:

      track doctor

      track doctor --fix && git diff commitments.json
    """
    from tracker import doctor, render
    from tracker.errors import StorageError

    store = settings(ctx).store(db)
    base = store.path.parent
    if fix:
        if doctor.needs_migration(store.read_text()):
            try:
                with store.lock():
                    store.upgrade()  # the same migration every command runs, backup first
            except StorageError as error:
                render.message(f"track: not migrated: {error}")
        if store.rewrite(doctor.repaired):
            render.message(f"repaired history order and formatting in {store.path}")
        for path in store.remove_stale_temp_files():
            render.message(f"removed {path.name}, left by an interrupted write")
    problems = doctor.examine(store.read_text(), base)
    leftovers = store.stale_temp_files()
    if leftovers is None:
        render.message("another track command is writing now: temporary files not checked")
    problems += [
        doctor.Problem(path.name, "temporary file left by an interrupted write", True)
        for path in leftovers or ()
    ]
    for problem in problems:
        sys.stdout.write(render.safe_line(f"{store.path}: {problem}"))
    if problems:
        render.message(f"{len(problems)} problem(s) found")
        raise typer.Exit(1)
    render.message(f"{store.path}: no problems found")
