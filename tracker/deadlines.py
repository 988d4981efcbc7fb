"""Read deadlines the way officials write them, and the dates users type.

Every phrase resolves against a reference date (the day the words were written), never against
today: "within this year" in an April 2025 article means 2025-12-31 whenever the code runs. A
phrase the engine cannot read is an error naming the words it did not know; nothing is guessed.

Conventions (documented in `track deadline --help` and the README):
- `due` is inclusive: the last day on which delivery is on time.
- "early YEAR" is January-April, "late YEAR" September-December, "mid-YEAR" the first half.
- "from X" / "starting in X": the pledge starts in period X, so `starts` is X's first day and
  `due` its last (it is late if it has not started by the end of X).
- Fiscal years follow Japan by default: FY2026 runs 2026-04-01 to 2027-03-31 (named by the year
  in which it starts). `FiscalYear(start_month=10, named_by="end")` gives the US federal one.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Literal

from tracker.errors import InvalidInput


class DeadlineError(InvalidInput):
    """A phrase or date the engine cannot read."""


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    precision: str


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


@dataclass(frozen=True)
class FiscalYear:
    """Which month a fiscal year starts in, and whether FY N is named by its first or last year."""

    start_month: int = 4
    named_by: Literal["start", "end"] = "start"

    def period(self, year: int) -> Period:
        if self.start_month == 1:
            return Period(date(year, 1, 1), date(year, 12, 31), "year")
        first_year = year if self.named_by == "start" else year - 1
        start = date(first_year, self.start_month, 1)
        return Period(start, add_months(start, 12) - timedelta(days=1), "year")

    def containing(self, day: date) -> int:
        first_year = day.year if day.month >= self.start_month else day.year - 1
        if self.start_month == 1 or self.named_by == "start":
            return first_year
        return first_year + 1


JAPAN_FISCAL_YEAR = FiscalYear()

_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
MONTHS = {name: n for n, full in enumerate(_MONTH_NAMES, 1) for name in (full, full[:3])}
MONTHS["sept"] = 9
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "eighteen": 18, "twenty": 20, "thirty": 30, "sixty": 60, "ninety": 90,
}  # fmt: skip
ORDINALS = {
    "first": 1,
    "1st": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
}
EVENT_YEARS = ("apec", "asean", "expo", "g7", "g20", "cop")

# Words that give no time frame at all: the pledge is open-ended, never overdue.
VAGUE = {
    "an early date": "vague time frame",
    "early date": "vague time frame",
    "the earliest opportunity": "vague time frame",
    "earliest opportunity": "vague time frame",
    "the earliest possible time": "vague time frame",
    "soon": "vague time frame",
    "as soon as possible": "vague time frame",
    "years ahead": "vague time frame",
    "coming years": "vague time frame",
    "coming months": "vague time frame",
    "months ahead": "vague time frame",
    "near future": "vague time frame",
    "future": "vague time frame",
    "time ahead": "vague time frame",
    "coming time": "vague time frame",
    "coming period": "vague time frame",
    "due course": "vague time frame",
    "an appropriate time": "vague time frame",
    "medium term": "vague time frame",
    "long term": "vague time frame",
    "upcoming": "vague time frame",
    "continue": "continuing pledge, no time frame",
    "continuing": "continuing pledge, no time frame",
    "ongoing": "continuing pledge, no time frame",
    "": "no time frame",
    "none": "no time frame",
    "open": "no time frame",
    "open-ended": "no time frame",
}
PREFIXES = (
    "no later than", "not later than", "sometime in", "some time in", "at some point in",
    "by", "in", "during", "within", "until", "till", "through", "throughout", "on", "at",
    "for", "over", "the", "of", "later", "set for", "scheduled for", "expected in", "due",
)  # fmt: skip
SUFFIXES = (" period", " at the latest", " or earlier")
_GRAMMAR_WORDS = (
    "before end close year years month months week weeks day days quarter quarters half this next "
    "current following coming decade early late mid middle from starting beginning commencing "
    "effective as between and to fy fiscal q h s st nd rd th of"
)
KNOWN_WORDS = (
    set(MONTHS) | set(NUMBER_WORDS) | set(ORDINALS) | set(EVENT_YEARS)
    | {w for phrase in (*VAGUE, *PREFIXES, *SUFFIXES) for w in phrase.split()}
    | set(_GRAMMAR_WORDS.split())
)  # fmt: skip
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

HINT = (
    "Forms it reads: '2026-03-31', 'by March 2026', 'in 2026', 'by end-2025', 'mid-2026', "
    "'Q3 2026', 'first half of 2026', 'within six months', 'from 2027', '2025-2030', 'FY2026', "
    "'at an early date' (open-ended). Run `track deadline --help` for all of them."
)


def normalise(text: str) -> str:
    """Lower-case, plain dashes and quotes, single spaces, no trailing punctuation."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"[\u2010-\u2015\u2212]", "-", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'")
    text = re.sub(r"(?<=\d)\s*-\s*(?=\d)", "-", text)
    text = re.sub(r"\s+", " ", text).strip(" .,;:")
    return text


def resolve(
    phrase: str, ref: date | None = None, fiscal: FiscalYear = JAPAN_FISCAL_YEAR
) -> Deadline:
    """Turn a deadline phrase written on `ref` into a Deadline, or raise DeadlineError."""
    original = phrase.strip()
    text = normalise(phrase)
    reader = _Reader(ref, fiscal, original)

    stripped, before = _strip_prefixes(text)
    if stripped in VAGUE or text in VAGUE:
        return Deadline(original, None, reason=VAGUE.get(stripped, VAGUE.get(text)))

    vague_then_period = re.fullmatch(
        r"(?:an )?(?:early date|earliest opportunity|earliest possible time|early time) in (.+)",
        stripped,
    )
    if vague_then_period:
        stripped, before = _strip_prefixes(vague_then_period.group(1))

    span = _range(stripped, reader)
    if span is not None:
        return Deadline(original, span.end, span.start, "multi-year")

    start_match = re.fullmatch(
        r"(?:starting|beginning|commencing|effective|from|as from|as of)"
        r"(?: in| from| on)? (.+)",
        stripped,
    )
    if start_match:
        period = reader.period(_strip_prefixes(start_match.group(1))[0])
        return Deadline(original, period.end, period.start, period.precision)

    period = reader.period(stripped)
    if before:
        return Deadline(original, period.start - timedelta(days=1), None, period.precision)
    return Deadline(original, period.end, None, period.precision)


def _strip_prefixes(text: str) -> tuple[str, bool]:
    """Drop leading prepositions ("by", "within the"); report whether "before" was one of them."""
    before = False
    changed = True
    while changed:
        changed = False
        if text.startswith("before "):
            text, before, changed = text[len("before ") :], True, True
        for prefix in PREFIXES:
            if text.startswith(prefix + " "):
                text, changed = text[len(prefix) + 1 :], True
        for suffix in SUFFIXES:
            if text.endswith(suffix):
                text, changed = text[: -len(suffix)], True
    return text, before


def _range(text: str, reader: _Reader) -> Period | None:
    """'2025-2030', 'between 2026 and 2028', 'from 2025 to 2030': both ends must be periods."""
    body = re.sub(r"^(?:from|between) ", "", text)
    for match in re.finditer(r" ?(?:-| to | and | until | through | till ) ?", body):
        left, right = body[: match.start()], body[match.end() :]
        if not left or not right:
            continue
        try:
            first, last = reader.period(left), reader.period(right)
        except DeadlineError:
            continue
        if last.end < first.start:
            raise DeadlineError(f"the range {reader.original!r} ends before it starts")
        return Period(first.start, last.end, "multi-year")
    return None


class _Reader:
    """Resolves one period expression; holds the reference date and fiscal convention."""

    def __init__(self, ref: date | None, fiscal: FiscalYear, original: str) -> None:
        self.ref = ref
        self.fiscal = fiscal
        self.original = original

    def need_ref(self, words: str) -> date:
        if self.ref is None:
            raise DeadlineError(
                f"{words!r} depends on when it was written: give a reference date "
                "(--ref DATE, or the commitment's made_on)"
            )
        return self.ref

    def year(self, text: str) -> int:
        """A year written as 2026, '26, this year, next year, the year."""
        text = text.removeprefix("the ")
        if re.fullmatch(r"\d{4}", text):
            return _check_year(int(text))
        if re.fullmatch(r"'?\d{2}", text):
            return 2000 + int(text.lstrip("'"))
        if text in ("this year", "current year", "year", "this calendar year"):
            return self.need_ref(text).year
        if text in ("next year", "following year", "coming year"):
            return self.need_ref(text).year + 1
        raise DeadlineError(_unreadable(self.original))

    def period(self, text: str) -> Period:
        """One flat table of forms, tried in order; the first that matches wins."""
        text = text.strip()
        text = re.sub(r"^the ", "", text)
        if m := re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text):
            return Period(*[_day(*map(int, m.groups()))] * 2, "day")
        if m := re.fullmatch(r"(\d{4})-(\d{1,2})", text):
            return _month(_check_year(int(m.group(1))), _check_month(int(m.group(2))))
        if re.fullmatch(r"\d{4}|(?:calendar )?year \d{4}", text):
            return _year(_check_year(int(text[-4:])))
        if m := re.fullmatch(rf"({'|'.join(EVENT_YEARS)})(?: year)? (\d{{4}})", text):
            return _year(_check_year(int(m.group(2))))
        if m := re.fullmatch(r"(\d{3}0)s", text):
            start = _check_year(int(m.group(1)))
            return Period(date(start, 1, 1), date(start + 9, 12, 31), "multi-year")
        if text in ("decade", "this decade", "current decade"):
            start = self.need_ref(text).year // 10 * 10
            return Period(date(start, 1, 1), date(start + 9, 12, 31), "multi-year")
        if text in (
            "this year",
            "current year",
            "year",
            "next year",
            "following year",
            "coming year",
        ):
            return _year(self.year(text))
        if text in ("this month", "current month", "next month", "the month"):
            ref = self.need_ref(text)
            first = add_months(ref.replace(day=1), 1 if text == "next month" else 0)
            return _month(first.year, first.month)
        if text in ("this quarter", "current quarter", "next quarter"):
            ref = self.need_ref(text)
            first = add_months(
                date(ref.year, (ref.month - 1) // 3 * 3 + 1, 1), 3 * (text == "next quarter")
            )
            return _quarter(first.year, (first.month - 1) // 3 + 1)
        if text in ("this fiscal year", "current fiscal year", "next fiscal year", "fiscal year"):
            year = self.fiscal.containing(self.need_ref(text)) + (text.startswith("next"))
            return self.fiscal.period(year)
        if m := re.fullmatch(r"(?:fy|fiscal year|fiscal) ?'?(\d{4}|\d{2})(?:/'?\d{2,4})?", text):
            year = int(m.group(1))
            return self.fiscal.period(_check_year(year if year > 99 else 2000 + year))
        if m := re.fullmatch(r"(?:q([1-4])|([1-4])q)[ /-]?('?\d{2}|\d{4})", text):
            return _quarter(self.year(m.group(3)), int(m.group(1) or m.group(2)))
        if m := re.fullmatch(r"(?:q([1-4])|(\w+) quarter)(?: of)? (.+)", text):
            number = int(m.group(1)) if m.group(1) else ORDINALS.get(m.group(2), 0)
            if number:
                return _quarter(self.year(m.group(3)), number)
        if m := re.fullmatch(r"(?:h([12])|([12])h)[ /-]?('?\d{2}|\d{4})", text):
            return _half(self.year(m.group(3)), int(m.group(1) or m.group(2)))
        if m := re.fullmatch(r"(?:h([12])|(first|second|1st|2nd) half)(?: of)? (.+)", text):
            return _half(self.year(m.group(3)), int(m.group(1) or ORDINALS[m.group(2)]))
        if m := re.fullmatch(r"(?:year[- ]end|end[- ]year|end of year) (.+)", text):
            return _year(self.year(m.group(1)))
        if m := re.fullmatch(r"(?:end|close)(?: of |-| )(.+)", text):
            return self.period(m.group(1))
        if m := re.fullmatch(r"(early|late|mid|middle of)[- ](.+)", text):
            year = self.year(m.group(2))
            if m.group(1) == "early":
                return Period(date(year, 1, 1), date(year, 4, 30), "third")
            if m.group(1) == "late":
                return Period(date(year, 9, 1), date(year, 12, 31), "third")
            return Period(date(year, 1, 1), date(year, 6, 30), "half")
        if m := re.fullmatch(rf"({MONTH_RE})(?: of)?,? (\d{{4}}|{_RELATIVE_YEAR})", text):
            return _month(self.year(m.group(2)), MONTHS[m.group(1)])
        if text in MONTHS:
            ref = self.need_ref(text)
            year = ref.year if MONTHS[text] >= ref.month else ref.year + 1
            return _month(year, MONTHS[text])
        if m := re.fullmatch(
            r"(?:the )?(?:next |coming )?(\d+|[a-z]+) (day|week|month|year)s?", text
        ):
            count = int(m.group(1)) if m.group(1).isdigit() else NUMBER_WORDS.get(m.group(1))
            if count:
                ref = self.need_ref(text)
                return Period(ref, shift(ref, count, m.group(2)), _UNIT_PRECISION[m.group(2)])
        day = _explicit_day(text, self.original)
        if day is not None:
            return Period(day, day, "day")
        raise DeadlineError(_unreadable(self.original))


_RELATIVE_YEAR = r"(?:the )?(?:this|current|next|following|coming) year"
_UNIT_PRECISION = {"day": "day", "week": "day", "month": "month", "year": "year"}


def _explicit_day(text: str, original: str) -> date | None:
    """Written dates: '15 March 2026', 'March 15, 2026', '2026/03/15', '15.03.2026'."""
    suffix = r"(?:st|nd|rd|th)?"
    if m := re.fullmatch(rf"(\d{{1,2}}){suffix} (?:of )?({MONTH_RE}),? (\d{{4}})", text):
        return _day(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    if m := re.fullmatch(rf"({MONTH_RE}) (\d{{1,2}}){suffix},? (\d{{4}})", text):
        return _day(int(m.group(3)), MONTHS[m.group(1)], int(m.group(2)))
    if m := re.fullmatch(r"(\d{4})[/.](\d{1,2})[/.](\d{1,2})", text):
        return _day(*map(int, m.groups()))
    if m := re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text):
        first, second, year = map(int, m.groups())
        if first <= 12 and second <= 12 and first != second:
            raise DeadlineError(
                f"{original!r} is ambiguous (day/month or month/day?): write it as YYYY-MM-DD"
            )
        day, month = (first, second) if first > 12 or second <= 12 else (second, first)
        return _day(year, month, day)
    if re.search(r"\d{4}", text) and re.search(r"[a-z]{3}", text):
        return _dateutil_day(text, original)
    return None


def _dateutil_day(text: str, original: str) -> date | None:
    """Other written forms ('Monday, 16 March 2026'); only when day, month and year are all given.

    dateutil fills missing parts from a default (today, unless told otherwise), so the text is
    parsed against two different defaults: a part that differs between them was not written.
    """
    from dateutil import parser

    try:
        one = parser.parse(text, default=datetime(1904, 1, 1))
        two = parser.parse(text, default=datetime(1908, 2, 2))
    except (ValueError, OverflowError):
        return None
    if one.date() != two.date() or one.time() != datetime.min.time():
        return None
    return _day(one.year, one.month, one.day)


def _unreadable(original: str) -> str:
    words = re.findall(r"[a-z]+", normalise(original))
    unknown = [w for w in dict.fromkeys(words) if w not in KNOWN_WORDS]
    if not original.strip():
        return "the deadline is empty"
    if unknown:
        listed = ", ".join(repr(w) for w in unknown)
        plural = "s" * (len(unknown) > 1)
        return f"cannot read the deadline {original!r}: unknown word{plural} {listed}. {HINT}"
    return f"cannot read the deadline {original!r}: not a form track knows. {HINT}"


def _check_year(year: int) -> int:
    if not 1900 <= year <= 2200:
        raise DeadlineError(f"year {year} is out of range (1900-2200)")
    return year


def _check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise DeadlineError(f"month {month} does not exist")
    return month


def _day(year: int, month: int, day: int) -> date:
    try:
        return date(_check_year(year), month, day)
    except ValueError:
        raise DeadlineError(f"{year:04d}-{month:02d}-{day:02d} is not a real date") from None


def _month(year: int, month: int) -> Period:
    last = month_length(year, month)
    return Period(date(year, month, 1), date(year, month, last), "month")


def _quarter(year: int, quarter: int) -> Period:
    start = date(year, 3 * quarter - 2, 1)
    return Period(start, add_months(start, 3) - timedelta(days=1), "quarter")


def _half(year: int, half: int) -> Period:
    start = date(year, 6 * half - 5, 1)
    return Period(start, add_months(start, 6) - timedelta(days=1), "half")


def _year(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), "year")


def month_length(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def add_months(day: date, months: int) -> date:
    """Calendar month arithmetic that clamps to the month's last day (Jan 31 + 1 = Feb 28)."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    return date(year, month + 1, min(day.day, month_length(year, month + 1)))


def shift(day: date, count: int, unit: str) -> date:
    """`day` moved forward by count units (day, week, month, year)."""
    if unit == "day":
        return day + timedelta(days=count)
    if unit == "week":
        return day + timedelta(weeks=count)
    if unit == "month":
        return add_months(day, count)
    return add_months(day, 12 * count)


def parse_date(text: str, today: date) -> date:
    """A single day typed on the command line: ISO, written forms, 'today', 'yesterday'."""
    words = normalise(text)
    relative = {"today": 0, "now": 0, "yesterday": -1, "tomorrow": 1}
    if words in relative:
        return today + timedelta(days=relative[words])
    if not words:
        raise DeadlineError("the date is empty: give one like 2026-03-31")
    try:
        period = _Reader(today, JAPAN_FISCAL_YEAR, text).period(words)
    except DeadlineError as error:
        if not str(error).startswith("cannot read the deadline"):
            raise  # a real date that does not exist, an ambiguous one, a year out of range
        raise DeadlineError(f"cannot read the date {text!r}: write it as YYYY-MM-DD") from None
    if period.precision != "day":
        raise DeadlineError(f"{text!r} is not a single day: give one like {period.end.isoformat()}")
    return period.start


WINDOW_UNITS = {"d": "day", "w": "week", "m": "month", "y": "year"}


def parse_window(text: str) -> tuple[int, str]:
    """A look-ahead window such as '90d', '6w', '3m', '1y' or '90 days'."""
    m = re.fullmatch(r"(\d+)\s*(d|days?|w|weeks?|m|months?|y|years?)?", text.strip().lower())
    if not m:
        raise DeadlineError(f"cannot read the window {text!r}: write it like 90d, 6w, 3m or 1y")
    unit = WINDOW_UNITS[(m.group(2) or "d")[0]]
    return int(m.group(1)), unit
