"""The commitment model: plain frozen dataclasses, their JSON shape, and validation.

A commitment's status is not stored separately from its history: it is the status of the last
event. The file still carries `status` for people reading it in git; loading checks it agrees.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from tracker.errors import InvalidInput

OPEN_STATUSES = ("pending", "in-progress", "stalled")
CLOSED_STATUSES = ("fulfilled", "partial", "broken", "dropped")
STATUSES = OPEN_STATUSES + CLOSED_STATUSES
PRECISIONS = ("day", "month", "quarter", "third", "half", "year", "multi-year")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


class InvalidRecord(InvalidInput):
    """A record that does not match the schema; the message names the field."""


def check_status(status: str) -> str:
    if status not in STATUSES:
        raise InvalidInput(
            f"unknown status {status!r}: use one of {', '.join(STATUSES)}",
        )
    return status


@dataclass(frozen=True)
class Source:
    """Where a pledge was reported: a document, a verbatim quote from it, its publication date."""

    document: str
    quote: str
    published: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "quote": self.quote,
            "published": _iso(self.published),
        }


@dataclass(frozen=True)
class Event:
    """Something that happened to a commitment: `on` is when it happened, `recorded` when entered."""

    on: date
    status: str
    note: str = ""
    evidence: tuple[str, ...] = ()
    recorded: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "status": self.status,
            "note": self.note,
            "evidence": list(self.evidence),
            "recorded": self.recorded,
        }

    @property
    def sort_key(self) -> tuple[date, str]:
        return (self.on, self.recorded)


@dataclass(frozen=True)
class Commitment:
    id: str
    title: str
    made_on: date
    history: tuple[Event, ...]
    description: str = ""
    parties: tuple[str, ...] = ()
    pillar: str = ""
    tags: tuple[str, ...] = ()
    due: date | None = None
    due_phrase: str = ""
    due_precision: str | None = None
    starts: date | None = None
    sources: tuple[Source, ...] = field(default=())

    @property
    def status(self) -> str:
        return self.history[-1].status

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def status_on(self, day: date) -> str | None:
        """The status as it stood at the end of `day`; None before the pledge existed."""
        status = None
        for event in self.history:
            if event.on > day:
                break
            status = event.status
        return status

    def with_event(self, event: Event) -> Commitment:
        """A copy with the event added in date order (a back-dated event lands where it belongs)."""
        history = sorted((*self.history, event), key=lambda e: e.sort_key)
        return replace(self, history=tuple(history))

    def to_dict(self) -> dict[str, Any]:
        """The stored and `--format json` shape, keys in a fixed order for small git diffs."""
        return {
            "id": self.id,
            "title": self.title,
            "description": self.description,
            "parties": list(self.parties),
            "pillar": self.pillar,
            "tags": list(self.tags),
            "made_on": self.made_on.isoformat(),
            "due": _iso(self.due),
            "due_phrase": self.due_phrase,
            "due_precision": self.due_precision,
            "starts": _iso(self.starts),
            "status": self.status,
            "sources": [source.to_dict() for source in self.sources],
            "history": [event.to_dict() for event in self.history],
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def now_stamp(now: datetime) -> str:
    """The `recorded` stamp: UTC to the second, so events entered the same day still order."""
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


# --- reading records back: every problem names the record and the field -------------------


def commitment_from_dict(data: Any, where: str = "record") -> Commitment:
    """Build a Commitment from its stored dict, or raise InvalidRecord naming what is wrong."""
    reader = _Fields(data, where)
    cid = reader.text("id", required=True)
    if not ID_PATTERN.fullmatch(cid):
        raise InvalidRecord(f"{where}: field 'id' {cid!r} is not a slug (a-z, 0-9, '-')")
    reader.where = f"commitment {cid!r}"
    history = tuple(
        _event_from_dict(item, f"{reader.where}, history[{i}]")
        for i, item in enumerate(reader.list("history", required=True))
    )
    if not history:
        raise InvalidRecord(
            f"{reader.where}: field 'history' is empty (the pledge is its first event)"
        )
    precision = data.get("due_precision")
    if precision is not None and precision not in PRECISIONS:
        raise InvalidRecord(
            f"{reader.where}: field 'due_precision' {precision!r} is not one of {PRECISIONS}"
        )
    commitment = Commitment(
        id=cid,
        title=reader.text("title", required=True),
        description=reader.text("description"),
        parties=tuple(reader.strings("parties")),
        pillar=reader.text("pillar"),
        tags=tuple(reader.strings("tags")),
        made_on=reader.day("made_on", required=True),
        due=reader.day("due"),
        due_phrase=reader.text("due_phrase"),
        due_precision=precision,
        starts=reader.day("starts"),
        sources=tuple(
            _source_from_dict(item, f"{reader.where}, sources[{i}]")
            for i, item in enumerate(reader.list("sources"))
        ),
        history=history,
    )
    if not commitment.title.strip():
        raise InvalidRecord(f"{reader.where}: field 'title' is empty")
    stored_status = data.get("status")
    if stored_status is not None and stored_status != commitment.status:
        raise InvalidRecord(
            f"{reader.where}: field 'status' is {stored_status!r} but the last history event says "
            f"{commitment.status!r}; change status with `track update`, not by hand"
        )
    return commitment


def _event_from_dict(data: Any, where: str) -> Event:
    reader = _Fields(data, where)
    status = reader.text("status", required=True)
    if status not in STATUSES:
        raise InvalidRecord(
            f"{where}: field 'status' {status!r} is not one of {', '.join(STATUSES)}"
        )
    return Event(
        on=reader.day("on", required=True),
        status=status,
        note=reader.text("note"),
        evidence=tuple(reader.strings("evidence")),
        recorded=reader.text("recorded"),
    )


def _source_from_dict(data: Any, where: str) -> Source:
    reader = _Fields(data, where)
    return Source(
        document=reader.text("document", required=True),
        quote=reader.text("quote", required=True),
        published=reader.day("published"),
    )


class _Fields:
    """Typed access to one JSON object, with errors that say where the bad value is."""

    def __init__(self, data: Any, where: str) -> None:
        if not isinstance(data, dict):
            raise InvalidRecord(f"{where}: expected an object, found {type(data).__name__}")
        self.data = data
        self.where = where

    def _get(self, name: str, required: bool) -> Any:
        value = self.data.get(name)
        if value is None and required:
            raise InvalidRecord(f"{self.where}: field {name!r} is missing")
        return value

    def text(self, name: str, required: bool = False) -> str:
        value = self._get(name, required)
        if value is None:
            return ""
        if not isinstance(value, str):
            raise InvalidRecord(f"{self.where}: field {name!r} must be text, found {value!r}")
        return value

    def list(self, name: str, required: bool = False) -> list[Any]:
        value = self._get(name, required)
        if value is None:
            return []
        if not isinstance(value, list):
            raise InvalidRecord(f"{self.where}: field {name!r} must be a list, found {value!r}")
        return value

    def strings(self, name: str) -> list[str]:
        values = self.list(name)
        for value in values:
            if not isinstance(value, str):
                raise InvalidRecord(f"{self.where}: field {name!r} must hold text, found {value!r}")
        return values

    def day(self, name: str, required: bool = False) -> date | None:
        value = self._get(name, required)
        if value is None:
            return None
        if isinstance(value, str) and re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
            try:
                return date.fromisoformat(value)
            except ValueError:
                pass
        raise InvalidRecord(f"{self.where}: field {name!r} {value!r} is not a date (YYYY-MM-DD)")
