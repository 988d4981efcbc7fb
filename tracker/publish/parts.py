"""Small pieces several pages show the same way: a page's address, a filter link, a status,
a due date, how late."""

from __future__ import annotations

from functools import cache
from urllib.parse import quote as urlquote

from tracker.model import Commitment
from tracker.publish.html import esc
from tracker.query import View


def page_name(commitment_id: str) -> str:
    """The permanent address of a commitment's page, relative to the site's root."""
    return f"c/{commitment_id}.html"


def filter_href(root: str, **params: str) -> str:
    fragment = "&".join(f"{key}={urlquote(value, safe='')}" for key, value in params.items())
    return f"{root}list.html#{fragment}"


@cache
def status_badge(status: str) -> str:
    return f'<span class="status s-{esc(status)}">{esc(status)}</span>'


def due_cell(c: Commitment) -> str:
    if c.due is None:
        return '<span class="note">open-ended</span>'
    return f'<time datetime="{c.due.isoformat()}">{c.due.isoformat()}</time>' + (
        f' <span class="precision">({esc(c.due_precision)})</span>' if c.due_precision else ""
    )


def timing(item: View) -> str:
    """Overdue, or for a closed pledge with a due date: on time, how late, or not delivered."""
    if item.overdue:
        return f'<span class="late">{item.days_overdue} days overdue</span>'
    outcome = item.delivery
    if outcome == "on time":
        return '<span class="on-time">on time</span>'
    if outcome == "late":
        return f'<span class="late">{item.days_late} days late</span>'
    return f'<span class="late">{outcome}</span>' if outcome else ""
