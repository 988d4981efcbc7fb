"""`track review`: propose status events from a follow-up article, and record the accepted ones."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer

from tracker.cli import options
from tracker.cli.base import app, settings

if TYPE_CHECKING:
    from tracker.review import Proposal

STATUS_CHOICES = ("fulfilled", "partial", "in-progress", "stalled", "broken", "dropped")


@app.command("review")
def review_command(
    ctx: typer.Context,
    article: str = typer.Argument(
        ..., metavar="ARTICLE", help="A follow-up article (UTF-8 text), ideally under followups/."
    ),
    published: str | None = typer.Option(
        None,
        "--published",
        metavar="DATE",
        help="Publication date (default: the article's '# date:' or 'date YYYY-MM-DD' line).",
    ),
    url: str | None = typer.Option(
        None, "--url", metavar="URL", help="The article's address (default: its '# source:' line)."
    ),
    fmt: str = typer.Option("text", "--format", "-f", metavar="FORMAT", help="text or json."),
    apply: bool = typer.Option(
        False, "--apply", help="Record the proposals at or above --threshold as history events."
    ),
    interactive: bool = typer.Option(
        False, "--interactive", "-i", help="Ask accept / skip / change status for each proposal."
    ),
    threshold: float = typer.Option(
        0.7, "--threshold", metavar="0-1", help="Lowest confidence --apply records.", min=0, max=1
    ),
    show_all: bool = typer.Option(False, "--all", help="Also list proposals below the threshold."),
    db: str | None = options.DB,
) -> None:
    """Read a follow-up article and propose what it shows happened to tracked commitments.

    For each commitment the article reports on (matched by meaning: titles, descriptions,
    tags, source quotes, parties and --alias names), one proposal: the status it supports
    (fulfilled, partial, in-progress, stalled, broken, dropped), the day it happened (read
    looking back from the publication date: "on Thursday" is the Thursday on or before it),
    the verbatim sentence as evidence, and a confidence. Plans, previews and restatements of a
    pledge propose nothing. Recorded evidence cites the article under followups/ (an article
    kept elsewhere is copied there), its URL and date; `track doctor` re-checks the quote.

    Examples:

      track review followups/2025-12-04-vn-japan-first-2plus2-vice-ministerial.txt

      track review article.txt --published 2025-11-26 --url https://... --format json --all

      track review followups/2025-11-25-forum.txt --apply

      track review followups/2025-11-25-forum.txt --interactive
    """
    from tracker import render
    from tracker.actions import date_or_none_text, document_header
    from tracker.errors import InvalidInput
    from tracker.extraction.candidates import reference_date
    from tracker.review import review
    from tracker.review.record import Article, keep_followup, record

    state = settings(ctx)
    options.choice(fmt, ("text", "json"), "--format")
    if apply and interactive:
        raise InvalidInput("choose one of --apply and --interactive")
    text = options.read_text_file(article)
    header = document_header(text)
    day = options.day(published, state.today(), "--published") or (
        date_or_none_text(header.get("date")) or reference_date(text)
    )
    if day is None:
        raise InvalidInput(
            f"{article}: no publication date: pass --published DATE (or put a '# date: "
            "YYYY-MM-DD' line at the top of the file)"
        )
    link = url if url is not None else header.get("source", "")
    store = state.store(db)
    from tracker.review.cache import descriptions
    from tracker.review.matching import Index

    database = store.load()
    proposals = review(text, day, database, Index(descriptions(store.path, database)))
    shown = [p for p in proposals if show_all or (p.is_news and p.confidence >= threshold)]
    if not (apply or interactive):
        _show(shown, fmt, link, article, len(proposals) - len([p for p in proposals if p.is_news]))
        return
    if article == "-":
        raise InvalidInput("--apply and --interactive need the article as a file, not stdin")
    base = store.path.parent
    chosen = [p for p in proposals if p.is_news and (interactive or p.confidence >= threshold)]
    choose = _Asker() if interactive else (lambda p: p.status)
    with store.edit() as database:
        cited = Article(keep_followup(Path(article), base), link, day)
        done = record(database, chosen, cited, state.now(), base, choose)
    for proposal, status in done:
        render.message(f"{proposal.id}: {status} on {proposal.on} (from {cited.document})")
    if not done:
        render.message("Nothing new to record.")
    if fmt == "json":
        render.print_json([p.to_dict(link, cited.document) for p, _ in done])


def _show(proposals: list[Proposal], fmt: str, url: str, document: str, known: int = 0) -> None:
    from tracker import render

    if fmt == "json":
        render.print_json([p.to_dict(url, document) for p in proposals])
    elif proposals:
        render.proposals_table(proposals)
    elif known:
        render.message(f"Nothing new: what the article reports is already recorded ({known}).")
    else:
        render.message("No proposals: the article reports on none of the tracked commitments.")


class _Asker:
    """Asks accept / skip / change status for each proposal."""

    def __call__(self, proposal: Proposal) -> str | None:
        from tracker import render

        render.proposals_table([proposal])
        while True:
            answer = typer.prompt("[a]ccept, [s]kip, [c]hange status", default="a")
            answer = answer.strip().lower()
            if answer in ("a", "accept"):
                return proposal.status
            if answer in ("s", "skip"):
                return None
            if answer in ("c", "change"):
                status = typer.prompt(f"Status ({', '.join(STATUS_CHOICES)})").strip().lower()
                if status in STATUS_CHOICES:
                    return status
                render.message(f"unknown status {status!r}")
