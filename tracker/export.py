"""Commitments in the formats people already use: iCalendar, CSV, JSON, markdown, Taskwarrior.

Every function returns text; the CLI decides where it goes. Identifiers are stable per
commitment (iCalendar UID, Taskwarrior uuid), so importing an export again updates instead of
duplicating.
"""

from __future__ import annotations

import io
import json
import re
import uuid
from collections.abc import Sequence
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from tracker.model import Event
from tracker.query import View
from tracker.safe_text import clean, markdown_text

FORMATS = ("ics", "csv", "json", "markdown", "taskwarrior")
UID_DOMAIN = "track.commitments"
UUID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_DNS, UID_DOMAIN)


def stable_uuid(commitment_id: str) -> str:
    return str(uuid.uuid5(UUID_NAMESPACE, commitment_id))


def to_json(views: Sequence[View]) -> str:
    """The documented `--format json` shape, with full history: what `track import` reads."""
    from tracker.render import to_json as dumps

    return dumps([v.to_dict(with_history=True) for v in views])


def to_csv(views: Sequence[View]) -> str:
    """The list columns plus history: what `track import` needs to reproduce each commitment
    (sources and history are JSON cells). Unresolved merge conflicts are not carried."""
    from tracker.render import views_csv

    out = io.StringIO()
    views_csv(views, out, with_history=True)
    return out.getvalue()


def dated(views: Sequence[View]) -> int:
    """How many of the views have a due date: the events an .ics export holds."""
    return sum(v.commitment.due is not None for v in views)


def to_ics(views: Sequence[View], now: datetime) -> str:
    """One all-day event per dated commitment, on its (inclusive) due date."""
    import icalendar

    calendar = icalendar.Calendar()
    calendar.add("prodid", "-//track//Commitments//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Commitments")
    for v in views:
        c = v.commitment
        if c.due is None:
            continue
        event = icalendar.Event()
        event.add("uid", f"{c.id}@{UID_DOMAIN}")
        event.add("dtstamp", now)
        event.add("dtstart", c.due)
        if c.due < date.max:  # an all-day event without DTEND lasts that one day (RFC 5545)
            event.add("dtend", c.due + timedelta(days=1))
        late = " - OVERDUE" if v.overdue else ""
        event.add("summary", clean(f"Due: {c.title} [{v.status}{late}]"))
        event.add("description", clean(_ics_description(v), keep_newlines=True))
        if c.pillar:
            event.add("categories", [clean(c.pillar)])
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


def _ics_description(v: View) -> str:
    c = v.commitment
    lines = [
        f"{c.id}: {c.title}",
        f"Status: {v.status} (as of {v.as_of})",
        f"Deadline: {c.due_phrase!r} -> {c.due} (precision: {c.due_precision})",
        f"Parties: {', '.join(c.parties)}",
    ]
    for s in c.sources:
        lines.append(f'Source: {s.document} ({s.published or "date unknown"}): "{s.quote}"')
    return "\n".join(lines)


def to_markdown(views: Sequence[View]) -> str:
    """A briefing table per pillar."""
    by_pillar: dict[str, list[View]] = {}
    for v in views:
        by_pillar.setdefault(v.commitment.pillar or "(no pillar)", []).append(v)
    as_of = views[0].as_of if views else None
    lines = [f"# Commitments as of {as_of}" if as_of else "# Commitments", ""]
    for pillar in sorted(by_pillar):
        lines += [f"## {_md(pillar)}", "", "| ID | Commitment | Parties | Due | Status | Source |"]
        lines.append("|---|---|---|---|---|---|")
        for v in by_pillar[pillar]:
            c = v.commitment
            due = f"{c.due} ({c.due_precision})" if c.due else "open-ended"
            status = f"**{v.status}, {v.days_overdue} days overdue**" if v.overdue else v.status
            source = f"{c.sources[0].document}: “{c.sources[0].quote}”" if c.sources else ""
            cells = [c.id, c.title, ", ".join(c.parties), due]
            lines.append(
                "| " + " | ".join(_md(x) for x in cells) + f" | {status} | {_md(source)} |"
            )
        lines.append("")
    return "\n".join(lines)


def _md(value: str) -> str:
    """User text safe inside a markdown table cell: no control characters, no live markup."""
    return markdown_text(value)


TASK_STATUS = {
    "pending": "pending",
    "in-progress": "pending",
    "stalled": "pending",
    "fulfilled": "completed",
    "partial": "completed",
    "broken": "deleted",
    "dropped": "deleted",
}


def _task_time(day: date, at: time = time(0, 0), zone: tzinfo | None = None) -> str:
    """A local time on `day` as Taskwarrior's UTC stamp: in `zone`, else the machine's zone
    (with its daylight-saving rules for that date)."""
    local = (
        datetime.combine(day, at, tzinfo=zone) if zone else datetime.combine(day, at).astimezone()
    )
    return local.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")


def to_taskwarrior(views: Sequence[View], zone: tzinfo | None = None) -> str:
    """Taskwarrior's JSON import format: `task import file.json`.

    A due date is inclusive and ends at local midnight: `track` counts days on the machine's
    calendar (its "today"), so a task is due at 23:59:59 local time on the due date (written
    in UTC, as Taskwarrior wants). `task +OVERDUE` and `track list --overdue` then agree in any
    time zone, from the first second of the next local day. `zone` overrides the machine's.
    """
    tasks = []
    for v in views:
        c = v.commitment
        task: dict[str, object] = {
            "uuid": stable_uuid(c.id),
            "description": clean(c.title),
            "status": TASK_STATUS[v.status],
            "entry": _task_time(c.made_on, zone=zone),
            "modified": _task_time(c.history[-1].on, zone=zone),
            "tags": sorted({_task_word(t) for t in (*c.tags, v.status) if _task_word(t)}),
            "annotations": [
                {
                    "entry": _task_time(e.on, time(12, i % 60), zone),
                    "description": clean(_annotation(e)),
                }
                for i, e in enumerate(c.history)
            ],
        }
        if c.pillar:
            task["project"] = _task_word(c.pillar)
        if c.due:
            task["due"] = _task_time(c.due, time(23, 59, 59), zone)
        if task["status"] != "pending":
            task["end"] = _task_time(c.history[-1].on, zone=zone)
        tasks.append(task)
    return json.dumps(tasks, ensure_ascii=False, indent=1) + "\n"


def _annotation(event: Event) -> str:
    parts = [f"{event.status}: {event.note}".rstrip(": ")]
    parts += [f"evidence: {item.reference}" for item in event.evidence]
    return " | ".join(parts)


def _task_word(value: str) -> str:
    """Taskwarrior tags and projects: letters, digits, '-' and '_' only (no spaces)."""
    return re.sub(r"[^\w-]+", "_", value).strip("_-")
