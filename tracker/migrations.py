"""The schema of the database file, version by version, and the steps between them.

Version 1 was TinyDB's default layout (records under `_default`, keyed by a counter); version 2
keyed records by commitment id; version 3 cites evidence like a source and adds aliases. Pure
transformations of the parsed file: reading and writing it is `tracker.store`'s job.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from tracker.errors import StorageError

SCHEMA_VERSION = 3
TABLE = "commitments"
META = "_meta"


def empty_database() -> dict[str, Any]:
    return {META: {"schema": {"version": SCHEMA_VERSION}}, TABLE: {}}


def schema_version(data: dict[str, Any]) -> int:
    """The file's schema version; 0 when it is not a track database at all.

    Version 1 was TinyDB's default layout (records under `_default`, keyed by a counter).
    """
    if META not in data:
        return 1 if isinstance(data.get("_default"), dict) else 0
    meta = data[META]
    schema = meta.get("schema") if isinstance(meta, dict) else None
    version = schema.get("version") if isinstance(schema, dict) else None
    return version if type(version) is int and version > 0 else 0  # `true` is not 1


def migrate_v1(data: dict[str, Any]) -> dict[str, Any]:
    """Re-key TinyDB's counter-keyed `_default` table by commitment id."""
    upgraded: dict[str, Any] = {META: {"schema": {"version": 2}}, TABLE: {}}
    for key, record in data["_default"].items():
        cid = record.get("id") if isinstance(record, dict) else None
        if not isinstance(cid, str) or not cid:
            raise StorageError(f"cannot migrate: record {key} in _default has no 'id'")
        if cid in upgraded[TABLE]:
            raise StorageError(f"cannot migrate: id {cid!r} appears twice; rename one and retry")
        upgraded[TABLE][cid] = record
    for name, table in data.items():
        if name != "_default":
            upgraded[name] = table
    return upgraded


def migrate_v2(data: dict[str, Any]) -> dict[str, Any]:
    """Evidence becomes cited like a source (objects, not strings); commitments gain aliases."""
    from tracker.model import Evidence

    upgraded = {**data, META: {**data[META], "schema": {"version": 3}}}
    table = data.get(TABLE)
    if not isinstance(table, dict):
        raise StorageError(f"cannot migrate: table {TABLE!r} is not an object")
    records: dict[str, Any] = {}
    for key, record in table.items():
        if not isinstance(record, dict):
            raise StorageError(f"cannot migrate: commitment {key!r} is not an object")
        history = []
        for event in record.get("history") or []:
            if isinstance(event, dict) and isinstance(event.get("evidence"), list):
                event = {
                    **event,
                    "evidence": [
                        Evidence.from_text(item).to_dict() if isinstance(item, str) else item
                        for item in event["evidence"]
                    ],
                }
            history.append(event)
        moved = {k: v for k, v in record.items() if k != "aliases"}
        ordered: dict[str, Any] = {}
        for name, value in moved.items():
            ordered[name] = history if name == "history" else value
            if name == "tags":
                ordered["aliases"] = record.get("aliases") or []
        ordered.setdefault("aliases", record.get("aliases") or [])
        records[key] = ordered
    upgraded[TABLE] = records
    return upgraded


# Each step takes a database of version N to N + 1; `migrate` chains them.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {
    1: migrate_v1,
    2: migrate_v2,
}


def migrate(data: dict[str, Any], name: str | Path = "the database") -> dict[str, Any]:
    """`data` brought to the current schema, step by step; refused if it is not one we know."""
    version = schema_version(data)
    if version > SCHEMA_VERSION:
        raise StorageError(
            f"{name} uses schema version {version}, newer than this track understands "
            f"({SCHEMA_VERSION}); upgrade track (pip install -U track-commitments)"
        )
    if version == 0:
        raise StorageError(
            f"{name}: not a track database (no schema version in _meta, and no TinyDB "
            "_default table); track has not changed it"
        )
    while version < SCHEMA_VERSION:
        try:
            data = MIGRATIONS[version](data)
        except StorageError as error:
            raise StorageError(f"{name}: {error}") from None
        version += 1
    return data
