"""The three kinds of page: the overview, one page per commitment, and the browsable list.

Pages are plain functions returning strings; every value from the database goes through `esc`
or `link`. Figures come from `tracker.report` (and `figures`), so the site says what
`track report` says.
"""

from __future__ import annotations

import json
from functools import cache
from urllib.parse import quote as urlquote

from tracker.model import Commitment, Event, Evidence
from tracker.publish import charts
from tracker.publish.figures import status_counts, timeline
from tracker.publish.html import esc, link, page
from tracker.query import View
from tracker.report import SOON_DAYS, Report
from tracker.safe_text import clean
from tracker.schema import STATUSES

LIST_ROWS = 20  # the overview's overdue and upcoming lists; the full lists are one click away


def page_name(commitment_id: str) -> str:
    """The permanent address of a commitment's page, relative to the site's root."""
    return f"c/{commitment_id}.html"


def _filter_href(root: str, **params: str) -> str:
    fragment = "&".join(f"{key}={urlquote(value, safe='')}" for key, value in params.items())
    return f"{root}list.html#{fragment}"


@cache
def _status(status: str) -> str:
    return f'<span class="status s-{esc(status)}">{esc(status)}</span>'


def _due(c: Commitment) -> str:
    if c.due is None:
        return '<span class="note">open-ended</span>'
    return f'<time datetime="{c.due.isoformat()}">{c.due.isoformat()}</time>' + (
        f' <span class="precision">({esc(c.due_precision)})</span>' if c.due_precision else ""
    )


def _timing(item: View) -> str:
    """Overdue, or for a closed pledge with a due date: on time, how late, or not delivered."""
    if item.overdue:
        return f'<span class="late">{item.days_overdue} days overdue</span>'
    outcome = item.delivery
    if outcome == "on time":
        return '<span class="on-time">on time</span>'
    if outcome == "late":
        return f'<span class="late">{item.days_late} days late</span>'
    return f'<span class="late">{outcome}</span>' if outcome else ""


# --- overview ---------------------------------------------------------------------------------


def overview(report: Report, site_title: str) -> str:
    head = report.headline()
    figures = [
        ("Commitments", head["total"], "list.html"),
        ("Delivered on time", head["delivered_on_time"], None),
        ("Delivered late", head["delivered_late"], None),
        ("Overdue", head["overdue"], "list.html#overdue=1"),
        (f"Due in {SOON_DAYS} days", head["due_soon"], None),
        ("Open-ended", len(report.open_ended), None),
    ]
    cards = "".join(
        f'<div class="figure{" alarm" if label == "Overdue" and value else ""}"><dt>{label}</dt>'
        + (f'<dd><a href="{href}">{value}</a></dd>' if href else f"<dd>{value}</dd>")
        + "</div>"
        for label, value, href in figures
    )
    score = (
        f"Delivery score {report.score:+.2f} ({report.score_percent:.0f}%) over {report.judged} "
        "judged commitments (fulfilled +1, partial 0, broken −1)."
        if report.score is not None
        else "No commitment has been judged yet (fulfilled, partial or broken)."
    )
    counts = status_counts(list(report.views))
    body = (
        f"<h1>{esc(site_title)}</h1>\n"
        f'<p class="lead">Where the commitments stand as of '
        f'<time datetime="{report.as_of.isoformat()}">{report.as_of.isoformat()}</time>. '
        "Delivered on time or late compares the day a pledge was fulfilled (or partly "
        "fulfilled) with its due date.</p>\n"
        f'<section aria-labelledby="h-figures"><h2 id="h-figures">Headline figures</h2>'
        f'<dl class="figures">{cards}</dl><p>{score}</p></section>\n'
        f'<section aria-labelledby="h-pillar"><h2 id="h-pillar">Status by pillar</h2>'
        f"{_legend()}{_groups('pillar', report.by_pillar, counts, 'Pillar')}</section>\n"
        f'<section aria-labelledby="h-party"><h2 id="h-party">Status by party</h2>'
        f"{_groups('party', report.by_party, counts, 'Party')}</section>\n"
        f'<section aria-labelledby="h-timeline"><h2 id="h-timeline">Deadlines by quarter</h2>'
        f"{charts.timeline(timeline(report), report.as_of)}"
        '<ul class="legend"><li><span class="swatch t-overdue"></span>overdue</li>'
        '<li><span class="swatch t-open"></span>open, not yet due</li>'
        '<li><span class="swatch t-closed"></span>closed</li>'
        '<li><span class="swatch today"></span>today</li></ul></section>\n'
        + _short_list("Overdue, most overdue first", "h-overdue", report.overdue, "overdue=1")
        + _short_list(
            "Upcoming deadlines, soonest first", "h-upcoming", report.upcoming, "upcoming=1"
        )
    )
    return page(title=site_title, site_title=site_title, root="", body=body, current="overview")


def _legend() -> str:
    items = "".join(
        f'<li><span class="swatch s-{status}"></span>{status}</li>' for status in STATUSES
    )
    return f'<ul class="legend" aria-label="Status colours">{items}</ul>'


def _groups(
    kind: str, groups: dict[str, dict[str, int]], counts: dict[str, dict[str, int]], header: str
) -> str:
    largest = max((row["total"] for row in groups.values()), default=0)
    rows = []
    for name, row in groups.items():
        by_status = counts.get(f"{kind}:{name}", {})
        label = (
            esc(name)
            if name == "(none)"
            else f'<a href="{_filter_href("", **{kind: name})}">{esc(name)}</a>'
        )
        rows.append(
            f'<tr><th scope="row">{label}</th><td>{row["total"]}</td><td>{row["open"]}</td>'
            f"<td>{row['overdue']}</td><td>{row['fulfilled']}</td>"
            f'<td class="bar-cell">{charts.stacked_bar(by_status, largest, name)}</td></tr>'
        )
    return (
        f'<div class="scroll"><table class="groups"><thead><tr><th scope="col">{header}</th>'
        '<th scope="col">Total</th><th scope="col">Open</th><th scope="col">Overdue</th>'
        '<th scope="col">Fulfilled</th><th scope="col">Status</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table></div>"
    )


def _short_list(heading: str, anchor: str, items: list[View], fragment: str) -> str:
    if not items:
        return (
            f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{heading}</h2>'
            '<p class="note">None.</p></section>\n'
        )
    rows = "".join(
        f'<li><a href="{page_name(v.commitment.id)}">{esc(v.commitment.title)}</a> — '
        f"due {_due(v.commitment)}, {_status(v.status)} {_timing(v)}</li>"
        for v in items[:LIST_ROWS]
    )
    more = (
        f'<p><a href="list.html#{fragment}">All {len(items)}</a></p>'
        if len(items) > LIST_ROWS
        else ""
    )
    return (
        f'<section aria-labelledby="{anchor}"><h2 id="{anchor}">{heading}</h2>'
        f"<ol>{rows}</ol>{more}</section>\n"
    )


# --- one commitment ---------------------------------------------------------------------------


def commitment_page(item: View, site_title: str) -> str:
    c = item.commitment
    facts = [("Due", _due_fact(c))]
    if c.starts:
        facts.append(("Starts", c.starts.isoformat()))
    facts.append(("Made on", f'<time datetime="{c.made_on}">{c.made_on}</time>'))
    facts.append(("Parties", _links("party", c.parties) or '<span class="note">none</span>'))
    facts.append(("Pillar", _links("pillar", (c.pillar,) if c.pillar else ())))
    if c.tags:
        facts.append(("Tags", ", ".join(esc(t) for t in c.tags)))
    if c.aliases:
        facts.append(("Also known as", ", ".join(f"<code>{esc(a)}</code>" for a in c.aliases)))
    facts.append(("Identifier", f"<code>{esc(c.id)}</code>"))
    dl = "".join(f"<div><dt>{name}</dt><dd>{value}</dd></div>" for name, value in facts)
    history = [e for e in c.history if e.on <= item.as_of]
    body = (
        f'<article class="commitment"><h1>{esc(c.title)}</h1>\n'
        f"{charts.meter(item.status)}\n"
        f'<p class="verdict">{_verdict(item)}</p>\n'
        f'<dl class="facts">{dl}</dl>\n'
        + (
            f'<section aria-labelledby="h-description"><h2 id="h-description">Description</h2>'
            f'<p class="text">{esc(c.description)}</p></section>\n'
            if c.description
            else ""
        )
        + _sources(c)
        + f'<section aria-labelledby="h-history"><h2 id="h-history">History</h2>'
        f'<ol class="history">{"".join(_event(e) for e in history)}</ol></section>\n'
        + _conflicts(c)
        + "</article>"
    )
    return page(title=f"{c.title} — {site_title}", site_title=site_title, root="../", body=body)


def _sources(c: Commitment) -> str:
    items = "".join(
        f'<li><blockquote><p class="text">{esc(s.quote)}</p></blockquote>'
        f'<p class="cite">{link(s.document)}'
        + (
            f' · published <time datetime="{s.published}">{s.published}</time>'
            if s.published
            else ""
        )
        + "</p></li>"
        for s in c.sources
    )
    listing = f'<ol class="sources">{items}</ol>' if items else '<p class="note">None recorded.</p>'
    return (
        f'<section aria-labelledby="h-sources"><h2 id="h-sources">Sources</h2>{listing}</section>\n'
    )


def _due_fact(c: Commitment) -> str:
    if c.due is None:
        text = '<span class="note">no due date (open-ended)</span>'
    else:
        text = f'<time datetime="{c.due}">{c.due}</time>, the last day' + (
            f" (precision: {esc(c.due_precision)})" if c.due_precision else ""
        )
    if c.due_phrase:
        text += f'<br>the source’s words: <q class="phrase">{esc(c.due_phrase)}</q>'
    return text


def _verdict(item: View) -> str:
    status = _status(item.status)
    if item.overdue:
        return f'{status} — <strong class="late">{item.days_overdue} days overdue</strong>'
    closed = item.closed_on
    when = f' on <time datetime="{closed}">{closed}</time>' if closed else ""
    if item.delivery == "on time":
        return f'{status}{when} — <strong class="on-time">on time</strong>'
    if item.delivery == "late":
        return f'{status}{when} — <strong class="late">{item.days_late} days late</strong>'
    if item.delivery == "not delivered":
        return f"{status}{when} — not delivered"
    if item.is_open and item.commitment.due is not None:
        days = (item.commitment.due - item.as_of).days
        return f"{status} — due in {days} day{'s' * (days != 1)}"
    return f"{status}{when}"


def _links(kind: str, values: tuple[str, ...]) -> str:
    return ", ".join(f'<a href="{_filter_href("../", **{kind: v})}">{esc(v)}</a>' for v in values)


def _event(e: Event) -> str:
    evidence = "".join(_evidence(item) for item in e.evidence)
    return (
        f'<li><p class="when"><time datetime="{e.on}">{e.on}</time> {_status(e.status)}</p>'
        + (f'<p class="text">{esc(e.note)}</p>' if e.note else "")
        + (f'<ul class="evidence" aria-label="Evidence">{evidence}</ul>' if evidence else "")
        + "</li>"
    )


def _evidence(item: Evidence) -> str:
    where = []
    if item.url:
        where.append(link(item.url))
    if item.document:
        where.append(link(item.document))
    if item.published:
        where.append(f'published <time datetime="{item.published}">{item.published}</time>')
    quote = f'<blockquote><p class="text">{esc(item.quote)}</p></blockquote>' if item.quote else ""
    return f'<li>{quote}<p class="cite">Evidence: {" · ".join(where)}</p></li>'


def _conflicts(c: Commitment) -> str:
    if not c.conflicts:
        return ""
    rows = "".join(
        f"<li><code>{esc(x.field)}</code>: ours {esc(json.dumps(x.ours, ensure_ascii=False))}, "
        f"theirs {esc(json.dumps(x.theirs, ensure_ascii=False))}</li>"
        for x in c.conflicts
    )
    return (
        '<section aria-labelledby="h-conflicts"><h2 id="h-conflicts">Unsettled merge conflict'
        f"</h2><ul>{rows}</ul></section>\n"
    )


# --- the list ---------------------------------------------------------------------------------


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


def _searchable(c: Commitment) -> str:
    """What the search box looks in, as `track list --search` does: id, title, description,
    source quotes. The page's script folds case and accents (folding 10,000 rows here would
    cost seconds; in the browser it takes milliseconds)."""
    return "\n".join((c.id, c.title, c.description, *(s.quote for s in c.sources)))


def _row(item: View, upcoming: bool) -> str:
    c = item.commitment
    parties = json.dumps([clean(p) for p in c.parties])
    flags = ("overdue " if item.overdue else "") + ("upcoming" if upcoming else "")
    return (
        f'<tr data-status="{esc(item.status)}" data-pillar="{esc(c.pillar)}" '
        f'data-parties="{esc(parties)}" data-flags="{flags.strip()}" '
        f'data-text="{esc(_searchable(c))}">'
        f'<td><a href="{page_name(c.id)}">{esc(c.title)}</a> <code>{esc(c.id)}</code></td>'
        f"<td>{_status(item.status)}</td><td>{_due(c)}</td>"
        f"<td>{_timing(item)}</td>"
        f"<td>{esc(', '.join(c.parties))}</td><td>{esc(c.pillar)}</td></tr>"
    )
