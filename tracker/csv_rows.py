"""One CSV row as a commitment, read back exactly as `track export --format csv` wrote it.

The export writes every field a commitment needs: the stored fields (`due`, `due_precision`
and `starts` as they are) and `sources` and `history` as JSON cells. A hand-made sheet needs
only `title` and `made_on`. Every bad field of a row is reported, not just the first.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from tracker.actions import resolve_phrase
from tracker.errors import InvalidInput
from tracker.jsonfile import JSONProblem, parse_json
from tracker.model import (
    ID_PATTERN,
    PRECISIONS,
    Commitment,
    Event,
    InvalidRecord,
    Source,
    check_status,
    commitment_from_dict,
    now_stamp,
    validate_record,
)


def cell(row: dict[str, Any], name: str) -> str:
    """A cell's text, without the apostrophe the export puts before a formula-like value
    (=, +, - or @, also after blanks)."""
    value = (row.get(name) or "").strip()
    if value[:1] == "'" and value[1:].lstrip()[:1] in ("=", "+", "-", "@"):
        return value[1:].strip()
    return value


IMPORTED_NOTE = "Pledge recorded (imported)."
STATUS_NOTE = "Status as imported"


class _Problems:
    """Every bad field of one row, collected so the user can fix them all at once."""

    def __init__(self, where: str) -> None:
        self.where = where
        self.items: list[str] = []

    def __call__(self, column: str, message: str) -> None:
        self.items.append(f"{self.where}, field {column!r}: {message}")


def row_commitment(
    row: dict[str, Any], number: int, slugs: Callable[[str], str], now: datetime
) -> Commitment | list[str]:
    """One row as a Commitment, or the list of every problem it has.

    Columns written by `track export --format csv` are read back as they were written:
    `due`, `due_precision` and `starts` as stored (only a row without `due` has its
    `due_phrase` resolved against `made_on`), and `sources` and `history` as JSON cells. A row
    without history gets the pledge as its first event and, for another status, an event
    dated `as_of` (the day the sheet says the status held; else the day of the import).
    """
    where = f"row {number}"
    if None in row:
        return [f"{where}: more cells than the header has columns"]
    fail = _Problems(where)
    title = cell(row, "title")
    if not title:
        fail("title", "is empty")
    made_on = _date(cell(row, "made_on"), fail, "made_on", required=True)
    cid = cell(row, "id") or slugs(title or "commitment")
    if not ID_PATTERN.fullmatch(cid):
        fail("id", f"{cid!r} is not a slug (a-z, 0-9, '-')")
    status = cell(row, "status")
    if status:
        try:
            status = check_status(status)
        except InvalidInput as error:
            fail("status", str(error))
    due = _date(cell(row, "due"), fail, "due")
    precision = cell(row, "due_precision") or None
    if precision is not None and precision not in PRECISIONS:
        fail("due_precision", f"{precision!r} is not one of {', '.join(PRECISIONS)}")
    starts = _date(cell(row, "starts"), fail, "starts")
    phrase = cell(row, "due_phrase")
    if due is None and phrase:
        try:
            deadline = resolve_phrase(phrase, made_on or now.date())
            due, precision, starts = deadline.due, deadline.precision, deadline.starts
        except InvalidInput as error:
            fail("due_phrase", str(error))
    if due and made_on and due < made_on:
        fail("due" if cell(row, "due") else "due_phrase", f"{due} is before made_on {made_on}")
    as_of = _date(cell(row, "as_of"), fail, "as_of")
    sources = _csv_sources(row, fail)
    history = _csv_history(row, fail)
    if fail.items:
        return fail.items
    assert made_on is not None
    if not history:
        history = [Event(made_on, "pending", IMPORTED_NOTE, (), now_stamp(now))]
    if status and status != history[-1].status:
        on = max(as_of or now.date(), history[-1].on)
        history.append(Event(on, status, f"{STATUS_NOTE} ({status}).", (), now_stamp(now)))
    record = Commitment(
        id=cid,
        title=title,
        description=cell(row, "description"),
        parties=_split(cell(row, "parties")),
        pillar=cell(row, "pillar"),
        tags=_split(cell(row, "tags")),
        aliases=_split(cell(row, "aliases")),
        made_on=made_on,
        due=due,
        due_phrase=phrase,
        due_precision=precision if due else None,
        starts=starts,
        sources=sources,
        history=tuple(history),
    )
    try:  # the JSON cells are checked as a stored record is
        validate_record(record.to_dict(), where)
    except InvalidRecord as error:
        return [str(error)]
    return record


def _jsoncell(row: dict[str, Any], name: str, fail: _Problems) -> list[Any] | None:
    """A cell holding a JSON list (as the export writes sources and history), or None."""
    value = cell(row, name)
    if not value.startswith("["):
        return None
    try:
        data = parse_json(value)
    except JSONProblem as problem:
        where = f" at character {problem.column}" if problem.line == 1 else ""
        fail(name, f"not valid JSON ({problem.what}{where})")
        return None
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        fail(name, "expected a JSON list of objects")
        return None
    return data


def _csv_sources(row: dict[str, Any], fail: _Problems) -> tuple[Source, ...]:
    published = _date(cell(row, "published"), fail, "published")
    if cell(row, "document") or cell(row, "quote"):
        return (Source(cell(row, "document"), cell(row, "quote"), published),)
    listed = _jsoncell(row, "sources", fail)
    if listed is not None:  # checked with the whole record, once it is built
        return tuple(
            Source(
                s.get("document"), s.get("quote"), _date(s.get("published") or "", fail, "sources")
            )
            for s in listed
        )
    sources = []
    for part in filter(None, (p.strip() for p in cell(row, "sources").split(" | "))):
        document, _, quote = part.partition(": ")
        sources.append(Source(document.strip(), quote.strip(), published))
    return tuple(sources)


def _csv_history(row: dict[str, Any], fail: _Problems) -> list[Event]:
    listed = _jsoncell(row, "history", fail)
    if not listed:
        return []
    try:
        built = commitment_from_dict(
            {"id": "x", "title": "x", "made_on": "0001-01-01", "history": listed}, "the cell"
        )
    except InvalidRecord as error:
        fail("history", str(error).replace("commitment 'x', ", ""))
        return []
    return sorted(built.history, key=lambda e: e.sort_key)


def _date(value: str, fail: Any, column: str, required: bool = False) -> date | None:
    if not value:
        if required:
            fail(column, "is empty (give a date as YYYY-MM-DD)")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(column, f"{value!r} is not a date (YYYY-MM-DD)")
        return None


def _split(value: str) -> tuple[str, ...]:
    parts = value.replace(";", ",").split(",")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))
