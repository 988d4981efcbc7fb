"""Three-way merge of two copies of a database, by commitment id and by meaning.

What git calls BASE, OURS and THEIRS are three versions of the whole file. Records are matched
by id; within a record each field is merged on its own:

- changed on one side only: that side's value;
- history: the union of both sides' events, ordered by `on`, then `recorded`; nothing is lost;
- sources: the union, in order;
- changed differently on both sides (two titles, two new statuses): a conflict. The record keeps
  the base value (for status: what the merged history says) and lists both sides' values under
  `conflicts`, where `track list --conflicts` and `track show` find them and `track resolve`
  settles them;
- deleted on one side and changed on the other: a conflict; the changed record is kept;
- deleted on one side and untouched on the other: deleted, unless that side deleted most of
  the file (more than half, at least two): then each deletion is a conflict to confirm, since
  a file emptied by accident must not empty everyone's;
- a conflict settled on one side (gone from it, present in the base) stays settled.

Tables other than `commitments` (and `_meta`'s other entries) are merged key by key the same
way; two different changes to one key there cannot be recorded, so the merge is refused.

The result does not depend on which side is "ours": swapping them gives the same commitments.
"""

from __future__ import annotations

import json
from typing import Any

from tracker.errors import StorageError

MERGED_FIELDS = (
    "title", "description", "parties", "pillar", "tags", "aliases", "made_on", "due", "due_phrase",
    "due_precision", "starts",
)  # fmt: skip
DELETED = "(deleted)"


def _key(value: Any) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


TABLE = "commitments"


def merge_databases(
    base: dict[str, Any], ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Three whole databases (current schema, validated) merged; and the conflicted ids."""
    result: dict[str, Any] = {}
    for name in sorted(set(base) | set(ours) | set(theirs)):
        if name == TABLE:
            continue
        merged = _merge_plain(name, base.get(name), ours.get(name), theirs.get(name))
        if merged is not _GONE:
            result[name] = merged
    result[TABLE], conflicted = merge_tables(base[TABLE], ours[TABLE], theirs[TABLE])
    return result, conflicted


_GONE = object()


def _merge_plain(where: str, base: Any, ours: Any, theirs: Any) -> Any:
    """Any JSON value merged three ways: objects key by key; two different changes refused."""
    if _key(ours) == _key(theirs):
        return ours
    if _key(ours) == _key(base):
        return theirs
    if _key(theirs) == _key(base):
        return ours
    if all(isinstance(v, dict) for v in (ours, theirs)) and isinstance(base, dict | type(None)):
        base = base or {}
        merged = {}
        for key in dict.fromkeys([*ours, *theirs]):
            value = _merge_plain(
                f"{where} → {key}",
                base.get(key, _GONE),
                ours.get(key, _GONE),
                theirs.get(key, _GONE),
            )
            if value is not _GONE:
                merged[key] = value
        return merged
    raise StorageError(
        f"cannot merge {where}: both sides changed it differently, and track can record "
        "conflicts only in commitments; settle it by hand"
    )


def merge_tables(
    base: dict[str, dict[str, Any]],
    ours: dict[str, dict[str, Any]],
    theirs: dict[str, dict[str, Any]],
) -> tuple[dict[str, dict[str, Any]], list[str]]:
    """The merged table and the ids that ended in conflict."""
    merged: dict[str, dict[str, Any]] = {}
    conflicted: list[str] = []
    wholesale = {"ours": _wholesale(base, ours), "theirs": _wholesale(base, theirs)}
    for cid in sorted(set(base) | set(ours) | set(theirs)):
        record = merge_record(base.get(cid), ours.get(cid), theirs.get(cid), wholesale)
        if record is None:
            continue
        merged[cid] = record
        if record.get("conflicts"):
            conflicted.append(cid)
    return merged, conflicted


def _wholesale(base: dict[str, Any], side: dict[str, Any]) -> bool:
    """The side deleted most of the base's commitments: each deletion is to be confirmed."""
    deleted = sum(1 for cid in base if cid not in side)
    return deleted >= 2 and deleted * 2 > len(base)


def merge_record(
    base: dict[str, Any] | None,
    ours: dict[str, Any] | None,
    theirs: dict[str, Any] | None,
    wholesale: dict[str, bool] | None = None,
) -> dict[str, Any] | None:
    if ours is not None and theirs is not None and _key(ours) == _key(theirs):
        return ours
    if ours is None or theirs is None:
        return _merge_deletion(base, ours, theirs, wholesale or {})
    # A conflict that was in the base and is gone from one side was settled there: it stays so.
    settled = {_key(c) for c in (base or {}).get("conflicts", ())}
    mine = {_key(c) for c in ours.get("conflicts", ())}
    other = {_key(c) for c in theirs.get("conflicts", ())}
    result = dict(ours)
    conflicts = [
        c
        for c in (*ours.get("conflicts", ()), *theirs.get("conflicts", ()))
        if c and (_key(c) not in settled or (_key(c) in mine and _key(c) in other))
    ]
    for name in MERGED_FIELDS:
        value, conflict = _merge_value(name, base, ours, theirs)
        result[name] = value
        if conflict:
            conflicts.append(conflict)
    before = (base or {}).get("sources") or []
    result["sources"] = _union(ours.get("sources") or [], theirs.get("sources") or [], before)
    result["history"] = _union(ours.get("history") or [], theirs.get("history") or [], None)
    result["status"] = result["history"][-1]["status"] if result["history"] else ours.get("status")
    status_conflict = _status_conflict(base, ours, theirs, result["status"])
    if status_conflict:
        conflicts.append(status_conflict)
    unique = {_key(c): c for c in conflicts}
    if unique:
        result["conflicts"] = sorted(unique.values(), key=lambda c: (c["field"], _key(c)))
    else:
        result.pop("conflicts", None)
    return _ordered(result)


def _merge_deletion(
    base: dict[str, Any] | None,
    ours: dict[str, Any] | None,
    theirs: dict[str, Any] | None,
    wholesale: dict[str, bool],
) -> dict[str, Any] | None:
    survivor = ours if ours is not None else theirs
    if survivor is None:
        return None  # deleted on both sides
    if base is None:
        return survivor  # added on one side
    side = "ours" if ours is None else "theirs"
    untouched = _key(survivor) == _key(base)
    if untouched and not wholesale.get(side):
        return None  # deleted on one side, untouched on the other
    kept = dict(survivor)
    conflict = {
        "field": DELETED,
        "base": "present",
        "ours": "deleted" if side == "ours" else "kept" if untouched else "changed",
        "theirs": "deleted" if side == "theirs" else "kept" if untouched else "changed",
    }
    kept["conflicts"] = sorted(
        {_key(c): c for c in [*kept.get("conflicts", ()), conflict]}.values(),
        key=lambda c: (c["field"], _key(c)),
    )
    return _ordered(kept)


def _merge_value(
    name: str, base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any]
) -> tuple[Any, dict[str, Any] | None]:
    mine, other = ours.get(name), theirs.get(name)
    if _key(mine) == _key(other):
        return mine, None
    if base is not None and _key(mine) == _key(base.get(name)):
        return other, None
    if base is not None and _key(other) == _key(base.get(name)):
        return mine, None
    original = base.get(name) if base is not None else min(mine, other, key=_key)
    return original, {"field": name, "base": original, "ours": mine, "theirs": other}


def _status_conflict(
    base: dict[str, Any] | None, ours: dict[str, Any], theirs: dict[str, Any], merged: str
) -> dict[str, Any] | None:
    """Both sides recorded a new, different status: which one holds is for a person to say.

    The conflict's base is the common ancestor's status (what git's base file says), not the
    status the merged history happens to end on."""
    before = base.get("status") if base else None
    mine, other = ours.get("status"), theirs.get("status")
    if mine in (other, before) or other == before:
        return None
    return {"field": "status", "base": before or merged, "ours": mine, "theirs": other}


def _union(first: list[Any], second: list[Any], base: list[Any] | None) -> list[Any]:
    """Both sides' items once each. History (base None) in date order; sources in the base's
    order, then the new ones in a fixed order, so that the result does not depend on the side."""
    items = {_key(item): item for item in (*first, *second)}
    if base is None:
        return sorted(
            items.values(),
            key=lambda e: (str(e.get("on", "")), str(e.get("recorded", "")), _key(e)),
        )
    kept = [items.pop(_key(item)) for item in base if _key(item) in items]
    return kept + [items[key] for key in sorted(items)]


KEY_ORDER = (
    "id", "title", "description", "parties", "pillar", "tags", "aliases", "made_on", "due", "due_phrase",
    "due_precision", "starts", "status", "sources", "history", "conflicts",
)  # fmt: skip


def _ordered(record: dict[str, Any]) -> dict[str, Any]:
    known = {k: record[k] for k in KEY_ORDER if k in record}
    return {**known, **{k: v for k, v in record.items() if k not in known}}
