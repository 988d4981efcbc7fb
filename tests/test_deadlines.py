"""The deadline engine: a table of phrases as officials write them, the refusals, and properties."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.deadlines import DeadlineError, FiscalYear, parse_date, parse_window, resolve

APRIL_28 = date(2025, 4, 28)
JAN_15 = date(2026, 1, 15)

# phrase, reference date, expected due, expected starts, expected precision
VALID = [
    # the seeds' own phrases
    ("set for 2025", APRIL_28, "2025-12-31", None, "year"),
    ("by the end of 2025", APRIL_28, "2025-12-31", None, "year"),
    ("in 2026", APRIL_28, "2026-12-31", None, "year"),
    ("within this year", APRIL_28, "2025-12-31", None, "year"),
    ("APEC Year 2027", APRIL_28, "2027-12-31", None, "year"),
    ("Expo 2025", APRIL_28, "2025-12-31", None, "year"),
    ("from 2027", date(2025, 4, 24), "2027-12-31", "2027-01-01", "year"),
    ("at an early date in 2026", JAN_15, "2026-12-31", None, "year"),
    # explicit dates in common written forms
    ("2026-03-15", None, "2026-03-15", None, "day"),
    ("on 2026-03-15", None, "2026-03-15", None, "day"),
    ("15 March 2026", None, "2026-03-15", None, "day"),
    ("15th of March, 2026", None, "2026-03-15", None, "day"),
    ("March 15, 2026", None, "2026-03-15", None, "day"),
    ("Mar 15 2026", None, "2026-03-15", None, "day"),
    ("by 2026/03/15", None, "2026-03-15", None, "day"),
    ("31.03.2026", None, "2026-03-31", None, "day"),
    ("Monday, 16 March 2026", None, "2026-03-16", None, "day"),
    ("29 February 2028", None, "2028-02-29", None, "day"),
    # month and year
    ("by March 2026", None, "2026-03-31", None, "month"),
    ("February 2027", None, "2027-02-28", None, "month"),
    ("Sept 2026", None, "2026-09-30", None, "month"),
    ("2026-02", None, "2026-02-28", None, "month"),
    ("end of March 2026", None, "2026-03-31", None, "month"),
    ("by March", date(2025, 11, 3), "2026-03-31", None, "month"),
    ("March next year", APRIL_28, "2026-03-31", None, "month"),
    # years
    ("2026", None, "2026-12-31", None, "year"),
    ("in the year 2026", None, "2026-12-31", None, "year"),
    ("during 2026", None, "2026-12-31", None, "year"),
    ("no later than 2027", None, "2027-12-31", None, "year"),
    ("before 2026", None, "2025-12-31", None, "year"),
    # end of a period
    ("by end-2025", None, "2025-12-31", None, "year"),
    ("end 2025", None, "2025-12-31", None, "year"),
    ("year-end 2025", None, "2025-12-31", None, "year"),
    ("end of this year", APRIL_28, "2025-12-31", None, "year"),
    ("by the end of the year", APRIL_28, "2025-12-31", None, "year"),
    ("late 2025", None, "2025-12-31", None, "third"),
    ("later this year", APRIL_28, "2025-12-31", None, "year"),
    # early and mid
    ("early 2026", None, "2026-04-30", None, "third"),
    ("mid-2026", None, "2026-06-30", None, "half"),
    ("by mid-2026", None, "2026-06-30", None, "half"),
    ("mid 2026", None, "2026-06-30", None, "half"),
    # quarters
    ("Q3 2026", None, "2026-09-30", None, "quarter"),
    ("q1 2027", None, "2027-03-31", None, "quarter"),
    ("third quarter of 2026", None, "2026-09-30", None, "quarter"),
    ("by the third quarter of 2026", None, "2026-09-30", None, "quarter"),
    ("3Q26", None, "2026-09-30", None, "quarter"),
    ("4th quarter 2025", None, "2025-12-31", None, "quarter"),
    ("this quarter", APRIL_28, "2025-06-30", None, "quarter"),
    ("next quarter", date(2025, 11, 3), "2026-03-31", None, "quarter"),
    # halves
    ("H1 2026", None, "2026-06-30", None, "half"),
    ("1H26", None, "2026-06-30", None, "half"),
    ("first half of 2026", None, "2026-06-30", None, "half"),
    ("in the second half of 2026", None, "2026-12-31", None, "half"),
    ("second half of this year", APRIL_28, "2025-12-31", None, "half"),
    # relative to the reference date
    ("this year", APRIL_28, "2025-12-31", None, "year"),
    ("next year", APRIL_28, "2026-12-31", None, "year"),
    ("within six months", APRIL_28, "2025-10-28", None, "month"),
    ("within 90 days", APRIL_28, "2025-07-27", None, "day"),
    ("within two years", APRIL_28, "2027-04-28", None, "year"),
    ("in the next 12 months", APRIL_28, "2026-04-28", None, "month"),
    ("within three weeks", APRIL_28, "2025-05-19", None, "day"),
    ("within a fortnight", APRIL_28, "2025-05-12", None, "day"),
    ("this month", APRIL_28, "2025-04-30", None, "month"),
    ("next month", date(2025, 12, 5), "2026-01-31", None, "month"),
    # decades
    ("by the end of the decade", APRIL_28, "2029-12-31", None, "multi-year"),
    ("the 2030s", None, "2039-12-31", None, "multi-year"),
    # starts
    ("starting in 2026", None, "2026-12-31", "2026-01-01", "year"),
    ("beginning April 2026", None, "2026-04-30", "2026-04-01", "month"),
    ("from Q2 2026", None, "2026-06-30", "2026-04-01", "quarter"),
    # ranges
    ("2025–2030", None, "2030-12-31", "2025-01-01", "multi-year"),
    ("2025-2030", None, "2030-12-31", "2025-01-01", "multi-year"),
    ("during 2025 — 2030", None, "2030-12-31", "2025-01-01", "multi-year"),
    ("between 2026 and 2028", None, "2028-12-31", "2026-01-01", "multi-year"),
    ("from 2025 to 2030", None, "2030-12-31", "2025-01-01", "multi-year"),
    ("in the 2026-2030 period", None, "2030-12-31", "2026-01-01", "multi-year"),
    # Japanese fiscal years
    ("FY2026", None, "2027-03-31", "2026-04-01", "year"),
    ("fiscal year 2026", None, "2027-03-31", "2026-04-01", "year"),
    ("by fiscal year 2026", None, "2027-03-31", "2026-04-01", "year"),
    ("FY 2026/27", None, "2027-03-31", "2026-04-01", "year"),
    ("this fiscal year", APRIL_28, "2026-03-31", "2025-04-01", "year"),
    ("this fiscal year", date(2025, 2, 1), "2025-03-31", "2024-04-01", "year"),
]

OPEN_ENDED = [
    ("at an early date", "vague time frame"),
    ("at the earliest opportunity", "vague time frame"),
    ("soon", "vague time frame"),
    ("in the years ahead", "vague time frame"),
    ("in the coming years", "vague time frame"),
    ("in the near future", "vague time frame"),
    ("upcoming", "vague time frame"),
    ("", "no time frame"),
    ("continue", "continuing pledge, no time frame"),
]

INVALID = [
    ("by soonish 2026", "'soonish'"),
    ("2026-02-30", "not a real date"),
    ("30 February 2026", "not a real date"),
    ("03/04/2026", "ambiguous"),
    ("Q5 2026", "cannot read"),
    ("H3 2026", "cannot read"),
    ("2030-2025", "ends before it starts"),
    ("this year", "reference date"),  # relative, but no reference date given
    ("within six months", "reference date"),
    ("by the end of the decade", "reference date"),
    ("year 3000", "out of range"),
    ("whenever", "'whenever'"),
    ("tomorrow-ish", "cannot read"),
    ("2026-13", "month 13"),
]


@pytest.mark.parametrize(("phrase", "ref", "due", "starts", "precision"), VALID)
def test_phrase_resolves(
    phrase: str, ref: date | None, due: str, starts: str | None, precision: str
):
    deadline = resolve(phrase, ref)
    assert deadline.due == date.fromisoformat(due)
    assert deadline.starts == (date.fromisoformat(starts) if starts else None)
    assert deadline.precision == precision
    assert not deadline.open_ended
    assert deadline.phrase == phrase.strip()


def test_table_covers_at_least_sixty_phrases():
    assert len(VALID) + len(OPEN_ENDED) >= 60


@pytest.mark.parametrize(("phrase", "reason"), OPEN_ENDED)
def test_vague_phrases_are_open_ended(phrase: str, reason: str):
    deadline = resolve(phrase, APRIL_28)
    assert deadline.open_ended
    assert deadline.due is None and deadline.precision is None
    assert deadline.reason == reason


@pytest.mark.parametrize(("phrase", "message"), INVALID)
def test_unreadable_phrases_are_errors_naming_the_problem(phrase: str, message: str):
    with pytest.raises(DeadlineError) as error:
        resolve(phrase, None)
    assert message in str(error.value)


def test_bare_year_is_never_read_as_today_in_that_year():
    # dateutil's parse("2026") would give today's month and day; the engine gives the year's end.
    assert resolve("2026").due == date(2026, 12, 31)
    assert resolve("2026").precision == "year"


def test_other_fiscal_years_can_be_chosen():
    us = FiscalYear(start_month=10, named_by="end")
    assert resolve("FY2026", fiscal=us).due == date(2026, 9, 30)
    calendar_year = FiscalYear(start_month=1)
    assert resolve("FY2026", fiscal=calendar_year).due == date(2026, 12, 31)


def test_parse_date_accepts_written_forms_and_refuses_periods():
    today = date(2026, 11, 23)
    assert parse_date("2026-01-01", today) == date(2026, 1, 1)
    assert parse_date("1 Jan 2026", today) == date(2026, 1, 1)
    assert parse_date("yesterday", today) == date(2026, 11, 22)
    with pytest.raises(DeadlineError, match="not a single day"):
        parse_date("March 2026", today)
    with pytest.raises(DeadlineError, match="not a real date"):
        parse_date("2025-02-30", today)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("90d", (90, "day")), ("6w", (6, "week")), ("3m", (3, "month")), ("1y", (1, "year")),
     ("90 days", (90, "day")), ("30", (30, "day"))],
)  # fmt: skip
def test_windows(text: str, expected: tuple[int, str]):
    assert parse_window(text) == expected


def test_bad_window_is_an_error():
    with pytest.raises(DeadlineError, match="90d"):
        parse_window("soon")


# --- properties -----------------------------------------------------------------------------

years = st.integers(min_value=1990, max_value=2150)
refs = st.dates(min_value=date(1990, 1, 1), max_value=date(2150, 12, 31))
MONTH_NAMES = ["January", "Feb", "March", "april", "MAY", "June", "Jul", "August", "Sept", "Oct"]


@st.composite
def absolute_phrases(draw: st.DrawFn) -> str:
    year = draw(years)
    other = draw(st.integers(min_value=year, max_value=2150))
    forms = [
        f"in {year}", f"by end-{year}", f"by the end of {year}", f"early {year}", f"mid-{year}",
        f"late {year}", f"Q{draw(st.integers(1, 4))} {year}", f"H{draw(st.integers(1, 2))} {year}",
        f"first half of {year}", f"by {draw(st.sampled_from(MONTH_NAMES))} {year}",
        f"from {year}", f"starting in {year}", f"{year}–{other}", f"between {year} and {other}",
        f"FY{year}", f"fiscal year {year}", f"{year}-{draw(st.integers(1, 12)):02d}",
        f"before {year}",
    ]  # fmt: skip
    return draw(st.sampled_from(forms))


@given(absolute_phrases(), refs, refs)
def test_absolute_phrases_do_not_depend_on_the_reference_date(phrase: str, one: date, two: date):
    assert resolve(phrase, one) == resolve(phrase, two) == resolve(phrase, None)


@given(absolute_phrases(), refs)
def test_starts_never_after_due(phrase: str, ref: date):
    deadline = resolve(phrase, ref)
    assert deadline.due is not None
    assert deadline.starts is None or deadline.starts <= deadline.due


RELATIVE = [
    "this year", "within this year", "next year", "end of this year", "within six months",
    "within 90 days", "within two years", "this quarter", "next month", "by the end of the decade",
    "this fiscal year", "second half of this year",
]  # fmt: skip


@given(
    st.sampled_from(RELATIVE), st.dates(min_value=date(1990, 1, 1), max_value=date(2140, 12, 31))
)
def test_relative_phrases_depend_only_on_the_reference_date(phrase: str, ref: date):
    first, again = resolve(phrase, ref), resolve(phrase, ref)
    assert first == again
    assert first.due is not None and first.due >= ref
    assert first.starts is None or first.starts <= first.due


def test_deadline_command_text_and_json():
    from helpers import run

    text = run("deadline", "within this year", "--ref", "2025-04-28")
    assert text.exit_code == 0
    assert "2025-12-31 (inclusive; precision: year)" in text.stdout
    data = run("deadline", "FY2026", "--format", "json").json()
    assert data == {
        "phrase": "FY2026",
        "due": "2027-03-31",
        "starts": "2026-04-01",
        "precision": "year",
        "open_ended": False,
        "reason": None,
    }
    us = run("deadline", "FY2026", "--fiscal-start", "10", "--fiscal-named-by", "end", "-f", "json")
    assert us.json()["due"] == "2026-09-30"
    vague = run("deadline", "at an early date")
    assert "open-ended (vague time frame); never overdue" in vague.stdout
