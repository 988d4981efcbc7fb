"""Inline SVG charts: readable without JavaScript, in print, and by a screen reader.

Each chart carries its numbers as text next to it or in its accessible name; colour is never
the only way to tell what a mark means. Colours live in the style sheet (classes `s-<status>`,
`t-<kind>`), so there is one palette for the whole site.
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from tracker.publish.html import esc
from tracker.report import Quarter
from tracker.schema import STATUSES

# The order of the scale on a commitment's meter, from "nothing yet" to the verdicts.
METER_ORDER = ("pending", "in-progress", "stalled", "partial", "fulfilled", "broken", "dropped")


def stacked_bar(counts: dict[str, int], largest: int, label: str) -> str:
    """One horizontal bar split by status, scaled against the largest group."""
    total = sum(counts.values())
    parts = [f"{status} {count}" for status in STATUSES if (count := counts.get(status, 0))]
    name = f"{label}: {', '.join(parts) or 'none'}"
    x = 0.0
    rects = []
    for status in STATUSES:
        count = counts.get(status, 0)
        if not count:
            continue
        width = 100 * count / max(largest, 1)
        rects.append(
            f'<rect class="s-{status}" x="{x:.2f}" y="0" width="{width:.2f}" height="10">'
            f"<title>{esc(status)}: {count}</title></rect>"
        )
        x += width
    if not total:
        rects.append('<rect class="empty" x="0" y="0" width="0.5" height="10"></rect>')
    return (
        '<svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" role="img" '
        f'aria-label="{esc(name)}">{"".join(rects)}</svg>'
    )


@cache
def meter(status: str) -> str:
    """A commitment's status on the scale, the current step filled and marked."""
    step = 100
    cells = []
    for i, name in enumerate(METER_ORDER):
        current = name == status
        cls = f"s-{name}" + (" current" if current else " dim")
        cells.append(
            f'<rect class="{cls}" x="{i * step + 2}" y="{8 if current else 14}" '
            f'width="{step - 4}" height="{24 if current else 12}" rx="3"></rect>'
        )
        if current:
            middle = i * step + step / 2
            cells.append(
                f'<path class="marker" d="M{middle - 8} 0 L{middle + 8} 0 L{middle} 7 Z"></path>'
            )
    current = ' class="current"'
    labels = "".join(
        f"<li{current if name == status else ''}>{esc(name)}</li>" for name in METER_ORDER
    )
    return (
        f'<figure class="meter"><svg viewBox="0 0 {step * len(METER_ORDER)} 34" role="img" '
        f'aria-label="Status: {esc(status)}">{"".join(cells)}</svg>'
        f'<figcaption><ol class="scale" aria-hidden="true">{labels}</ol></figcaption></figure>'
    )


def timeline(rows: list[tuple[Quarter, dict[str, int]]], as_of: date) -> str:
    """Deadlines per quarter as stacked columns (overdue, open, closed), today marked."""
    if not rows:
        return '<p class="note">No commitment has a due date.</p>'
    column, gap, top, bottom, left = 34, 10, 28, 36, 30
    tallest = max((sum(counts.values()) for _, counts in rows), default=0) or 1
    height = 150
    width = left + len(rows) * (column + gap)
    marks = [
        f'<line class="axis" x1="{left - 4}" y1="{top + height}" x2="{width}" '
        f'y2="{top + height}"></line>',
        f'<text class="tick" x="{left - 8}" y="{top + 4}" text-anchor="end">{tallest}</text>',
        f'<text class="tick" x="{left - 8}" y="{top + height}" text-anchor="end">0</text>',
    ]
    for i, (quarter, counts) in enumerate(rows):
        x = left + i * (column + gap)
        y = top + height
        for kind in ("overdue", "open", "closed"):
            count = counts.get(kind, 0)
            if not count:
                continue
            h = height * count / tallest
            y -= h
            marks.append(
                f'<rect class="t-{kind}" x="{x}" y="{y:.1f}" width="{column}" height="{h:.1f}">'
                f"<title>{quarter}: {count} {kind}</title></rect>"
            )
        total = sum(counts.values())
        if total:
            marks.append(
                f'<text class="count" x="{x + column / 2}" y="{y - 4:.1f}" '
                f'text-anchor="middle">{total}</text>'
            )
        marks.append(
            f'<text class="tick" x="{x + column / 2}" y="{top + height + 14}" '
            f'text-anchor="middle">Q{quarter.number}</text>'
        )
        if quarter.number == 1 or i == 0:
            marks.append(
                f'<text class="tick year" x="{x + column / 2}" y="{top + height + 28}" '
                f'text-anchor="middle">{quarter.year}</text>'
            )
    today = _today_x(rows, as_of, left, column + gap)
    if today is not None:
        marks.append(
            f'<line class="today" x1="{today:.1f}" y1="12" x2="{today:.1f}" '
            f'y2="{top + height}"></line>'
            f'<text class="today-label" x="{today:.1f}" y="10" text-anchor="middle">'
            f"today {as_of.isoformat()}</text>"
        )
    summary = "; ".join(
        f"{quarter}: {sum(counts.values())} due"
        + (f" ({counts['overdue']} overdue)" if counts.get("overdue") else "")
        for quarter, counts in rows
        if sum(counts.values())
    )
    return (
        f'<div class="scroll"><svg class="timeline" viewBox="0 0 {width + 40} '
        f'{top + height + bottom}" width="{(width + 40) * 1.4:.0f}" role="img" '
        f'aria-label="Deadlines by quarter, today is {as_of.isoformat()}. {esc(summary)}">'
        f"{''.join(marks)}</svg></div>"
    )


def _today_x(
    rows: list[tuple[Quarter, dict[str, int]]], as_of: date, left: int, pitch: int
) -> float | None:
    here = Quarter.of(as_of)
    for i, (quarter, _) in enumerate(rows):
        if quarter == here:
            start = date(quarter.year, 3 * quarter.number - 2, 1)
            following = quarter.next()
            end = date(following.year, 3 * following.number - 2, 1) - timedelta(days=1)
            fraction = (as_of - start).days / max((end - start).days, 1)
            return left + i * pitch + fraction * pitch
    return None
