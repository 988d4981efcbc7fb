"""Changes to commitments: adding one, recording an event. Pure functions over a Database.

The caller passes `today` and `now`; validation errors are InvalidInput (exit 2) and leave the
database untouched because nothing is put until every check has passed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.errors import InvalidInput
from tracker.model import (
    ID_PATTERN,
    Commitment,
    Event,
    Evidence,
    Source,
    check_status,
    now_stamp,
)
from tracker.provenance import document_path, quote_in_text
from tracker.query import find, slugify
from tracker.store import Database

if TYPE_CHECKING:
    from tracker import deadlines
    from tracker.extraction.candidates import Candidate


@dataclass(frozen=True)
class NewCommitment:
    """What `track add` was given, before validation."""

    title: str
    made_on: date
    due_phrase: str = ""
    ref: date | None = None
    id: str = ""
    description: str = ""
    parties: tuple[str, ...] = ()
    pillar: str = ""
    tags: tuple[str, ...] = ()
    status: str = "pending"
    note: str = ""
    source_document: str = ""
    quote: str = ""
    published: date | None = None


def _check_encoding(values: dict[str, object]) -> None:
    """Text that cannot be stored as UTF-8 (bytes the terminal could not decode) is refused."""
    for name, value in values.items():
        items = value if isinstance(value, tuple) else (value,)
        for item in items:
            if isinstance(item, str):
                try:
                    item.encode("utf-8")
                except UnicodeEncodeError:
                    raise InvalidInput(
                        f"{name} is not valid UTF-8 text (check your terminal's encoding)"
                    ) from None


def add(db: Database, new: NewCommitment, now: datetime, base: Path) -> Commitment:
    """Validate and add a commitment; its first history event is the pledge itself."""
    _check_encoding(
        {f"--{k.replace('_', '-')}": v for k, v in vars(new).items()} | {"the title": new.title}
    )
    title = new.title.strip()
    if not title:
        raise InvalidInput("the title is empty: give the pledge in a few words")
    cid = new.id.strip() or slugify(title, db.ids())
    if not ID_PATTERN.fullmatch(cid):
        raise InvalidInput(f"id {cid!r} is not a slug: use a-z, 0-9 and '-', up to 64 characters")
    if cid in db:
        raise InvalidInput(f"id {cid!r} already exists: choose another with --id")
    status = check_status(new.status)
    if new.made_on > now.date():
        raise InvalidInput(f"--made-on {new.made_on} is in the future")
    deadline = deadline_after_pledge(new.due_phrase, new.ref or new.made_on, new.made_on)
    sources: tuple[Source, ...] = ()
    if new.source_document or new.quote:
        sources = (_source(new.source_document, new.quote, new.published, base),)
    commitment = Commitment(
        id=cid,
        title=title,
        description=new.description.strip(),
        parties=clean_list(new.parties),
        pillar=new.pillar.strip(),
        tags=clean_list(new.tags),
        made_on=new.made_on,
        due=deadline.due,
        due_phrase=deadline.phrase,
        due_precision=deadline.precision,
        starts=deadline.starts,
        sources=sources,
        history=(Event(new.made_on, status, new.note or "Pledge recorded.", (), now_stamp(now)),),
    )
    db.put(commitment)
    return commitment


@dataclass(frozen=True)
class Update:
    """What `track update` was given."""

    status: str | None = None
    note: str = ""
    evidence: tuple[str, ...] = ()
    due_phrase: str | None = None
    ref: date | None = None
    on: date | None = None
    document: str = ""
    quote: str = ""
    published: date | None = None
    aliases: tuple[str, ...] = ()
    cited: tuple[Evidence, ...] = ()


def cited_evidence(change: Update, base: Path) -> tuple[Evidence, ...]:
    """The evidence an update cites: `--document`/`--quote` (checked verbatim, like a source)
    joined with the first `--evidence` URL; further `--evidence` values stand alone."""
    links = [e.strip() for e in change.evidence if e.strip()]
    items = list(change.cited)
    if change.document or change.quote:
        if not change.document or not change.quote:
            raise InvalidInput("evidence from a document needs both --document and --quote")
        path = document_path(change.document, base)
        if not path.is_file():
            raise InvalidInput(
                f"evidence document {change.document} not found (paths are relative to the "
                "database's folder); keep follow-up articles under followups/"
            )
        text = path.read_text(encoding="utf-8", errors="replace")
        if not quote_in_text(change.quote, text):
            raise InvalidInput(
                f"the quote does not appear verbatim in {change.document}; copy it exactly"
            )
        header = document_header(text)
        url = links.pop(0) if links else header.get("source", "")
        published = change.published or date_or_none_text(header.get("date"))
        items.append(Evidence(change.document, url, change.quote.strip(), published))
    items += [Evidence.from_text(link) for link in links]
    return tuple(items)


def document_header(text: str) -> dict[str, str]:
    """The `# source:`, `# date:` and `# title:` lines at the top of a stored follow-up."""
    header: dict[str, str] = {}
    for line in text.splitlines()[:10]:
        if line.startswith("# ") and ":" in line:
            name, _, value = line[2:].partition(":")
            header[name.strip().lower()] = value.strip()
    return header


def date_or_none_text(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def update(
    db: Database, prefix: str, change: Update, now: datetime, base: Path | None = None
) -> Commitment:
    """Append one history event (and a new deadline if asked); refuse one that changes nothing."""
    _check_encoding(
        {
            "--note": change.note,
            "--evidence": change.evidence,
            "--due": change.due_phrase,
            "--quote": change.quote,
            "--alias": change.aliases,
        }
    )
    current = db.get(find(db, prefix).id)
    on = change.on or now.date()
    if on > now.date():
        raise InvalidInput(f"--on {on} is in the future: record events once they have happened")
    if on < current.made_on:
        raise InvalidInput(f"--on {on} is before the pledge was made ({current.made_on})")
    status = (
        check_status(change.status) if change.status else current.status_on(on) or current.status
    )
    notes = [change.note.strip()] if change.note.strip() else []
    updated = current
    if change.due_phrase is not None:
        deadline = deadline_after_pledge(
            change.due_phrase, change.ref or current.made_on, current.made_on
        )
        if (deadline.due, deadline.phrase, deadline.starts) != (
            current.due,
            current.due_phrase,
            current.starts,
        ):
            old = current.due_phrase or "none"
            notes.append(f"Deadline changed from {old!r} to {deadline.phrase or 'none'!r}.")
            updated = replace(
                current,
                due=deadline.due,
                due_phrase=deadline.phrase,
                due_precision=deadline.precision,
                starts=deadline.starts,
            )
    evidence = cited_evidence(change, base or Path.cwd())
    aliases = tuple(a for a in clean_list(change.aliases) if a not in current.aliases)
    if aliases:
        updated = replace(updated, aliases=(*updated.aliases, *aliases))
        if status == current.status and not notes and not evidence:
            db.put(updated)  # a new name for the same thing is not an event in its life
            return updated
    if status == current.status and not notes and not evidence:
        raise InvalidInput(
            f"nothing to record: {current.id} is already {status!r}; give --status, --note, "
            "--evidence, --due or --alias"
        )
    event = Event(on, status, " ".join(notes), evidence, now_stamp(now))
    same = (event.on, event.status, event.note, event.evidence)
    repeated = any((e.on, e.status, e.note, e.evidence) == same for e in current.history)
    if repeated and current.status_on(on) == status:  # back to a status is a change; this is not
        raise InvalidInput(
            f"nothing to record: {current.id} already recorded this event ({on}, {status}); "
            "`track show` lists its history"
        )
    updated = updated.with_event(event)
    db.put(updated)
    return updated


def deadline_after_pledge(phrase: str, ref: date, made_on: date) -> deadlines.Deadline:
    deadline = resolve_phrase(phrase, ref)
    if deadline.due is not None and deadline.due < made_on:
        raise InvalidInput(
            f"the deadline {phrase!r} resolves to {deadline.due}, before the pledge was made "
            f"({made_on}); check --due, --made-on or --ref"
        )
    return deadline


def resolve_phrase(phrase: str, ref: date) -> deadlines.Deadline:
    """deadlines.resolve, with a span too large for the calendar reported as bad input."""
    from tracker import deadlines  # the date reader: only for a new deadline

    try:
        return deadlines.resolve(phrase, ref)
    except (OverflowError, ValueError) as error:
        if isinstance(error, InvalidInput):
            raise
        raise InvalidInput(
            f"the deadline {phrase!r} lies beyond the dates track can hold (years 1900-2200)"
        ) from None


def _source(document: str, quote: str, published: date | None, base: Path) -> Source:
    if not document or not quote:
        raise InvalidInput("a source needs both --source (the document) and --quote")
    path = document_path(document, base)
    if not path.is_file():
        raise InvalidInput(
            f"source document {document} not found (paths are relative to the database's "
            "folder); store the article there first, so its quote can be checked"
        )
    text = path.read_text(encoding="utf-8", errors="replace")
    if not quote_in_text(quote, text):
        raise InvalidInput(f"the quote does not appear verbatim in {document}; copy it exactly")
    return Source(document, quote.strip(), published)


def clean_list(values: tuple[str, ...]) -> tuple[str, ...]:
    """Options may be repeated or comma-separated; blanks and duplicates are dropped."""
    items = [part.strip() for value in values for part in value.split(",")]
    return tuple(dict.fromkeys(item for item in items if item))


def accept_extracted(
    db: Database,
    candidates: list[Candidate],
    texts: dict[str, str],
    choose: Callable[[Candidate], str | None],
    now: datetime,
    due: str | None = None,
) -> list[tuple[str, str]]:
    """Record the candidates a person accepts: `choose` returns the title to use, or None to
    skip. Candidates whose quote the database already holds are passed over. A pledge whose time
    phrase could not be read is refused unless `due` (what --due gave) says when it falls due:
    it is never filed as open-ended."""
    from tracker.extraction.matching import RECORDED

    done = []
    for candidate in candidates:
        if candidate.match in RECORDED:
            continue
        title = choose(candidate)
        if title is not None:
            done.append(add_extracted(db, candidate, title, now, texts[candidate.document], due))
    return done


def add_extracted(
    db: Database,
    candidate: Candidate,
    title: str,
    now: datetime,
    document_text: str,
    due: str | None = None,
) -> tuple[str, str]:
    """Record an accepted extraction: a new pending commitment, or a further source for the
    commitment that another article already reported. Returns (id, "added" or "source added")."""
    from tracker.extraction.matching import RECORDED

    if candidate.reference is None:
        raise InvalidInput(
            f"{candidate.document}: no publication date, so the pledge has no date: pass --published"
        )
    if not quote_in_text(candidate.quote, document_text):
        raise InvalidInput(f"the quote does not appear verbatim in {candidate.document}")
    source = Source(candidate.document, candidate.quote, candidate.reference)
    if candidate.existing and candidate.match not in RECORDED:
        current = db.get(candidate.existing)
        if source not in current.sources:
            db.put(replace(current, sources=(*current.sources, source)))
        return current.id, "source added"
    deadline, due_phrase, note = candidate.deadline, candidate.due_phrase, ""
    if candidate.deadline_not_understood:
        if not due:
            raise InvalidInput(
                f"the deadline “{candidate.due_phrase}” of “{title}” ({candidate.document}) is not "
                "understood: give the date with --due (e.g. --due 2026-03-31), or leave it out"
            )
        deadline = deadline_after_pledge(due, candidate.reference, candidate.reference)
        due_phrase = deadline.phrase
        note = f" Time phrase “{candidate.due_phrase}” not understood; due set with --due."
    commitment = Commitment(
        id=slugify(title, db.ids()),
        title=title.strip() or candidate.title,
        parties=tuple(candidate.parties),
        pillar=candidate.pillar,
        made_on=candidate.reference,
        due=deadline.due if deadline else None,
        due_phrase=due_phrase,
        due_precision=deadline.precision if deadline else None,
        starts=deadline.starts if deadline else None,
        sources=(source,),
        history=(
            Event(
                candidate.reference,
                "pending",
                f"Extracted from {candidate.document} (cue: {candidate.cue}).{note}",
                (),
                now_stamp(now),
            ),
        ),
    )
    db.put(commitment)
    return commitment.id, "added"


def resolve_conflicts(
    db: Database, prefix: str, take: str, field_name: str | None, now: datetime
) -> Commitment | None:
    """Settle a merge conflict: `take` is ours, theirs, or a value for one field.

    A status is settled by a new history event with the chosen status (both sides' events stay
    in the history); any other field takes the chosen value; a deletion conflict settled by the
    side that deleted removes the commitment (returns None).
    """
    from tracker.merge import DELETED

    current = db.get(find(db, prefix).id)
    pending = [c for c in current.conflicts if field_name in (None, c.field)]
    if not pending:
        where = f" on field {field_name!r}" if field_name else ""
        raise InvalidInput(f"{current.id} has no merge conflict{where} to resolve")
    if take not in ("ours", "theirs") and len(pending) > 1:
        fields = ", ".join(c.field for c in pending)
        raise InvalidInput(
            f"{current.id} has conflicts on {fields}: name one with --field to set a value"
        )
    updated, status, notes = current, current.status, []
    for conflict in pending:
        value = getattr(conflict, take) if take in ("ours", "theirs") else take
        if conflict.field == DELETED:
            if value == "deleted":
                db.remove(current.id)
                return None
            notes.append("kept the commitment that one side had deleted")
        elif conflict.field == "status":
            status = check_status(str(value))
            notes.append(
                f"status: took {take} ({status}) over {conflict.ours!r}/{conflict.theirs!r}"
            )
        else:
            updated = replace(updated, **{conflict.field: _field_value(conflict.field, value)})
            notes.append(f"{conflict.field}: took {take}")
    # One event records the settlement (and, for a status, the chosen status); both sides'
    # earlier events stay in the history.
    on = max(now.date(), current.history[-1].on)
    note = "Merge conflict resolved: " + "; ".join(notes) + "."
    settled = Event(on, status, note, (), now_stamp(now))
    remaining = tuple(c for c in current.conflicts if c not in pending)
    updated = replace(updated, conflicts=remaining).with_event(settled)
    db.put(updated)
    return updated


def _field_value(name: str, value: object) -> object:
    """A conflict value as the field stores it: dates parsed, lists split on commas."""
    if name in ("parties", "tags"):
        items = value if isinstance(value, list) else str(value).split(",")
        return tuple(str(v).strip() for v in items if str(v).strip())
    if name in ("made_on", "due", "starts"):
        return date.fromisoformat(value) if isinstance(value, str) and value else None
    return value
