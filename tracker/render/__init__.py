"""All output styling: rich tables for people, JSON and CSV for scripts.

User text always goes through `safe_text.clean` and into `rich.text.Text`, never into a markup
string, so `[bold]` in a title prints as typed. rich is imported only when a table is drawn, so
`--format json` never pays for it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Sequence
from functools import cache
from typing import IO, TYPE_CHECKING, Any

from tracker.safe_text import clean

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


def console(file: IO[str] | None = None) -> Console:
    """A console that never interprets markup or highlights numbers in user text.

    rich pads every line to the full width; into a pipe or a file that padding is only
    trailing spaces, so there each line is written without it."""
    from rich.console import Console

    out = file or sys.stdout
    isatty = getattr(out, "isatty", None)
    if not (isatty and isatty()):
        from tracker.render.unpadded import Unpadded

        out = Unpadded(out)  # type: ignore[assignment]
    return Console(file=out, highlight=False, markup=False, emoji=False)


def text(value: str, style: str = "", keep_newlines: bool = False) -> Text:
    from rich.text import Text

    return Text(clean(value, keep_newlines), style=style)


def json_bytes(data: Any, indent: bool = True) -> bytes:
    """Two-space indented JSON, UTF-8 as is, every control character escaped.

    JSON escapes C0 controls itself; DEL, C1 controls and bidirectional marks are escaped here,
    on the encoded bytes (a terminal would obey them; they cannot hide inside other UTF-8
    sequences), which saves decoding and re-encoding megabytes of output.
    """
    import orjson

    raw = orjson.dumps(data, option=orjson.OPT_INDENT_2 if indent else 0)
    if _has_unsafe(raw):
        raw = unsafe_utf8().sub(_escape_utf8, raw)
    return raw + b"\n"


@cache
def unsafe_utf8() -> re.Pattern[bytes]:
    """DEL, C1, ALM (U+061C), LRM/RLM, the line/paragraph separators and the bidi embeddings,
    as UTF-8 (compiled when first needed: most output has none)."""
    return re.compile(
        rb"\x7f|\xc2[\x80-\x9f]|\xd8\x9c|\xe2\x80[\x8e\x8f\xa8-\xae]|\xe2\x81[\xa6-\xa9]"
    )


def _has_unsafe(raw: bytes) -> bool:
    """Whether `unsafe_utf8()` matches anywhere, found lead bytes first: most output has none,
    and a byte search, then an expression with a literal start, is several times faster than
    the expression's alternatives tried at every byte."""
    if b"\x7f" in raw or b"\xd8\x9c" in raw:
        return True
    return any(lead in raw and _after(lead).search(raw) for lead in _UNSAFE_AFTER)


# The same characters, by lead bytes: what must follow them.
_UNSAFE_AFTER = {
    b"\xe2\x80": rb"\xe2\x80[\x8e\x8f\xa8-\xae]",
    b"\xe2\x81": rb"\xe2\x81[\xa6-\xa9]",
    b"\xc2": rb"\xc2[\x80-\x9f]",
}


@cache
def _after(lead: bytes) -> re.Pattern[bytes]:
    return re.compile(_UNSAFE_AFTER[lead])


def _escape_utf8(match: re.Match[bytes]) -> bytes:
    return f"\\u{ord(match.group(0).decode('utf-8')):04x}".encode("ascii")


def to_json(data: Any) -> str:
    return json_bytes(data).decode("utf-8")


def print_json(data: Any, out: IO[str] | None = None) -> None:
    """JSON to stdout, as bytes when the stream allows it."""
    out = out or sys.stdout
    buffer = getattr(out, "buffer", None)
    if buffer is None:
        out.write(to_json(data))
        return
    out.flush()
    buffer.write(json_bytes(data))
    buffer.flush()


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

    Widths are computed here so that on a narrow terminal the title wraps and the id, due date,
    status and lateness never get cut; when the parties column does not fit, the parties move
    under the title. Drawn by the lean table writer, so ten thousand rows stay fast.
    """
    from tracker.render import plain_table as pt

    out = out or sys.stdout
    dues = [_short_due(v) for v in views]
    ids = [clean(v.commitment.id) for v in views]
    parties = [clean(", ".join(v.commitment.parties)) for v in views]
    lates = [f"{v.days_overdue}d" if v.overdue else "" for v in views]
    widths = {
        "id": min(36, max(map(len, ids))),
        "parties": min(20, max(max(map(pt.width, parties)), len("Parties"))),
        "due": max(map(len, dues)),
        "status": max(6, *(len(v.status) for v in views)),
        "late": max(4, *map(len, lates)),
    }
    screen = pt.terminal_width(out)
    gaps = 2 * 5
    wide = screen - sum(widths.values()) - gaps >= 30
    fixed = [
        pt.Column("Due", widths["due"], wrap=False),
        pt.Column("Status", widths["status"], wrap=False),
        pt.Column("Late", widths["late"], wrap=False, right=True),
    ]
    rows = []
    if wide:
        title_width = screen - sum(widths.values()) - gaps
        columns = [
            pt.Column("ID", widths["id"]),
            pt.Column("Title", title_width),
            pt.Column("Parties", widths["parties"]),
            *fixed,
        ]
        for v, cid, who, due, late in zip(views, ids, parties, dues, lates, strict=True):
            rows.append(
                [
                    [(cid, "bold")], [(clean(v.commitment.title), "")], [(who, "")], [(due, "")],
                    [(v.status, STATUS_STYLES.get(v.status, ""))], [(late, "bold red")],
                ]
            )  # fmt: skip
    else:
        del widths["parties"]
        first = max(20, screen - widths["due"] - widths["status"] - widths["late"] - 2 * 3)
        columns = [pt.Column("ID / Title", first), *fixed]
        for v, cid, who, due, late in zip(views, ids, parties, dues, lates, strict=True):
            cell = [(cid, "bold"), (clean(v.commitment.title), "")]
            if who:
                cell.append((f"({who})", "dim"))
            rows.append(
                [
                    cell,
                    [(due, "")],
                    [(v.status, STATUS_STYLES.get(v.status, ""))],
                    [(late, "bold red")],
                ]
            )
    pt.write(columns, rows, out)


def _short_due(view: View) -> str:
    c = view.commitment
    if c.due is None:
        return "open-ended"
    return f"{c.due.isoformat()} ({c.due_precision})" if c.due_precision else c.due.isoformat()


def views_csv(views: Iterable[View], out: IO[str], with_history: bool = False) -> None:
    """One row per commitment with the list columns (and history); lists joined with '; '."""
    rows = [flat_row(v.to_dict(with_history)) for v in views]
    write_csv(rows, out)


def flat_row(data: dict[str, Any]) -> dict[str, str]:
    """A JSON-shaped commitment as spreadsheet cells: lists joined with '; '; sources and
    history as JSON (every field, so `track import` reads back exactly what was written)."""
    row: dict[str, str] = {}
    for key, value in data.items():
        if key in ("sources", "history"):
            row[key] = json_cell(value)
        elif key == "conflicts":  # shown, not carried back: settle them before a round trip
            row[key] = " | ".join(
                f"{c['field']}: ours {_plain(c.get('ours'))}, theirs {_plain(c.get('theirs'))}"
                for c in value
            )
        elif isinstance(value, list):
            row[key] = "; ".join(map(_plain, value))
        elif isinstance(value, bool):
            row[key] = "yes" if value else "no"
        else:
            row[key] = "" if value is None else str(value)
    return row


def json_cell(value: Any) -> str:
    """Compact JSON, UTF-8 as is, with every character a terminal would obey escaped."""
    return json_bytes(value, indent=False).decode("utf-8").rstrip("\n")


def neutralise_formula(cell: str) -> str:
    """A cell a spreadsheet would run as a formula (=, +, -, @, tab, CR, also after leading
    blanks, which spreadsheets skip) is prefixed with '."""
    first = cell[:1]
    return (
        "'" + cell if first in ("\t", "\r") or cell.lstrip()[:1] in ("=", "+", "-", "@") else cell
    )


def write_csv(rows: Sequence[dict[str, str]], out: IO[str]) -> None:
    if not rows:
        return
    import csv
    import io

    buffer = io.StringIO()
    # Every row's columns, in order of first appearance: a commitment with merge conflicts
    # has one more column than the others.
    columns = list(dict.fromkeys(key for row in rows for key in row))
    writer = csv.DictWriter(buffer, fieldnames=columns, restval="", lineterminator="\r\n")
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
    fields.add_row("title", text(c.title, "bold"))  # in full, wrapped: a border would cut it
    fields.add_row("id", text(c.id))
    fields.add_row("status", status_text(view.status) + text(late, "bold red"))
    fields.add_row("due", text(due_label(view)))
    if view.delivery:
        closed = view.closed_on.isoformat() if view.closed_on else "?"
        verdict = view.delivery
        if verdict == "late":
            verdict = f"{view.days_late} days late"
        fields.add_row("delivered", text(f"{verdict} ({view.status} on {closed})"))
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
    history.add_column("Note and evidence", overflow="fold", ratio=1)
    for e in c.history:
        if e.on <= view.as_of:
            detail = text(e.note, keep_newlines=True)
            if e.evidence:
                if e.note:
                    detail.append("\n")
                detail.append_text(evidence_text(e.evidence))
            history.add_row(text(e.on.isoformat()), status_text(e.status), detail)
    parts += [text(""), sources if c.sources else text("Sources: none recorded", "dim"), history]
    if c.conflicts:
        clash = Table(title="Unresolved merge conflicts", title_justify="left", expand=True)
        for name in ("Field", "Base", "Ours", "Theirs"):
            clash.add_column(name, overflow="fold")
        for conflict in c.conflicts:
            clash.add_row(
                *(
                    text(_plain(v))
                    for v in (conflict.field, conflict.base, conflict.ours, conflict.theirs)
                )
            )
        parts += [
            text(""),
            clash,
            text("Settle with: track resolve ID --take ours|theirs|VALUE", "bold red"),
        ]
    console(out).print(Panel(Group(*parts), title=text(c.id, "bold"), title_align="left"))


def evidence_text(items: Sequence[Any]) -> Any:
    """Each piece of evidence: where it is (URL, else document), its date, and its quote."""
    out = text("")
    for number, item in enumerate(items):
        if number:
            out.append("\n")
        out.append_text(text(item.reference))
        if item.published:
            out.append_text(text(f" ({item.published.isoformat()})", "dim"))
        if item.quote:
            out.append("\n")
            out.append_text(text(f"“{item.quote}”", "italic"))
    return out


def message(line: str, out: IO[str] | None = None) -> None:
    """A one-line human message (goes to stderr unless told otherwise), user text escaped."""
    (out or sys.stderr).write(clean(line) + "\n")


def safe_line(line: str) -> str:
    return clean(line) + "\n"


def candidates_table(candidates: Sequence[Any], out: IO[str] | None = None) -> None:
    """`track extract`: each proposal as a short block: title, quote, then the facts in a line."""
    from rich.padding import Padding

    screen = console(out)
    for number, c in enumerate(candidates, 1):
        head = text(f"{number}. ", "bold")
        head.append_text(text(c.title, "bold"))
        if c.existing:
            head.append_text(text(f"  [already recorded: {c.existing}, {c.match}]", "yellow"))
        screen.print(head)
        screen.print(Padding(text(f"“{c.quote}”", "dim"), (0, 0, 0, 3)))
        d = c.deadline
        if d is None and c.due_phrase:
            due = f"“{c.due_phrase}”: deadline not understood"
        elif d is None:
            due = "no time frame found"
        elif d.due is None:
            due = f"open-ended (“{c.due_phrase}”)"
        else:
            due = f"{d.due} ({d.precision}) from “{c.due_phrase}”"
        facts = (
            f"{c.document} · parties: {', '.join(c.parties) or '?'} · due: {due} · "
            f"pillar: {c.pillar or '?'} · cue: {c.cue}"
        )
        screen.print(Padding(text(facts), (0, 0, 0, 3)))
        for note in c.notes:
            screen.print(Padding(text(note, "red"), (0, 0, 0, 3)))
        screen.print()


def proposals_table(proposals: Sequence[Any], out: IO[str] | None = None) -> None:
    """`track review`: each proposal as a block: id and status, the quote, then why."""
    from rich.padding import Padding

    screen = console(out)
    for number, p in enumerate(proposals, 1):
        head = text(f"{number}. ", "bold")
        head.append_text(text(p.id, "bold"))
        if p.is_news:
            head.append_text(text(f"  {p.current} → "))
        else:
            head.append_text(text("  "))
        head.append_text(status_text(p.status))
        head.append_text(text(f"  on {p.on.isoformat()}  confidence {p.confidence:.2f}"))
        if not p.is_news:
            head.append_text(text("  (already recorded)", "yellow"))
        screen.print(head)
        screen.print(Padding(text(p.title), (0, 0, 0, 3)))
        screen.print(Padding(text(f"“{p.quote}”", "dim"), (0, 0, 0, 3)))
        screen.print(Padding(text(f"why: {p.reason}"), (0, 0, 0, 3)))
        screen.print()


def _plain(value: Any) -> str:
    if isinstance(value, list):
        return ", ".join(map(str, value))
    return "" if value is None else str(value)
