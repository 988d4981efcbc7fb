"""Correcting the record: edit a commitment's fields, remove a mistaken one, undo an event.

Pure functions over a Database. Who else's work a change would lose is asked of `others`, a
function the caller supplies (the CLI asks git; tests pass their own): given a commitment and
an event index (None for the whole record) it names everyone else who committed it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime

from tracker.actions import clean_list, deadline_after_pledge
from tracker.errors import InvalidInput, Refused
from tracker.model import Commitment, Event, now_stamp
from tracker.query import find
from tracker.store import Database

Others = Callable[[Commitment, int | None], list[str]]
EDIT_NOTE = "Edited: "
DEADLINE_NOTE = "Deadline changed from "
NOBODY: Others = lambda commitment, event: []  # noqa: E731 - a default, named for the docs


@dataclass(frozen=True)
class Edit:
    """What `track edit` was given; None leaves a field as it is."""

    title: str | None = None
    description: str | None = None
    parties: tuple[str, ...] | None = None
    pillar: str | None = None
    tags: tuple[str, ...] | None = None
    aliases: tuple[str, ...] | None = None
    due_phrase: str | None = None
    ref: date | None = None
    made_on: date | None = None


def edit(db: Database, prefix: str, change: Edit, now: datetime) -> Commitment:
    """Change fields and record the change as one history event (status unchanged), saying
    what each field was and became. A change that changes nothing is refused."""
    current = db.get(find(db, prefix).id)
    values: dict[str, object] = {}
    if change.title is not None:
        if not change.title.strip():
            raise InvalidInput("--title is empty: give the pledge in a few words")
        values["title"] = change.title.strip()
    if change.description is not None:
        values["description"] = change.description.strip()
    if change.pillar is not None:
        values["pillar"] = change.pillar.strip()
    for name in ("parties", "tags", "aliases"):
        given = getattr(change, name)
        if given is not None:
            values[name] = clean_list(given)
    made_on = change.made_on or current.made_on
    if change.made_on is not None:
        values["made_on"] = _check_made_on(current, change.made_on, now)
    if change.due_phrase is not None:
        deadline = deadline_after_pledge(change.due_phrase, change.ref or made_on, made_on)
        values |= {
            "due": deadline.due,
            "due_phrase": deadline.phrase,
            "due_precision": deadline.precision,
            "starts": deadline.starts,
        }
    changed = {k: v for k, v in values.items() if getattr(current, k) != v}
    if not changed:
        raise InvalidInput(f"nothing to change: {current.id} already has those values")
    updated = replace(current, **changed)  # type: ignore[arg-type]
    if "made_on" in changed and current.history[0].on == current.made_on:  # the pledge event
        first = replace(current.history[0], on=made_on)
        updated = replace(updated, history=(first, *current.history[1:]))
    notes = "; ".join(
        f"{k} {_shown(getattr(current, k))} -> {_shown(v)}" for k, v in changed.items()
    )
    # Dated with the last event, so that it changes no status on any day (an event dated
    # today would hide a later back-dated update); `recorded` says when the edit was made.
    on = updated.history[-1].on
    event = Event(on, current.status, EDIT_NOTE + notes + ".", (), now_stamp(now))
    updated = updated.with_event(event)
    db.put(updated)
    return updated


def _check_made_on(current: Commitment, made_on: date, now: datetime) -> date:
    if made_on > now.date():
        raise InvalidInput(f"--made-on {made_on} is in the future")
    if current.due and current.due < made_on:
        raise InvalidInput(
            f"--made-on {made_on} is after the due date {current.due}; give a new --due too"
        )
    later = [e for e in current.history[1:] if e.on < made_on]
    if later:
        raise InvalidInput(
            f"--made-on {made_on} is after the event of {later[0].on} in {current.id}'s history"
        )
    return made_on


def _shown(value: object) -> str:
    if isinstance(value, tuple):
        return repr(", ".join(value)) if value else "none"
    if value is None or value == "":
        return "none"
    return repr(str(value))


def remove(db: Database, prefix: str, others: Others = NOBODY, force: bool = False) -> Commitment:
    """Take a mistaken commitment out of the file entirely. Refused while it has unresolved
    merge conflicts, or (unless forced) when others committed any part of it."""
    current = db.get(find(db, prefix).id)
    if current.conflicts:
        raise Refused(
            f"{current.id} has unresolved merge conflicts: settle them with `track resolve` first"
        )
    authors = [] if force else others(current, None)
    if authors:
        raise Refused(
            f"{current.id} holds work committed by {', '.join(authors)}; removing it would lose "
            "it. Close it with `track update --status dropped --note WHY` instead, or pass "
            "--force if you are sure"
        )
    db.remove(current.id)
    return current


def undo(db: Database, prefix: str, others: Others = NOBODY) -> tuple[Commitment, Event]:
    """Take back the most recently recorded history event of a commitment (a mistaken update,
    whatever day it was dated). Refused for the pledge itself, for an event that changed fields
    (edit them back, which is recorded too), and for an event someone else committed."""
    current = db.get(find(db, prefix).id)
    if len(current.history) == 1:
        raise InvalidInput(
            f"{current.id} has only its first event, the pledge itself: to take it out, use "
            "`track remove`"
        )
    index = max(range(1, len(current.history)), key=lambda i: (current.history[i].recorded, i))
    last = current.history[index]
    if current.conflicts:
        raise Refused(
            f"{current.id} has unresolved merge conflicts: settle them with `track resolve` first"
        )
    if last.note.startswith(EDIT_NOTE) or DEADLINE_NOTE in last.note:
        raise InvalidInput(
            f"the last event of {current.id} changed its fields ({last.note}); change them back "
            "with `track edit` (or `track update --due`), which records that too"
        )
    authors = others(current, index)
    if authors:
        raise Refused(
            f"the last event of {current.id} ({last.on}, {last.status}) was committed by "
            f"{', '.join(authors)}; record a correction with `track update` instead"
        )
    history = current.history[:index] + current.history[index + 1 :]
    db.put(replace(current, history=history))
    return current, last
