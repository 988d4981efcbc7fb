"""When a reported event happened, read from the sentence against the article's date.

Reporting looks back: "on Thursday" is the Thursday on or before publication, "on November 25"
the last 25 November not after it. A span ("last week", "earlier this month", "from October
2-5") gives its last day that is not after publication, so a delivery is never dated earlier
than the source allows; the reason says how precise the date is.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import NamedTuple

MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"),
            ("may",), ("june", "jun"), ("july", "jul"), ("august", "aug"),
            ("september", "sept", "sep"), ("october", "oct"), ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}  # fmt: skip
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

_MONTH = r"(?P<month>" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
_YEAR = r"(?:,?\s+(?P<year>(?:19|20|21)\d\d))?"
_RANGE_END = r"(?:\s*(?:-|–|to|and)\s*\d{1,2}(?:st|nd|rd|th)?)?"

PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("iso", re.compile(r"\b(?P<year>(?:19|20|21)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b")),
    ("month-day", re.compile(r"\b" + _MONTH + r"\s+" + _DAY + r"(?P<range>" + _RANGE_END + r")" + _YEAR + r"\b")),
    ("day-month", re.compile(r"\b" + _DAY + r"(?P<range>" + _RANGE_END + r")\s+(?:of\s+)?" + _MONTH + _YEAR + r"\b")),
    ("weekday", re.compile(r"\b(?:on|last|this past)\s+(?P<weekday>" + "|".join(WEEKDAYS) + r")\b")),
    ("relative", re.compile(r"\b(?P<relative>yesterday|today|this (?:morning|afternoon|evening)|tonight|last week|earlier this (?:week|month|year)|last month|this week|this month)\b")),
)  # fmt: skip


class EventDate(NamedTuple):
    on: date
    words: str
    precision: str  # day, week, month, year, or "publication" when nothing in the text says


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
    pledge) are about something else. For a range of days ("November 12-14") the last day,
    when the thing was done; with `first_day`, the first (negotiations "began" on it).
    """
    found: list[tuple[int, EventDate]] = []
    for kind, pattern in PATTERNS:
        for match in pattern.finditer(folded_sentence):
            resolved = _resolve(kind, match, published, first_day)
            if resolved is None or resolved[0] < not_before:
                continue
            distance = near - match.end() if match.end() <= near else 2 * (match.start() - near)
            found.append((max(distance, 0), EventDate(resolved[0], match.group(0), resolved[1])))
    return min(found, key=lambda item: item[0])[1] if found else None


def _resolve(
    kind: str, match: re.Match[str], published: date, first_day: bool = False
) -> tuple[date, str] | None:
    groups = match.groupdict()
    if kind == "weekday":
        back = (published.weekday() - WEEKDAYS.index(groups["weekday"])) % 7
        if match.group(0).startswith(("last", "this past")) and back == 0:
            back = 7
        return published - timedelta(days=back), "day"
    if kind == "relative":
        return _relative(groups["relative"], published)
    month = int(groups["month"]) if kind == "iso" else MONTHS[groups["month"]]
    day = int(groups["day"])
    if kind != "iso" and groups.get("range") and not first_day:
        last = re.findall(r"\d{1,2}", groups["range"])
        day = int(last[-1]) if last else day
    year = int(groups["year"]) if groups.get("year") else published.year
    try:
        found = date(year, month, day)
    except ValueError:
        return None
    if not groups.get("year") and found > published:
        try:
            found = date(year - 1, month, day)
        except ValueError:
            return None
    return (found, "day") if found <= published else None


def _relative(words: str, published: date) -> tuple[date, str]:
    if words == "yesterday":
        return published - timedelta(days=1), "day"
    if words in ("today", "tonight") or words.startswith("this "):
        if words in ("this week", "this month"):
            return published, words.split()[1]
        return published, "day"
    if words == "last week":
        return published - timedelta(days=published.weekday() + 1), "week"
    if words == "last month":
        return published.replace(day=1) - timedelta(days=1), "month"
    return published, words.rsplit(None, 1)[-1]  # earlier this week / month / year
