"""A lean table writer for long listings (`track list`): linear in rows, no rich import.

rich measures every cell of every row through its layout engine, which costs seconds at ten
thousand rows; a listing only needs fixed column widths, word wrap by display width (CJK
characters take two cells) and optional ANSI colour.
"""

from __future__ import annotations

import os
import unicodedata
from collections.abc import Sequence
from functools import lru_cache
from typing import IO, NamedTuple

ANSI = {
    "bold": "1",
    "dim": "2",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "bold red": "1;31",
}


class Column(NamedTuple):
    header: str
    width: int
    wrap: bool = True
    right: bool = False


Cell = tuple[str, str]  # (text already made safe, style name or "")


def wants_colour(out: IO[str]) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(out, "isatty", None)
    return bool(isatty and isatty())


def terminal_width(out: IO[str]) -> int:
    """The terminal's width; $COLUMNS or 80 when the output is not a terminal."""
    columns = os.environ.get("COLUMNS", "")
    if columns.isdigit() and int(columns) > 0:
        return int(columns)
    try:
        return os.get_terminal_size(out.fileno()).columns
    except (OSError, ValueError, AttributeError):
        return 80


def width(text: str) -> int:
    """Display cells: wide East Asian characters count two, combining marks none."""
    if text.isascii():
        return len(text)
    return _width(text)


@lru_cache(maxsize=8192)
def _width(text: str) -> int:
    """Counted a character at a time, once per distinct text: a long listing repeats parties,
    statuses and words, and accented text (Vietnamese names) is never ASCII."""
    total = 0
    for ch in text:
        if unicodedata.combining(ch):
            continue
        total += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return total


def wrap(text: str, limit: int) -> list[str]:
    """Word-wrap to `limit` display cells, breaking words longer than a line."""
    if "\n" not in text and width(text) <= limit:
        return [text]  # most cells fit: a long listing spends its time here otherwise
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line, used = "", 0
        for word in paragraph.split(" "):
            size = width(word)
            if line and used + 1 + size <= limit:
                line, used = f"{line} {word}", used + 1 + size
                continue
            if line or not word:
                lines.append(line)
            line, used = "", 0
            while size > limit:
                head, rest = _split_at(word, limit)
                lines.append(head)
                word, size = rest, width(rest)
            line, used = word, size
        lines.append(line)
    return lines or [""]


def _split_at(word: str, limit: int) -> tuple[str, str]:
    used = 0
    for index, ch in enumerate(word):
        used += width(ch)
        if used > limit:
            return word[:index] or word[:1], word[index:] or word[1:]
    return word, ""


def _fit(text: str, size: int, right: bool) -> str:
    gap = size - width(text)
    return (" " * gap + text) if right else (text + " " * gap)


def _paint(text: str, style: str, colour: bool) -> str:
    code = ANSI.get(style) if colour else None
    return f"\x1b[{code}m{text}\x1b[0m" if code and text.strip() else text


def write(
    columns: Sequence[Column], rows: Sequence[Sequence[Sequence[Cell]]], out: IO[str]
) -> None:
    """Each row is a list of cells per column; a cell is a list of (text, style) lines."""
    colour = wants_colour(out)
    gap = "  "
    header = gap.join(_fit(c.header, c.width, c.right) for c in columns).rstrip()
    chunks = [_paint(header, "bold", colour), "\n", "─" * width(header), "\n"]
    for row in rows:
        cells = []
        for column, parts in zip(columns, row, strict=True):
            lines: list[tuple[str, str]] = []
            for text, style in parts:
                pieces = wrap(text, column.width) if column.wrap else [text]
                lines.extend((piece, style) for piece in pieces)
            cells.append(lines)
        height = max(len(lines) for lines in cells)
        for index in range(height):
            out_line = []
            for column, lines in zip(columns, cells, strict=True):
                text, style = lines[index] if index < len(lines) else ("", "")
                out_line.append(_paint(_fit(text, column.width, column.right), style, colour))
            chunks.append(gap.join(out_line).rstrip() + "\n")
    out.write("".join(chunks))
