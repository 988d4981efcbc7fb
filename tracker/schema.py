"""The stored shape of a commitment: statuses, precisions, ids, and the record validator.

Kept apart from the dataclasses so that reading and querying a large file (which validates
every record but builds few objects) imports nothing heavier than this.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from tracker.errors import InvalidInput

OPEN_STATUSES = ("pending", "in-progress", "stalled")
CLOSED_STATUSES = ("fulfilled", "partial", "broken", "dropped")
STATUSES = OPEN_STATUSES + CLOSED_STATUSES
PRECISIONS = ("day", "week", "third", "month", "quarter", "half", "year", "multi-year")
ID_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")


FIRST_YEAR, LAST_YEAR = 1900, 2200  # the dates track reads and writes (calendars need a bound)


class InvalidRecord(InvalidInput):
    """A record that does not match the schema; the message names the field."""


def year_problem(day: date | None, what: str) -> str | None:
    """Why `day` is outside the years track works with, or None."""
    if day is None or FIRST_YEAR <= day.year <= LAST_YEAR:
        return None
    return f"{what} {day} is out of range ({FIRST_YEAR}-{LAST_YEAR})"


def check_status(status: str) -> str:
    """The status as stored (typed in any case: 'Fulfilled' is fulfilled), or a usage error
    naming the closest one."""
    wanted = status.strip().lower().replace("_", "-").replace(" ", "-")
    if wanted in STATUSES:
        return wanted
    import difflib

    close = difflib.get_close_matches(wanted, STATUSES, n=1, cutoff=0.5)
    hint = f"did you mean {close[0]!r}? " if close else ""
    raise InvalidInput(f"unknown status {status!r}: {hint}use one of {', '.join(STATUSES)}")


STORED_KEYS = (
    "id", "title", "description", "parties", "pillar", "tags", "aliases", "made_on", "due", "due_phrase",
    "due_precision", "starts", "status", "sources", "history",
)  # fmt: skip


RECORD_KEYS = frozenset((*STORED_KEYS, "conflicts"))
EVENT_KEYS = frozenset(("on", "status", "note", "evidence", "recorded"))
SOURCE_KEYS = frozenset(("document", "quote", "published"))
CONFLICT_KEYS = frozenset(("field", "base", "ours", "theirs"))
EVIDENCE_KEYS = frozenset(("document", "url", "quote", "published"))


def _known(data: dict[str, Any], known: frozenset[str], where: str) -> None:
    """Refuse fields track does not know: writing the record back would drop them."""
    if not known.issuperset(data):
        extra = ", ".join(repr(k) for k in data if k not in known)
        raise InvalidRecord(
            f"{where}: unknown field(s) {extra}; track would lose them on its next write, so "
            "it refuses the file: move them elsewhere (a note, a tag, another table)"
        )


def validate_record(data: Any, where: str = "record") -> None:
    """Check one stored record against the schema without building objects.

    Loading validates every record of the file this way, so it is written for speed: plain
    lookups and type checks; the error names the record and the field.
    """
    if not isinstance(data, dict):
        raise InvalidRecord(f"{where}: expected an object, found {type(data).__name__}")
    cid = _text(data, "id", where, required=True)
    if not ID_PATTERN.fullmatch(cid):
        raise InvalidRecord(f"{where}: field 'id' {cid!r} is not a slug (a-z, 0-9, '-')")
    where = f"commitment {cid!r}"
    _known(data, RECORD_KEYS, where)
    if not _text(data, "title", where, required=True).strip():
        raise InvalidRecord(f"{where}: field 'title' is empty")
    for name in ("description", "pillar", "due_phrase"):
        _text(data, name, where)
    for name in ("parties", "tags", "aliases"):
        _strings(data, name, where)
    _day(data, "made_on", where, required=True)
    _day(data, "due", where)
    _day(data, "starts", where)
    precision = data.get("due_precision")
    if precision is not None and precision not in PRECISIONS:
        raise InvalidRecord(
            f"{where}: field 'due_precision' {precision!r} is not one of {PRECISIONS}"
        )
    history = data.get("history")
    if type(history) is not list or not history:
        raise InvalidRecord(
            f"{where}: field 'history' must be a list holding at least the pledge itself"
        )
    for index, event in enumerate(history):
        spot = f"{where}, history[{index}]"
        if type(event) is not dict:
            raise InvalidRecord(f"{spot}: expected an object, found {type(event).__name__}")
        _known(event, EVENT_KEYS, spot)
        status = _text(event, "status", spot, required=True)
        if status not in STATUSES:
            raise InvalidRecord(
                f"{spot}: field 'status' {status!r} is not one of {', '.join(STATUSES)}"
            )
        _day(event, "on", spot, required=True)
        _text(event, "note", spot)
        _text(event, "recorded", spot)
        evidence = event.get("evidence")
        if evidence is not None and type(evidence) is not list:
            raise InvalidRecord(f"{spot}: field 'evidence' must be a list, found {evidence!r}")
        for number, item in enumerate(evidence or ()):
            validate_evidence(item, f"{spot}, evidence[{number}]")
    sources = data.get("sources")
    if sources is not None and type(sources) is not list:
        raise InvalidRecord(f"{where}: field 'sources' must be a list, found {sources!r}")
    for index, source in enumerate(sources or ()):
        spot = f"{where}, sources[{index}]"
        if type(source) is not dict:
            raise InvalidRecord(f"{spot}: expected an object, found {type(source).__name__}")
        _known(source, SOURCE_KEYS, spot)
        _text(source, "document", spot, required=True)
        _text(source, "quote", spot, required=True)
        _day(source, "published", spot)
    conflicts = data.get("conflicts")
    if conflicts is not None:
        if type(conflicts) is not list:
            raise InvalidRecord(f"{where}: field 'conflicts' must be a list, found {conflicts!r}")
        for index, conflict in enumerate(conflicts):
            if type(conflict) is not dict or type(conflict.get("field")) is not str:
                raise InvalidRecord(f"{where}, conflicts[{index}]: needs a 'field'")
            _known(conflict, CONFLICT_KEYS, f"{where}, conflicts[{index}]")
    stored_status = data.get("status")
    if stored_status is not None and stored_status != history[-1]["status"]:
        raise InvalidRecord(
            f"{where}: field 'status' is {stored_status!r} but the last history event says "
            f"{history[-1]['status']!r}; change status with `track update`, not by hand"
        )


def validate_evidence(item: Any, where: str) -> None:
    """Evidence is cited like a source: a document and/or a URL, a quote, a date.

    The quote is optional: `track update --evidence URL` records a link without one. When the
    document is a stored file, `track doctor` checks the quote against it.
    """
    if type(item) is not dict:
        raise InvalidRecord(f"{where}: expected an object with 'document' or 'url', found {item!r}")
    _known(item, EVIDENCE_KEYS, where)
    document = _text(item, "document", where)
    url = _text(item, "url", where)
    if not document.strip() and not url.strip():
        raise InvalidRecord(f"{where}: needs a 'document' or a 'url'")
    _text(item, "quote", where)
    _day(item, "published", where)


def _text(data: dict[str, Any], name: str, where: str, required: bool = False) -> str:
    value = data.get(name)
    if type(value) is str:
        return value
    if value is None and not required:
        return ""
    if value is None:
        raise InvalidRecord(f"{where}: field {name!r} is missing")
    raise InvalidRecord(f"{where}: field {name!r} must be text, found {value!r}")


def _strings(data: dict[str, Any], name: str, where: str) -> None:
    values = data.get(name)
    if values is None:
        return
    if type(values) is not list:
        raise InvalidRecord(f"{where}: field {name!r} must be a list, found {values!r}")
    for value in values:
        if type(value) is not str:
            raise InvalidRecord(f"{where}: field {name!r} must hold text, found {value!r}")


def _day(data: dict[str, Any], name: str, where: str, required: bool = False) -> None:
    value = data.get(name)
    if value is None:
        if required:
            raise InvalidRecord(f"{where}: field {name!r} is missing")
        return
    if type(value) is str and len(value) == 10 and value[4] == value[7] == "-":
        try:
            date.fromisoformat(value)
            return
        except ValueError:
            pass
    raise InvalidRecord(f"{where}: field {name!r} {value!r} is not a date (YYYY-MM-DD)")
