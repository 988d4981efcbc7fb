"""What the shell may complete at the cursor: commands, options, and values from the database.

Completion runs on every Tab press, so it does not start the typer application: the commands
and options are read from `completion_spec` (generated from the application, and checked
against it by the test suite), and statuses, pillars, parties, tags and ids are read straight
from the parsed database file.
"""

from __future__ import annotations

import os

TYPE_CHECKING = False  # typing itself costs start-up time on every Tab press

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping, Sequence
    from typing import Any

Item = tuple[str, str]  # (value, help)
DATA_KINDS = ("id", "pillar", "party", "tag")
LARGE = 256 * 1024  # bytes: about 200 commitments


def candidates(
    args: Sequence[str],
    incomplete: str,
    spec: dict[str, Any],
    values: Callable[[str], list[str]],
) -> list[Item]:
    """The completions for `incomplete`, the word at the cursor, after the words `args`.

    `values(kind)` gives the database's ids, pillars, parties or tags (called only when
    needed). An empty list lets the shell fall back to file names.
    """
    command, taking, positional = _position(args, spec)
    if taking is not None:
        return _values(taking, incomplete, values, spec)
    options = spec["commands"][command]["options"] if command else spec["options"]
    if incomplete.startswith("-"):
        return [(name, "") for name in options if name.startswith(incomplete)]
    if command is None:
        return [
            (name, info["help"])
            for name, info in spec["commands"].items()
            if name.startswith(incomplete)
        ]
    kinds = spec["commands"][command]["arguments"]
    if positional < len(kinds):
        return _values(kinds[positional], incomplete, values, spec)
    return []


def _position(args: Sequence[str], spec: dict[str, Any]) -> tuple[str | None, str | None, int]:
    """The command typed so far, the value kind the next word is for (after an option that
    takes one), and how many positional arguments the command has been given."""
    command: str | None = None
    taking: str | None = None
    positional = 0
    for word in args:
        options = spec["commands"][command]["options"] if command else spec["options"]
        if taking is not None:
            taking = None
        elif word.startswith("-"):
            name, _, inline = word.partition("=")
            kind = options.get(name)
            taking = kind if kind and not inline else None
        elif command is None:
            if word not in spec["commands"]:
                return None, "", 0  # not a command: nothing sensible to offer
            command = word
        else:
            positional += 1
    return command, taking, positional


def _values(
    kind: str, incomplete: str, values: Callable[[str], list[str]], spec: dict[str, Any]
) -> list[Item]:
    if kind.startswith("choice:"):
        options = kind[len("choice:") :].split(",")
    elif kind == "status":
        options = list(spec["statuses"])
    elif kind in DATA_KINDS:
        options = values(kind)
    else:
        return []  # files, dates, free text: the shell's own completion
    wanted = incomplete.lower()
    return [(value, "") for value in options if value.lower().startswith(wanted)]


def database_values(path: str | None) -> Callable[[str], list[str]]:
    """A lookup of the ids, pillars, parties and tags in a database file; empty if it cannot
    be read (completion never fails loudly)."""
    cache: dict[str, list[str]] = {}

    def lookup(kind: str) -> list[str]:
        if not cache:
            cache.update(_read(path))
        return cache.get(kind, [])

    return lookup


def _read(path: str | None) -> dict[str, list[str]]:
    found: dict[str, set[str]] = {kind: set() for kind in DATA_KINDS}
    try:
        table = _parse(path).get("commitments", {}) if path else {}
        for key, record in table.items():
            found["id"].add(key)
            found["pillar"].add(record.get("pillar") or "")
            found["party"].update(record.get("parties") or ())
            found["tag"].update(record.get("tags") or ())
    except (OSError, ValueError, AttributeError, TypeError):
        pass
    return {
        kind: sorted(v for v in items if isinstance(v, str) and v) for kind, items in found.items()
    }


def _parse(path: str) -> dict[str, Any]:
    """The parsed file: the standard library's json for a small one (orjson costs more to
    import than it saves), orjson for a large one (several times faster to parse)."""
    with open(path, "rb") as handle:
        content = handle.read()
    if len(content) < LARGE:
        import json

        return json.loads(content)
    import orjson

    return orjson.loads(content)


def database_path(args: Sequence[str], env: Mapping[str, str], cwd: str) -> str | None:
    """The database the completed command would use: --db, $TRACK_DB, or the nearest file
    (as tracker.store.find_database, without its imports)."""
    for index, word in enumerate(args):
        if word == "--db" and index + 1 < len(args):
            return os.path.expanduser(args[index + 1])
        if word.startswith("--db="):
            return os.path.expanduser(word[len("--db=") :])
    if env.get("TRACK_DB"):
        return os.path.expanduser(env["TRACK_DB"])
    folder = cwd
    while True:
        candidate = os.path.join(folder, "commitments.json")
        if os.path.isfile(candidate):
            return candidate
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent
