"""Recording what a review proposes: one history event per proposal, with its evidence.

Kept apart from the reading (pure) because it touches the follow-up document on disk: evidence
must cite a file under the database's folder that `track doctor` can check the quote against.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from tracker import actions
from tracker.errors import InvalidInput
from tracker.review import Proposal
from tracker.store import Database

FOLLOWUPS = "followups"


@dataclass(frozen=True)
class Article:
    """The follow-up as cited: where it is stored, its URL and publication date."""

    document: str
    url: str
    published: date


def keep_followup(path: Path, base: Path) -> str:
    """The article's path relative to the database folder; an article kept elsewhere is copied
    (unchanged) into followups/ first, so the evidence cites a file that travels with the data."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(base.resolve()).as_posix()
    except ValueError:
        pass
    folder = base / FOLLOWUPS
    target = folder / path.name
    if target.exists() and target.read_bytes() != path.read_bytes():
        raise InvalidInput(
            f"{FOLLOWUPS}/{path.name} already exists with other content; rename the article"
        )
    folder.mkdir(exist_ok=True)
    if not target.exists():
        shutil.copyfile(path, target)
    return f"{FOLLOWUPS}/{path.name}"


def already_recorded(db: Database, proposal: Proposal, article: Article) -> bool:
    """The commitment already holds this status from this very quote or article."""
    commitment = db.get(proposal.id)
    for event in commitment.history:
        if event.status != proposal.status:
            continue
        for item in event.evidence:
            if item.quote == proposal.quote or (
                item.document == article.document and item.document
            ):
                return True
    return commitment.status == proposal.status and commitment.status_on(proposal.on) == (
        proposal.status
    )


def record(
    db: Database,
    proposals: list[Proposal],
    article: Article,
    now: datetime,
    base: Path,
    choose: Callable[[Proposal], str | None] = lambda p: p.status,
) -> list[tuple[Proposal, str]]:
    """Record each proposal `choose` accepts (it returns the status to record, or None to skip);
    proposals the database already holds are passed over, so a second run adds nothing."""
    done = []
    for proposal in proposals:
        if already_recorded(db, proposal, article):
            continue
        status = choose(proposal)
        if status is None:
            continue
        change = actions.Update(
            status=status,
            note=f"track review: {proposal.reason}",
            on=proposal.on,
            document=article.document,
            quote=proposal.quote,
            published=article.published,
            evidence=(article.url,) if article.url else (),
        )
        actions.update(db, proposal.id, change, now, base)
        done.append((proposal, status))
    return done
