"""When a reported event happened, read from the sentence against the article's date.

Reporting looks back: "on Thursday" is the Thursday on or before publication, "on November 25"
the last 25 November not after it. The time expressions come from the tagger
(`tracker.timex`, read backward); a span ("last week", "earlier this month", "from October
2-5") gives its last day that is not after publication, so a delivery is never dated earlier
than the source allows (its first day for negotiations that began); the reason says how
precise the date is. The tagger reads no time of day, so "this morning" and "tonight" are
read here as the day of publication.
"""

from __future__ import annotations

import re
from datetime import date
from typing import NamedTuple

_SAME_DAY = re.compile(r"\b(?:this (?:morning|afternoon|evening)|tonight|earlier today|today)\b")


class EventDate(NamedTuple):
    on: date
    words: str
    precision: str  # day, week, month, year ...


def event_date(
    folded_sentence: str,
    published: date,
    first_day: bool = False,
    near: int = 0,
    not_before: date = date.min,
) -> EventDate | None:
    """The day the sentence's event happened, or None when the sentence gives no date.

    A sentence may hold several dates ("on Monday he asked to delay his March 31 trip"): the
    one nearest the status words at `near` wins, one before them counting double (reports put
    the date of the act next to its verb: "on Sunday postponed"). Dates before `not_before` (the
    pledge) or after publication are about something else.
    """
    from tracker.timex import find_time_expressions

    found: list[tuple[int, EventDate]] = []
    for expression in find_time_expressions(folded_sentence, published, "backward"):
        if expression.due is None:
            continue
        day = expression.starts if first_day and expression.starts else expression.due
        day = min(day, published)
        if day < not_before:
            continue
        precision = expression.precision or "day"
        found.append(
            (
                _distance(expression.start, expression.end, near),
                EventDate(day, expression.text, precision),
            )
        )
    for match in _SAME_DAY.finditer(folded_sentence):
        found.append(
            (
                _distance(match.start(), match.end(), near),
                EventDate(published, match.group(0), "day"),
            )
        )
    return min(found, key=lambda item: item[0])[1] if found else None


def _distance(start: int, end: int, near: int) -> int:
    return max(near - end, 0) if end <= near else 2 * max(start - near, 0)
