"""A query index beside the database: commands read a few rows instead of parsing the whole file.

`commitments.json` stays the truth. The index is a SQLite file in the user's cache folder
($XDG_CACHE_HOME/track/index, else ~/.cache/track/index), one per database path, holding each
validated record (compact JSON) plus the columns a query narrows on: id, made_on, due, and
every history event's status with the latest day it could take effect (so "the status on day D"
is one SQL lookup). It names the exact file it was built from by the same stamp `checked.py`
uses (size, mtime in nanoseconds, inode, device, schema version): when the file changes, by
`track` or by hand, the stamp differs and the index is rebuilt from the file, into a temporary
file renamed over the old one. `track update` changes the rows of the records it rewrote in
place instead, in one SQLite transaction, so the next command needs no rebuild.

Trust: each row's checksum covers its record and the columns it is searched by, and is checked
on every row read. A row hidden by a changed search column (or status row) is never read, so no
row checksum can catch it: the index is sealed as a whole instead. After every build or change,
track records the index file's own identity (size, modification and change times in
nanoseconds, inode, and SQLite's change counter) in a `.seal` file beside it; any other writer
(a hand edit through SQLite or not, a restore, a change cut short) alters it, and an index
whose seal does not match is never used. An index that is stale, unreadable, of another layout
or fails a checksum is never used either; deleting it only costs one rebuild.
`TRACK_NO_CACHE=1` turns it off.

The index only narrows: it returns a superset of the commitments a command can show, and the
same core code as without it decides, so both paths give the same answers. For a file in
track's canonical layout (see splice.py) it also knows where each record's block lies, so an
update can rewrite one block without searching the whole file.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Mapping
from contextlib import suppress
from datetime import date
from itertools import accumulate, islice
from operator import add
from pathlib import Path
from typing import Any, NamedTuple

import orjson

LAYOUT = 4  # bump when the tables below change: an index of another layout is rebuilt
# Below this size the file is parsed faster than SQLite is imported and opened (about 15 ms):
# no index is built or read for it.
SMALL_FILE = 1_000_000

# `blocks` holds, for a file in the canonical layout (see splice.py), every id in file order
# (one text, a line each) and the length of each record's block (one packed array): with the
# offset of the first block (meta `first`) they place every block, each followed by ",\n" but
# the last. Two values rather than a row per record: an update reads them in a millisecond.
_TABLES = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE commitments (
    n INTEGER PRIMARY KEY, id TEXT NOT NULL UNIQUE, made_on TEXT NOT NULL, due TEXT,
    last_reach TEXT, last_status TEXT);
CREATE TABLE blocks (ids TEXT NOT NULL, sizes BLOB NOT NULL);
CREATE TABLE records (n INTEGER PRIMARY KEY, chk INTEGER NOT NULL, record BLOB NOT NULL);
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


def _seal_path(path: Path) -> Path:
    return path.with_name(path.name + ".seal")


def _identity(path: Path) -> str | None:
    """The index file's size, times, inode and SQLite's change counter (bytes 24-27 of its
    header, one more after each write through SQLite: file times can be as coarse as a few
    milliseconds)."""
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        info = os.fstat(fd)
        counter = os.pread(fd, 4, 24).hex()
    except OSError:
        return None
    finally:
        os.close(fd)
    return (
        f"{info.st_size} {info.st_mtime_ns} {info.st_ctime_ns} {info.st_ino} {info.st_dev} "
        f"{counter}"
    )


def _sealed(path: Path) -> bool:
    """The index file is the one track last wrote (nothing has changed it since)."""
    try:
        seal = _seal_path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return seal == _identity(path)


def _seal(path: Path) -> None:
    """Record the identity of the index file track just finished writing."""
    identity = _identity(path)
    if identity is None:
        return
    seal = _seal_path(path)
    temporary = seal.with_name(f"{seal.name}.{os.getpid()}.tmp")
    try:
        temporary.write_bytes(identity.encode("utf-8"))
        os.replace(temporary, seal)
    except OSError:
        temporary.unlink(missing_ok=True)


def _unseal(path: Path) -> bool:
    """Withdraw the seal before changing the index; False when it cannot be withdrawn (then
    the index must not be changed)."""
    try:
        _seal_path(path).unlink(missing_ok=True)
    except OSError:
        return False
    return True


def _open(path: Path, file_stamp: str) -> tuple[Any, dict[str, str]] | None:
    """A read-only connection to a sealed index built from exactly this file, and its meta
    table; None when there is none to trust (the caller closes the connection)."""
    import sqlite3

    if not path.is_file() or not _sealed(path):
        return None
    try:
        connection = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    except sqlite3.Error:
        return None
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta"))
    except sqlite3.Error:
        meta = {}
    if meta.get("layout") != str(LAYOUT) or meta.get("stamp") != file_stamp:
        connection.close()
        return None
    return connection, meta


def lookup(database: Path, file_stamp: str, narrowing: Narrowing) -> list[dict[str, Any]] | None:
    """The records the narrowing keeps, in no order; None when there is no index that can be
    trusted for exactly this file (the caller then reads the file and calls `build`)."""
    import sqlite3

    path = location(database)
    opened = _open(path, file_stamp)
    if opened is None:
        return None
    connection, meta = opened
    try:
        rows = connection.execute(*_query(narrowing)).fetchall()
        if len(rows) > int(meta["count"]):
            return None
    except (sqlite3.Error, KeyError, ValueError, UnicodeEncodeError):
        return None
    finally:
        connection.close()
    if not _sealed(path):  # changed while it was read
        return None
    records = []
    for row in rows:
        record = _checked_record(row)
        if record is None:
            return None
        records.append(record)
    return records


def _checked_record(row: tuple[Any, ...]) -> dict[str, Any] | None:
    """The record of a row whose checksum holds, or None."""
    chk, blob, *columns = row  # the columns in the order _checksum takes them
    if not isinstance(blob, bytes) or _checksum(blob, *columns) != chk:
        return None
    try:
        record = orjson.loads(blob)
    except orjson.JSONDecodeError:
        return None
    return record if isinstance(record, dict) else None


def _checksum(
    blob: bytes, cid: Any, made_on: Any, due: Any, last_reach: Any, last_status: Any
) -> int:
    """CRC-32 of a record and of the columns of its row a query searches."""
    columns = f"\0{cid}\0{made_on}\0{due}\0{last_reach}\0{last_status}"
    return zlib.crc32(columns.encode("utf-8", "surrogatepass"), zlib.crc32(blob))


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
        # The last event's status when it had taken effect by then (most rows, for a
        # question about today), else the last one that had: one lookup in `events`.
        conditions.append(
            "(CASE WHEN c.last_reach <= :status_on THEN c.last_status ELSE "
            "(SELECT status FROM events e WHERE e.n = c.n AND e.reach <= :status_on "
            f"ORDER BY e.seq DESC LIMIT 1) END) IN ({marks})"
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
    # The narrow table is searched; only the records kept are read from the wide one. No
    # ORDER BY: sorting would copy every record kept; the caller orders them by id.
    return (
        "SELECT r.chk, r.record, c.id, c.made_on, c.due, c.last_reach, c.last_status "
        f"FROM commitments c JOIN records r ON r.n = c.n WHERE {where}",
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


class Blocks(NamedTuple):
    """Where each record's block lies in a canonical file: ids in file order, block offsets."""

    ids: list[str]
    starts: list[int]
    ends: list[int]


def blocks(database: Path, file_stamp: str) -> Blocks | None:
    """The block of every record of exactly this file, from a sealed index built from it in
    the canonical layout; None when there is none (the caller then searches the file)."""
    import sqlite3

    path = location(database)
    opened = _open(path, file_stamp)
    if opened is None:
        return None
    connection, meta = opened
    try:
        first = int(meta["first"]) if meta.get("first") else None
        ids, sizes = connection.execute("SELECT ids, sizes FROM blocks").fetchone()
    except (sqlite3.Error, KeyError, ValueError, TypeError):
        return None
    finally:
        connection.close()
    if first is None or not ids or not _sealed(path):
        return None
    lengths = _sizes(sizes)
    names = ids.split("\n")
    if lengths is None or len(names) != len(lengths):
        return None
    starts = list(accumulate((size + 2 for size in lengths[:-1]), initial=first))
    return Blocks(names, starts, list(map(add, starts, lengths)))


def _sizes(packed: Any) -> Any:
    """The block sizes packed in `blocks.sizes`, or None."""
    from array import array

    sizes = array("q")
    try:
        sizes.frombytes(packed)
    except (TypeError, ValueError):
        return None
    return sizes if all(size > 0 for size in sizes) else None


def build(
    database: Path,
    file_stamp: str,
    table: Mapping[str, Any],
    blocks: tuple[list[int], int] | None = None,
) -> None:
    """Write the index of a validated table read from the file with this stamp; `blocks` are
    where its records' blocks start and where the table closes (`splice.starts`), when the file
    is in the canonical layout.

    Written to a temporary file and renamed, so a reader sees the old index or the new one;
    a cache folder that cannot be written only costs speed.
    """
    import sqlite3

    if not enabled():
        return
    path = location(database)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    if blocks is not None and len(blocks[0]) != len(table):
        blocks = None  # not the blocks of this table: index the records without them
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _remove_abandoned(path)
        temporary.unlink(missing_ok=True)
        connection = sqlite3.connect(temporary)
        try:
            connection.execute("PRAGMA journal_mode = OFF")
            connection.execute("PRAGMA synchronous = OFF")
            connection.executescript(_TABLES)
            first = ""
            if blocks is not None and table:
                first = str(blocks[0][0])
            rows = _rows(table)
            while chunk := list(islice(rows, 2000)):  # a few at a time: memory stays flat
                connection.executemany(
                    "INSERT INTO commitments VALUES (?, ?, ?, ?, ?, ?)", [r[:6] for r in chunk]
                )
                connection.executemany(
                    "INSERT INTO records VALUES (?, ?, ?)", [(r[0], r[6], r[7]) for r in chunk]
                )
            if first:
                from array import array

                sizes = array("q", _sizes_of(*blocks)).tobytes()
                connection.execute("INSERT INTO blocks VALUES (?, ?)", ("\n".join(table), sizes))
            connection.executemany("INSERT INTO events VALUES (?, ?, ?, ?)", _all_events(table))
            connection.executemany(
                "INSERT INTO meta VALUES (?, ?)",
                [
                    ("layout", str(LAYOUT)),
                    ("stamp", file_stamp),
                    ("count", str(len(table))),
                    ("first", first),
                ],
            )
            connection.commit()
        finally:
            connection.close()
        _unseal(path)  # a reader between the rename and the seal finds no seal: not used
        _remove_journal(path)
        os.replace(temporary, path)
        _seal(path)
    except (OSError, sqlite3.Error):
        temporary.unlink(missing_ok=True)


def _remove_journal(path: Path) -> None:
    """A rollback journal left by an update killed part-way belongs to the file being
    replaced; SQLite would otherwise play it back into the new one."""
    Path(f"{path}-journal").unlink(missing_ok=True)


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


def _row(n: int, cid: str, record: Mapping[str, Any]) -> tuple[Any, ...]:
    """n, id, made_on, due, last_reach, last_status, checksum, record."""
    made_on, due, blob = record["made_on"], record.get("due"), orjson.dumps(record)
    history = record["history"]
    reach = max(event["on"] for event in history) if history else None  # as `_events` does
    status = history[-1]["status"] if history else None
    return (
        n,
        cid,
        made_on,
        due,
        reach,
        status,
        _checksum(blob, cid, made_on, due, reach, status),
        blob,
    )


def _rows(table: Mapping[str, Any]) -> Any:
    for n, (key, record) in enumerate(table.items()):
        yield _row(n, key, record)


def _sizes_of(starts: list[int], closing: int) -> Any:
    """Each block runs to the ",\n" before the next one, the last to the table's end."""
    for start, end in zip(starts, [*(s - 2 for s in starts[1:]), closing], strict=True):
        yield end - start


def _events(record: Mapping[str, Any]) -> Any:
    # `reach` is the latest day among this event and every one before it: the status on day D
    # is that of the last event whose reach is at most D, exactly as status_on reads history
    # (it stops at the first event after D, even if the history is not in date order).
    reach = ""
    for seq, event in enumerate(record["history"]):
        reach = max(reach, event["on"])
        yield seq, reach, event["status"]


def _all_events(table: Mapping[str, Any]) -> Any:
    for n, record in enumerate(table.values()):
        for seq, reach, status in _events(record):
            yield n, seq, reach, status


def update(
    database: Path, before: str, after: str, changed: Mapping[str, tuple[dict[str, Any], bytes]]
) -> bool:
    """Bring a sealed index of the file with stamp `before` to the file with stamp `after`,
    which differs from it only in the blocks of these records (id: record, its block as
    written); False,
    leaving it to be rebuilt by the next reader, when that cannot be done.

    One SQLite transaction (rolled back by SQLite if it is cut short), then a new seal; the
    old seal goes first, so an index part-way through a change is never trusted.
    """
    import sqlite3

    path = location(database)
    if not enabled() or not path.is_file() or not _sealed(path) or not _unseal(path):
        return False
    try:
        connection = sqlite3.connect(path)
    except sqlite3.Error:
        return False
    try:
        with connection:
            meta = dict(connection.execute("SELECT key, value FROM meta"))
            if meta.get("layout") != str(LAYOUT) or meta.get("stamp") != before:
                return False
            packed = connection.execute("SELECT sizes FROM blocks").fetchone()
            sizes = _sizes(packed[0]) if packed else None
            for cid, (record, block) in changed.items():
                found = connection.execute(
                    "SELECT n FROM commitments WHERE id = ?", (cid,)
                ).fetchone()
                if found is None:
                    raise sqlite3.Error(f"{cid} is not in the index")
                n, _, made_on, due, reach, status, chk, blob = _row(found[0], cid, record)
                if sizes is not None:
                    sizes[n] = len(block)
                connection.execute(
                    "UPDATE commitments SET made_on = ?, due = ?, last_reach = ?, last_status = ? "
                    "WHERE n = ?",
                    (made_on, due, reach, status, n),
                )
                connection.execute(
                    "UPDATE records SET chk = ?, record = ? WHERE n = ?", (chk, blob, n)
                )
                connection.execute("DELETE FROM events WHERE n = ?", (n,))
                connection.executemany(
                    "INSERT INTO events VALUES (?, ?, ?, ?)",
                    [(n, seq, reach, status) for seq, reach, status in _events(record)],
                )
            if sizes is not None:
                connection.execute("UPDATE blocks SET sizes = ?", (sizes.tobytes(),))
            connection.execute("UPDATE meta SET value = ? WHERE key = 'stamp'", (after,))
    except (sqlite3.Error, IndexError, KeyError, ValueError, TypeError):
        return False  # left unsealed: the next reader rebuilds it
    finally:
        connection.close()
    _seal(path)
    return True


def remove(database: Path) -> None:
    path = location(database)
    _unseal(path)
    with suppress(OSError):
        path.unlink(missing_ok=True)
