"""The typer application, its global options, and the one place errors become exit codes."""

from __future__ import annotations

import os
import sys
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import typer
from typer.core import TyperGroup

from tracker import __version__
from tracker.errors import InvalidInput, TrackError


class TrackGroup(TyperGroup):
    """Turns domain errors into a one-line message and an exit code; never a traceback."""

    def invoke(self, ctx: typer.Context) -> Any:
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except TrackError as error:
            _fail(str(error), error.exit_code)
        except KeyboardInterrupt:
            _fail("interrupted; the database was not changed by an unfinished write", 130)
        except BrokenPipeError:
            sys.stderr.close()
            raise typer.Exit(0) from None
        except Exception as error:
            if os.environ.get("TRACK_DEBUG") or (ctx.obj and ctx.obj.debug):
                raise
            _fail(
                f"internal error ({type(error).__name__}: {error}). Re-run with --debug for the "
                "traceback and report it.",
                1,
            )


def _fail(text: str, code: int) -> None:
    from tracker.render import message

    for number, line in enumerate(text.split("\n")):  # a list of problems: one per line
        message(f"track: error: {line}" if number == 0 else line)
    raise typer.Exit(code)


app = typer.Typer(
    cls=TrackGroup,
    name="track",
    help=(
        "Track the pledges governments make: what was promised, by when, what is overdue, "
        "what was delivered.\n\n"
        "Examples:\n\n"
        "  track list --overdue\n\n"
        "  track show localities-forum\n\n"
        "  track review followups/ARTICLE.txt --interactive\n\n"
        "  track update esd --status in-progress --on 2026-11-20 --evidence https://...\n\n"
        "  track report --as-of 2026-01-01"
    ),
    no_args_is_help=True,
    add_completion=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class Settings:
    """What the global options chose; commands ask it for the store and for today."""

    def __init__(self, db: str | None, debug: bool) -> None:
        self.db = db
        self.debug = debug

    def store(self, db: str | None = None) -> Any:
        """The database chosen by the command's --db, the global --db, $TRACK_DB or the folder."""
        from tracker.render import message
        from tracker.store import LOCK_TIMEOUT_SECONDS, Store, find_database

        path = find_database(db or self.db, os.environ, Path.cwd())
        timeout = os.environ.get("TRACK_LOCK_TIMEOUT")
        try:
            seconds = float(timeout) if timeout else LOCK_TIMEOUT_SECONDS
        except ValueError:
            seconds = -1.0
        if not 0 <= seconds <= 86_400:  # also NaN and infinity: track never waits forever
            raise InvalidInput(
                f"TRACK_LOCK_TIMEOUT={timeout!r} is not a number of seconds from 0 to 86400"
            )
        return Store(path, seconds, notify=lambda text: message(f"track: {text}"))

    @staticmethod
    def now() -> datetime:
        return datetime.now(UTC)

    @staticmethod
    def today() -> date:
        return date.today()


def settings(ctx: typer.Context) -> Settings:
    root = ctx.find_root()
    if root.obj is None:
        root.obj = Settings(None, False)
    return root.obj


def _version(value: bool) -> None:
    if value:
        typer.echo(f"track {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: str | None = typer.Option(
        None,
        "--db",
        metavar="PATH",
        help="Database file. Default: $TRACK_DB, else commitments.json here or in a parent folder.",
    ),
    debug: bool = typer.Option(False, "--debug", help="Show the traceback of unexpected errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version and exit."
    ),
) -> None:
    ctx.obj = Settings(db, debug)
