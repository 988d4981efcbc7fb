"""`track extract`: propose the pledges in an article, and record the ones a person accepts."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

from tracker.cli import options
from tracker.cli.base import app, settings

if TYPE_CHECKING:
    from tracker.extraction.candidates import Candidate


@app.command("extract")
def extract_command(
    ctx: typer.Context,
    files: list[str] = typer.Argument(
        ..., metavar="FILE...", help="Articles or statements (UTF-8 text)."
    ),
    published: str | None = typer.Option(
        None, "--published", metavar="DATE", help="Publication date: the reference for 'this year'."
    ),
    fmt: str = typer.Option("table", "--format", "-f", metavar="FORMAT", help="table or json."),
    add: bool = typer.Option(False, "--add", help="Record the new pledges as pending commitments."),
    interactive: bool = typer.Option(
        False, "--interactive", "-i", help="Ask accept / skip / edit title for each new pledge."
    ),
    due: str | None = typer.Option(
        None,
        "--due",
        metavar="PHRASE",
        help="Deadline for accepted pledges whose time phrase was not understood.",
    ),
    db: str | None = options.DB,
) -> None:
    """Propose the pledges an article states, each with its verbatim quote and deadline.

    Finds clauses that carry a commitment (agreed to, pledged, committed to, decided to, aim
    to, a target, is set to, scheduled, instructed ... to, will, vowed,
    concurred, set for, invited ... to visit, reached consensus on, announced support for ...),
    and, through a model learned from 200-odd annotated articles, clauses no such cue marks
    (shown with the cue "none (learned reader)"); a clause marked only by "will" is kept when
    that model does not read it as a forecast. It
    splits sentences that join several undertakings, names the parties, resolves the time
    phrase against --published (or a `date YYYY-MM-DD` line, or a dated dateline), and suggests
    a pillar.
    Candidates already in the database are marked with their id; a pledge another article
    already reported is added as a further source, never as a duplicate. Without a database
    (outside a project) it still reads the article; nothing is then marked as recorded. A time
    phrase it cannot read is shown as "deadline not understood", and --add refuses that pledge
    unless --due gives its deadline. Articles over 2,000,000 characters (about 300,000
    words) are refused: split them. It is a first pass: read what it proposes before you --add.

    Examples:

      track extract seeds/002_0f0be2f1b16192b7.txt --published 2025-04-28

      track extract statement.txt --published 2026-03-01 --format json

      track extract statement.txt --published 2026-03-01 --interactive

      track extract statement.txt --published 2026-03-01 --add --due 2026-12-31
    """
    from tracker import actions, render
    from tracker.extraction import candidates as extraction
    from tracker.extraction.matching import mark_existing

    state = settings(ctx)
    options.choice(fmt, ("table", "json"), "--format")
    reference = options.day(published, state.today(), "--published")
    store = _store_if_any(state, db, needed=add or interactive)
    base = store.path.parent if store else Path.cwd()
    texts = {_cited_path(name, base): options.read_text_file(name) for name in files}
    found = extraction.extract_all(texts, reference)
    for document in sorted({c.document for c in found if c.reference is None}):
        render.message(
            f"{document}: no publication date: pass --published; relative deadlines are left unresolved"
        )
    if not (add or interactive):
        if store is not None:
            mark_existing(found, store.load())
        _show(found, fmt)
        return
    choose = _Asker(due) if interactive else (lambda candidate: candidate.title)
    with store.edit() as database:
        mark_existing(found, database)
        for cid, what in actions.accept_extracted(database, found, texts, choose, state.now(), due):
            render.message(f"{what}: {cid}")
    if fmt == "json":
        _show(found, fmt)


def _show(found: list[Candidate], fmt: str) -> None:
    from tracker import render

    if fmt == "json":
        render.print_json([c.to_dict() for c in found])
    elif found:
        render.candidates_table(found)
    else:
        render.message("No pledges found.")


def _store_if_any(state: Any, db: str | None, needed: bool) -> Any:
    """The database, or None when there is none to find: reading an article needs none (nothing
    is then marked as recorded); recording needs one."""
    from tracker.store import StorageError

    try:
        return state.store(db)
    except StorageError:
        if needed:
            raise
        return None


class _Asker:
    """Asks accept / skip / edit title for each proposal; after quit, skips the rest (what was
    accepted before quitting is still recorded). A pledge whose deadline was not understood is
    skipped with a word unless --due gave one."""

    def __init__(self, due: str | None = None) -> None:
        self.quitting = False
        self.due = due

    def __call__(self, candidate: Candidate) -> str | None:
        from tracker import render

        if self.quitting:
            return None
        render.candidates_table([candidate])
        if candidate.deadline_not_understood and not self.due:
            render.message(f"skipped: deadline “{candidate.due_phrase}” not understood; pass --due")
            return None
        while True:
            answer = typer.prompt("[a]ccept, [s]kip, [e]dit title, [q]uit", default="a")
            answer = answer.strip().lower()
            if answer in ("a", "accept"):
                return candidate.title
            if answer in ("s", "skip"):
                return None
            if answer in ("e", "edit"):
                title = typer.prompt("Title", default=candidate.title).strip()
                if title:
                    return title
            if answer in ("q", "quit"):
                self.quitting = True
                return None


def _cited_path(name: str, base: Path) -> str:
    """Documents are cited relative to the database's folder when they live under it."""
    path = Path(name).resolve()
    try:
        return path.relative_to(base.resolve()).as_posix()
    except ValueError:
        return os.fspath(path)
