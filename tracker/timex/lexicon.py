"""The words the tagger knows, as data: a new word is a row here, not a new branch of code.

Resources in the spirit of HeidelTime's: month and weekday names, number words, ordinals,
seasons, units, the operators that say how a period bounds a deadline, the modifiers that pick
part of a period, and the vague phrases that give no time frame at all.
"""

from __future__ import annotations

_MONTHS = "january february march april may june july august september october november december"
MONTHS: dict[str, int] = {}
for _n, _name in enumerate(_MONTHS.split(), 1):
    MONTHS[_name] = _n
    MONTHS[_name[:3]] = _n
    MONTHS[_name[:3] + "."] = _n
MONTHS.update({"sept": 9, "sept.": 9, "sep.": 9})
# Month names that are also ordinary words: read as months only when capitalised or next to a
# day or a year ("they may agree" is not May).
AMBIGUOUS_MONTHS = {"may", "march", "mar", "jan", "jun", "aug", "august", "sep", "dec", "oct"}

_WEEKDAYS = "monday tuesday wednesday thursday friday saturday sunday"
WEEKDAYS: dict[str, int] = {}
for _n, _name in enumerate(_WEEKDAYS.split()):
    WEEKDAYS[_name] = _n
    WEEKDAYS[_name + "s"] = _n
    WEEKDAYS[_name + "'s"] = _n
    WEEKDAYS[_name[:3] + "."] = _n
WEEKDAYS.update({"tues.": 1, "thurs.": 3, "weds.": 2})

NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "forty-five": 45, "fifty": 50,
    "sixty": 60, "ninety": 90, "hundred": 100, "a hundred": 100,
}  # fmt: skip
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "last": -1, "final": -1,
}  # fmt: skip

# unit word -> (unit, precision of a span counted in it)
UNITS = {
    "day": ("day", "day"), "days": ("day", "day"), "week": ("week", "day"),
    "weeks": ("week", "day"), "fortnight": ("fortnight", "day"), "fortnights": ("fortnight", "day"),
    "month": ("month", "month"), "months": ("month", "month"), "quarter": ("quarter", "quarter"),
    "quarters": ("quarter", "quarter"), "year": ("year", "year"), "years": ("year", "year"),
    "decade": ("decade", "year"), "decades": ("decade", "year"),
}  # fmt: skip

SEASONS = {"spring": "spring", "summer": "summer", "autumn": "autumn", "fall": "autumn",
           "winter": "winter", "springtime": "spring", "summertime": "summer"}  # fmt: skip
SEASONS.update({s + "'s": v for s, v in list(SEASONS.items())})

# Fixed-date and rule-based holidays: (month, day) or (month, weekday, nth).
HOLIDAYS = {
    ("christmas",): (12, 25), ("christmas", "day"): (12, 25), ("christmas", "eve"): (12, 24),
    ("new", "year's", "day"): (1, 1), ("new", "year's", "eve"): (12, 31),
    ("labor", "day"): (9, 0, 1), ("labour", "day"): (9, 0, 1), ("thanksgiving",): (11, 3, 4),
    ("madaraka", "day"): (6, 1), ("europe", "day"): (5, 9), ("halloween",): (10, 31),
}  # fmt: skip

RELATIVE = {  # word before a unit, month, weekday or season -> offset from the current one
    "this": 0, "current": 0, "present": 0, "next": 1, "coming": 1, "following": 1,
    "upcoming": 1, "last": -1, "previous": -1, "past": -1, "prior": -1,
}  # fmt: skip

# How a period bounds the deadline: plain (its end), before (the day before it starts, or its
# end after "the end of"), start (starts with it, due at its end), after (starts after it).
# Operators that measure how long something lasts ("for 12 years", "during one day"): with a
# bare count they give a duration, not a deadline ("for at least 90 days" still bounds one).
DURATION_OPERATORS = {"for", "during"}
BOUNDING_WORDS = {"least", "up", "another", "further"}  # "for at least", "up to", "another"
# The possessive of a period names an event in it ("ahead of next year's summit"): "before"
# then bounds the event, so the deadline is the period's end, not the day before it starts.
POSSESSIVE_ENDINGS = ("'s", "s'")
# A period used as the name of an event in it ("before the March summit"): "before" then bounds
# the event, as with a possessive, and the event's name belongs to the phrase.
EVENT_NOUNS = frozenset([
    "summit", "summits", "meeting", "meetings", "visit", "visits", "talks", "election",
    "elections", "conference", "session", "sessions", "forum", "ministerial", "council",
])  # fmt: skip

OPERATORS = {
    "plain": [
        "by", "in", "on", "at", "during", "within", "for", "of", "through", "throughout",
        "until", "till", "til", "to", "up to", "up until", "no later than", "not later than",
        "as of", "as on", "as at", "set for", "scheduled for", "slated for", "due", "due by",
        "due in", "expected in", "around", "sometime in", "some time in", "at some point in",
        "over", "inside", "into", "on or before", "by or before", "latest by", "the",
        "dated", "held on", "as early as", "back in", "as late as", "the course of",
        "the entirety of", "during the course of", "later in", "earlier in", "for the",
        "sometime", "some time", "between", "the period", "the period of",
    ],
    "before": ["before", "prior to", "previous to", "ahead of"],
    "start": [
        "from", "starting", "starting from", "starting in", "starting on", "beginning",
        "beginning in", "beginning on", "beginning from", "commencing", "commencing on",
        "commencing from", "effective", "effective from", "with effect from", "as from",
        "from the", "starting with",
    ],
    "after": ["after", "beyond", "post"],
}  # fmt: skip

# Parts of a period, applied to whatever period follows.
MODIFIERS = {
    "early": ["early", "early in", "the beginning of", "beginning of",
              "the start of", "start of", "the early part of", "the first part of",
              "the outset of", "the dawn of"],
    "middle": ["mid", "mid-", "middle", "middle of", "the middle of", "the mid", "midway through",
               "the mid-point of", "the midpoint of"],
    "late": ["late", "late in", "the latter part of", "the later part of", "the last part of",
             "the tail end of", "the end part of"],
    "end": ["end", "end of", "the end of", "end-", "close of", "the close of", "the closing of",
            "end of the", "the very end of", "before the end of"],
    "same": ["later", "later in", "later on", "sometime", "some time", "noon", "midnight",
             "coming", "the coming", "the upcoming"],
    # A look back: the part of the period up to the reference day ("earlier this month").
    "earlier": ["earlier", "earlier in", "earlier on"],
    # The day before a day: "on the eve of December 8".
    "eve": ["the eve of", "eve of"],
}  # fmt: skip

TIME_OF_DAY = {"morning", "afternoon", "evening", "night", "noon", "midnight", "overnight",
               "tonight"}  # fmt: skip
EVENT_NAMES = {"apec", "asean", "expo", "g7", "g20", "cop", "olympics", "summit"}

OPEN_ENDED = "vague time frame"
# Phrases with no time frame at all (matched as whole word sequences; "*" is any one word).
VAGUE = [
    "soon", "shortly", "very soon", "pretty soon", "quite soon", "very quickly",
    "quickly", "promptly", "swiftly", "at an early date", "at the earliest date",
    "at the earliest date possible", "at the earliest possible date", "at an early time",
    "at the earliest opportunity", "the earliest opportunity", "at the earliest possible time",
    "the earliest possible time", "an early date", "early date", "in due course", "in due time",
    "in time", "at an appropriate time", "at the appropriate time", "an appropriate time",
    "at a later stage", "at a later date", "at a later time", "at a future date",
    "at some point", "at a convenient time", "at a convenient date",
    "at a mutually convenient date", "at a mutually convenient time", "a mutually convenient date",
    "at a time convenient to both sides", "at a date convenient to both sides",
    "at a mutually agreed date", "at a mutually agreed time", "through diplomatic channels",
    "within days", "within weeks", "within months", "within hours", "in the near future",
    "the near future", "in the foreseeable future", "in the future", "future",
    "in the short term", "in the medium term", "in the long term", "in the longer term",
    "in the short-to-medium term", "in the medium-to-long term", "in the near term",
    "short term", "medium term", "long term", "over time", "in the coming days",
    "in the coming weeks", "in the coming months", "in the coming years", "in the coming period",
    "in the coming time", "in the time ahead", "in the time to come", "the coming time",
    "in the days ahead", "in the weeks ahead", "in the months ahead", "in the years ahead",
    "in the days to come", "in the weeks to come", "in the months to come",
    "in the years to come", "in the upcoming days", "in the upcoming weeks",
    "in the upcoming months", "in the upcoming years", "in the upcoming days or weeks",
    "in the coming days or weeks", "in the coming weeks or months", "over the coming weeks",
    "over the coming months", "over the coming years", "in the next few days",
    "in the next few weeks", "in the next few months", "in the next few years",
    "within the next few days", "within the next few weeks", "within the next few months",
    "over the next few weeks", "over the next few months", "over the next few years",
    "in the next few hours", "in the next couple of months", "in the days and weeks ahead",
    "coming years", "coming months", "years ahead", "months ahead", "time ahead",
    "coming time", "coming period", "upcoming", "as soon as possible", "as soon as practicable",
    "as soon as feasible", "as soon as I can", "as soon as we can", "as quickly as possible",
    "as swiftly as possible", "as rapidly as possible", "as promptly as possible",
    "as early as possible", "as fast as possible", "as quickly as we can", "without delay",
    "at the earliest", "in a timely manner", "in a timely fashion", "on an ongoing basis",
    "sooner or later", "before long", "in a matter of days", "in a matter of weeks",
    "a matter of days", "any day now", "one day", "someday", "eventually",
]  # fmt: skip
# "in the coming few days", "over the next several months": a few units ahead, no count given.
_A_FEW = [
    f"{how} the {ahead} {some} {unit}"
    for how in ("in", "within", "over", "during")
    for ahead in ("next", "coming", "following")
    for some in ("few", "several", "couple of")
    for unit in ("hours", "days", "weeks", "months", "years")
]
VAGUE = list(dict.fromkeys(VAGUE + _A_FEW))
CONTINUING = ["continue", "continuing", "ongoing", "continue to", "will continue"]

# Words the tagger accounts for: a phrase made only of these and time expressions is read whole.
FILLER = {
    "period", "deadline", "target", "date", "timeline", "timeframe", "time", "frame",
    "the", "a", "an", "and", "or", "at", "latest", "earlier", "onwards", "onward", "forward",
    "year", "calendar", "set", "for", "scheduled", "due", "expected", "planned",
}  # fmt: skip
