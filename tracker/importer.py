"""Bring in commitments someone else kept: validate every row first, then all or nothing.

JSON input is what `track export --format json` (or `list --format json` with history) writes,
or a whole track database. CSV input has one row per commitment, read by `csv_rows` (at least
`title` and `made_on`; what `track export --format csv` wrote is read back as written).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field, replace
from datetime import datetime
from typing import Any

from tracker.actions import resolve_phrase
from tracker.csv_rows import IMPORTED_NOTE, STATUS_NOTE, cell, row_commitment
from tracker.errors import InvalidInput
from tracker.jsonfile import JSONProblem, find_duplicate, parse_json
from tracker.migrations import TABLE
from tracker.model import (
    Commitment,
    InvalidRecord,
    commitment_from_dict,
)
from tracker.query import slug_base
from tracker.schema import year_problem
from tracker.store import Database

CONFLICT_POLICIES = ("skip", "update", "fail")
# What `--format json` adds to a stored record, worked out on the day (see query.View.to_dict).
VIEW_FIELDS = frozenset(("overdue", "days_overdue", "as_of", "closed_on", "delivery", "days_late"))


class ImportErrors(InvalidInput):
    """Every problem found in the input; nothing was applied."""

    exit_code = 1

    def __init__(self, source: str, problems: list[str]) -> None:
        shown = problems[:50]
        more = f"\n  … and {len(problems) - 50} more" if len(problems) > 50 else ""
        super().__init__(
            f"{source}: {len(problems)} problem(s); nothing was imported:\n  "
            + "\n  ".join(shown)
            + more
        )
        self.problems = problems


@dataclass
class Plan:
    """What an import would do, decided before anything is written."""

    add: list[Commitment] = field(default_factory=list)
    update: list[tuple[Commitment, Commitment]] = field(default_factory=list)
    skip: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        out = [f"add {c.id}: {c.title}" for c in self.add]
        for old, new in self.update:
            out.append(f"update {new.id}: {', '.join(changed_fields(old, new))}")
        out += [f"skip {cid}: already in the database (--on-conflict skip)" for cid in self.skip]
        out += [f"unchanged {cid}" for cid in self.unchanged]
        return out

    def summary(self) -> str:
        return (
            f"{len(self.add)} to add, {len(self.update)} to update, {len(self.skip)} skipped, "
            f"{len(self.unchanged)} unchanged"
        )


def changed_fields(old: Commitment, new: Commitment) -> list[str]:
    a, b = old.to_dict(), new.to_dict()
    changes = []
    for key in a:
        if a[key] != b[key]:
            if key == "history":
                changes.append(f"history +{len(new.history) - len(old.history)} event(s)")
            elif isinstance(a[key], str | None) and isinstance(b[key], str | None):
                changes.append(f"{key} {a[key]!r} -> {b[key]!r}")
            else:
                changes.append(key)
    return changes


class Rows(list[Commitment]):
    """Parsed commitments; `generated` holds the ids made up from titles (rows without an id),
    which name new commitments: `plan` moves one that clashes with the database to a fresh id."""

    def __init__(self, items: list[Commitment], generated: set[str] | None = None) -> None:
        super().__init__(items)
        self.generated = generated or set()


class Slugs:
    """Fresh ids from titles, unique among `taken`, in constant time each (a file of rows
    that share a title must not cost the square of its length)."""

    def __init__(self, taken: set[str]) -> None:
        self.taken = taken
        self.next: dict[str, int] = {}

    def __call__(self, title: str) -> str:
        base = slug_base(title)
        n = self.next.get(base, 1)
        candidate = base if n == 1 else f"{base}-{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{base}-{n}"
        self.next[base] = n + 1
        self.taken.add(candidate)
        return candidate


def parse(text: str, fmt: str, source: str, now: datetime) -> list[Commitment]:
    """Every row as a Commitment, or ImportErrors listing each bad row and field."""
    if fmt == "json":
        return _parse_json(text, source)
    if fmt == "csv":
        return _parse_csv(text, source, now)
    raise InvalidInput(f"--format {fmt!r} is not one of: csv, json")


def _parse_json(text: str, source: str) -> list[Commitment]:
    try:
        data = parse_json(text)
    except JSONProblem as problem:
        where = f"line {problem.line}, column {problem.column}: " if problem.line else ""
        raise ImportErrors(source, [where + problem.what]) from None
    duplicate = find_duplicate(text)
    if duplicate:
        raise ImportErrors(source, [duplicate])
    if isinstance(data, dict) and isinstance(data.get(TABLE), dict):
        data = list(data[TABLE].values())
    if not isinstance(data, list):
        raise ImportErrors(source, ["expected a JSON array of commitments (or a track database)"])
    items, problems = [], []
    for number, record in enumerate(data, 1):
        if isinstance(record, dict):  # what `--format json` adds, worked out on the day
            record = {k: v for k, v in record.items() if k not in VIEW_FIELDS}
        try:
            item = commitment_from_dict(record, where=f"record {number}")
        except InvalidRecord as error:
            problems.append(str(error))
            continue
        if item.due is None and item.due_phrase:  # a phrase with no date: read it, as add does
            try:
                deadline = resolve_phrase(item.due_phrase, item.made_on)
            except InvalidInput as error:
                problems.append(f"record {number}, field 'due_phrase': {error}")
                continue
            item = replace(
                item, due=deadline.due, due_precision=deadline.precision, starts=deadline.starts
            )
        problems.extend(f"record {number}: {p}" for p in _years(item))
        items.append(item)
    _check_duplicates(items, problems, lambda i: f"record {i}")
    if problems:
        raise ImportErrors(source, problems)
    return items


def _years(item: Commitment) -> list[str]:
    """The dates of a commitment outside the years track works with."""
    dated = [("field 'made_on'", item.made_on), ("field 'due'", item.due)]
    dated += [("field 'starts'", item.starts)]
    dated += [(f"sources[{i}] 'published'", s.published) for i, s in enumerate(item.sources)]
    dated += [
        (f"history[{i}] 'on'", e.on) for i, e in enumerate(item.history) if e.on != item.made_on
    ]
    return [p for what, day in dated if (p := year_problem(day, what))]


def _parse_csv(text: str, source: str, now: datetime) -> Rows:
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    try:
        rows = list(reader)
    except csv.Error as error:
        raise ImportErrors(
            source,
            [f"row {reader.line_num + 1}: cannot read the CSV ({error})"],
        ) from None
    if not reader.fieldnames or "title" not in reader.fieldnames:
        raise ImportErrors(
            source, ["row 1: the header needs at least the columns 'title' and 'made_on'"]
        )
    explicit = {cell(row, "id") for row in rows} - {""}
    slugs = Slugs(set(explicit))
    items, problems, generated = [], [], set()
    for row_number, row in enumerate(rows, 2):
        item = row_commitment(row, row_number, slugs, now)
        if isinstance(item, list):
            problems.extend(item)
            continue
        if not cell(row, "id"):
            generated.add(item.id)
        problems.extend(f"row {row_number}: {p}" for p in _years(item))
        items.append(item)
    _check_duplicates(items, problems, lambda i: f"row {i + 1}")
    if problems:
        raise ImportErrors(source, problems)
    return Rows(items, generated)


def _check_duplicates(items: list[Commitment], problems: list[str], where: Any) -> None:
    seen: dict[str, int] = {}
    for index, item in enumerate(items, 1):
        if item.id in seen:
            problems.append(f"{where(index)}: id {item.id!r} appears twice in the file")
        seen[item.id] = index


def plan(db: Database, items: list[Commitment], on_conflict: str, source: str) -> Plan:
    """Decide what to do with each row; with 'fail', any existing id is an error."""
    if on_conflict not in CONFLICT_POLICIES:
        raise InvalidInput(
            f"--on-conflict {on_conflict!r} is not one of: {', '.join(CONFLICT_POLICIES)}"
        )
    result = Plan()
    clashes = []
    generated = items.generated if isinstance(items, Rows) else set()
    fresh = Slugs({*db.ids(), *(item.id for item in items)}) if generated else None
    for item in items:
        if item.id in generated and item.id in db and fresh is not None:
            item = replace(item, id=fresh(item.title))  # a row without an id is a new pledge
        if item.id not in db:
            result.add.append(item)
        elif on_conflict == "fail":
            clashes.append(f"id {item.id!r} is already in the database")
        elif on_conflict == "skip":
            result.skip.append(item.id)
        else:
            merged = merge_update(db.get(item.id), item)
            if merged == db.get(item.id):
                result.unchanged.append(item.id)
            else:
                result.update.append((db.get(item.id), merged))
    if clashes:
        raise ImportErrors(source, [*clashes, "use --on-conflict skip or update"])
    return result


def merge_update(old: Commitment, new: Commitment) -> Commitment:
    """The imported fields, with the union of both histories: no recorded event is lost.

    A row that carried no history (a hand-made spreadsheet) keeps the recorded history; only
    a status that differs from it adds an event.
    """
    if all(e.note == IMPORTED_NOTE or e.note.startswith(STATUS_NOTE) for e in new.history):
        history = old.history
        stated = [e for e in new.history if e.note.startswith(STATUS_NOTE)]
        if stated and stated[-1].status != old.status:
            history = (*history, replace(stated[-1], on=max(stated[-1].on, history[-1].on)))
        sources = tuple(dict.fromkeys((*old.sources, *new.sources)))
        return replace(new, history=history, sources=sources)
    seen = {(e.on, e.status, e.note, e.evidence) for e in new.history}
    history = list(new.history) + [
        e for e in old.history if (e.on, e.status, e.note, e.evidence) not in seen
    ]
    history.sort(key=lambda e: e.sort_key)
    sources = list(dict.fromkeys((*old.sources, *new.sources)))
    return replace(new, history=tuple(history), sources=tuple(sources))


def apply(db: Database, result: Plan) -> None:
    for item in result.add:
        db.put(item)
    for _, merged in result.update:
        db.put(merged)
