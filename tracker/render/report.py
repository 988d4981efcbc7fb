"""The status report drawn for a terminal (rich) and for a briefing (markdown)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, TYPE_CHECKING

from tracker.render import STATUS_STYLES, console, status_text, text
from tracker.report import SOON_DAYS, Quarter, Report
from tracker.safe_text import markdown_text

if TYPE_CHECKING:
    from rich.console import Console

    from tracker.query import View

BAR_WIDTH = 24
TIMELINE_BLOCKS = 30
LIST_ROWS = (
    15  # a report is one screen: the full lists are `track list --overdue` and `--due-within`
)


def score_line(report: Report) -> str:
    if report.score is None:
        return "Delivery score: n/a (nothing judged yet: no commitment is fulfilled, partial or broken)"
    return (
        f"Delivery score: {report.score:+.2f} ({report.score_percent:.0f}%) over "
        f"{report.judged} judged commitment{'s' * (report.judged != 1)} "
        "(fulfilled +1, partial 0, broken -1; % = (score + 1) / 2)"
    )


def _bar(count: int, largest: int) -> str:
    if not count:
        return ""
    return "█" * max(1, round(BAR_WIDTH * count / max(largest, 1)))


def draw(
    report: Report, title: str, out: IO[str] | None = None, screen: Console | None = None
) -> None:
    """The one-screen report: headline, score, breakdowns, overdue, upcoming, timeline."""
    from rich.table import Table

    screen = screen or console(out)
    head = report.headline()
    screen.print(text(f"{title} — as of {report.as_of}", "bold"))
    screen.print(
        text(
            f"Total {head['total']} · Open {head['open']} · Closed {head['closed']} · "
            f"Overdue {head['overdue']} · Due in {SOON_DAYS} days {head['due_soon']} · "
            f"Fulfilled {head['fulfilled']}"
        )
    )
    screen.print(
        text(
            f"Dated pledges: delivered on time {head['delivered_on_time']} · delivered late "
            f"{head['delivered_late']} · overdue {head['overdue']}"
        )
    )
    screen.print(text(score_line(report), "dim"))
    screen.print()

    statuses = Table(
        title="By status", title_justify="left", box=None, show_header=False, pad_edge=False
    )
    statuses.add_column(no_wrap=True)
    statuses.add_column(justify="right")
    statuses.add_column(no_wrap=True)
    largest = max(report.by_status.values(), default=0)
    for status, count in report.by_status.items():
        statuses.add_row(
            status_text(status), str(count), text(_bar(count, largest), STATUS_STYLES[status])
        )
    screen.print(statuses)
    screen.print()
    for caption, groups in (("By pillar", report.by_pillar), ("By party", report.by_party)):
        table = Table(
            title=caption, title_justify="left", box=None, pad_edge=False, header_style="bold"
        )
        table.add_column("", overflow="fold")
        for name in ("total", "open", "overdue", "fulfilled"):
            table.add_column(name, justify="right")
        table.add_column("", no_wrap=True)
        largest = max((row["total"] for row in groups.values()), default=0)
        for name, row in groups.items():
            bar = text(_bar(row["overdue"], largest), "red")
            bar.append_text(text(_bar(row["total"] - row["overdue"], largest)[:BAR_WIDTH], "cyan"))
            table.add_row(
                text(name), *(str(row[k]) for k in ("total", "open", "overdue", "fulfilled")), bar
            )
        screen.print(table)
        screen.print()
    _views_section(screen, "Overdue (most overdue first)", report.overdue, late=True)
    _progress_section(screen, report)
    _views_section(screen, "Upcoming deadlines (soonest first)", report.upcoming, late=False)
    _timeline(screen, report)


def _views_section(screen: Console, caption: str, views: Sequence[View], late: bool) -> None:
    from rich.table import Table

    if not views:
        screen.print(text(f"{caption}: none", "bold"))
        screen.print()
        return
    shown = views[:LIST_ROWS]
    id_width = max(len(v.commitment.id) for v in shown)
    fixed = max(len(f"{v.commitment.due} ({v.commitment.due_precision})") for v in shown) + 7 + 5
    # Ids are never split and title words never cut: when a title column would be narrower
    # than 30 cells, the title goes under the id instead.
    stacked = screen.width - id_width - fixed - 2 * 4 < 30
    table = Table(
        title=caption, title_justify="left", box=None, pad_edge=False, header_style="bold"
    )
    first = "ID / Title" if stacked else "ID"
    table.add_column(first, overflow="fold", min_width=id_width, ratio=1 if stacked else None)
    table.add_column("Due", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Late" if late else "In", justify="right", no_wrap=True)
    if not stacked:
        table.add_column("Title", overflow="fold", ratio=1)
    for v in shown:
        c = v.commitment
        gap = f"{v.days_overdue}d" if late else f"{(c.due - v.as_of).days}d"  # type: ignore[operator]
        head = text(c.id, "bold")
        if stacked:
            head.append("\n")
            head.append_text(text(c.title))
        cells = [
            head,
            text(f"{c.due} ({c.due_precision})"),
            status_text(v.status),
            text(gap, "bold red" if late else ""),
        ]
        table.add_row(*cells, *([] if stacked else [text(c.title)]))
    screen.print(table)
    if len(views) > LIST_ROWS:
        more = "track list --overdue" if late else "track list --due-within 1y"
        screen.print(text(f"… and {len(views) - LIST_ROWS} more: {more}", "dim"))
    screen.print()


def _site(item: object) -> str:
    """Evidence in a narrow column: the site it comes from ("vietnamnews.vn")."""
    from urllib.parse import urlsplit

    url = getattr(item, "url", "")
    return urlsplit(url).netloc.removeprefix("www.") if url else getattr(item, "document", "")


def _progress_section(screen: Console, report: Report) -> None:
    """Latest status changes with the evidence they rest on, newest first."""
    from rich.table import Table

    moved = report.progress
    caption = "Progress since the pledge (latest first, with evidence)"
    if not moved:
        screen.print(text(f"{caption}: none", "bold"))
        screen.print()
        return
    table = Table(
        title=caption, title_justify="left", box=None, pad_edge=False, header_style="bold"
    )
    table.add_column(
        "ID",
        overflow="fold",
        min_width=min(30, max(len(v.commitment.id) for v, _ in moved[:LIST_ROWS])),
    )
    table.add_column("On", no_wrap=True)
    table.add_column("Status", no_wrap=True)
    table.add_column("Delivery", no_wrap=True)
    table.add_column("Source", overflow="fold", ratio=1, min_width=16)
    for v, event in moved[:LIST_ROWS]:
        where = ", ".join(dict.fromkeys(_site(item) for item in event.evidence)) or "(none)"
        delivery = {"late": f"{v.days_late}d late"}.get(v.delivery or "", v.delivery or "")
        table.add_row(
            text(v.commitment.id, "bold"),
            text(event.on.isoformat()),
            status_text(event.status),
            text(delivery),
            text(where),
        )
    screen.print(table)
    if len(moved) > LIST_ROWS:
        screen.print(text(f"… and {len(moved) - LIST_ROWS} more: track log", "dim"))
    screen.print()


def _timeline(screen: Console, report: Report) -> None:
    screen.print(text("Deadlines by quarter", "bold"))
    rows = report.timeline()
    if not rows:
        screen.print(text("  no dated commitments"))
    current = Quarter.of(report.as_of)
    for quarter, views in rows:
        line = text(f"  {quarter} │ ")
        for v in views[:TIMELINE_BLOCKS]:
            style = "bold red" if v.overdue else STATUS_STYLES.get(v.status, "")
            line.append_text(text("■", style))
        if len(views) > TIMELINE_BLOCKS:
            line.append_text(text("…"))
        if views:
            line.append_text(text(f" {len(views)}"))
            late = sum(v.overdue for v in views)
            if late:
                line.append_text(text(f" ({late} overdue)", "red"))
        if quarter == current:
            line.append_text(text(f"  ◀ as of {report.as_of}", "bold"))
        screen.print(line)
    legend = text("  ■ overdue", "bold red")
    shown = {v.status for _, views in rows for v in views if not v.overdue}
    for status in (s for s in STATUS_STYLES if s in shown):
        legend.append_text(text(f"  ■ {status}", STATUS_STYLES[status]))
    screen.print(legend)
    screen.print()
    open_ended = report.open_ended
    screen.print(text(f"Open-ended, no deadline ({len(open_ended)}):", "bold"))
    names = ", ".join(v.commitment.id for v in open_ended[: LIST_ROWS * 3])
    if len(open_ended) > LIST_ROWS * 3:
        names += f" … and {len(open_ended) - LIST_ROWS * 3} more (track list --sort due)"
    from rich.padding import Padding

    screen.print(Padding(text(names if open_ended else "none"), (0, 0, 0, 2)))


def _md_link(item: object) -> str:
    """Evidence as markdown: a link only for http(s) URLs; anything else is plain text."""
    url = getattr(item, "url", "")
    label = _md(getattr(item, "document", "") or url)
    if url.startswith(("http://", "https://")) and "(" not in url and ")" not in url:
        return f"[{label}]({url.replace(' ', '%20')})"
    return label


def markdown(report: Report, title: str) -> str:
    """The same report as markdown, for pasting into a briefing."""
    head = report.headline()
    lines = [
        f"# {_md(title)} — as of {report.as_of}",
        "",
        "| Total | Open | Closed | Overdue | Due in 90 days | Fulfilled |",
        "|---:|---:|---:|---:|---:|---:|",
        "| {total} | {open} | {closed} | {overdue} | {due_soon} | {fulfilled} |".format(**head),
        "",
        "Dated pledges: delivered on time {delivered_on_time} · delivered late {delivered_late} · "
        "overdue {overdue}".format(**head),
        "",
        score_line(report),
        "",
        "## By status",
        "",
        "| Status | Count |",
        "|---|---:|",
        *(f"| {status} | {count} |" for status, count in report.by_status.items()),
    ]
    for caption, groups in (("By pillar", report.by_pillar), ("By party", report.by_party)):
        lines += [
            "",
            f"## {caption}",
            "",
            "| | Total | Open | Overdue | Fulfilled |",
            "|---|---:|---:|---:|---:|",
        ]
        lines += [
            f"| {_md(name)} | {row['total']} | {row['open']} | {row['overdue']} | {row['fulfilled']} |"
            for name, row in groups.items()
        ]
    lines += _md_views("Overdue (most overdue first)", report.overdue, late=True)
    lines += ["", "## Progress since the pledge (latest first, with evidence)", ""]
    if report.progress:
        lines += ["| ID | On | Status | Delivery | Evidence |", "|---|---|---|---|---|"]
        for v, event in report.progress:
            links = "; ".join(_md_link(item) for item in event.evidence) or "(none cited)"
            delivery = v.delivery or ""
            if delivery == "late":
                delivery = f"{v.days_late} days late"
            lines.append(
                f"| {_md(v.commitment.id)} | {event.on} | {event.status} | {delivery} | {links} |"
            )
    else:
        lines.append("None.")
    lines += _md_views("Upcoming deadlines", report.upcoming, late=False)
    lines += ["", "## Deadlines by quarter", "", "| Quarter | Commitments |", "|---|---|"]
    for quarter, views in report.timeline():
        if views:
            names = ", ".join(f"{_md(v.commitment.id)}{' (overdue)' * v.overdue}" for v in views)
            lines.append(f"| {quarter} | {names} |")
    lines += ["", f"## Open-ended ({len(report.open_ended)})", ""]
    lines += [
        f"- {_md(v.commitment.id)}: {_md(v.commitment.title)} ({v.status})"
        for v in report.open_ended
    ]
    return "\n".join(lines) + "\n"


def _md_views(caption: str, views: Sequence[View], late: bool) -> list[str]:
    lines = ["", f"## {caption}", ""]
    if not views:
        return [*lines, "None."]
    lines += [
        "| ID | Due | Status | " + ("Days late" if late else "Days left") + " | Title |",
        "|---|---|---|---:|---|",
    ]
    for v in views:
        c = v.commitment
        gap = v.days_overdue if late else (c.due - v.as_of).days  # type: ignore[operator]
        lines.append(
            f"| {_md(c.id)} | {c.due} ({c.due_precision}) | {v.status} | {gap} | {_md(c.title)} |"
        )
    return lines


def _md(value: str) -> str:
    """User text safe inside a markdown table cell: no control characters, no live markup."""
    return markdown_text(value)


def rendered(report: Report, title: str, svg: bool) -> str:
    """The terminal rendering as an SVG image or an HTML page (the caller writes it)."""
    import io

    from rich.console import Console

    screen = Console(record=True, width=100, file=io.StringIO(), highlight=False, markup=False)
    draw(report, title, screen=screen)
    if svg:
        return screen.export_svg(title=f"track report {report.as_of}", code_format=offline_svg())
    return screen.export_html()


def offline_svg() -> str:
    """rich's SVG template without its web fonts: the report loads nothing from the network
    and uses the reader's own monospace fonts."""
    import re

    from rich._export_format import CONSOLE_SVG_FORMAT

    template = re.sub(r"\s*@font-face \{\{.*?\}\}", "", CONSOLE_SVG_FORMAT, flags=re.S)
    template = re.sub(r"\s*<!--.*?-->", "", template, flags=re.S)
    return template.replace(
        "font-family: Fira Code, monospace;",
        'font-family: "DejaVu Sans Mono", Menlo, Consolas, "Liberation Mono", monospace;',
    )
