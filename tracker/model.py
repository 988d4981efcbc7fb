"""The commitment model: plain frozen dataclasses, their JSON shape, and validation.

A commitment's status is not stored separately from its history: it is the status of the last
event. The file still carries `status` for people reading it in git; loading checks it agrees.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from tracker.records import date_or_none
from tracker.schema import (
    CLOSED_STATUSES,
    ID_PATTERN,
    OPEN_STATUSES,
    PRECISIONS,
    STATUSES,
    InvalidRecord,
    check_status,
    validate_record,
)

__all__ = [
    "CLOSED_STATUSES",
    "ID_PATTERN",
    "OPEN_STATUSES",
    "PRECISIONS",
    "STATUSES",
    "Commitment",
    "Conflict",
    "Event",
    "Evidence",
    "InvalidRecord",
    "Source",
    "build_commitment",
    "check_status",
    "commitment_from_dict",
    "now_stamp",
    "validate_record",
]


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
class Evidence:
    """What shows an event happened, cited like a source: a follow-up document and/or a URL,
    the verbatim quote that states it, and when it was published.

    A bare URL (`track update --evidence URL`) has no quote; a document always has one, so
    `track doctor` can check it against the stored file.
    """

    document: str = ""
    url: str = ""
    quote: str = ""
    published: date | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "document": self.document,
            "url": self.url,
            "quote": self.quote,
            "published": _iso(self.published),
        }

    @property
    def reference(self) -> str:
        """The shortest way to say where it comes from: the URL, else the document."""
        return self.url or self.document

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Evidence:
        return cls(
            document=data.get("document") or "",
            url=data.get("url") or "",
            quote=data.get("quote") or "",
            published=date_or_none(data.get("published")),
        )

    @classmethod
    def from_text(cls, text: str) -> Evidence:
        """Schema 2 and `--evidence` kept evidence as one string: a URL or a reference."""
        text = text.strip()
        if text.lower().startswith(("http://", "https://", "www.")):
            return cls(url=text)
        return cls(document=text)


@dataclass(frozen=True)
class Event:
    """Something that happened to a commitment: `on` is when it happened, `recorded` when entered."""

    on: date
    status: str
    note: str = ""
    evidence: tuple[Evidence, ...] = ()
    recorded: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "on": self.on.isoformat(),
            "status": self.status,
            "note": self.note,
            "evidence": [item.to_dict() for item in self.evidence],
            "recorded": self.recorded,
        }

    @property
    def sort_key(self) -> tuple[date, str]:
        return (self.on, self.recorded)


@dataclass(frozen=True)
class Conflict:
    """A field both sides of a git merge changed differently; `track resolve` settles it."""

    field: str
    base: Any
    ours: Any
    theirs: Any

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "base": self.base, "ours": self.ours, "theirs": self.theirs}


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
    aliases: tuple[str, ...] = ()
    due: date | None = None
    due_phrase: str = ""
    due_precision: str | None = None
    starts: date | None = None
    sources: tuple[Source, ...] = field(default=())
    conflicts: tuple[Conflict, ...] = ()

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
            "aliases": list(self.aliases),
            "made_on": self.made_on.isoformat(),
            "due": _iso(self.due),
            "due_phrase": self.due_phrase,
            "due_precision": self.due_precision,
            "starts": _iso(self.starts),
            "status": self.status,
            "sources": [source.to_dict() for source in self.sources],
            "history": [event.to_dict() for event in self.history],
            **({"conflicts": [c.to_dict() for c in self.conflicts]} if self.conflicts else {}),
        }


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


def now_stamp(now: datetime) -> str:
    """The `recorded` stamp: UTC to the second, so events entered the same day still order."""
    return now.strftime("%Y-%m-%dT%H:%M:%SZ")


def commitment_from_dict(data: Any, where: str = "record") -> Commitment:
    """Build a Commitment from its stored dict, or raise InvalidRecord naming what is wrong."""
    validate_record(data, where)
    return build_commitment(data)


def build_commitment(data: dict[str, Any]) -> Commitment:
    """A Commitment from a record that `validate_record` has accepted."""
    return Commitment(
        id=data["id"],
        title=data["title"],
        description=data.get("description") or "",
        parties=tuple(data.get("parties") or ()),
        pillar=data.get("pillar") or "",
        tags=tuple(data.get("tags") or ()),
        aliases=tuple(data.get("aliases") or ()),
        made_on=date.fromisoformat(data["made_on"]),
        due=date_or_none(data.get("due")),
        due_phrase=data.get("due_phrase") or "",
        due_precision=data.get("due_precision"),
        starts=date_or_none(data.get("starts")),
        sources=tuple(
            Source(s["document"], s["quote"], date_or_none(s.get("published")))
            for s in data.get("sources") or ()
        ),
        conflicts=tuple(
            Conflict(c["field"], c.get("base"), c.get("ours"), c.get("theirs"))
            for c in data.get("conflicts") or ()
        ),
        history=tuple(
            Event(
                date.fromisoformat(e["on"]),
                e["status"],
                e.get("note") or "",
                tuple(Evidence.from_dict(item) for item in e.get("evidence") or ()),
                e.get("recorded") or "",
            )
            for e in data["history"]
        ),
    )
