"""list.html: every commitment in one table, with the controls `assets/site.js` filters it by.

Each row carries what the script needs in data attributes (status, pillar, parties, flags, and
the text to search); without JavaScript the table simply lists everything."""

from __future__ import annotations

import json

from tracker.publish.html import esc, page
from tracker.publish.parts import due_cell, page_name, status_badge, timing
from tracker.query import View, search_parts
from tracker.report import Report
from tracker.safe_text import clean
from tracker.schema import STATUSES


def list_page(report: Report, site_title: str) -> str:
    views = report.views
    upcoming = {v.commitment.id for v in report.upcoming}
    rows = "\n".join(_row(v, v.commitment.id in upcoming) for v in views)
    parties = sorted({clean(p) for v in views for p in v.commitment.parties})
    pillars = sorted({clean(v.commitment.pillar) for v in views if v.commitment.pillar})
    body = (
        "<h1>All commitments</h1>\n"
        f'<form class="filters" id="filters" role="search" aria-label="Filter commitments" '
        f'hidden><div class="field"><label for="q">Search titles, descriptions and quotes'
        '</label><input type="search" id="q" name="q" autocomplete="off" '
        'placeholder="e.g. ha noi"></div>'
        f"{_select('status', 'Status', STATUSES)}"
        f"{_select('party', 'Party', parties)}"
        f"{_select('pillar', 'Pillar', pillars)}"
        '<div class="field check"><input type="checkbox" id="overdue" name="overdue" value="1">'
        '<label for="overdue">Overdue only</label></div>'
        '<div class="field check"><input type="checkbox" id="upcoming" name="upcoming" '
        'value="1"><label for="upcoming">Upcoming only</label></div>'
        '<div class="field"><button type="reset" id="clear">Clear filters</button></div>'
        "</form>\n"
        "<noscript><p>Filtering and search need JavaScript; the table lists every commitment."
        "</p></noscript>\n"
        f'<p id="count" role="status" aria-live="polite">{len(views)} commitments.</p>\n'
        '<div class="scroll"><table class="commitments" id="commitments">'
        "<caption>Commitments, soonest deadline first</caption><thead><tr>"
        '<th scope="col">Commitment</th><th scope="col">Status</th><th scope="col">Due</th>'
        '<th scope="col">On time?</th><th scope="col">Parties</th><th scope="col">Pillar</th>'
        f"</tr></thead><tbody>\n{rows}\n</tbody></table></div>"
    )
    return page(
        title=f"All commitments — {site_title}",
        site_title=site_title,
        root="",
        body=body,
        current="list",
    )


def _select(name: str, label: str, values: list[str] | tuple[str, ...]) -> str:
    options = "".join(f'<option value="{esc(v)}">{esc(v)}</option>' for v in values)
    return (
        f'<div class="field"><label for="{name}">{label}</label>'
        f'<select id="{name}" name="{name}"><option value="">any</option>{options}</select></div>'
    )


def _row(item: View, upcoming: bool) -> str:
    c = item.commitment
    parties = json.dumps([clean(p) for p in c.parties])
    flags = ("overdue " if item.overdue else "") + ("upcoming" if upcoming else "")
    # The text `track list --search` looks in, unfolded: the page's script folds case and
    # accents when a reader first searches (folding 10,000 rows here would cost seconds).
    text = "\n".join(search_parts(c))
    return (
        f'<tr data-status="{esc(item.status)}" data-pillar="{esc(c.pillar)}" '
        f'data-parties="{esc(parties)}" data-flags="{flags.strip()}" '
        f'data-text="{esc(text)}">'
        f'<td><a href="{page_name(c.id)}">{esc(c.title)}</a> <code>{esc(c.id)}</code></td>'
        f"<td>{status_badge(item.status)}</td><td>{due_cell(c)}</td>"
        f"<td>{timing(item)}</td>"
        f"<td>{esc(', '.join(c.parties))}</td><td>{esc(c.pillar)}</td></tr>"
    )
