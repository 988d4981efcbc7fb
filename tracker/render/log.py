"""`track log`: what changed, drawn for a terminal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import IO, Any

from tracker.render import console, status_text, text


def log_table(entries: Sequence[Any], out: IO[str] | None = None) -> None:
    """`track log`: what changed, when it was recorded and when it happened, with evidence.

    Ids are never split: when the note column would be narrower than 50 cells, the note goes
    under the id."""
    from rich import box
    from rich.table import Table

    screen = console(out)
    id_width = max((len(entry.commitment.id) for entry in entries), default=2)
    stacked = screen.width - id_width - (10 + 10 + 11) - 3 * 4 < 50
    table = Table(box=box.SIMPLE_HEAD, header_style="bold", pad_edge=False, show_edge=False)
    table.add_column("Recorded", no_wrap=True)
    table.add_column("On", no_wrap=True)
    if stacked:
        table.add_column("Status", no_wrap=True)
        table.add_column("ID / note / evidence", overflow="fold", ratio=1, min_width=id_width)
    else:
        table.add_column("ID", no_wrap=True, min_width=id_width)
        table.add_column("Status", no_wrap=True)
        table.add_column("Note / evidence", overflow="fold", ratio=1)
    for entry in entries:
        event = entry.event
        detail = text(event.note, keep_newlines=True)
        for item in event.evidence:
            detail.append("\n")
            detail.append_text(text(f"↳ {item.reference}", "dim"))
            if item.quote:
                detail.append("\n")
                detail.append_text(text(f"“{item.quote}”", "dim italic"))
        cid = text(entry.commitment.id, "bold")
        when = (text(event.recorded[:10]), text(event.on.isoformat()))
        if stacked:
            cid.append("\n")
            table.add_row(*when, status_text(event.status), cid + detail)
        else:
            table.add_row(*when, cid, status_text(event.status), detail)
    screen.print(table)
