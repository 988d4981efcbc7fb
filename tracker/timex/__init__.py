"""Time expressions: find every date, period and deadline in a text and read it.

Public API (stable; `track extract`, `track review` and `track deadline` call it):

    from tracker.timex import find_time_expressions, read_phrase, TimeExpression, TimexError

    find_time_expressions(text: str, reference: date,
                          direction: Literal["forward", "backward"] = "forward",
                          fiscal: FiscalYear = JAPAN_FISCAL_YEAR) -> list[TimeExpression]
        Every time expression in `text`, left to right, never overlapping. `reference` is the
        day the text was written; `direction` is "forward" for pledges and plans ("by July 9"
        is the next July 9) and "backward" for reports of events ("held on Thursday" is the
        Thursday on or before the reference). Expressions naming impossible dates or years
        outside 1900-2200 are left out.

    read_phrase(phrase: str, reference: date | None = None, direction="forward",
                fiscal=JAPAN_FISCAL_YEAR, strict: bool = False) -> TimeExpression
        One deadline phrase, as `track deadline` reads it: filler words around the expression
        are allowed; unknown words in a short phrase, impossible dates, relative phrases
        without a reference date and years outside 1900-2200 raise TimexError (InvalidInput,
        exit 2 at the CLI). `strict=True` allows no words outside the expression.

    TimeExpression (frozen dataclass):
        start: int, end: int      character offsets; text[start:end] == .text (verbatim)
        text: str                 the words the result rests on
        due: date | None          inclusive last day; None when open-ended
        starts: date | None       first day, for "from X", ranges, fiscal years, "after X"
        precision: str | None     day, week, third, month, quarter, half, year, multi-year
        open_ended_reason: str | None   "vague time frame", "starts only: no end date"
        direction: "forward" | "backward"
        looks_back: bool          the words report the past whatever the direction ("earlier
                                  this month", "last week", "two years ago"): not a deadline
        .open_ended -> bool

Conventions: early/mid/late of a month end on the 10th/20th/last day, of a year on 30 April / 30
June / 31 December; seasons are the northern meteorological ones (autumn ends 30 November;
winter YEAR runs December YEAR to February); weeks run Monday to Sunday and a weekend ends on
its Sunday; "before X" is the day before X begins but "before the end of X" is the end of X;
"within N units" is the reference date plus N units; fiscal years (Japanese by default: FY2026 =
2026-04-01..2027-03-31) give both `starts` and `due`; "after X" and "beyond X" give only
`starts`. Looking back, the current week, month or year ends on the reference day; "earlier this
month" does so in both directions and is marked `looks_back`. "Before" an event in a named
period ("ahead of next year's summit") is due by that period's end. A bare duration ("for 12
years", "during two days") is not a time expression ("for at least 90 days", "for the next two
years" are). "May/June 2020" is one month or the other: due at the end of the later.

Importing this package is cheap: the grammar loads on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from tracker.timex.calendar import JAPAN_FISCAL_YEAR, FiscalYear
from tracker.timex.errors import TimexError

if TYPE_CHECKING:
    from tracker.timex.tagger import TimeExpression, find_time_expressions, read_phrase

__all__ = [
    "JAPAN_FISCAL_YEAR",
    "FiscalYear",
    "TimeExpression",
    "TimexError",
    "find_time_expressions",
    "read_phrase",
]


def __getattr__(name: str) -> Any:
    if name in ("TimeExpression", "find_time_expressions", "read_phrase"):
        from tracker.timex import tagger

        return getattr(tagger, name)
    raise AttributeError(name)
