"""The site's figures, on top of `tracker.report`: delivered on time or late, timeline counts.

`delivery` is local to the site for now; it belongs next to `View.days_overdue` in the core
once one function answers "on time or how late" for every command.
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

from tracker.query import View
from tracker.report import Quarter, Report

DELIVERED = ("fulfilled", "partial")


class Delivery(NamedTuple):
    """When a delivered commitment reached its status, and how many days after its due date."""

    on: date
    days_late: int

    @property
    def on_time(self) -> bool:
        return self.days_late == 0


def delivery(item: View) -> Delivery | None:
    """On time or N days late, for a fulfilled or partial commitment with a due date.

    The delivery day is the first event of the last unbroken run of the current status (as of
    the view's day): partial in March then fulfilled in June was delivered in June.
    """
    due = item.commitment.due
    if due is None or item.status not in DELIVERED:
        return None
    since = None
    for event in item.commitment.history:
        if event.on > item.as_of:
            break
        if event.status != item.status:
            since = None
        elif since is None:
            since = event.on
    if since is None:
        return None
    return Delivery(since, max(0, (since - due).days))


def headline(report: Report) -> dict[str, int]:
    """`Report.headline()` plus delivered on time / late and open-ended."""
    outcomes = [d for v in report.views if (d := delivery(v)) is not None]
    return {
        **report.headline(),
        "on_time": sum(d.on_time for d in outcomes),
        "late": sum(not d.on_time for d in outcomes),
        "open_ended": len(report.open_ended),
    }


def timeline(report: Report) -> list[tuple[Quarter, dict[str, int]]]:
    """Per quarter of due date: how many are overdue, still open, and closed."""
    rows = []
    for quarter, items in report.timeline():
        counts = {"overdue": 0, "open": 0, "closed": 0}
        for v in items:
            counts["overdue" if v.overdue else "open" if v.is_open else "closed"] += 1
        rows.append((quarter, counts))
    return rows


def status_counts(views: list[View]) -> dict[str, dict[str, int]]:
    """Status counts per pillar and per party, in the report's group order."""
    groups: dict[str, dict[str, int]] = {}
    for v in views:
        parties = v.commitment.parties or ("(none)",)
        keys = [f"pillar:{v.commitment.pillar or '(none)'}", *(f"party:{p}" for p in parties)]
        for key in keys:
            row = groups.setdefault(key, {})
            row[v.status] = row.get(v.status, 0) + 1
    return groups
