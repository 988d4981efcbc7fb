"""What the grammar builds: small nodes evaluated against a reference date and a direction.

A node is a period before it is pinned to the calendar: "July" or "Thursday" float until the
reference date and the direction (forward for pledges, backward for reports) settle them.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.timex import calendar as cal
from tracker.timex.calendar import FiscalYear, Interval
from tracker.timex.errors import TimexError


@dataclass(frozen=True)
class Env:
    ref: date | None
    direction: str  # "forward" or "backward"
    fiscal: FiscalYear
    words: str = ""  # the text being read, for error messages

    def need_ref(self) -> date:
        if self.ref is None:
            raise TimexError(
                f"{self.words!r} depends on when it was written: give a reference date "
                "(--ref DATE, or the commitment's made_on)"
            )
        return self.ref

    @property
    def forward(self) -> bool:
        return self.direction != "backward"


class Node(ABC):
    """A part of a time expression; evaluated against a reference date to an interval."""

    floating = False

    @abstractmethod
    def eval(self, env: Env, year: int | None = None) -> Interval: ...


@dataclass(frozen=True)
class Fixed(Node):
    interval: Interval

    def eval(self, env: Env, year: int | None = None) -> Interval:
        return self.interval


@dataclass(frozen=True)
class Lazy(Node):
    """An absolute period whose construction may fail (a 30 February): built on evaluation."""

    build: Callable[[], Interval]

    def eval(self, env: Env, year: int | None = None) -> Interval:
        return self.build()


@dataclass(frozen=True)
class InYear(Node):
    """A period of a year given absolutely or relative to the reference ("H1 next year")."""

    build: Callable[[int], Interval]
    year: int | None = None
    offset: int = 0

    def eval(self, env: Env, year: int | None = None) -> Interval:
        if self.year is not None:
            return self.build(self.year)
        return self.build(env.need_ref().year + self.offset)


def _pick(candidates: Callable[[int], date], env: Env, inclusive: bool = True) -> int:
    """The year whose candidate date is next on/after the reference (forward) or last on/before."""
    ref = env.need_ref()
    for year in (ref.year, ref.year + 1) if env.forward else (ref.year, ref.year - 1):
        try:
            day = candidates(year)
        except (TimexError, ValueError):
            continue
        if (day >= ref if env.forward else day <= ref) if inclusive else True:
            return year
    return ref.year + (2 if env.forward else -2)


@dataclass(frozen=True)
class FloatDay(Node):
    month: int
    day: int
    floating = True

    def eval(self, env: Env, year: int | None = None) -> Interval:
        if year is None:
            year = _pick(lambda y: date(y, self.month, self.day), env)
        return cal.day_interval(cal.real_day(year, self.month, self.day))


@dataclass(frozen=True)
class FloatMonth(Node):
    month: int
    rel: int | None = None  # next / last / this
    floating = True

    def eval(self, env: Env, year: int | None = None) -> Interval:
        if year is None:
            ref = env.need_ref()
            if self.rel == 0:
                year = ref.year
            elif self.rel is not None and self.rel > 0:
                year = ref.year if self.month > ref.month else ref.year + 1
            elif self.rel is not None:
                year = ref.year if self.month < ref.month else ref.year - 1
            elif env.forward:
                year = ref.year if self.month >= ref.month else ref.year + 1
            else:
                year = ref.year if self.month <= ref.month else ref.year - 1
        return cal.month_interval(year, self.month)


@dataclass(frozen=True)
class FloatWeekday(Node):
    weekday: int
    rel: int | None = None
    floating = True

    def eval(self, env: Env, year: int | None = None) -> Interval:
        ref = env.need_ref()
        ahead = (self.weekday - ref.weekday()) % 7
        behind = (ref.weekday() - self.weekday) % 7
        if self.rel is not None and self.rel > 0:
            day = ref + timedelta(days=ahead or 7)
        elif self.rel is not None and self.rel < 0:
            day = ref - timedelta(days=behind or 7)
        elif env.forward or self.rel == 0:
            day = ref + timedelta(days=ahead)
        else:
            day = ref - timedelta(days=behind)
        return cal.day_interval(day)


@dataclass(frozen=True)
class Weekend(Node):
    """Saturday and Sunday: the one under way on a weekend day, else the coming one (looking
    back, the last one); "next weekend" said at a weekend is the one a week on."""

    rel: int | None = None
    floating = True

    def eval(self, env: Env, year: int | None = None) -> Interval:
        ref = env.need_ref()
        saturday = ref - timedelta(days=(ref.weekday() - 5) % 7)  # the latest on or before ref
        on_weekend = ref.weekday() >= 5
        week = timedelta(days=7)
        if self.rel is not None and self.rel > 0:
            saturday += week
        elif self.rel is not None and self.rel < 0:
            saturday -= week if on_weekend else timedelta(0)
        elif not on_weekend and (self.rel == 0 or env.forward):
            saturday += week
        return Interval(saturday, saturday + timedelta(days=1), "day", shows_start=True)


@dataclass(frozen=True)
class FloatSeason(Node):
    season: str
    rel: int | None = None
    floating = True

    def eval(self, env: Env, year: int | None = None) -> Interval:
        if year is not None:
            return cal.season_interval(self.season, year)
        ref = env.need_ref()
        here = ref.year - (1 if self.season == "winter" and ref.month <= 2 else 0)
        this = cal.season_interval(self.season, here)
        if self.rel == 0:
            if env.forward and this.end < ref:
                return cal.season_interval(self.season, here + 1)
            return this
        if (self.rel is not None and self.rel > 0) or (self.rel is None and env.forward):
            nxt = this if ref <= this.end and self.rel is None else None
            if self.rel is not None and ref < this.start:
                nxt = this
            return nxt or cal.season_interval(self.season, here + 1)
        if ref >= this.start and self.rel is None:
            return this
        if self.rel is not None and ref > this.end:
            return this
        return cal.season_interval(self.season, here - 1)


@dataclass(frozen=True)
class FloatHoliday(Node):
    rule: tuple[int, ...]
    floating = True

    def on(self, year: int) -> date:
        if len(self.rule) == 2:
            return cal.real_day(year, *self.rule)
        month, weekday, nth = self.rule
        first = date(cal.check_year(year), month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (nth - 1))

    def eval(self, env: Env, year: int | None = None) -> Interval:
        return cal.day_interval(self.on(year if year is not None else _pick(self.on, env)))


@dataclass(frozen=True)
class NthWeekday(Node):
    nth: int
    weekday: int
    month: int
    year: int | None = None
    floating = True

    def on(self, year: int) -> date:
        if self.nth < 0:
            last = date(year, self.month, cal.month_length(year, self.month))
            return last - timedelta(days=(last.weekday() - self.weekday) % 7)
        first = date(cal.check_year(year), self.month, 1)
        day = first + timedelta(days=(self.weekday - first.weekday()) % 7 + 7 * (self.nth - 1))
        if day.month != self.month:
            raise TimexError(f"there is no such weekday in {first:%B %Y}")
        return day

    def eval(self, env: Env, year: int | None = None) -> Interval:
        year = self.year if self.year is not None else year
        return cal.day_interval(self.on(year if year is not None else _pick(self.on, env)))


@dataclass(frozen=True)
class MonthPart(Node):
    """A week or a half of a month: "the first week of February", "the second half of April"."""

    month: Node  # a month, floating or pinned to a year
    part: str  # "week" or "half"
    nth: int  # 1-based; -1 for the last

    @property
    def floating(self) -> bool:  # type: ignore[override]
        return self.month.floating

    def eval(self, env: Env, year: int | None = None) -> Interval:
        whole = self.month.eval(env, year)
        length = (whole.end - whole.start).days + 1
        size = 7 if self.part == "week" else 15
        if self.nth < 0:
            first = length - (7 if self.part == "week" else length - 15)
        else:
            first = size * (self.nth - 1)
        if not 0 <= first < length:
            raise TimexError(f"{whole.start:%B %Y} has no such {self.part}")
        last = (
            length - 1 if self.part == "half" and self.nth != 1 else min(first + size, length) - 1
        )
        return Interval(
            whole.start + timedelta(days=first), whole.start + timedelta(days=last), "week"
        )


@dataclass(frozen=True)
class Relative(Node):
    """this/next/last day, week, month, quarter, year, decade or fiscal year."""

    unit: str
    offset: int

    def eval(self, env: Env, year: int | None = None) -> Interval:
        ref = env.need_ref()
        n = self.offset
        if self.unit == "day":
            return cal.day_interval(cal.shift(ref, n, "day"))
        if self.unit == "week":
            return cal.week_interval(cal.shift(ref, n, "week"))
        if self.unit == "month":
            first = cal.add_months(ref.replace(day=1), n)
            return cal.month_interval(first.year, first.month)
        if self.unit == "quarter":
            first = cal.add_months(date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1), 3 * n)
            return cal.quarter_interval(first.year, (first.month - 1) // 3 + 1)
        if self.unit == "half":
            first = cal.add_months(date(ref.year, 1 if ref.month <= 6 else 7, 1), 6 * n)
            return cal.half_interval(first.year, 1 if first.month == 1 else 2)
        if self.unit == "year":
            return cal.year_interval(ref.year + n)
        if self.unit == "decade":
            return cal.decade_interval(ref.year // 10 * 10 + 10 * n)
        if self.unit == "fiscal":
            return env.fiscal.period(env.fiscal.containing(ref) + n)
        raise TimexError(f"unknown unit {self.unit}")


@dataclass(frozen=True)
class Fiscal(Node):
    year: int

    def eval(self, env: Env, year: int | None = None) -> Interval:
        return env.fiscal.period(cal.check_year(self.year))


@dataclass(frozen=True)
class FiscalFrom(Node):
    """ "the fiscal year starting April 1": twelve months from that day."""

    first: Node

    def eval(self, env: Env, year: int | None = None) -> Interval:
        start = self.first.eval(env, year).start
        return Interval(start, cal.add_months(start, 12) - timedelta(days=1), "year", True)


@dataclass(frozen=True)
class Span(Node):
    """A count of units from the reference date: within N (ahead), N ago, the last N (behind)."""

    count: float
    unit: str
    precision: str
    way: str  # "ahead", "ago", "behind"

    def eval(self, env: Env, year: int | None = None) -> Interval:
        ref = env.need_ref()
        count, unit = self.count, self.unit
        if count != int(count):
            count, unit = _smaller(count, unit)
        sign = 1 if self.way == "ahead" else -1
        other = cal.shift(ref, sign * int(count), unit)
        if self.way == "ahead":
            return Interval(ref, other, self.precision)
        if self.way == "ago":
            return cal.day_interval(other)
        return Interval(other, ref, self.precision, shows_start=True)


def _smaller(count: float, unit: str) -> tuple[float, str]:
    factor, smaller = {"year": (12, "month"), "decade": (120, "month"), "month": (30, "day"),
                       "quarter": (3, "month"), "week": (7, "day"), "fortnight": (14, "day"),
                       "day": (1, "day")}[unit]  # fmt: skip
    return round(count * factor), smaller


@dataclass(frozen=True)
class Modified(Node):
    how: str  # early, middle, late, end, same, earlier (a look back: up to the reference day)
    child: Node

    @property
    def floating(self) -> bool:  # type: ignore[override]
        return self.child.floating

    def eval(self, env: Env, year: int | None = None) -> Interval:
        part = self._part(self.child.eval(env, year))
        if year is None and self.child.floating and env.ref is not None:
            # "by mid-July" written on 25 July looks ahead to next July; looking back, the
            # latest one that has begun.
            if env.forward and part.end < env.ref:
                part = self._part(self.child.eval(env, part.start.year + 1))
            elif not env.forward and part.start > env.ref:
                part = self._part(self.child.eval(env, part.start.year - 1))
        if self.how == "earlier" and env.ref is not None and part.start <= env.ref < part.end:
            part = part.with_(end=env.ref)  # a look back stops at the day it is written
        return part

    def _part(self, inner: Interval) -> Interval:
        if self.how == "early":
            return cal.early(inner)
        if self.how == "middle":
            return cal.middle(inner)
        if self.how == "late":
            return cal.late(inner)
        if self.how == "end":
            return inner.with_(from_end=True)
        if self.how == "eve":
            return cal.day_interval(inner.start - timedelta(days=1))
        return inner


@dataclass(frozen=True)
class Qualified(Node):
    """A floating period pinned to a year: "June 30 this year", "March 28 to 31 next year"."""

    child: Node
    year: int | None = None
    offset: int = 0

    def eval(self, env: Env, year: int | None = None) -> Interval:
        pinned = self.year if self.year is not None else env.need_ref().year + self.offset
        return self.child.eval(env, pinned)


@dataclass(frozen=True)
class Range(Node):
    left: Node
    right: Node
    text: str = ""

    @property
    def floating(self) -> bool:  # type: ignore[override]
        return self.left.floating and self.right.floating

    def eval(self, env: Env, year: int | None = None) -> Interval:
        if isinstance(self.left, FloatWeekday) and isinstance(self.right, FloatWeekday):
            first = self.left.eval(env)
            last = first.end + timedelta(days=(self.right.weekday - self.left.weekday) % 7)
            return Interval(first.start, last, "day", shows_start=True)
        if self.right.floating and not self.left.floating:
            first = self.left.eval(env, year)
            last = self.right.eval(env, first.start.year)
            if last.end < first.start:
                last = self.right.eval(env, first.start.year + 1)
        else:
            last = self.right.eval(env, year)
            first = self.left.eval(env, last.end.year if self.left.floating else year)
            if self.left.floating and first.start > last.end:
                first = self.left.eval(env, last.end.year - 1)
        if last.end < first.start:
            raise TimexError(f"the range {self.text or env.words!r} ends before it starts")
        grains = {first.grain, last.grain}
        grain = "multi-year" if grains <= {"year", "multi-year"} else _finer(grains)
        return Interval(first.start, last.end, grain, shows_start=True)


_ORDER = ["day", "week", "third", "month", "quarter", "half", "year", "multi-year"]


def _finer(grains: set[str]) -> str:
    return min(grains, key=_ORDER.index)


@dataclass(frozen=True)
class Either(Node):
    """ "in May or early June": the later of the two bounds the deadline."""

    left: Node
    right: Node

    def eval(self, env: Env, year: int | None = None) -> Interval:
        one, two = self.left.eval(env, year), self.right.eval(env, year)
        return two if two.end >= one.end else one


@dataclass(frozen=True)
class Aside(Node):
    """ "on Friday (Jan 5)": the date in brackets is the more precise; the other is the fallback."""

    outer: Node
    inner: Node

    def eval(self, env: Env, year: int | None = None) -> Interval:
        try:
            return self.inner.eval(env, year)
        except TimexError:
            return self.outer.eval(env, year)
