"""Change a few records of a database in track's canonical layout without parsing the others.

`track update` changes one record, yet parsing and re-encoding the whole file was most of its
time (about 250 ms of 320 at 10,000 commitments). In the canonical layout (`store.dump_bytes`:
two-space indentation, records sorted by id) every record of the `commitments` table is a
block starting with a line `    "ID": {` and no string holds a raw line break, so the blocks can
be found with a byte search; untouched blocks are copied as they are and changed records are
encoded alone. The result is byte for byte what `dump_bytes` writes. This module only works on
bytes; `store` decides when a file is canonical (the validation stamp remembers it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import orjson

if TYPE_CHECKING:
    from tracker.records import StoredCommitment

TABLE_START = b'\n  "commitments": {\n'
RECORD_START = b'\n    "'
TABLE_END = b"\n  }"


class Unparsed:
    """A record not read yet: its id is known; anything else parses it (once)."""

    __slots__ = ("_content", "_stored", "end", "id", "start")

    def __init__(self, cid: str, content: bytes, start: int, end: int) -> None:
        self.id = cid
        self._content = content
        self.start, self.end = start, end
        self._stored: StoredCommitment | None = None

    def stored(self) -> StoredCommitment:
        if self._stored is None:
            from tracker.records import StoredCommitment

            brace = self._content.index(b"\n", self.start) - 1
            self._stored = StoredCommitment(orjson.loads(self._content[brace : self.end]))
        return self._stored

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stored(), name)

    def __repr__(self) -> str:
        return f"Unparsed({self.id!r})"


class Layout:
    """A canonical file cut around its records: what comes before, the records, what follows."""

    def __init__(self, head: bytes, records: dict[str, Unparsed], tail: bytes) -> None:
        self.head, self.records, self.tail = head, records, tail


def split(content: bytes) -> Layout | None:
    """The layout of a canonical file; None when the file does not have the expected shape.

    Ids are slugs (the schema allows a-z, 0-9 and '-'), so an id ends at the next quote.
    """
    opening = content.find(TABLE_START)
    if opening < 0 or content.find(TABLE_START, opening + 1) >= 0:
        return None
    body = opening + len(TABLE_START) - 1  # the line break before the first record
    closing = content.find(TABLE_END, body)
    if closing < 0 or not content.startswith(RECORD_START, body):
        return None
    find = content.find  # byte searches: faster here than a regular expression
    starts = []
    position = body
    while position >= 0:
        starts.append(position + 1)
        position = find(RECORD_START, position + 1, closing)
    ends = [start - 2 for start in starts[1:]]  # each block but the last ends with a comma
    ends.append(closing)
    records: dict[str, Unparsed] = {}
    for start, end in zip(starts, ends, strict=True):
        quote = find(b'"', start + 5, end)
        if (content[end] != 0x2C and end != closing) or content[quote : quote + 5] != b'": {\n':
            return None
        try:
            cid = content[start + 5 : quote].decode("ascii")
        except UnicodeDecodeError:
            return None
        if "\\" in cid or cid in records:
            return None
        records[cid] = Unparsed(cid, content, start, end)
    return Layout(content[:body], records, content[closing:])


def encode(cid: str, record: dict[str, Any]) -> bytes:
    """One record's block, as `dump_bytes` writes it inside the table."""
    body = orjson.dumps(record, option=orjson.OPT_INDENT_2).replace(b"\n", b"\n    ")
    return b"    " + orjson.dumps(cid) + b": " + body


def join(layout: Layout, items: dict[str, Any]) -> list[bytes] | None:
    """The file with these records (unparsed blocks copied, others encoded), sorted by id, as
    pieces to write one after the other; None for an empty table, which has another shape.

    Neighbouring blocks that were neighbours in the file are copied as one slice, so an update
    copies the file in about three pieces rather than one per record.
    """
    if not items:
        return None
    pieces = [layout.head, b"\n"]
    run_start = run_end = -1
    content = b""
    for cid in sorted(items):
        item = items[cid]
        if isinstance(item, Unparsed):
            if item.start == run_end + 2:  # the next block in the file: extend the run
                run_end = item.end
                continue
            if run_start >= 0:
                pieces += [memoryview(content)[run_start:run_end], b",\n"]
            content, run_start, run_end = item._content, item.start, item.end
            continue
        if run_start >= 0:
            pieces += [memoryview(content)[run_start:run_end], b",\n"]
            run_start = run_end = -1
        pieces += [encode(cid, item.to_dict()), b",\n"]
    if run_start >= 0:
        pieces += [memoryview(content)[run_start:run_end], b",\n"]
    pieces[-1] = layout.tail
    return pieces
