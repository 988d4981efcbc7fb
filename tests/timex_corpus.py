"""The time-expression corpus (tests/data/timex) and the one way its answers are judged.

Shared by the tests and benchmarks/phrases.py, so track and the libraries it is compared with
are judged by the same rule: the due date must be exact, or within one day for spans counted
from the reference date ("within 90 days", "three weeks ago"), where calendars legitimately
differ on whether the first day counts. Open-ended rows are right when no due date is given
(and, for "after X", when the start is right).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

CORPUS = Path(__file__).parent / "data" / "timex" / "corpus.jsonl"
_COUNTED = re.compile(
    r"\b(?:\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|eighteen|"
    r"twenty|thirty|sixty|ninety)[ -](?:day|week|fortnight|month|year)s?\b|\bfortnight\b",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Row:
    phrase: str
    context: str
    url: str
    reference: date
    direction: str
    due: date | None
    starts: date | None
    precision: str | None
    open_ended: str | None
    split: str

    @property
    def counted_span(self) -> bool:
        return bool(_COUNTED.search(self.phrase))


def _day(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def load() -> list[Row]:
    rows = []
    for line in CORPUS.read_text(encoding="utf-8").splitlines():
        data = json.loads(line)
        rows.append(
            Row(
                data["phrase"], data["context"], data["url"], date.fromisoformat(data["reference"]),
                data["direction"], _day(data["due"]), _day(data["starts"]), data["precision"],
                data["open_ended"], data["split"],
            )
        )  # fmt: skip
    return rows


def due_right(row: Row, due: date | None, starts: date | None = None) -> bool:
    """The comparison used for every system: the due date (or its absence) is right."""
    if row.due is None:
        if row.open_ended == "starts only":
            return due is None and starts == row.starts
        return due is None
    if due is None:
        return False
    slack = 1 if row.counted_span else 0
    return abs((due - row.due).days) <= slack


def exactly_right(row: Row, due: date | None, starts: date | None) -> bool:
    """Due date and start date both right: what the held-out target counts."""
    return due_right(row, due, starts) and starts == row.starts
