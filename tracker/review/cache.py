"""The matcher's reading of each commitment's names, remembered between runs.

Reading the titles, aliases and tags of 10,000 commitments into stems is most of the cost of a
`track review`, and they rarely change. Each entry is keyed by a checksum of exactly the text it
was read from, so a changed title is simply read again: no entry can be stale, and the file can
be deleted at any time. It lives beside the validation marker ($XDG_CACHE_HOME/track, else
~/.cache/track); `TRACK_NO_CACHE=1` bypasses it; a cache that cannot be read or written only
costs speed.
"""

from __future__ import annotations

import os
import zlib
from collections.abc import Iterable
from pathlib import Path

from tracker.checked import cache_path
from tracker.review.matching import Described, describe

FORMAT = 1  # bump when the stemmer or the synonyms change what a text reads as


def descriptions(database: Path, commitments: Iterable[object]) -> list[Described]:
    """Described commitments, reusing what an earlier run read from the same texts."""
    import orjson

    if os.environ.get("TRACK_NO_CACHE"):
        return [describe(c) for c in commitments]
    where = cache_path("review", database, ".json")
    try:
        known = orjson.loads(where.read_bytes())
        if not isinstance(known, dict) or known.get("format") != FORMAT:
            known = {}
    except (OSError, orjson.JSONDecodeError):
        known = {}
    entries = known.get("entries", {}) if isinstance(known.get("entries"), dict) else {}
    found, fresh = [], {}
    for commitment in commitments:
        key = _key(commitment)
        entry = entries.get(key)
        if _valid(entry):
            names = tuple(frozenset(name) for name in entry[0])
            found.append(Described(commitment.id, names, frozenset(entry[1]), commitment))  # type: ignore[attr-defined]
        else:
            described = describe(commitment)
            found.append(described)
            entry = [[sorted(n) for n in described.names], sorted(described.tags)]
        fresh[key] = entry
    if fresh.keys() != entries.keys():
        _write(where, orjson.dumps({"format": FORMAT, "entries": fresh}))
    return found


def _key(commitment: object) -> str:
    text = "\x1f".join(
        [
            getattr(commitment, "title", ""),
            "\x1e".join(getattr(commitment, "aliases", ())),
            "\x1e".join(getattr(commitment, "tags", ())),
        ]
    )
    return f"{zlib.crc32(text.encode('utf-8', 'surrogatepass')):08x}{len(text):x}"


def _valid(entry: object) -> bool:
    return (
        isinstance(entry, list)
        and len(entry) == 2
        and isinstance(entry[0], list)
        and all(isinstance(n, list) and all(isinstance(w, str) for w in n) for n in entry[0])
        and isinstance(entry[1], list)
        and all(isinstance(w, str) for w in entry[1])
    )


def _write(where: Path, content: bytes) -> None:
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        temporary = where.with_name(f".{where.name}.{os.getpid()}.tmp")
        temporary.write_bytes(content)
        os.replace(temporary, where)
    except OSError:
        pass
