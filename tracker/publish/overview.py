"""index.html: the headline figures, status per pillar and party, deadlines by quarter, and
the most overdue and the next due. Figures come from `tracker.report`, so the site says what
`track report` says."""

from __future__ import annotations

from tracker.publish import charts
from tracker.publish.figures import status_counts, timeline
from tracker.publish.html import esc, page
from tracker.publish.parts import due_cell, filter_href, page_name, status_badge, timing
from tracker.query import View
from tracker.report import SOON_DAYS, Report
from tracker.schema import STATUSES

LIST_ROWS = 20  # the overview's overdue and upcoming lists; the full lists are one click away


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
            else f'<a href="{filter_href("", **{kind: name})}">{esc(name)}</a>'
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
        f"due {due_cell(v.commitment)}, {status_badge(v.status)} {timing(v)}</li>"
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
