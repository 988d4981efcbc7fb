"""Working as a team through git: the merge driver, its set-up, and settling conflicts."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import typer

from tracker.cli import options
from tracker.cli.base import app, settings
from tracker.errors import InvalidInput, StorageError


@app.command("merge-driver")
def merge_driver_command(
    base: str = typer.Argument(..., help="%O: the common ancestor's file."),
    ours: str = typer.Argument(..., help="%A: our file; the result is written here."),
    theirs: str = typer.Argument(..., help="%B: their file."),
) -> None:
    """Git merge driver: merge two versions of commitments.json by commitment id.

    Git calls it with %O %A %B and reads the result from %A. Changes on one side are taken;
    history events of both sides are kept; a field changed differently on both sides, or a
    commitment deleted on one side and changed on the other, is recorded as a conflict (see
    `track list --conflicts`, settle with `track resolve`) and the merge exits 1 so git
    reports it. The result is always a valid, canonical database. Set it up with
    `track git-setup`.

    Examples:

      track git-setup

      track merge-driver base.json ours.json theirs.json
    """
    from tracker import render
    from tracker.merge import merge_databases
    from tracker.schema import InvalidRecord, validate_record
    from tracker.store import dump, write_atomically

    sides = zip(("base", "ours", "theirs"), (base, ours, theirs), strict=True)
    versions = [_version(side, Path(name)) for side, name in sides]
    result, conflicted = merge_databases(*versions)
    for key, record in result["commitments"].items():
        try:  # never hand git a merge that track would then refuse to read
            validate_record(record, where=f"merged commitment {key!r}")
        except InvalidRecord as error:
            raise StorageError(f"cannot merge: {error}; ours is left as it was") from None
    write_atomically(Path(ours), dump(result))
    if conflicted:
        render.message(
            f"track: merge conflicts in {', '.join(conflicted)}: see `track list --conflicts`, "
            "settle with `track resolve ID --take ours|theirs|VALUE`, then commit"
        )
        raise typer.Exit(1)


def _version(side: str, path: Path) -> dict[str, Any]:
    """One side's database, upgraded to the current schema and validated; refused with the
    side named if it is not one. An empty base means the file is new on both sides."""
    from tracker.migrations import TABLE, empty_database, migrate
    from tracker.schema import InvalidRecord, validate_record
    from tracker.store import AtomicJSONStorage

    try:
        if side == "base" and path.is_file() and not path.read_bytes().strip():
            return empty_database()
        data = migrate(AtomicJSONStorage(path).read(), path)
        table = data.get(TABLE)
        if not isinstance(table, dict):
            raise StorageError(f"{path}: table {TABLE!r} is missing or not an object")
        for key, record in table.items():
            validate_record(record, where=f"commitment {key!r}")
            if record["id"] != key:
                raise StorageError(f"the record stored under {key!r} has id {record['id']!r}")
    except (StorageError, InvalidRecord) as error:
        raise StorageError(
            f"cannot merge: {side} is refused ({error}). Nothing was merged: git keeps ours "
            "and marks the file as conflicted (`track list --conflicts` says so); fix that "
            "side and merge again"
        ) from None
    return data


@app.command("git-setup")
def git_setup_command(
    ctx: typer.Context,
    db: str | None = options.DB,
) -> None:
    """Register track's merge driver for the database in this git repository (idempotent).

    Sets merge.track.driver in the repository's .git/config, adds a `merge=track` line for
    the database to .gitattributes and its lock file to .gitignore (commit both files so your
    colleagues get them too; each clone runs `track git-setup` once for its own .git/config).

    Examples:

      track git-setup

      track --db data/vn-jp.json git-setup
    """
    from tracker import render

    path = settings(ctx).store(db).path.resolve()
    top = _git(path.parent, "rev-parse", "--show-toplevel").strip()
    if not top:
        raise StorageError(f"{path.parent} is not inside a git repository; run `git init` first")
    root = Path(top)
    driver = f'"{sys.executable}" -m tracker merge-driver %O %A %B'
    changes = []
    for key, value in (
        ("merge.track.name", "track: merge commitments by id"),
        ("merge.track.driver", driver),
    ):
        if _git(root, "config", "--get", key).strip() != value:
            _git(root, "config", key, value)
            changes.append(f"set {key} in .git/config")
    relative = path.relative_to(root).as_posix()
    for name, line in (
        (".gitattributes", f"{relative} merge=track"),
        (".gitignore", f"{relative}.lock"),
    ):
        if _add_line(root / name, line):
            changes.append(f"added '{line}' to {name} (commit it)")
    for change in changes:
        sys.stdout.write(render.safe_line(change))
    if not changes:
        render.message("already set up: nothing changed")


def _add_line(path: Path, line: str) -> bool:
    """Append `line` to a text file unless it is already there; True if the file changed."""
    from tracker.store import write_atomically

    existing = path.read_text(encoding="utf-8").splitlines() if path.exists() else []
    if line in existing:
        return False
    write_atomically(path, "\n".join([*existing, line]) + "\n")
    return True


def _git(folder: Path, *args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False
        )
    except FileNotFoundError:
        raise StorageError("git is not installed or not on PATH") from None
    if done.returncode not in (0, 1):
        if args[:1] == ("rev-parse",):
            return ""
        raise StorageError(f"git {' '.join(args)} failed: {done.stderr.strip()}")
    return done.stdout


@app.command("resolve")
def resolve_command(
    ctx: typer.Context,
    commitment_id: str = typer.Argument(
        ..., metavar="ID", help="An id or any unique prefix of one."
    ),
    take: str = typer.Option(
        ..., "--take", metavar="ours|theirs|VALUE", help="Which side's value to keep, or a value."
    ),
    field: str | None = typer.Option(
        None, "--field", metavar="FIELD", help="Only the conflict on this field."
    ),
    db: str | None = options.DB,
) -> None:
    """Settle a merge conflict recorded by the git merge driver.

    --take ours or theirs keeps that side's value for every conflict of the commitment (or
    only --field's); --take VALUE sets a value (for one field). A status is settled by a new
    history event, so both sides' events stay in the history.

    Examples:

      track list --conflicts

      track resolve localities-forum --take theirs

      track resolve 2plus2 --field status --take fulfilled
    """
    from tracker import actions, render

    state = settings(ctx)
    if not take.strip():
        raise InvalidInput("--take needs ours, theirs or a value")
    with state.store(db).edit() as database:
        result = actions.resolve_conflicts(database, commitment_id, take, field, state.now())
    if result is None:
        render.message(f"{commitment_id}: removed, as one side had deleted it")
    else:
        left = f"; {len(result.conflicts)} conflict(s) left" if result.conflicts else ""
        render.message(f"{result.id}: resolved ({result.status}){left}")


def unmerged_note(database: Path) -> str | None:
    """What to say when git still holds the database as unmerged (the merge driver refused a
    side, or the merge was never finished); None when it does not, or git is not there."""
    try:
        done = subprocess.run(
            ["git", "ls-files", "--unmerged", "--", database.name],
            cwd=database.parent,
            capture_output=True,
            text=True,
            check=False,
        )
    except OSError:
        return None
    if done.returncode != 0 or not done.stdout.strip():
        return None
    return (
        f"git has not merged {database.name}, and no commitment in it records a conflict: the "
        "merge driver refused a side, so the other side's changes are not in this file (git "
        "printed why when merging). Fix that side and merge "
        f"again (`git merge --abort`, then `git merge`), or keep this file with `git add "
        f"{database.name}`"
    )
