"""Time phrases in an article, read by the deadline engine: the one place extraction asks it.

`time_phrases` is the seam for the time-expression tagger (tracker/timex): when it lands, its
`find_time_expressions(text, reference)` replaces the body of `time_phrases`, and nothing else in
extraction changes. Until then this finds the heads of time phrases (a year, a month, a number of
days to years, "this year", "the next five years" …), widens each to the left a word at a time,
and keeps the longest phrase that the engine reads (tracker/deadlines.py).

A phrase that plainly sets a deadline ("within the next week", "in the spring of 2023") but that
the engine cannot read is returned with `deadline=None`, so the proposal can say "deadline not
understood" instead of filing the pledge as open-ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from tracker.deadlines import Deadline, DeadlineError, resolve

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_NUMBER = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|a|an|few|several|coming|next"
)
_UNITS = r"days?|weeks?|months?|years?|decades?"
# The head of a time phrase: what the phrase is about. Words to its left are tried one by one.
_HEAD = re.compile(
    rf"(?<![\d.])(?:1[89]|2[01])\d{{2}}(?:[–-](?:1[89]|2[01])\d{{2}})?(?![\d])"
    rf"|\b(?:{_MONTHS})\b(?:\s+\d{{1,2}}\b)?(?:,?\s+(?:1[89]|2[01])\d{{2}}\b)?"
    r"(?:\s+of\s+(?:this|next|the same|that) year\b)?"
    rf"|\b(?:{_NUMBER})\s+(?:{_UNITS})\b"
    r"|\b(?:this|next|the|that) (?:week|month|year|decade)\b|\byear-end\b|\bend-year\b"
    r"|\bearly date\b|\bearliest (?:possible )?(?:opportunity|date)\b"
    r"|\b(?:spring|summer|autumn|fall|winter)\b|\bQ[1-4]\b|\bFY\s?\d{2,4}\b",
    re.IGNORECASE,
)
# A phrase must start with one of these to count as a deadline ("Vision 2025" does not).
_START = re.compile(
    r"(?:by|in|within|before|from|during|until|till|starting|beginning|set for|no later than|at"
    r"|later|early|mid|late|end|this|next|for|over|the coming|the next|ahead of|on|around)\b",
    re.IGNORECASE,
)
# Words that make a phrase a deadline even when the engine cannot read the rest of it.
_DEADLINE_WORDS = re.compile(
    r"(?:by|before|within|no later than|until|till|ahead of|in the (?:next|coming)"
    r"|in (?:early|mid|late)|(?:in|by|at) the end of|in the (?:spring|summer|autumn|fall|winter)"
    r"|later this|early next|by mid|in the (?:first|second) half)\b",
    re.IGNORECASE,
)
_RANGE = re.compile(r"(?:1[89]|2[01])\d{2}[–-](?:1[89]|2[01])\d{2}")
MAX_WORDS_BEFORE = 6
MAX_PHRASE = 80  # characters: a time phrase is short


@dataclass(frozen=True)
class TimePhrase:
    """A time phrase at text[start:end]; `deadline` is None when the engine cannot read it."""

    start: int
    end: int
    text: str
    deadline: Deadline | None
    needs_reference: bool = False  # relative, and no publication date was given

    @property
    def understood(self) -> bool:
        return self.deadline is not None


def time_phrases(text: str, reference: date | None) -> list[TimePhrase]:
    """Every time phrase in `text` that could set a deadline, in order (one per head)."""
    found: list[TimePhrase] = []
    for head in _HEAD.finditer(text):
        if found and head.start() < found[-1].end:
            continue
        phrase = _read(text, head.start(), head.end(), reference)
        if phrase is not None:
            found.append(phrase)
    return found


def _read(text: str, head_start: int, head_end: int, reference: date | None) -> TimePhrase | None:
    window = text[max(0, head_start - MAX_PHRASE) : head_start]
    offset = head_start - len(window)
    begins = [offset + m.start() for m in re.finditer(r"\S+", window)][-MAX_WORDS_BEFORE:]
    needs_reference = False
    unread: TimePhrase | None = None
    for begin in [*begins, head_start]:
        start, end = _strip(text, begin, head_end)
        phrase = text[start:end]
        if not phrase or not (_START.match(phrase) or _RANGE.fullmatch(phrase)):
            continue
        try:
            deadline = resolve(phrase, reference)
        except DeadlineError as error:
            if "reference date" in str(error):
                needs_reference = True
            elif unread is None and _DEADLINE_WORDS.match(phrase):
                unread = TimePhrase(start, end, phrase, None)
            continue
        return TimePhrase(start, end, phrase, deadline)
    if needs_reference:
        start, end = _strip(text, head_start, head_end)
        return TimePhrase(start, end, text[start:end], None, needs_reference=True)
    return unread


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without the punctuation and quote marks around a phrase."""
    junk = "(),;:“”\"'‘’[] \n\t"
    while start < end and text[start] in junk:
        start += 1
    while end > start and text[end - 1] in junk:
        end -= 1
    return start, end
