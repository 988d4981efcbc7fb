"""Time phrases in an article, read by the time-expression tagger: extraction's one seam to it.

`time_phrases` asks `tracker.timex.find_time_expressions` once for the whole article (forward:
pledges look ahead) and keeps, as character spans into the article, the expressions that can
set a deadline:

- a bare year or "the YEAR" is left out: it names a plan ("Vision 2025", "the 2030 Agenda")
  more often than it sets a time;
- an expression that ends on or before the reference day is background (the meeting day, "on
  Thursday" in a wire dated that Thursday; "in 2019"), not a deadline, unless it is worded as
  one ("by 2020", "before …"): a pledge is not made for the past, so that reading is doubtful
  and is returned unread;
- a phrase that plainly sets a deadline ("within a few weeks") but that the tagger cannot read
  is returned with `deadline=None`, so the proposal can say "deadline not understood" instead
  of filing the pledge as open-ended.

Without a reference date the article is read against two far-apart days: an expression whose
reading changes with the day ("next year", "in March") is marked `needs_reference`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from tracker.deadlines import Deadline

_MONTHS = "january|february|march|april|may|june|july|august|september|october|november|december"
_NUMBER = (
    r"\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty"
    r"|a|an|few|several|coming|next"
)
_UNITS = r"days?|weeks?|months?|years?|decades?"
# Words that look like the head of a time phrase. Used only where the tagger read nothing: with
# a deadline word to their left they make a phrase shown as "deadline not understood".
_HEAD = re.compile(
    rf"(?<![\d.])(?:1[89]|2[01])\d{{2}}(?![\d])"
    rf"|\b(?:{_MONTHS})\b"
    rf"|\b(?:{_NUMBER})\s+(?:{_UNITS})\b"
    r"|\b(?:this|next|the|that) (?:week|month|year|decade)\b|\byear-end\b|\bend-year\b"
    r"|\b(?:spring|summer|autumn|fall|winter)\b|\bQ[1-4]\b|\bFY\s?\d{2,4}\b",
    re.IGNORECASE,
)
# Words that make a phrase a deadline even when the tagger cannot read the rest of it.
_DEADLINE_WORDS = re.compile(
    r"(?:by|before|within|no later than|until|till|ahead of|in the (?:next|coming)"
    r"|in (?:early|mid|late)|(?:in|by|at) the end of|in the (?:spring|summer|autumn|fall|winter)"
    r"|later this|early next|by mid|in the (?:first|second) half)\b",
    re.IGNORECASE,
)
# Worded as a deadline: read in the past, such a phrase is doubtful rather than background.
_DEADLINE_START = re.compile(r"(?:by|before|within|until|till|no later than)\b", re.IGNORECASE)
# A year alone, or ending "the YEAR": a name ("Vision 2025", "by the 1965 Treaty"), not a time.
_NAMED_YEAR = re.compile(r"(?:(?:.*\s)?the\s+)?(?:1[89]|2[01])\d{2}", re.IGNORECASE)
# …unless a target noun follows: "set a 2025 goalpost", "the 2030 target".
_TARGET_NOUN = re.compile(
    r"[\s-]+(?:target|goal|goalpost|deadline|timeline|timeframe|time-frame|target date)s?\b",
    re.IGNORECASE,
)
_WEEKDAY = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
# "The first talks in six years", "the highest level in a decade": a span counted back.
_COUNTED_BACK = re.compile(
    rf"in (?:over |more than |nearly |almost )?(?:{_NUMBER})\s+(?:{_UNITS})", re.I
)
_FIRST_IN = re.compile(
    r"\b(?:first|highest|lowest|largest|biggest|worst|best|longest|only)\b[^.;:]{0,50}$", re.I
)
# Background whatever the tagger reads: a weekday named alone is, in news, the day something
# happened ("On Thursday, leaders met"). The tagger itself marks looks back ("earlier this year",
# "last week") and does not read bare durations ("for 12 years") as time expressions.
_REPORTED_DAY = re.compile(
    rf"(?:(?:on|early|late|earlier|later)\s+)*(?:{_WEEKDAY})(?:['’]s)?"
    rf"(?:\s+(?:morning|afternoon|evening|night))?(?:\s*(?:,|and|or)\s*(?:on\s+)?{_WEEKDAY})*",
    re.IGNORECASE,
)
# Words before a weekday that make it a plan rather than a report ("will meet on Monday").
_FUTURE = re.compile(
    r"\b(?:will|shall|would|next|scheduled|set|due|expected|planned|upcoming|until)\b"
    r"|\bto (?!(?:the|a|an|his|her|their|its)\b)[a-z]",  # "to meet", not "a visit to Australia"
)
_SUPERSEDED = re.compile(
    r"\b(?:originally|initially|previously|earlier|first)\s+(?:\w+\s+)?"
    r"(?:planned|foreseen|scheduled|set|envisaged|expected|slated|due)\b",
    re.IGNORECASE,
)
_HAS_YEAR = re.compile(r"\d{4}|\b(?:next|this|coming|following)\b", re.IGNORECASE)
RECENT = timedelta(days=60)  # how long ago a date without a year may still be news
_JUNK = "(),;:“”\"'‘’[]—–- \n\t"
MAX_WORDS_BEFORE = 6
MAX_PHRASE = 80  # characters: a time phrase is short
# Two far-apart days to tell absolute expressions from relative ones when no date is known.
_PROBES = (date(1960, 1, 1), date(2160, 7, 1))


@dataclass(frozen=True)
class TimePhrase:
    """A time phrase at text[start:end]; `deadline` is None when it cannot be read as one."""

    start: int
    end: int
    text: str
    deadline: Deadline | None
    needs_reference: bool = False  # relative, and no publication date was given

    @property
    def understood(self) -> bool:
        return self.deadline is not None

    @property
    def dated(self) -> bool:
        return self.deadline is not None and self.deadline.due is not None


def time_phrases(text: str, reference: date | None) -> list[TimePhrase]:
    """Every time phrase in `text` that could set a deadline, in order, never overlapping."""
    from tracker.timex import find_time_expressions

    if reference is not None:
        tagged = [(e, False) for e in find_time_expressions(text, reference, "forward")]
    else:
        early, late = (find_time_expressions(text, day, "forward") for day in _PROBES)
        fixed = {(e.start, e.end, e.due, e.starts) for e in late}
        tagged = [(e, (e.start, e.end, e.due, e.starts) not in fixed) for e in early]
    found: list[TimePhrase] = []
    for expression, relative in tagged:
        start, end = _strip(text, expression.start, expression.end)
        phrase = text[start:end]
        if not phrase or expression.looks_back:
            continue
        if _NAMED_YEAR.fullmatch(phrase) and not _TARGET_NOUN.match(text, end):
            continue
        if _REPORTED_DAY.fullmatch(phrase) and not _planned(text, start):
            continue  # "On Thursday, leaders met": the day something happened
        if _COUNTED_BACK.fullmatch(phrase) and _FIRST_IN.search(text, max(0, start - 60), start):
            continue  # "the first talks in six years": counted back, not a deadline
        if relative:
            found.append(TimePhrase(start, end, phrase, None, needs_reference=True))
            continue
        due = expression.due
        if (
            reference is not None
            and due is not None
            and not _planned(text, start)
            and not _DEADLINE_START.match(phrase)
            and _just_past(phrase, due, reference)
        ):
            continue  # "in mid-October" in an article of 28 October: this October, not next
        if _superseded(text, start):
            continue  # "originally foreseen for the autumn": a date given up, not the deadline
        if reference is not None and due is not None and _past(text, start, due, reference):
            if _DEADLINE_START.match(phrase):
                found.append(TimePhrase(start, end, phrase, None))  # doubtful: not understood
            continue  # background: the meeting day, a past year
        deadline = Deadline(
            phrase, due, expression.starts, expression.precision, expression.open_ended_reason
        )
        found.append(TimePhrase(start, end, phrase, deadline))
    found = _joined(text, found)
    read = [(e.start, e.end) for e, _ in tagged]
    frames = _time_frames(text, reference, read)
    found += frames + _unread(text, sorted(read + [(p.start, p.end) for p in frames]))
    found.sort(key=lambda p: p.start)
    return found


def _joined(text: str, phrases: list[TimePhrase]) -> list[TimePhrase]:
    """A vague phrase followed by a date is one phrase: "at an early date in 2026"."""
    joined: list[TimePhrase] = []
    for phrase in phrases:
        last = joined[-1] if joined else None
        read = phrase.deadline
        if (
            last is not None
            and last.understood
            and not last.dated
            and read is not None
            and read.due is not None
            and not text[last.end : phrase.start].strip()
        ):
            words = text[last.start : phrase.end]
            deadline = Deadline(words, read.due, read.starts, read.precision, read.reason)
            joined[-1] = TimePhrase(last.start, phrase.end, words, deadline)
        else:
            joined.append(phrase)
    return joined


def _past(text: str, start: int, due: date, reference: date) -> bool:
    """Ended before the reference day; the day itself counts as past unless the words before
    plan it ("the Commission will present its report on 4 May", in a notice of 4 May)."""
    if due != reference:
        return due < reference
    before = re.split(r"[.!?\n]", text[max(0, start - 120) : start])[-1]
    return not _FUTURE.search(" ".join(before.split()[-12:]))


def _superseded(text: str, start: int) -> bool:
    """The words before give the date up ("originally foreseen for", "previously set for")."""
    return bool(_SUPERSEDED.search(" ".join(text[max(0, start - 60) : start].split()[-4:])))


def worded_as_deadline(text: str, phrase: TimePhrase) -> bool:
    """The phrase bounds a time ("by", "before", "within", …) or the words before plan it: what
    a sentence without a pledge of its own must show to lend its time to a pledge before it
    ("The work will be completed by March" does; "prepared over a year" does not)."""
    return bool(_DEADLINE_START.match(phrase.text)) or _planned(text, phrase.start)


def _planned(text: str, start: int) -> bool:
    """The words before a time phrase, in its sentence, speak of the future ("will meet on
    Monday", "will hold a summit meeting on Saturday")."""
    before = re.split(r"[.!?\n]", text[max(0, start - 80) : start])[-1]
    return bool(_FUTURE.search(" ".join(before.split()[-8:])))


def _just_past(phrase: str, due: date, reference: date) -> bool:
    """A date without a year that, read forward, lands most of a year ahead while read backward
    it ended weeks ago: the writer reports what just happened ("from 21-26 July", written in
    August), so it is background."""
    if due - reference < timedelta(days=300) or _HAS_YEAR.search(phrase):
        return False
    from tracker.timex import TimexError, read_phrase

    try:
        back = read_phrase(phrase, reference, "backward", strict=False)
    except TimexError:
        return False
    return back.due is not None and timedelta(0) <= reference - back.due <= RECENT


# "a 10-month deadline", "the nine-month timeframe": a span from the reference, named as a limit.
_TIME_FRAME = re.compile(
    rf"\b({_NUMBER})[- ]({_UNITS.replace('s?', '')})s?[- ](?:deadline|time-?frame|timeline|window)\b"
    # "within a two-month period", "have been given three months to"
    rf"|(?<=within )(?:a |the )?({_NUMBER})[- ]({_UNITS.replace('s?', '')})s?[- ]period\b"
    rf"|(?<=given )({_NUMBER})[- ]({_UNITS.replace('s?', '')})s?(?= to\b)",
    re.IGNORECASE,
)


def _time_frames(
    text: str, reference: date | None, read: list[tuple[int, int]]
) -> list[TimePhrase]:
    """Time frames set as a count of units ("a 10-month deadline"): due that long after the
    reference date, unless the tagger read the words already."""
    if reference is None:
        return []
    from tracker.timex import TimexError, read_phrase

    found = []
    for match in _TIME_FRAME.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in read):
            continue
        count, unit = [g for g in match.groups() if g is not None]
        try:
            read_as = read_phrase(f"within {count} {unit}s", reference)
        except TimexError:
            continue
        if read_as.due is None:
            continue
        phrase = match.group(0)
        deadline = Deadline(phrase, read_as.due, read_as.starts, read_as.precision, None)
        found.append(TimePhrase(match.start(), match.end(), phrase, deadline))
    return found


def _unread(text: str, read: list[tuple[int, int]]) -> list[TimePhrase]:
    """Phrases worded as deadlines around time words the tagger did not read."""
    found: list[TimePhrase] = []
    index = 0
    for head in _HEAD.finditer(text):
        while index < len(read) and read[index][1] <= head.start():
            index += 1
        if index < len(read) and read[index][0] < head.end():
            continue  # the tagger read it (or chose to leave it out)
        if found and head.start() < found[-1].end:
            continue
        window = text[max(0, head.start() - MAX_PHRASE) : head.start()]
        offset = head.start() - len(window)
        begins = [offset + m.start() for m in re.finditer(r"\S+", window)][-MAX_WORDS_BEFORE:]
        for begin in begins:
            start, end = _strip(text, begin, head.end())
            if _DEADLINE_WORDS.match(text, start) and not _crosses(text, start, end):
                found.append(TimePhrase(start, end, text[start:end], None))
                break
    return found


def _crosses(text: str, start: int, end: int) -> bool:
    """A phrase does not run across a sentence or clause end."""
    return any(mark in text[start:end] for mark in ".;:\n")


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets without the punctuation and quote marks around a phrase."""
    while start < end and text[start] in _JUNK:
        start += 1
    while end > start and (text[end - 1] in _JUNK or text[end - 1] == "."):
        end -= 1  # the sentence's full stop, read as part of "May." or "Sept."
    return start, end
