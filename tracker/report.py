"""Where the commitments stand on a given day: the figures behind `track report` and `track check`.

Delivery score, in the G7 Research Group's style: each judged commitment scores fulfilled +1,
partial 0, broken -1; the score is their average (-1 to +1), and the percentage is
(score + 1) / 2 x 100. Pending, in-progress, stalled and dropped commitments are not judged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from tracker.model import Commitment, Event
from tracker.query import Filters, View, select
from tracker.schema import STATUSES

if TYPE_CHECKING:
    from tracker.index import Narrowing

SOON_DAYS = 90
SCORES = {"fulfilled": 1, "partial": 0, "broken": -1}


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int

    @classmethod
    def of(cls, day: date) -> Quarter:
        return cls(day.year, (day.month - 1) // 3 + 1)

    def next(self) -> Quarter:
        return Quarter(self.year + self.number // 4, self.number % 4 + 1)

    def __str__(self) -> str:
        return f"{self.year} Q{self.number}"


@dataclass(frozen=True)
class Report:
    as_of: date
    views: tuple[View, ...]

    @property
    def open(self) -> list[View]:
        return [v for v in self.views if v.is_open]

    @property
    def overdue(self) -> list[View]:
        """Most overdue first."""
        late = [v for v in self.views if v.overdue]
        return sorted(late, key=lambda v: (-v.days_overdue, v.commitment.id))

    @property
    def progress(self) -> list[tuple[View, Event]]:
        """What moved since the pledge, newest first: each commitment's latest status change
        up to the report's day, with the evidence it rests on."""
        moved = []
        for v in self.views:
            change = None
            for event in v.commitment.history:
                if event.on > self.as_of:
                    break
                if change is None or event.status != change.status:
                    change = event
            if change is not None and change.on > v.commitment.made_on:
                moved.append((v, change))
        return sorted(moved, key=lambda m: (m[1].on, m[0].commitment.id), reverse=True)

    @property
    def upcoming(self) -> list[View]:
        """Open, dated and not yet due, soonest first."""
        coming = [v for v in self.open if v.commitment.due and v.commitment.due >= self.as_of]
        return sorted(coming, key=lambda v: (v.commitment.due, v.commitment.id))

    @property
    def due_soon(self) -> list[View]:
        horizon = self.as_of + timedelta(days=SOON_DAYS)
        return [v for v in self.upcoming if v.commitment.due <= horizon]  # type: ignore[operator]

    @property
    def open_ended(self) -> list[View]:
        return [v for v in self.views if v.commitment.due is None]

    @property
    def by_status(self) -> dict[str, int]:
        counts = Counter(v.status for v in self.views)
        return {status: counts.get(status, 0) for status in STATUSES}

    @property
    def by_pillar(self) -> dict[str, dict[str, int]]:
        return _grouped(self.views, lambda v: [v.commitment.pillar or "(none)"])

    @property
    def by_party(self) -> dict[str, dict[str, int]]:
        return _grouped(self.views, lambda v: list(v.commitment.parties) or ["(none)"])

    @property
    def score(self) -> float | None:
        judged = [SCORES[v.status] for v in self.views if v.status in SCORES]
        return sum(judged) / len(judged) if judged else None

    @property
    def judged(self) -> int:
        return sum(v.status in SCORES for v in self.views)

    @property
    def score_percent(self) -> float | None:
        return None if self.score is None else (self.score + 1) / 2 * 100

    def timeline(self) -> list[tuple[Quarter, list[View]]]:
        """Every quarter from the first deadline to the last (and the as-of quarter), in order."""
        dated = sorted(
            (v for v in self.views if v.commitment.due),
            key=lambda v: (v.commitment.due, v.commitment.id),
        )
        if not dated:
            return []
        by_quarter: dict[Quarter, list[View]] = {}
        for v in dated:
            by_quarter.setdefault(Quarter.of(v.commitment.due), []).append(v)  # type: ignore[arg-type]
        first = min(*by_quarter, Quarter.of(self.as_of), key=lambda q: (q.year, q.number))
        last = max(*by_quarter, Quarter.of(self.as_of), key=lambda q: (q.year, q.number))
        rows: list[tuple[Quarter, list[View]]] = []
        quarter = first
        while (quarter.year, quarter.number) <= (last.year, last.number):
            rows.append((quarter, by_quarter.get(quarter, [])))
            quarter = quarter.next()
        return rows

    def headline(self) -> dict[str, int]:
        return {
            "total": len(self.views),
            "open": len(self.open),
            "closed": len(self.views) - len(self.open),
            "overdue": len(self.overdue),
            "due_soon": len(self.due_soon),
            "fulfilled": self.by_status["fulfilled"],
            "delivered_on_time": sum(v.delivery == "on time" for v in self.views),
            "delivered_late": sum(v.delivery == "late" for v in self.views),
        }

    def to_dict(self) -> dict[str, Any]:
        def brief(v: View) -> dict[str, Any]:
            c = v.commitment
            return {
                "id": c.id,
                "title": c.title,
                "status": v.status,
                "due": c.due.isoformat() if c.due else None,
                "due_precision": c.due_precision,
                "days_overdue": v.days_overdue,
                "parties": list(c.parties),
                "pillar": c.pillar,
            }

        return {
            "as_of": self.as_of.isoformat(),
            **self.headline(),
            "due_soon_days": SOON_DAYS,
            "score": None if self.score is None else round(self.score, 4),
            "score_percent": None if self.score_percent is None else round(self.score_percent, 1),
            "judged": self.judged,
            "by_status": self.by_status,
            "by_pillar": self.by_pillar,
            "by_party": self.by_party,
            "overdue_list": [brief(v) for v in self.overdue],
            "upcoming": [brief(v) for v in self.upcoming],
            "timeline": [
                {"quarter": str(q), "commitments": [brief(v) for v in items]}
                for q, items in self.timeline()
            ],
            "open_ended": [brief(v) for v in self.open_ended],
            "progress": [
                {
                    **brief(v),
                    "on": event.on.isoformat(),
                    "delivery": v.delivery,
                    "days_late": v.days_late,
                    "evidence": [item.to_dict() for item in event.evidence],
                }
                for v, event in self.progress
            ],
        }


def _grouped(views: Iterable[View], keys: Any) -> dict[str, dict[str, int]]:
    groups: dict[str, dict[str, int]] = {}
    for v in views:
        for key in keys(v):
            row = groups.setdefault(key, {"total": 0, "open": 0, "overdue": 0, "fulfilled": 0})
            row["total"] += 1
            row["open"] += v.is_open
            row["overdue"] += v.overdue
            row["fulfilled"] += v.status == "fulfilled"
    return dict(sorted(groups.items(), key=lambda item: (-item[1]["total"], item[0])))


def build(commitments: Iterable[Commitment], as_of: date, filters: Filters) -> Report:
    return Report(as_of, tuple(select(commitments, as_of, filters, sort="due")))


@dataclass(frozen=True)
class Check:
    """`track check`: is anything overdue, or due within the window?"""

    as_of: date
    overdue: int
    due_within: int
    window: tuple[int, str] | None

    @property
    def alarm(self) -> bool:
        return bool(self.overdue or self.due_within)

    def summary(self) -> str:
        parts = [f"{self.overdue} overdue"]
        if self.window:
            count, unit = self.window
            parts.append(f"{self.due_within} due within {count} {unit}{'s' * (count != 1)}")
        verdict = "ALERT" if self.alarm else "OK"
        return f"track: {verdict}: {', '.join(parts)} (as of {self.as_of})"


def check_narrowing(as_of: date, window: tuple[int, str] | None) -> Narrowing | None:
    """What `check` can count, for the query index: open pledges due before the day (overdue)
    or, with a window, due by its end."""
    from tracker.index import Narrowing
    from tracker.schema import OPEN_STATUSES

    try:
        due_until = as_of - timedelta(days=1)
        if window:
            from tracker.deadlines import shift

            due_until = max(due_until, shift(as_of, *window))
    except (OverflowError, ValueError):
        return None
    return Narrowing(as_of, due_until, as_of, OPEN_STATUSES)


def check(commitments: Iterable[Commitment], as_of: date, window: tuple[int, str] | None) -> Check:
    views = select(commitments, as_of)
    soon = sum(v.due_within(*window) for v in views) if window else 0
    return Check(as_of, sum(v.overdue for v in views), soon, window)


@dataclass(frozen=True)
class LogEntry:
    commitment: Commitment
    event: Event

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.commitment.id, "title": self.commitment.title, **self.event.to_dict()}


def log(
    commitments: Iterable[Commitment],
    since: date | None,
    limit: int | None,
    recorded_since: date | None = None,
) -> list[LogEntry]:
    """History events across all commitments, the most recently recorded first: "what changed
    lately" is about when an event was entered, whatever day it happened on. `since` keeps
    events that happened on or after a day; `recorded_since` those entered on or after one."""
    happened = since.isoformat() if since else ""
    entered = recorded_since.isoformat() if recorded_since else ""
    entries = [
        LogEntry(c, e)
        for c in commitments
        for e in c.history
        if e.on.isoformat() >= happened and recorded_day(e) >= entered
    ]
    entries.sort(
        key=lambda entry: (entry.event.recorded or entry.event.on.isoformat(), entry.event.on,
                           entry.commitment.id),
        reverse=True,
    )  # fmt: skip
    return entries if limit is None else entries[:limit]


def recorded_day(event: Event) -> str:
    """The ISO day an event was entered (events from before stamps existed: the day it happened)."""
    return event.recorded[:10] if event.recorded else event.on.isoformat()
