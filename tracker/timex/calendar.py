"""Calendar arithmetic on intervals with a grain: the operators the grammar applies.

An Interval is a closed range of days [start, end] with the grain it was written at (day, week,
month, quarter, third, half, year, multi-year). Everything here is pure and takes no "today".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Literal

from tracker.timex.errors import TimexError

FIRST_YEAR, LAST_YEAR = 1900, 2200


@dataclass(frozen=True)
class Interval:
    start: date
    end: date
    grain: str
    shows_start: bool = False  # ranges, "from X", fiscal years: the start is part of the answer
    from_end: bool = False  # "the end of X": "before" it means its end, not the day before

    def with_(self, **changes: object) -> Interval:
        return replace(self, **changes)  # type: ignore[arg-type]


@dataclass(frozen=True)
class FiscalYear:
    """Which month a fiscal year starts in, and whether FY N is named by its first or last year."""

    start_month: int = 4
    named_by: Literal["start", "end"] = "start"

    def period(self, year: int) -> Interval:
        if self.start_month == 1:
            return Interval(date(year, 1, 1), date(year, 12, 31), "year", shows_start=True)
        first_year = year if self.named_by == "start" else year - 1
        start = date(check_year(first_year), self.start_month, 1)
        end = add_months(start, 12) - timedelta(days=1)
        return Interval(start, end, "year", shows_start=True)

    def containing(self, day: date) -> int:
        first_year = day.year if day.month >= self.start_month else day.year - 1
        if self.start_month == 1 or self.named_by == "start":
            return first_year
        return first_year + 1


JAPAN_FISCAL_YEAR = FiscalYear()


def check_year(year: int) -> int:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        raise TimexError(f"year {year} is out of range ({FIRST_YEAR}-{LAST_YEAR})")
    return year


def month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic that clamps to the month's last day (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    check_year(year)
    return date(year, month + 1, min(day.day, month_length(year, month + 1)))


def shift(day: date, count: int, unit: str) -> date:
    """`day` moved by count units (day, week, fortnight, month, quarter, year, decade)."""
    if unit in ("day", "week", "fortnight"):
        days = count * {"day": 1, "week": 7, "fortnight": 14}[unit]
        if abs(days) > (LAST_YEAR - FIRST_YEAR + 1) * 366:
            raise TimexError(f"{count} {unit}s is out of range ({FIRST_YEAR}-{LAST_YEAR})")
        try:
            moved = day + timedelta(days=days)
        except OverflowError:
            raise TimexError(f"{count} {unit}s is out of range") from None
        check_year(moved.year)
        return moved
    months = count * {"month": 1, "quarter": 3, "year": 12, "decade": 120}[unit]
    if abs(months) > (LAST_YEAR - FIRST_YEAR + 1) * 12:
        raise TimexError(f"{count} {unit}s is out of range ({FIRST_YEAR}-{LAST_YEAR})")
    return add_months(day, months)


def real_day(year: int, month: int, day: int) -> date:
    try:
        return date(check_year(year), month, day)
    except ValueError:
        raise TimexError(f"{year:04d}-{month:02d}-{day:02d} is not a real date") from None


def day_interval(day: date) -> Interval:
    return Interval(day, day, "day")


def month_interval(year: int, month: int) -> Interval:
    check_year(year)
    if not 1 <= month <= 12:
        raise TimexError(f"month {month} does not exist")
    return Interval(date(year, month, 1), date(year, month, month_length(year, month)), "month")


def months_interval(year: int, first: int, last: int, grain: str) -> Interval:
    return Interval(month_interval(year, first).start, month_interval(year, last).end, grain)


def quarter_interval(year: int, quarter: int) -> Interval:
    if not 1 <= quarter <= 4:
        raise TimexError(f"quarter {quarter} does not exist")
    return months_interval(year, 3 * quarter - 2, 3 * quarter, "quarter")


def half_interval(year: int, half: int) -> Interval:
    if half not in (1, 2):
        raise TimexError(f"half {half} does not exist")
    return months_interval(year, 6 * half - 5, 6 * half, "half")


def year_interval(year: int) -> Interval:
    check_year(year)
    return Interval(date(year, 1, 1), date(year, 12, 31), "year")


def week_interval(day: date) -> Interval:
    """The Monday-to-Sunday week containing `day`."""
    monday = day - timedelta(days=day.weekday())
    return Interval(monday, monday + timedelta(days=6), "week")


def decade_interval(first_year: int) -> Interval:
    check_year(first_year)
    return Interval(date(first_year, 1, 1), date(first_year + 9, 12, 31), "multi-year")


def season_interval(season: str, year: int) -> Interval:
    """Northern meteorological seasons; winter YEAR runs from December YEAR to February."""
    first = {"spring": 3, "summer": 6, "autumn": 9, "winter": 12}[season]
    start = date(check_year(year), first, 1)
    end = add_months(start, 3) - timedelta(days=1)
    return Interval(start, end, "quarter")


def early(interval: Interval) -> Interval:
    return _part(interval, 0)


def middle(interval: Interval) -> Interval:
    return _part(interval, 1)


def late(interval: Interval) -> Interval:
    return _part(interval, 2)


def _part(interval: Interval, third: int) -> Interval:
    """Early/mid/late: a month's 1-10, 11-20, 21-end; a year's Jan-Apr, Jan-Jun, Sep-Dec."""
    start, end = interval.start, interval.end
    if interval.grain == "month":
        bounds = [(1, 10), (11, 20), (21, end.day)][third]
        return Interval(start.replace(day=bounds[0]), start.replace(day=bounds[1]), "third")
    if interval.grain == "year" and start.month == 1 and start.day == 1:
        if third == 0:
            return Interval(start, date(start.year, 4, 30), "third")
        if third == 1:
            return Interval(start, date(start.year, 6, 30), "half")
        return Interval(date(start.year, 9, 1), end, "third")
    months = (end.year - start.year) * 12 + end.month - start.month + 1
    if interval.grain in ("quarter", "half", "third", "year") and months >= 3:
        size = months // 3
        first = add_months(start, size * third)
        last = end if third == 2 else add_months(first, size) - timedelta(days=1)
        return Interval(first, last, "month" if size == 1 else "third")
    return interval
