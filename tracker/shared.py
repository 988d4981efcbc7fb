"""Whose work is in a record: git's view of the database, for `track remove` and `track undo`.

Removing a commitment or undoing an event rewrites what the file says. That is fine for your
own mistakes; it is not for what a colleague recorded and git merged in. The file is canonical
JSON (records at a fixed indentation, one history event per block), so the lines of a record
or of one event can be found, and `git blame` names who committed each event's `recorded`
stamp: every change `track` makes to a commitment adds an event, so the stamps say whose work
a record holds.

Outside a git repository, or for lines nobody has committed yet, there is no one else's work.
"""

from __future__ import annotations

import subprocess
from collections.abc import Sequence
from pathlib import Path

from tracker.errors import Refused

RECORD_INDENT = " " * 4
EVENT_INDENT = " " * 8
UNCOMMITTED = "not.committed.yet"


def others_work(path: Path, cid: str, event: int | None = None) -> list[str]:
    """Everyone but you who committed a line of the record (or of its `event`-th history
    event), as 'Name <email>'. Refused while a git merge of the file is under way:
    its result is not committed yet, so whose lines are whose cannot be told."""
    folder = path.resolve().parent
    top = _git(folder, "rev-parse", "--show-toplevel")
    if top is None:
        return []
    if _git(folder, "rev-parse", "-q", "--verify", "MERGE_HEAD") is not None:
        raise Refused(
            "a git merge is under way in this repository: finish it (settle conflicts with "
            "`track resolve`, then commit) before removing or undoing anything"
        )
    lines = path.read_text(encoding="utf-8").splitlines()
    span = record_lines(lines, cid)
    if span is None:
        return []
    if event is not None:
        span = event_lines(lines, span, event)
        if span is None:
            return []
    blamed = _git(
        folder, "blame", "--line-porcelain", "-L", f"{span[0] + 1},{span[1] + 1}", "--", str(path)
    )
    if blamed is None:
        return []  # not tracked by git yet: nothing committed, so nothing shared
    me = _me(folder)
    authors: dict[str, None] = {}
    name = mail = ""
    for line in blamed.splitlines():
        if line.startswith("author "):
            name = line[len("author ") :]
        elif line.startswith("author-mail "):
            mail = line[len("author-mail ") :].strip("<>")
        elif line.startswith("\t") and '"recorded": ' in line and mail not in (UNCOMMITTED, me):
            # Each event's stamp line is its own; braces and repeated values ("status":
            # "pending") would be credited to whoever first wrote such a line.
            authors[f"{name} <{mail}>"] = None
    return list(authors)


def record_lines(lines: Sequence[str], cid: str) -> tuple[int, int] | None:
    """First and last line (0-based) of a record in the canonical file."""
    head = f'{RECORD_INDENT}"{cid}": {{'
    for start, line in enumerate(lines):
        if line == head:
            for end in range(start + 1, len(lines)):
                if lines[end] in (RECORD_INDENT + "}", RECORD_INDENT + "},"):
                    return start, end
    return None


def event_lines(
    lines: Sequence[str], record: tuple[int, int], index: int
) -> tuple[int, int] | None:
    """First and last line of the `index`-th history event (negative counts from the end)."""
    blocks: list[tuple[int, int]] = []
    inside = False
    start = 0
    for number in range(record[0], record[1] + 1):
        line = lines[number]
        if line.startswith(RECORD_INDENT + '  "history": ['):
            inside = True
        elif inside and line == EVENT_INDENT + "{":
            start = number
        elif inside and line in (EVENT_INDENT + "}", EVENT_INDENT + "},"):
            blocks.append((start, number))
        elif inside and line.startswith(RECORD_INDENT + "  ]"):
            break
    try:
        return blocks[index]
    except IndexError:
        return None


def _me(folder: Path) -> str:
    ident = _git(folder, "var", "GIT_AUTHOR_IDENT") or ""
    return ident.partition("<")[2].partition(">")[0]


def _git(folder: Path, *args: str) -> str | None:
    """git's output, or None when git is missing or the command fails."""
    try:
        done = subprocess.run(
            ["git", *args], cwd=folder, capture_output=True, text=True, check=False
        )
    except (FileNotFoundError, OSError):
        return None
    return done.stdout if done.returncode == 0 else None
