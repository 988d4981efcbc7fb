"""`track doctor`: find every problem in a database file, and repair only what is safe.

The checks work on the raw JSON, record by record, so one bad record does not hide the next.
Safe repairs are those that change no fact: putting history events back in date order, and
rewriting the file in its canonical formatting.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from tracker.errors import StorageError
from tracker.jsonfile import JSONProblem, dump, find_duplicate, parse_json
from tracker.migrations import META, SCHEMA_VERSION, TABLE, migrate, schema_version
from tracker.model import (
    PRECISIONS,
    STATUSES,
    InvalidRecord,
    commitment_from_dict,
    validate_record,
)
from tracker.provenance import document_path, quote_in_text


@dataclass(frozen=True)
class Problem:
    where: str
    message: str
    fixable: bool = False

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" + (
            " (track doctor --fix repairs this)" if self.fixable else ""
        )


def parse(text: str) -> tuple[dict[str, Any] | None, list[Problem]]:
    """The parsed file, or None and why not: the same strict reading as every other command
    (invalid JSON, NaN/Infinity/1e400, nesting too deep, a key twice in one object)."""
    try:
        data = parse_json(text)
    except JSONProblem as problem:
        where = f"line {problem.line}, column {problem.column}" if problem.line else "file"
        return None, [Problem(where, problem.what)]
    if not isinstance(data, dict):
        return None, [Problem("top level", "not an object")]
    duplicate = find_duplicate(text)
    if duplicate:  # reported, and the rest examined as a reader would see it (the last copy)
        return data, [Problem("file", f"{duplicate}; delete the copy you do not want")]
    return data, []


def examine(text: str, base: Path) -> list[Problem]:
    """Every problem in the database text; `base` is the folder source documents are relative to."""
    data, problems = parse(text)
    if data is None:
        return problems
    version = schema_version(data)
    if version != SCHEMA_VERSION:
        found = f"schema version {version}" if version else "no schema version"
        found += f", expected {SCHEMA_VERSION}"
        fixable = 0 < version < SCHEMA_VERSION
        if fixable:
            try:
                migrate(copy.deepcopy(data), "the file")
            except StorageError as error:
                fixable, found = False, f"{found}; {str(error).removeprefix('the file: ')}"
        return [*problems, Problem(META, found, fixable)]
    table = data.get(TABLE)
    if not isinstance(table, dict):
        return [*problems, Problem(TABLE, "missing or not an object")]
    documents: dict[Path, str | None] = {}
    for key, record in table.items():
        problems.extend(_examine_record(key, record, base, documents))
    if dump(data) != text and not problems[:1]:  # a duplicate key is no formatting matter
        problems.append(
            Problem("file", "not in canonical formatting (key order, indentation)", True)
        )
    return problems


def _examine_record(
    key: str, record: Any, base: Path, documents: dict[Path, str | None]
) -> list[Problem]:
    where = f"commitment {key!r}"
    if not isinstance(record, dict):
        return [Problem(where, "not an object")]
    found: list[Problem] = []
    if record.get("id") != key:
        found.append(
            Problem(
                where, f"field 'id' is {record.get('id')!r}, but the record is stored under {key!r}"
            )
        )
    for name in ("made_on", "due", "starts"):
        if record.get(name) is not None and _day(record[name]) is None:
            found.append(
                Problem(where, f"field {name!r} {record[name]!r} is not a date (YYYY-MM-DD)")
            )
    if record.get("due_precision") not in (None, *PRECISIONS):
        found.append(
            Problem(where, f"field 'due_precision' {record['due_precision']!r} is unknown")
        )
    made_on, due = _day(record.get("made_on")), _day(record.get("due"))
    if made_on and due and due < made_on:
        found.append(Problem(where, f"due {due} is before made_on {made_on}"))
    history = record.get("history") if isinstance(record.get("history"), list) else []
    found.extend(_examine_history(where, history, record.get("status")))
    for i, source in enumerate(record.get("sources") or []):
        found.extend(_examine_source(f"{where}, sources[{i}]", source, base, documents))
    for i, event in enumerate(history):
        evidence = event.get("evidence") if isinstance(event, dict) else None
        for j, item in enumerate(evidence if isinstance(evidence, list) else []):
            found.extend(
                _examine_evidence(f"{where}, history[{i}].evidence[{j}]", item, base, documents)
            )
    if not found:
        try:
            commitment_from_dict(record, where)
        except InvalidRecord as error:
            found.append(Problem(where, str(error).removeprefix(f"{where}: ")))
    return found


def _examine_history(where: str, history: list[Any], stored_status: Any) -> list[Problem]:
    found: list[Problem] = []
    if not history:
        return [Problem(where, "history is empty (the pledge itself is the first event)")]
    keys = []
    for i, event in enumerate(history):
        spot = f"{where}, history[{i}]"
        if not isinstance(event, dict):
            found.append(Problem(spot, "not an object"))
            continue
        if event.get("status") not in STATUSES:
            found.append(Problem(spot, f"unknown status {event.get('status')!r}"))
        on = _day(event.get("on"))
        if on is None:
            found.append(Problem(spot, f"field 'on' {event.get('on')!r} is not a date"))
        keys.append((on or date.min, str(event.get("recorded", ""))))
    if keys != sorted(keys):
        found.append(Problem(where, "history is not in date order", True))
    elif isinstance(history[-1], dict) and stored_status != history[-1].get("status"):
        found.append(
            Problem(
                where,
                f"status {stored_status!r} differs from the last event's {history[-1].get('status')!r}",
            )
        )
    if stored_status not in STATUSES:
        found.append(Problem(where, f"unknown status {stored_status!r}"))
    return found


def _examine_source(
    where: str, source: Any, base: Path, documents: dict[Path, str | None]
) -> list[Problem]:
    if not isinstance(source, dict) or not isinstance(source.get("document"), str):
        return [Problem(where, "needs a 'document' and a 'quote'")]
    path = document_path(source["document"], base)
    if re.match(r"https?://", source["document"]):
        return []
    if path not in documents:
        documents[path] = (
            path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
        )
    text = documents[path]
    if text is None:
        return [Problem(where, f"document {source['document']!r} is missing")]
    if not quote_in_text(str(source.get("quote", "")), text):
        return [Problem(where, f"the quote no longer appears verbatim in {source['document']}")]
    return []


def _examine_evidence(
    where: str, item: Any, base: Path, documents: dict[Path, str | None]
) -> list[Problem]:
    """Evidence that quotes a stored document must quote it verbatim, like a source."""
    if not isinstance(item, dict):
        return [Problem(where, "evidence must be an object with 'document' or 'url'")]
    document, quote = item.get("document"), item.get("quote")
    if not isinstance(document, str) or not document or not quote:
        return []
    path = document_path(document, base)
    if path not in documents:
        documents[path] = (
            path.read_text(encoding="utf-8", errors="replace") if path.is_file() else None
        )
    text = documents[path]
    if text is None:
        if re.search(r"\.(txt|md|html?)$", document):
            return [Problem(where, f"evidence document {document!r} is missing")]
        return []
    if not quote_in_text(str(quote), text):
        return [Problem(where, f"the evidence quote does not appear verbatim in {document}")]
    return []


def _day(value: Any) -> date | None:
    if not isinstance(value, str) or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def needs_migration(text: str) -> bool:
    """An older schema that `--fix` should migrate (as any command would)."""
    data, _ = parse(text)
    return data is not None and 0 < schema_version(data) < SCHEMA_VERSION


def repaired(text: str) -> str:
    """The same facts with histories in date order and canonical formatting.

    A file that is not a readable database of the current schema comes back unchanged: a
    repair never discards a value (a duplicate key, a number JSON cannot hold).
    """
    data, problems = parse(text)
    if data is None or problems or schema_version(data) != SCHEMA_VERSION:
        return text
    if not isinstance(data.get(TABLE), dict):
        return text
    for record in data.get(TABLE, {}).values():
        history = record.get("history") if isinstance(record, dict) else None
        if isinstance(history, list) and all(isinstance(e, dict) for e in history):
            history.sort(key=lambda e: (str(e.get("on", "")), str(e.get("recorded", ""))))
    for key, record in data[TABLE].items():
        try:  # only a file every command can then read is rewritten
            validate_record(record, where=f"commitment {key!r}")
        except InvalidRecord:
            return text
        if record.get("id") != key:
            return text
    return dump(data)


repaired_if_readable = repaired
