"""A query index beside the database: commands read a few rows instead of parsing the whole file.

`commitments.json` stays the truth. The index is a SQLite file in the user's cache folder
($XDG_CACHE_HOME/track/index, else ~/.cache/track/index), one per database path, holding each
validated record verbatim (with a checksum) plus the columns a query narrows on: id, made_on,
due, and every history event's status with the latest day it could take effect (so "the status
on day D" is one SQL lookup). It names the exact file it was built from by the same stamp
`checked.py` uses (size, mtime in nanoseconds, inode, device, schema version): when the file
changes, by `track` or by hand, the stamp differs and the index is rebuilt from the file, into a
temporary file renamed over the old one. An index that is stale, unreadable, of another layout
or fails a checksum is never used; deleting it only costs one rebuild. `TRACK_NO_CACHE=1` turns
it off.

The index only narrows: it returns a superset of the commitments a command can show, and the
same core code as without it decides, so both paths give the same answers.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Mapping
from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import orjson

LAYOUT = 2  # bump when the tables below change: an index of another layout is rebuilt
# Below this size the file is parsed faster than SQLite is imported and opened (about 15 ms):
# no index is built or read for it.
SMALL_FILE = 1_000_000

_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE commitments (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, made_on TEXT NOT NULL, due TEXT);
CREATE TABLE records (n INTEGER PRIMARY KEY, crc INTEGER NOT NULL, record BLOB NOT NULL);
CREATE TABLE events (
    n INTEGER NOT NULL, seq INTEGER NOT NULL, reach TEXT NOT NULL, status TEXT NOT NULL,
    PRIMARY KEY (n, seq)) WITHOUT ROWID;
CREATE INDEX by_due ON commitments (due);
"""


class Narrowing(NamedTuple):
    """Which commitments a command could possibly show; None/empty means "no condition".

    made_by: made on or before; due_until: has a due date on or before; statuses with
    status_on: its status at the end of that day is one of them; prefix: its id starts so.
    """

    made_by: date | None = None
    due_until: date | None = None
    status_on: date | None = None
    statuses: tuple[str, ...] = ()
    prefix: str | None = None


def enabled() -> bool:
    return not os.environ.get("TRACK_NO_CACHE")


def worth_it(size: int) -> bool:
    return size >= SMALL_FILE


def location(database: Path) -> Path:
    from tracker.checked import cache_path

    return cache_path("index", database, ".sqlite")


def lookup(database: Path, file_stamp: str, narrowing: Narrowing) -> list[dict[str, Any]] | None:
    """The records the narrowing keeps, by id; None when there is no index that can be trusted
    for exactly this file (the caller then reads the file and calls `build`)."""
    import sqlite3

    path = location(database)
    if not path.is_file():
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
        if meta.get("layout") != str(LAYOUT) or meta.get("stamp") != file_stamp:
            return None
        rows = connection.execute(*_query(narrowing)).fetchall()
        if len(rows) > int(meta["count"]):
            return None
    except (sqlite3.Error, KeyError, ValueError, UnicodeEncodeError):
        return None
    finally:
        connection.close()
    records = []
    for crc, blob in rows:
        if not isinstance(blob, bytes) or zlib.crc32(blob) != crc:
            return None
        try:
            record = orjson.loads(blob)
        except orjson.JSONDecodeError:
            return None
        if not isinstance(record, dict):
            return None
        records.append(record)
    return records


def _query(narrowing: Narrowing) -> tuple[str, dict[str, Any]]:
    conditions, values = [], {}
    if narrowing.made_by is not None:
        conditions.append("made_on <= :made_by")
        values["made_by"] = narrowing.made_by.isoformat()
    if narrowing.due_until is not None:
        conditions.append("due IS NOT NULL AND due <= :due_until")
        values["due_until"] = narrowing.due_until.isoformat()
    if narrowing.status_on is not None and narrowing.statuses:
        marks = ", ".join(f":status{i}" for i in range(len(narrowing.statuses)))
        conditions.append(
            "(SELECT status FROM events e WHERE e.n = c.n AND e.reach <= :status_on "
            f"ORDER BY e.seq DESC LIMIT 1) IN ({marks})"
        )
        values["status_on"] = narrowing.status_on.isoformat()
        values.update({f"status{i}": s for i, s in enumerate(narrowing.statuses)})
    if narrowing.prefix:
        conditions.append("id >= :prefix")
        values["prefix"] = narrowing.prefix
        following = _following(narrowing.prefix)
        if following is not None:
            conditions.append("id < :following")
            values["following"] = following
    where = " AND ".join(conditions) or "1"
    # The narrow table is searched; only the records kept are read from the wide one.
    return (
        f"SELECT r.crc, r.record FROM commitments c JOIN records r ON r.n = c.n WHERE {where} "
        "ORDER BY c.id",
        values,
    )


def _following(prefix: str) -> str | None:
    """The first text after every text that starts with `prefix` (SQLite compares UTF-8 bytes,
    which order like code points); None when there is none."""
    while prefix:
        code = ord(prefix[-1]) + 1
        if code == 0xD800:  # surrogates cannot be stored
            code = 0xE000
        if code <= 0x10FFFF:
            return prefix[:-1] + chr(code)
        prefix = prefix[:-1]
    return None


def build(database: Path, file_stamp: str, table: Mapping[str, Any]) -> None:
    """Write the index of a validated table read from the file with this stamp.

    Written to a temporary file and renamed, so a reader sees the old index or the new one;
    a cache folder that cannot be written only costs speed.
    """
    import sqlite3

    if not enabled():
        return
    path = location(database)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(path)
        temporary.unlink(missing_ok=True)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(_TABLES)
            connection.executemany("INSERT INTO commitments VALUES (?, ?, ?, ?)", _rows(table))
            connection.executemany("INSERT INTO records VALUES (?, ?, ?)", _records(table))
            connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", _events(table))
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [("layout", str(LAYOUT)), ("stamp", file_stamp), ("count", str(len(table)))],
            )
            connection.commit()
        finally:
            connection.close()
        os.replace(temporary, path)
    except (OSError, sqlite3.Error):
        temporary.unlink(missing_ok=True)


def _remove_abandoned(path: Path, hours: float = 1.0) -> None:
    """Temporary files of builds killed before their rename (as large as the index): one
    untouched for an hour is not being written any more."""
    import time

    cutoff = time.time() - hours * 3600
    for leftover in path.parent.glob(f"{path.name}.*.tmp"):
        try:
            if leftover.stat().st_mtime < cutoff:
                leftover.unlink()
        except OSError:
            pass


def _rows(table: Mapping[str, Any]) -> Any:
    for n, (key, record) in enumerate(table.items()):
        yield n, key, record["made_on"], record.get("due")


def _records(table: Mapping[str, Any]) -> Any:
    for n, record in enumerate(table.values()):
        blob = orjson.dumps(record)
        yield n, zlib.crc32(blob), blob


def _events(table: Mapping[str, Any]) -> Any:
    # `reach` is the latest day among this event and every one before it: the status on day D
    # is that of the last event whose reach is at most D, exactly as status_on reads history
    # (it stops at the first event after D, even if the history is not in date order).
    for n, record in enumerate(table.values()):
        reach = ""
        for seq, event in enumerate(record["history"]):
            reach = max(reach, event["on"])
            yield n, seq, reach, event["status"]


def remove(database: Path) -> None:
    location(database).unlink(missing_ok=True)
