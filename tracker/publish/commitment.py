"""c/ID.html: everything about one commitment — status on its meter, due date in the
source's words, on time or how late, sources with their quotes, the history with evidence."""

from __future__ import annotations

import json

from tracker.model import Commitment, Event, Evidence
from tracker.publish import charts
from tracker.publish.html import esc, link, page
from tracker.publish.parts import filter_href, status_badge
from tracker.query import View


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
    status = status_badge(item.status)
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
    return ", ".join(f'<a href="{filter_href("../", **{kind: v})}">{esc(v)}</a>' for v in values)


def _event(e: Event) -> str:
    evidence = "".join(_evidence(item) for item in e.evidence)
    return (
        f'<li><p class="when"><time datetime="{e.on}">{e.on}</time> {status_badge(e.status)}</p>'
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
