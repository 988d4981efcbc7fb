"""The site's figures, on top of `tracker.report`: timeline counts and status per group."""

from __future__ import annotations

from tracker.query import View
from tracker.report import Quarter, Report


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
