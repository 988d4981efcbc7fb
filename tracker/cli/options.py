"""Options shared by several commands, and the conversions from their text."""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

import typer

from tracker.errors import InvalidInput

AS_OF_HELP = "Look as of this date (ISO or written, e.g. 2026-01-01, '1 Jan 2026'). Default: today."

DB = typer.Option(None, "--db", metavar="PATH", help="Database file (overrides the global --db).")
AS_OF = typer.Option(None, "--as-of", envvar="TRACK_AS_OF", metavar="DATE", help=AS_OF_HELP)
PARTY = typer.Option(
    [], "--party", "-p", metavar="PARTY", help="Only pledges binding this party (repeatable)."
)
PILLAR = typer.Option(
    [], "--pillar", metavar="PILLAR", help="Only this pillar, e.g. economy (repeatable)."
)
# The filters of `track list`, shared by every command that selects commitments.
OVERDUE = typer.Option(False, "--overdue", help="Only open pledges past their due date.")
DUE_WITHIN = typer.Option(
    None, "--due-within", metavar="WINDOW", help="Only open pledges due within 90d, 6w, 3m, 1y."
)
STATUS = typer.Option([], "--status", "-s", metavar="STATUS", help="Only this status (repeatable).")
TAG = typer.Option(
    [], "--tag", "-t", metavar="TAG", help="Only pledges with this tag (repeatable)."
)
SEARCH = typer.Option(
    "",
    "--search",
    "-q",
    metavar="TEXT",
    help="Text in id, title, aliases, description, quotes, history notes or evidence; "
    "ignores case and accents.",
)

DUE_BEFORE = typer.Option(
    None, "--due-before", metavar="DATE", help="Only pledges due on or before DATE."
)
DUE_AFTER = typer.Option(
    None, "--due-after", metavar="DATE", help="Only pledges due on or after DATE."
)
MADE_SINCE = typer.Option(
    None, "--made-since", metavar="DATE", help="Only pledges made on or after DATE."
)
CHANGED_SINCE = typer.Option(
    None,
    "--changed-since",
    metavar="DATE",
    help="Only commitments with an event recorded (entered) on or after DATE.",
)


class Dates(NamedTuple):
    """The date filters as typed: --due-before, --due-after, --made-since, --changed-since."""

    due_before: str | None = None
    due_after: str | None = None
    made_since: str | None = None
    changed_since: str | None = None

    def read(self, today: date) -> dict[str, date | None]:
        return {
            name: day(value, today, "--" + name.replace("_", "-"))
            for name, value in self._asdict().items()
        }


def filters(
    overdue: bool,
    due_within: str | None,
    status: list[str],
    party: list[str],
    pillar: list[str],
    tag: list[str],
    search: str,
    conflicts: bool = False,
    dates: Dates = Dates(),
    today: date | None = None,
) -> Any:
    """The query.Filters the list options describe (bad values are usage errors)."""
    from tracker.query import Filters
    from tracker.schema import check_status

    return Filters(
        **dates.read(today or date.today()),
        overdue=overdue,
        due_within=window(due_within, "--due-within"),
        statuses=tuple(check_status(s) for s in status),
        parties=tuple(party),
        pillars=tuple(pillar),
        tags=tuple(tag),
        search=search,
        conflicts=conflicts,
    )


def day(text: str | None, today: date, option: str) -> date | None:
    if text is None:
        return None
    iso = _iso_day(text)
    if iso is not None:
        return iso
    from tracker.deadlines import parse_date

    try:
        return parse_date(text, today)
    except InvalidInput as error:
        raise InvalidInput(f"{option}: {error}") from None


def _iso_day(text: str) -> date | None:
    """A plain YYYY-MM-DD within the years track holds, read without loading the date reader
    (which costs 3 ms of every start with TRACK_AS_OF set); None for anything else."""
    from tracker.schema import FIRST_YEAR, LAST_YEAR

    words = text.strip()
    if not (len(words) == 10 and words.isascii() and words[4] == words[7] == "-"):
        return None
    if not (words[:4] + words[5:7] + words[8:]).isdigit():
        return None
    try:
        found = date.fromisoformat(words)
    except ValueError:
        return None  # not a real date: the date reader says why
    return found if FIRST_YEAR <= found.year <= LAST_YEAR else None


def window(text: str | None, option: str) -> tuple[int, str] | None:
    if text is None:
        return None
    from tracker.deadlines import parse_window

    try:
        count, unit = parse_window(text)
    except InvalidInput as error:
        raise InvalidInput(f"{option}: {error}") from None
    days = {"day": 1, "week": 7, "month": 31, "year": 366}.get(unit, 366)
    if count * days > MAX_WINDOW_DAYS:
        raise InvalidInput(
            f"{option}: {text!r} is longer than 300 years (the dates track holds run from 1900 "
            "to 2200)"
        )
    return count, unit


MAX_WINDOW_DAYS = 300 * 366


FORCE = typer.Option(False, "--force", help="Replace FILE if it exists (never the database).")


def output_path(name: str, store: Any, force: bool) -> Any:
    """Where `--output` may write: never the database, its backups or lock (whatever the
    path, link or hard link that names them), never a folder, an existing file only with
    --force."""
    import os
    from pathlib import Path

    target = Path(name)
    if target.is_dir():
        raise InvalidInput(f"--output {name!r} is a folder")
    real = os.path.realpath(target)
    for kept in (store.path, *store.companions()):
        if real == os.path.realpath(kept) or _same_file(target, kept):
            raise InvalidInput(
                f"--output {name!r} is the database {store.path.name} or one of its backups; "
                "choose another file name"
            )
    if (target.exists() or target.is_symlink()) and not force:
        raise InvalidInput(f"--output {name!r} exists; add --force to replace it")
    return target


def _same_file(one: Any, other: Any) -> bool:
    """Two names for one file (a hard link, say); False if either does not exist."""
    import os

    try:
        return bool(os.path.samefile(one, other))
    except OSError:
        return False


def choice(value: str, allowed: tuple[str, ...], option: str) -> str:
    if value not in allowed:
        raise InvalidInput(f"{option} {value!r} is not one of: {', '.join(allowed)}")
    return value


def read_text_file(name: str) -> str:
    """A user's input file as text ('-' is standard input), or a one-line error saying why not."""
    import sys
    from pathlib import Path

    from tracker.errors import StorageError

    if name == "-":
        return sys.stdin.read()
    try:
        return Path(name).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise StorageError(f"{name} does not exist") from None
    except IsADirectoryError:
        raise StorageError(f"{name} is a folder, not a file") from None
    except UnicodeDecodeError:
        raise StorageError(
            f"{name} is not UTF-8 text; convert it (e.g. with iconv) and retry"
        ) from None
    except OSError as error:
        raise StorageError(f"cannot read {name}: {error.strerror}") from None


def warn_unmatched(database: Any, filters: Any) -> None:
    """Say on stderr which --party, --pillar or --tag value no commitment has (a typo?)."""
    if not (filters.parties or filters.pillars or filters.tags):
        return
    from tracker import query, render

    for note in query.unmatched(database, filters):
        render.message(f"track: {note}")


def typo_notes(database: Any, parties: Any, pillar: str | None) -> list[str]:
    """Before `add` or `edit` records a party or pillar: the ones that look like a typo of a
    known value (to be said once the change is made)."""
    from tracker.query import Filters, unmatched

    chosen = Filters(parties=tuple(parties or ()), pillars=(pillar,) if pillar else ())
    if not (chosen.parties or chosen.pillars):
        return []
    return [f"track: {note} (recorded as typed)" for note in unmatched(database, chosen, True)]
