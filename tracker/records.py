"""StoredCommitment: a validated record read lazily, for queries over many commitments."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from tracker.schema import OPEN_STATUSES, STORED_KEYS

if TYPE_CHECKING:
    from tracker.model import Commitment, Event, Source


def date_or_none(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


_UNSET = object()


class StoredCommitment:
    """A validated record read lazily: a query over many records touches only what it needs.

    It answers the same questions as Commitment (id, title, due, status_on, to_dict …); the full
    Commitment is built on first use of sources or history, or by `full()`.
    """

    __slots__ = ("_due", "_full", "data")

    def __init__(self, data: dict[str, Any]) -> None:
        self.data = data
        self._full: Commitment | None = None
        self._due: object = _UNSET

    def full(self) -> Commitment:
        if self._full is None:
            from tracker.model import build_commitment

            self._full = build_commitment(self.data)
        return self._full

    @property
    def id(self) -> str:
        return self.data["id"]

    @property
    def title(self) -> str:
        return self.data["title"]

    @property
    def description(self) -> str:
        return self.data.get("description") or ""

    @property
    def parties(self) -> tuple[str, ...]:
        return tuple(self.data.get("parties") or ())

    @property
    def pillar(self) -> str:
        return self.data.get("pillar") or ""

    @property
    def tags(self) -> tuple[str, ...]:
        return tuple(self.data.get("tags") or ())

    @property
    def aliases(self) -> tuple[str, ...]:
        return tuple(self.data.get("aliases") or ())

    @property
    def due_phrase(self) -> str:
        return self.data.get("due_phrase") or ""

    @property
    def due_precision(self) -> str | None:
        return self.data.get("due_precision")

    @property
    def made_on(self) -> date:
        return date.fromisoformat(self.data["made_on"])

    @property
    def due(self) -> date | None:
        # Asked for by every sort and filter: parsed once. (functools.cached_property takes a
        # lock on every access in Python 3.11, which costs more than the parse it saves.)
        if self._due is _UNSET:
            self._due = date_or_none(self.data.get("due"))
        return self._due  # type: ignore[return-value]

    @property
    def starts(self) -> date | None:
        return date_or_none(self.data.get("starts"))

    @property
    def sources(self) -> tuple[Source, ...]:
        return self.full().sources

    @property
    def history(self) -> tuple[Event, ...]:
        return self.full().history

    @property
    def conflicts(self) -> tuple[Any, ...]:
        return self.full().conflicts if self.data.get("conflicts") else ()

    @property
    def status(self) -> str:
        return self.data["history"][-1]["status"]

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def status_on(self, day: date) -> str | None:
        """As Commitment.status_on, comparing ISO strings: no dates are parsed."""
        wanted = day.isoformat()
        status = None
        for event in self.data["history"]:
            if event["on"] > wanted:
                break
            status = event["status"]
        return status

    def to_dict(self) -> dict[str, Any]:
        if tuple(self.data) == STORED_KEYS:
            return dict(self.data)
        return self.full().to_dict()

    def __eq__(self, other: object) -> bool:
        from tracker.model import Commitment

        if isinstance(other, StoredCommitment):
            return self.full() == other.full()
        if isinstance(other, Commitment):
            return self.full() == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.id)

    def __repr__(self) -> str:
        return f"StoredCommitment({self.id!r})"
