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

from itertools import repeat
from typing import TYPE_CHECKING, Any

import orjson

from tracker.errors import StorageError

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

            self.check()
            brace = self._content.find(b"\n", self.start) - 1
            try:
                record = orjson.loads(self._content[brace : self.end])
            except orjson.JSONDecodeError:
                raise Misplaced(self.id) from None
            self._stored = StoredCommitment(record)
        return self._stored

    def check(self) -> None:
        """Raise Misplaced unless the block lies where said: its id's line first, a closing
        brace last, then the next block or the end of the table."""
        content, start, end = self._content, self.start, self.end
        line = b'\n    "' + self.id.encode("ascii", "replace") + b'": {\n'
        after = content[end : end + len(RECORD_START) + 1]
        if (
            content[start - 1 : start - 1 + len(line)] != line
            or content[end - 1 : end] != b"}"
            or not (after == b"," + RECORD_START or after.startswith(TABLE_END))
        ):
            raise Misplaced(self.id)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stored(), name)

    def __repr__(self) -> str:
        return f"Unparsed({self.id!r})"


class Misplaced(StorageError):
    """A block is not where the layout says (a query index out of step with the file)."""

    def __init__(self, cid: str) -> None:
        super().__init__(
            f"the query index does not match the database for {cid!r}; nothing was written, "
            "and the index will be rebuilt: run the command again"
        )


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


def starts(content: bytes) -> tuple[list[int], int] | None:
    """Where each record's block starts in a file in the canonical layout, and where the table
    closes: what `split` finds, without checking each block (for the query index, which checks
    a block where it is used); None when the file does not have the expected shape."""
    opening = content.find(TABLE_START)
    if opening < 0:
        return None
    body = opening + len(TABLE_START) - 1
    closing = content.find(TABLE_END, body)
    if closing < 0 or not content.startswith(RECORD_START, body):
        return None
    found, position, find = [], body, content.find
    while position >= 0:
        found.append(position + 1)
        position = find(RECORD_START, position + 1, closing)
    return found, closing


def placed(content: Any, ids: list[str], starts: list[int], ends: list[int]) -> Layout | None:
    """The layout of a canonical file whose blocks are said to lie at these offsets, one after
    the other (by the query index); None when the table does not start and end where said.

    `content` may be a memory map of the file: nothing else is read here. A block is checked
    where it is used: before it is parsed, and where `join` cuts the file around a change.
    """
    if not ids:
        return None
    first, closing = starts[0], ends[-1]
    if (
        first < len(TABLE_START)
        or content[first - len(TABLE_START) : first] != TABLE_START
        or content[closing : closing + len(TABLE_END)] != TABLE_END
    ):
        return None
    records = dict(zip(ids, map(Unparsed, ids, repeat(content), starts, ends), strict=True))
    if len(records) != len(ids):  # an id twice
        return None
    return Layout(content[: first - 1], records, content[closing:])


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
    run_start = -1
    content = b""
    last: Unparsed | None = None
    for cid in sorted(items):
        item = items[cid]
        if isinstance(item, Unparsed):
            if last is not None and item.start == last.end + 2:  # the next block: extend the run
                last = item
                continue
            if last is not None:
                last.check()  # the blocks where the file is cut lie where said
                pieces += [memoryview(content)[run_start : last.end], b",\n"]
            item.check()
            content, run_start, last = item._content, item.start, item
            continue
        if last is not None:
            last.check()
            pieces += [memoryview(content)[run_start : last.end], b",\n"]
            last = None
        pieces += [encode(cid, item.to_dict()), b",\n"]
    if last is not None:
        last.check()
        pieces += [memoryview(content)[run_start : last.end], b",\n"]
    pieces[-1] = layout.tail
    return pieces
