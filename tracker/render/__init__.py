"""All output styling: rich tables for people, JSON and CSV for scripts.

User text always goes through `safe_text.clean` and into `rich.text.Text`, never into a markup
string, so `[bold]` in a title prints as typed. rich is imported only when a table is drawn, so
`--format json` never pays for it.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING, Any

from tracker.safe_text import clean, clean_json

if TYPE_CHECKING:
    from rich.console import Console
    from rich.text import Text

    from tracker.query import View

STATUS_STYLES = {
    "pending": "yellow",
    "in-progress": "cyan",
    "stalled": "magenta",
    "fulfilled": "green",
    "partial": "blue",
    "broken": "red",
    "dropped": "dim",
}
LIST_COLUMNS = ("id", "title", "parties", "due", "status", "days_overdue")


def console(file: IO[str] | None = None) -> Console:
    """A console that never interprets markup or highlights numbers in user text."""
    from rich.console import Console

    return Console(file=file or sys.stdout, highlight=False, markup=False, emoji=False)


def text(value: str, style: str = "", keep_newlines: bool = False) -> Text:
    from rich.text import Text

    return Text(clean(value, keep_newlines), style=style)


def to_json(data: Any) -> str:
    return clean_json(json.dumps(data, indent=2, ensure_ascii=False)) + "\n"


def write(out: IO[str], content: str) -> None:
    out.write(content)


def due_label(view: View) -> str:
    c = view.commitment
    if c.due is None:
        return "open-ended"
    label = f"{c.due.isoformat()} ({c.due_precision})" if c.due_precision else c.due.isoformat()
    return f"from {c.starts.isoformat()} to {label}" if c.starts else label


def status_text(status: str) -> Text:
    return text(status, STATUS_STYLES.get(status, ""))


def views_table(views: Sequence[View], out: IO[str] | None = None) -> None:
    """The `track list` table: id and title, parties, due with precision, status, days late.

    Widths are computed here rather than left to rich, so that on a narrow terminal the title
    wraps and the id, due date, status and lateness columns never get cut. When the parties
    column does not fit, the parties move under the title.
    """
    from rich import box
    from rich.table import Table

    screen = console(out)
    dues = [_short_due(v) for v in views]
    widths = {
        "id": min(36, max(len(v.commitment.id) for v in views)),
        "parties": min(20, max(len(", ".join(v.commitment.parties)) for v in views)),
        "due": max(len(d) for d in dues),
        "status": max(6, *(len(v.status) for v in views)),
        "late": max(4, *(len(f"{v.days_overdue}d") for v in views)),
    }
    gaps = 2 * 6
    wide = screen.width - sum(widths.values()) - gaps >= 30
    if not wide:
        del widths["parties"]
    title_width = max(20, screen.width - sum(widths.values()) - gaps + (0 if wide else 2 + 20))
    table = Table(
        box=box.SIMPLE_HEAD,
        header_style="bold",
        pad_edge=False,
        collapse_padding=True,
        show_edge=False,
    )
    if wide:
        table.add_column("ID", width=widths["id"], overflow="fold")
        table.add_column("Title", width=title_width, overflow="fold")
        table.add_column("Parties", width=widths["parties"], overflow="fold")
    else:
        table.add_column("ID / Title", width=max(widths["id"], title_width), overflow="fold")
    table.add_column("Due", width=widths["due"], no_wrap=True)
    table.add_column("Status", width=widths["status"], no_wrap=True)
    table.add_column("Late", width=widths["late"], justify="right", no_wrap=True)
    for v, due_text in zip(views, dues, strict=True):
        c = v.commitment
        late = text(f"{v.days_overdue}d", "bold red") if v.overdue else text("")
        due = text(due_text)
        if wide:
            table.add_row(
                text(c.id, "bold"), text(c.title), text(", ".join(c.parties)), due,
                status_text(v.status), late,
            )  # fmt: skip
        else:
            cell = text(c.id, "bold")
            cell.append("\n")
            cell.append_text(text(c.title))
            if c.parties:
                cell.append_text(text(f" ({', '.join(c.parties)})", "dim"))
            table.add_row(cell, due, status_text(v.status), late)
    screen.print(table)


def _short_due(view: View) -> str:
    c = view.commitment
    if c.due is None:
        return "open-ended"
    return f"{c.due.isoformat()} ({c.due_precision})" if c.due_precision else c.due.isoformat()


def views_csv(views: Iterable[View], out: IO[str]) -> None:
    """One row per commitment with the list columns; lists joined with '; '."""
    rows = [flat_row(v.to_dict()) for v in views]
    write_csv(rows, out)


def flat_row(data: dict[str, Any]) -> dict[str, str]:
    """A JSON-shaped commitment as spreadsheet cells: lists joined, sources summarised."""
    row: dict[str, str] = {}
    for key, value in data.items():
        if key == "sources":
            row[key] = " | ".join(f"{s['document']}: {s['quote']}" for s in value)
        elif key == "history":
            row[key] = " | ".join(f"{e['on']} {e['status']}: {e['note']}" for e in value)
        elif isinstance(value, list):
            row[key] = "; ".join(value)
        elif isinstance(value, bool):
            row[key] = "yes" if value else "no"
        else:
            row[key] = "" if value is None else str(value)
    return row


def neutralise_formula(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR) is prefixed with '."""
    return "'" + cell if cell[:1] in ("=", "+", "-", "@", "\t", "\r") else cell


def write_csv(rows: Sequence[dict[str, str]], out: IO[str]) -> None:
    if not rows:
        return
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {k: neutralise_formula(clean(v, keep_newlines=True)) for k, v in row.items()}
        )
    out.write(buffer.getvalue())


def show(view: View, out: IO[str] | None = None) -> None:
    """Everything about one commitment: fields, sources with quotes, the history as of the day."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.table import Table

    c = view.commitment
    fields = Table.grid(padding=(0, 2))
    fields.add_column(style="bold", no_wrap=True)
    fields.add_column(overflow="fold")
    late = f" - {view.days_overdue} days overdue" if view.overdue else ""
    fields.add_row("id", text(c.id))
    fields.add_row("status", status_text(view.status) + text(late, "bold red"))
    fields.add_row("due", text(due_label(view)))
    fields.add_row("due phrase", text(c.due_phrase or "(none)"))
    fields.add_row("made on", text(c.made_on.isoformat()))
    fields.add_row("parties", text(", ".join(c.parties)))
    fields.add_row("pillar", text(c.pillar))
    fields.add_row("tags", text(", ".join(c.tags)))
    fields.add_row("as of", text(view.as_of.isoformat()))
    parts: list[Any] = [fields]
    if c.description:
        parts += [text(""), text(c.description, keep_newlines=True)]
    sources = Table(title="Sources", title_justify="left", expand=True, show_lines=True)
    sources.add_column("Document", overflow="fold", ratio=1)
    sources.add_column("Published", no_wrap=True)
    sources.add_column("Quote", overflow="fold", ratio=3)
    for s in c.sources:
        published = s.published.isoformat() if s.published else "?"
        sources.add_row(text(s.document), text(published), text(s.quote, keep_newlines=True))
    history = Table(title="History", title_justify="left", expand=True)
    history.add_column("On", no_wrap=True)
    history.add_column("Status", no_wrap=True)
    history.add_column("Note", overflow="fold", ratio=3)
    history.add_column("Evidence", overflow="fold", ratio=2)
    for e in c.history:
        if e.on <= view.as_of:
            history.add_row(
                text(e.on.isoformat()),
                status_text(e.status),
                text(e.note, keep_newlines=True),
                text("\n".join(e.evidence), keep_newlines=True),
            )
    parts += [text(""), sources if c.sources else text("Sources: none recorded", "dim"), history]
    console(out).print(Panel(Group(*parts), title=text(c.title, "bold"), title_align="left"))


def message(line: str, out: IO[str] | None = None) -> None:
    """A one-line human message (goes to stderr unless told otherwise), user text escaped."""
    (out or sys.stderr).write(clean(line) + "\n")


def safe_line(line: str) -> str:
    return clean(line) + "\n"


def log_table(entries: Sequence[Any], out: IO[str] | None = None) -> None:
    """`track log`: what changed, when, with which evidence."""
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("On", no_wrap=True)
    table.add_column("ID", overflow="fold", max_width=30)
    table.add_column("Status", no_wrap=True)
    table.add_column("Note / evidence", overflow="fold", ratio=1)
    for entry in entries:
        event = entry.event
        detail = text(event.note, keep_newlines=True)
        for item in event.evidence:
            detail.append("\n")
            detail.append_text(text(f"↳ {item}", "dim"))
        table.add_row(
            text(event.on.isoformat()),
            text(entry.commitment.id, "bold"),
            status_text(event.status),
            detail,
        )
    console(out).print(table)
