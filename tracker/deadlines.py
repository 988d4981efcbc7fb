"""Deadlines as officials write them, and the dates users type: a thin layer over the tagger.

`resolve` reads a whole deadline phrase with tracker.timex (strictly: every word must belong to
the time expression, so `track add --due` and the CSV import never guess), against a reference
date, never against today: "within this year" in an April 2025 article means 2025-12-31
whenever the code runs. `parse_date` and `parse_window` read what users type on the command
line; their common forms are handled here without loading the tagger.

Conventions (README and `track deadline --help`): see tracker/timex/__init__.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.timex.calendar import (
    JAPAN_FISCAL_YEAR,
    FiscalYear,
    add_months,
    month_length,
    real_day,
    shift,
)
from tracker.timex.errors import TimexError

DeadlineError = TimexError  # one error class, whichever layer raises it

__all__ = [
    "JAPAN_FISCAL_YEAR",
    "Deadline",
    "DeadlineError",
    "FiscalYear",
    "add_months",
    "month_length",
    "parse_date",
    "parse_window",
    "resolve",
    "shift",
]


@dataclass(frozen=True)
class Deadline:
    """A resolved deadline; `due is None` means open-ended, with `reason` saying why."""

    phrase: str
    due: date | None
    starts: date | None = None
    precision: str | None = None
    reason: str | None = None

    @property
    def open_ended(self) -> bool:
        return self.due is None

    def to_dict(self) -> dict[str, object]:
        return {
            "phrase": self.phrase,
            "due": self.due.isoformat() if self.due else None,
            "starts": self.starts.isoformat() if self.starts else None,
            "precision": self.precision,
            "open_ended": self.open_ended,
            "reason": self.reason,
        }


# Whole phrases that carry no time frame on purpose.
NO_TIME_FRAME = {"": "no time frame", "none": "no time frame", "open": "no time frame",
                 "open-ended": "no time frame", "n/a": "no time frame"}  # fmt: skip
CONTINUING = {"continue", "continuing", "ongoing", "continue to", "will continue"}


def resolve(
    phrase: str,
    ref: date | None = None,
    fiscal: FiscalYear = JAPAN_FISCAL_YEAR,
    *,
    strict: bool = True,
    backward: bool = False,
) -> Deadline:
    """Turn a deadline phrase written on `ref` into a Deadline, or raise DeadlineError.

    With `strict=False` (as `track deadline` reads), words around the expression are allowed;
    `backward` reads a report of an event ("held on Thursday") instead of a pledge.
    """
    original = phrase.strip()
    words = re.sub(r"\s+", " ", original.lower()).strip(" .,;:")
    if words in NO_TIME_FRAME:
        return Deadline(original, None, reason=NO_TIME_FRAME[words])
    if words in CONTINUING:
        return Deadline(original, None, reason="continuing pledge, no time frame")
    from tracker.timex import read_phrase

    direction = "backward" if backward else "forward"
    found = read_phrase(original, ref, direction, fiscal, strict=strict)
    return Deadline(original, found.due, found.starts, found.precision, found.open_ended_reason)


_RELATIVE_DAYS = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}


def parse_date(text: str, today: date) -> date:
    """A single day typed on the command line: ISO, written forms, 'today', 'yesterday'."""
    words = text.strip().lower()
    if words in _RELATIVE_DAYS:
        return today + timedelta(days=_RELATIVE_DAYS[words])
    if not words:
        raise DeadlineError("the date is empty: give one like 2026-03-31")
    if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", words):
        return real_day(*map(int, m.groups()))
    from tracker.timex import read_phrase

    try:
        found = read_phrase(text, today, "backward", strict=True)
    except DeadlineError as error:
        if not str(error).startswith("cannot read the deadline"):
            raise  # a real date that does not exist, an ambiguous one, a year out of range
        raise DeadlineError(f"cannot read the date {text!r}: write it as YYYY-MM-DD") from None
    if found.due is None or found.precision != "day" or found.starts not in (None, found.due):
        example = found.due.isoformat() if found.due else "2026-03-31"
        raise DeadlineError(f"{text!r} is not a single day: give one like {example}")
    return found.due


WINDOW_UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}


def parse_window(text: str) -> tuple[int, str]:
    """A look-ahead window such as '90d', '6w', '3m', '1y' or '90 days'."""
    m = re.fullmatch(r"(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?", text.strip().lower())
    if not m:
        raise DeadlineError(f"cannot read the window {text!r}: write it like 90d, 6w, 3m or 1y")
    unit = WINDOW_UNITS[(m.group(2) or "d")[0]]
    return int(m.group(1)), unit
