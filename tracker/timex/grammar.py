"""The rules: token patterns for the parts of a time expression, and the builders they feed.

A rule is a row of CORE_RULES: a pattern over tokens (literal words, or slots such as MONTH,
DAY, YEAR, WEEKDAY, NUM, UNIT) and a builder that turns the slots into a node. Operators
("by", "before", "from", "after"), modifiers ("early", "mid", "the end of") and ranges
("X to Y", "between X and Y") compose with every rule, so a form made of known parts needs no
new code.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from tracker.timex import calendar as cal
from tracker.timex import lexicon as lex
from tracker.timex import nodes as n
from tracker.timex.tokens import Token

Slots = dict[str, list[object]]
Builder = Callable[[Slots], n.Node]


# --- slots ---------------------------------------------------------------------------------


def _num(token: Token) -> int | None:
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?", token.norm)
    if m and token.kind == "num":
        return int(m.group(1))
    return None


def _month(tokens: list[Token], i: int) -> int | None:
    token = tokens[i]
    month = lex.MONTHS.get(token.norm)
    if month is None:
        return None
    if token.norm.rstrip(".") in lex.AMBIGUOUS_MONTHS and not token.text[:1].isupper():
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        before = tokens[i - 1].norm if i else ""
        if not (after and after.kind == "num") and before not in ("in", "by", "early", "late"):
            return None
    return month


SLOT_CACHE: dict[tuple[int, str, int], tuple[object, int] | None] = {}


def slot(name: str, tokens: list[Token], i: int) -> tuple[object, int] | None:
    """Match one slot at token i: (value, next index) or None (remembered for one scan)."""
    key = (id(tokens), name, i)
    if key not in SLOT_CACHE:
        SLOT_CACHE[key] = _slot(name, tokens, i)
    return SLOT_CACHE[key]


def _slot(name: str, tokens: list[Token], i: int) -> tuple[object, int] | None:
    if name == "BOUNDARY":  # zero width: the expression ends here, not inside a noun phrase
        return (None, i) if _boundary(tokens, i) else None
    if i >= len(tokens):
        return None
    token = tokens[i]
    norm = token.norm
    if name == "MONTH":
        month = _month(tokens, i)
        return (month, i + 1) if month else None
    if name == "DAY":
        value = _num(token)
        if value is not None and 1 <= value <= 31 and len(norm.rstrip("stndrh")) <= 2:
            return value, i + 1
        return None
    if name == "YEAR":
        if token.kind == "num" and re.fullmatch(r"\d{4}", norm) and 1000 <= int(norm) <= 2999:
            return int(norm), i + 1
        return None
    if name == "YY":
        return (int(norm), i + 1) if token.kind == "num" and re.fullmatch(r"\d{2}", norm) else None
    if name == "NUM":
        value = _num(token)
        if value is not None:
            return value, i + 1
        if norm in lex.NUMBERS:
            return lex.NUMBERS[norm], i + 1
        return None
    if name == "ORD":
        if norm in lex.ORDINALS:
            return lex.ORDINALS[norm], i + 1
        m = re.fullmatch(r"([1-5])(?:st|nd|rd|th)", norm)
        return (int(m.group(1)), i + 1) if m else None
    if name == "WEEKDAY":
        return (lex.WEEKDAYS[norm], i + 1) if norm in lex.WEEKDAYS else None
    if name == "SEASON":
        if norm in lex.SEASONS:
            if norm.startswith("fall") and not _season_context(tokens, i):
                return None
            return lex.SEASONS[norm], i + 1
        return None
    if name == "UNIT":
        unit = lex.UNITS.get(norm.rstrip("'").removesuffix("'s"))
        return (unit, i + 1) if unit else None
    if name == "REL":
        return (lex.RELATIVE[norm], i + 1) if norm in lex.RELATIVE else None
    if name == "DASH":
        return (norm, i + 1) if norm in ("-", "/") else None
    if name == "CODE":
        return (norm, i + 1) if token.kind == "code" else None
    if name == "ISO":
        return (norm, i + 1) if token.kind in ("iso", "numdate", "ym") else None
    if name == "EVENT":
        return (norm, i + 1) if norm in lex.EVENT_NAMES else None
    if name == "YEARX":
        return _year_spec(tokens, i)
    raise ValueError(name)


def _boundary(tokens: list[Token], i: int) -> bool:
    return i >= len(tokens) or tokens[i].kind == "punct" or tokens[i].norm in _AFTER_DAYS


_AFTER_DAYS = {"in", "of", "this", "next", "last", "at", "to", "and", "or", "when", "with"}


def _season_context(tokens: list[Token], i: int) -> bool:
    before = tokens[i - 1].norm if i else ""
    after = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        before in lex.RELATIVE
        or before in _SEASON_PREPOSITIONS  # "scheduled for fall", "by fall"; not "prices fall"
        or bool(after and after.kind == "num")
    )


_SEASON_PREPOSITIONS = {"the", "in", "by", "for", "until", "till", "before", "during", "early",
                        "late", "mid"}  # fmt: skip


_YEAR_WORDS = {"this": 0, "current": 0, "present": 0, "same": 0, "next": 1, "following": 1,
               "coming": 1, "last": -1, "previous": -1, "past": -1, "calendar": 0}  # fmt: skip


def _year_spec(tokens: list[Token], i: int) -> tuple[object, int] | None:
    """A year: 2026, this year, next year, last year, the year, the current year."""
    year = slot("YEAR", tokens, i)
    if year:
        return ("abs", year[0]), year[1]
    j = i + (1 if tokens[i].norm == "the" else 0)
    if j < len(tokens) and tokens[j].norm in _YEAR_WORDS:
        offset = _YEAR_WORDS[tokens[j].norm]
        k = j + 1
        if k < len(tokens) and tokens[k].norm == "calendar":
            k += 1
        if k < len(tokens) and tokens[k].norm in ("year", "year's"):
            return ("rel", offset), k + 1
        return None
    if j > i and j < len(tokens) and tokens[j].norm in ("year", "year's"):
        named = slot("YEAR", tokens, j + 1)  # "the second half of the year 2026"
        if named:
            return ("abs", named[0]), named[1]
        return ("rel", 0), j + 1
    return None


# --- patterns ------------------------------------------------------------------------------


Item = tuple[bool, str, frozenset[str], bool]  # is a slot, slot name, literal words, optional


def compile_pattern(pattern: list[str]) -> tuple[Item, ...]:
    items = []
    for raw in pattern:
        optional = raw.endswith("?")
        word = raw.rstrip("?")
        items.append((word.isupper(), word, frozenset(word.split("|")), optional))
    return tuple(items)


def first_keys(items: tuple[Item, ...]) -> set[str]:
    """What the first token of a match can be: literal words, or "@SLOT"."""
    keys: set[str] = set()
    for is_slot, name, words, optional in items:
        keys |= {"@" + name} if is_slot else set(words)
        if not optional:
            break
    return keys


def match(pattern: tuple[Item, ...], tokens: list[Token], i: int) -> list[tuple[Slots, int]]:
    """All ways `pattern` matches from token i, longest first."""
    results: list[tuple[Slots, int]] = []

    def walk(p: int, k: int, slots: Slots) -> None:
        if p == len(pattern):
            results.append(({key: list(v) for key, v in slots.items()}, k))
            return
        is_slot, name, words, optional = pattern[p]
        if is_slot:
            got = slot(name, tokens, k)
            if got is not None:
                slots.setdefault(name, []).append(got[0])
                walk(p + 1, got[1], slots)
                slots[name].pop()
        elif k < len(tokens) and tokens[k].norm in words:
            slots.setdefault("_words", []).append(tokens[k].norm)
            walk(p + 1, k + 1, slots)
            slots["_words"].pop()
        if optional:
            walk(p + 1, k, slots)

    walk(0, i, {})
    results.sort(key=lambda r: -r[1])
    return results


# --- builders ------------------------------------------------------------------------------


def _year_of(spec: object) -> tuple[int | None, int]:
    kind, value = spec  # type: ignore[misc]
    return (value, 0) if kind == "abs" else (None, value)


def _day(s: Slots) -> n.Node:
    month, day = s["MONTH"][0], s["DAY"][0]
    if "YEAR" in s:
        year = s["YEAR"][0]
        return n.Lazy(lambda: cal.day_interval(cal.real_day(year, month, day)))  # type: ignore[arg-type]
    return n.FloatDay(month, day)  # type: ignore[arg-type]


def _day_range(s: Slots) -> n.Node:
    month, (first, last) = s["MONTH"][0], s["DAY"]
    node: n.Node = n.Range(n.FloatDay(month, first), n.FloatDay(month, last))  # type: ignore[arg-type]
    if "YEAR" in s:
        node = n.Qualified(node, year=s["YEAR"][0])  # type: ignore[arg-type]
    return node


def _month_year(s: Slots) -> n.Node:
    return n.Lazy(lambda: cal.month_interval(s["YEAR"][0], s["MONTH"][0]))  # type: ignore[arg-type]


def _month_or_month(s: Slots) -> n.Node:
    """ "May/June 2020": one month or the other; the later bounds the deadline."""
    first, second = s["MONTH"]
    node: n.Node = n.Either(n.FloatMonth(first), n.FloatMonth(second))  # type: ignore[arg-type]
    return n.Qualified(node, year=s["YEAR"][0]) if "YEAR" in s else node  # type: ignore[arg-type]


def _in_year(build: Callable[[int], cal.Interval]) -> Callable[[Slots], n.Node]:
    def builder(s: Slots) -> n.Node:
        if "YEARX" not in s:
            return n.InYear(build, None, 0)
        year, offset = _year_of(s["YEARX"][0])
        return n.InYear(build, year, offset)

    return builder


def _quarter(s: Slots) -> n.Node:
    q = s["ORD"][0] if "ORD" in s else 0
    return _in_year(lambda y: cal.quarter_interval(y, 4 if q == -1 else q))(s)  # type: ignore[operator]


def _half(s: Slots) -> n.Node:
    h = s["ORD"][0] if "ORD" in s else 0
    return _in_year(lambda y: cal.half_interval(y, 2 if h == -1 else h))(s)  # type: ignore[operator]


def _first_months(s: Slots) -> n.Node:
    count = s["NUM"][0]
    last = "last" in s.get("_words", []) or "final" in s.get("_words", [])
    if not 1 <= count <= 12:  # type: ignore[operator]
        raise cal.TimexError(f"a year has no {count} months")
    grain = {3: "quarter", 4: "third", 6: "half"}.get(count, "month")  # type: ignore[call-overload]
    first, final = (13 - count, 12) if last else (1, count)  # type: ignore[operator]
    return _in_year(lambda y: cal.months_interval(y, first, final, grain))(s)


def _code(s: Slots) -> n.Node:
    """Q3 2026, 3Q26, H1 2026, 1H26, FY2026, the 2030s, '90s."""
    code = str(s["CODE"][0])
    year = s["YEAR"][0] if "YEAR" in s else None
    if m := re.fullmatch(r"([qh])(\d)", code):
        kind, number = m.group(1), int(m.group(2))
        if number > (4 if kind == "q" else 2) or number < 1:
            raise cal.TimexError(f"cannot read {code.upper()!r}: no such quarter or half")
    elif m := re.fullmatch(r"([1-4])([qh])(\d{2})", code):
        kind, number, year = m.group(2), int(m.group(1)), 2000 + int(m.group(3))
    elif m := re.fullmatch(r"fy(\d{2}|\d{4})?", code):
        digits = m.group(1) or (str(year) if year else "")
        if not digits:
            return n.Relative("fiscal", 0)
        value = int(digits)
        return n.Fiscal(value if value > 99 else 2000 + value)
    elif m := re.fullmatch(r"'?(\d{2,4})s", code):
        value = int(m.group(1))
        value = value if value > 99 else 1900 + value
        if value % 10:
            raise cal.TimexError(f"{code!r} is not a decade")
        return n.Lazy(lambda: cal.decade_interval(value))
    else:
        raise cal.TimexError(f"cannot read {code!r}")
    build = cal.quarter_interval if kind == "q" else cal.half_interval
    if year is None:
        return n.InYear(lambda y: build(y, number))
    return n.Lazy(lambda: build(year, number))  # type: ignore[arg-type]


def _iso(s: Slots) -> n.Node:
    text = str(s["ISO"][0])
    if m := re.fullmatch(r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})", text):
        y, mo, d = map(int, m.groups())
        return n.Lazy(lambda: cal.day_interval(cal.real_day(y, mo, d)))
    if m := re.fullmatch(r"(\d{1,2})[./](\d{1,2})[./](\d{4})", text):
        first, second, year = map(int, m.groups())
        if first <= 12 and second <= 12 and first != second:
            raise cal.TimexError(
                f"{text!r} is ambiguous (day/month or month/day?): write it as YYYY-MM-DD"
            )
        day, month = (first, second) if first > 12 or second <= 12 else (second, first)
        return n.Lazy(lambda: cal.day_interval(cal.real_day(year, month, day)))
    m = re.fullmatch(r"(\d{4})-(\d{1,2})", text)
    assert m
    y, mo = int(m.group(1)), int(m.group(2))
    if mo > 12 and mo == (y + 1) % 100:  # "2025-26": a two-year span, as fiscal years are written
        return n.Lazy(lambda: cal.Interval(cal.year_interval(y).start,
                                           cal.year_interval(y + 1).end, "multi-year", True))  # fmt: skip
    return n.Lazy(lambda: cal.month_interval(cal.check_year(y), mo))


def _fiscal(s: Slots) -> n.Node:
    year = s["YEAR"][0]
    if "YY" in s and s["YY"][0] != (year + 1) % 100:  # type: ignore[operator]
        raise cal.TimexError(f"fiscal year {year}/{s['YY'][0]} does not follow on")
    return n.Fiscal(year)  # type: ignore[arg-type]


def _relative(unit: str) -> Builder:
    def builder(s: Slots) -> n.Node:
        offset = s["REL"][0] if "REL" in s else 0
        return n.Relative(unit, offset)  # type: ignore[arg-type]

    return builder


def _relative_unit(s: Slots) -> n.Node:
    unit = s["UNIT"][0][0]  # type: ignore[index]
    offset = s["REL"][0] if "REL" in s else 0
    if unit == "fortnight":  # "the next fortnight" is fourteen days, not a calendar week
        way = "ahead" if offset >= 0 else "behind"
        return n.Span(14, "day", "day", way)
    return n.Relative(unit, offset)  # type: ignore[arg-type]


def _weekday(s: Slots) -> n.Node:
    return n.FloatWeekday(s["WEEKDAY"][0], s["REL"][0] if "REL" in s else None)  # type: ignore[arg-type]


def _weekend(s: Slots) -> n.Node:
    """Saturday to Sunday: "over the weekend" is over by the Sunday."""
    return n.Weekend(s["REL"][0] if "REL" in s else None)  # type: ignore[arg-type]


def _month_rel(s: Slots) -> n.Node:
    return n.FloatMonth(s["MONTH"][0], s["REL"][0] if "REL" in s else None)  # type: ignore[arg-type]


def _season(s: Slots) -> n.Node:
    node = n.FloatSeason(s["SEASON"][0], s["REL"][0] if "REL" in s else None)  # type: ignore[arg-type]
    if "YEARX" in s:
        year, offset = _year_of(s["YEARX"][0])
        return n.Qualified(node, year, offset)
    return node


def _nth_weekday(s: Slots) -> n.Node:
    year = s["YEAR"][0] if "YEAR" in s else None
    return n.NthWeekday(s["ORD"][0], s["WEEKDAY"][0], s["MONTH"][0], year)  # type: ignore[arg-type]


def _month_part(s: Slots, part: str) -> n.Node:
    nth = s["ORD"][0] if "ORD" in s else _ordinal(s)
    month: n.Node = n.FloatMonth(s["MONTH"][0])  # type: ignore[arg-type]
    if "YEAR" in s:
        month = n.Qualified(month, year=s["YEAR"][0])  # type: ignore[arg-type]
    return n.MonthPart(month, part, nth)  # type: ignore[arg-type]


def _year(s: Slots) -> n.Node:
    year = s["YEAR"][0]
    return n.Lazy(lambda: cal.year_interval(cal.check_year(year)))  # type: ignore[arg-type]


def _year_range(s: Slots) -> n.Node:
    first, yy = s["YEAR"][0], s["YY"][0]
    last = first // 100 * 100 + yy  # type: ignore[operator]
    left = n.Lazy(lambda: cal.year_interval(first))  # type: ignore[arg-type]
    return n.Range(left, n.Lazy(lambda: cal.year_interval(last)))


def _fixed(node: n.Node) -> Builder:
    return lambda s: node


def _holiday(rule: tuple[int, ...]) -> Builder:
    def builder(s: Slots) -> n.Node:
        node = n.FloatHoliday(rule)
        return n.Qualified(node, s["YEAR"][0]) if "YEAR" in s else node  # type: ignore[arg-type]

    return builder


def _year_end(s: Slots) -> n.Node:
    if "YEARX" in s:
        year, offset = _year_of(s["YEARX"][0])
        node: n.Node = n.InYear(cal.year_interval, year, offset)
    elif "YEAR" in s:
        node = _year(s)
    else:
        node = n.Relative("year", 0)
    return n.Modified("end", node)


_H = "first|second|1st|2nd|last|final"
_Q = "first|second|third|fourth|1st|2nd|3rd|4th|last|final"
CORE_RULES: list[tuple[list[str], Builder]] = [
    # written days
    (["ISO"], _iso),
    (["WEEKDAY?", ",?", "the?", "DAY", "of?", "MONTH", ",?", "YEAR?"], _day),
    (["WEEKDAY?", ",?", "MONTH", "the?", "DAY", ",?", "YEAR?"], _day),
    # "the next December 1": the coming one, as a day alone would be read
    (["the?", "REL", "MONTH", "the?", "DAY"], _day),
    # "in 2023, on December 1": the year, then the day in it
    (["YEAR", ",", "on?", "the?", "DAY", "of?", "MONTH"], _day),
    (["YEAR", ",", "on?", "MONTH", "the?", "DAY"], _day),
    # "this Friday, May 27": the written day says which Friday
    (["REL", "WEEKDAY", ",?", "the?", "DAY", "of?", "MONTH", ",?", "YEAR?"], _day),
    (["REL", "WEEKDAY", ",?", "MONTH", "the?", "DAY", ",?", "YEAR?"], _day),
    (["MONTH", "DAY", "DASH|to|through|-", "DAY", ",?", "YEAR?"], _day_range),
    (["MONTH", "DAY", "and", "DAY", ",", "YEAR"], _day_range),
    (["MONTH", "DAY", "and", "DAY", "BOUNDARY"], _day_range),
    (["the?", "DAY", "DASH|to|and|-", "DAY", "of?", "MONTH", ",?", "YEAR?"], _day_range),
    (["the?", "ORD", "WEEKDAY", "of|in", "MONTH", "YEAR?"], _nth_weekday),
    (["the?", "ORD", "week", "of|in", "MONTH", ",?", "YEAR?"], lambda s: _month_part(s, "week")),
    (["the?", _H, "half", "of", "MONTH", ",?", "YEAR?"], lambda s: _month_part(s, "half")),
    # months
    (["MONTH", "of?", ",?", "YEAR"], _month_year),
    (["MONTH", "/", "MONTH", ",?", "YEAR?"], _month_or_month),
    (["REL?", "MONTH"], _month_rel),
    # years and decades
    (["YEAR"], _year),
    (["the?", "calendar?", "year", "YEAR"], _year),
    (["YEARX"], lambda s: n.InYear(cal.year_interval, *_year_of(s["YEARX"][0]))),
    (["EVENT", "year?", "YEAR"], _year),
    (["YEAR", "DASH", "YY"], _year_range),
    (["the?", "CODE", "YEAR?"], _code),
    (
        ["the?", "this|current|present|next|coming|last|previous|past", "decade"],
        _relative("decade"),
    ),
    (["the", "decade"], _fixed(n.Relative("decade", 0))),
    # quarters, halves, thirds of a year
    (["the?", _Q, "quarter", "of?", "YEARX?"], lambda s: _quarter({**s, "ORD": [_ordinal(s)]})),
    (["the?", "ORD", "quarter", "of?", "YEARX?"], _quarter),
    (["the?", _H, "half", "of?", "YEARX?"], lambda s: _half({**s, "ORD": [_ordinal(s)]})),
    (["the?", _H, "semester", "of?", "YEARX?"], lambda s: _half({**s, "ORD": [_ordinal(s)]})),
    (["the?", "first|last|final", "NUM", "months", "of", "YEARX"], _first_months),
    (["the?", "first|last|final", "NUM", "months", "of", "the", "year"], _first_months),
    # fiscal years
    (["fy|fiscal|financial", "year?", "YEAR", "DASH?", "YY?"], _fiscal),
    (["fy", "YEAR"], _fiscal),
    (["the?", "YEAR", "fiscal|financial", "year"], _fiscal),
    (["the?", "REL?", "fiscal|financial", "year"], _relative("fiscal")),
    (
        ["the?", "fiscal|financial", "year", "starting|beginning|from", "on?", "MONTH", "DAY"],
        lambda s: n.FiscalFrom(n.FloatDay(s["MONTH"][0], s["DAY"][0])),
    ),  # type: ignore[arg-type]
    # relative to the reference date
    (["the?", "REL", "UNIT"], _relative_unit),
    (["the", "year|year's"], _fixed(n.Relative("year", 0))),
    (["the", "month"], _fixed(n.Relative("month", 0))),
    (["the", "week"], _fixed(n.Relative("week", 0))),
    (["today"], _fixed(n.Relative("day", 0))),
    (["tonight"], _fixed(n.Relative("day", 0))),
    (["tomorrow"], _fixed(n.Relative("day", 1))),
    (["yesterday"], _fixed(n.Relative("day", -1))),
    (["the", "day", "after", "tomorrow"], _fixed(n.Relative("day", 2))),
    (["the", "day", "before", "yesterday"], _fixed(n.Relative("day", -2))),
    (["year", "DASH?", "end", "YEARX?"], _year_end),
    (["end", "DASH?", "year", "YEAR?"], _year_end),
    (["the?", "year's|years'", "end"], _year_end),
    (["YEARX", "end"], _year_end),
    # weekdays, weekends, seasons, holidays
    (["REL?", "WEEKDAY"], _weekday),
    (["the", "weekend"], _weekend),
    (["REL", "weekend"], _weekend),
    (["REL?", "SEASON", "of?", "YEARX?"], _season),
    (["the", "SEASON", "of?", "YEARX?"], _season),
]
for words, rule in lex.HOLIDAYS.items():
    CORE_RULES.append(([*words, "YEAR?"], _holiday(rule)))


def _ordinal(s: Slots) -> int:
    words = [
        w for w in s.get("_words", []) if w in lex.ORDINALS or re.fullmatch(r"\d(st|nd|rd|th)", w)
    ]
    word = words[0]
    return lex.ORDINALS.get(word) or int(word[0])


# Year qualifiers that pin a floating period: "June 30 this year", "March 28 to 31 next year".
QUALIFIERS = [
    compile_pattern(["of?", ",?", "YEARX"]),
    compile_pattern(["in", "the", "next|following", "year"]),
]

SLOT_NAMES = ("MONTH", "DAY", "YEAR", "YY", "NUM", "ORD", "WEEKDAY", "SEASON", "UNIT", "REL",
              "DASH", "CODE", "ISO", "EVENT", "YEARX")  # fmt: skip
RULES = [(compile_pattern(pattern), build) for pattern, build in CORE_RULES]
RULE_INDEX: dict[str, list[int]] = {}
for _index, (_items, _) in enumerate(RULES):
    for _key in first_keys(_items):
        RULE_INDEX.setdefault(_key, []).append(_index)


def token_keys(tokens: list[Token], i: int) -> set[str]:
    """The literal word and every slot the token at i might fill (a superset: rules check)."""
    token = tokens[i]
    norm = token.norm
    keys = {norm}
    kind = token.kind
    if kind == "punct":
        if norm in ("-", "/"):
            keys.add("@DASH")
        return keys
    if kind == "num":
        digits = norm.rstrip("stndrh")
        keys.add("@NUM")
        if len(digits) <= 2:
            keys.update(("@DAY", "@YY", "@ORD"))
        elif len(digits) == 4:
            keys.update(("@YEAR", "@YEARX"))
        return keys
    if kind == "code":
        keys.add("@CODE")
        return keys
    if kind in ("iso", "numdate", "ym"):
        keys.add("@ISO")
        return keys
    for name, table in _WORD_SLOTS:
        if norm in table:
            keys.add(name)
    if norm.rstrip("'").removesuffix("'s") in lex.UNITS:
        keys.add("@UNIT")
    if norm in _YEAR_WORDS or norm == "the":
        keys.add("@YEARX")
    return keys


_WORD_SLOTS = (
    ("@MONTH", lex.MONTHS), ("@WEEKDAY", lex.WEEKDAYS), ("@SEASON", lex.SEASONS),
    ("@NUM", lex.NUMBERS), ("@ORD", lex.ORDINALS), ("@REL", lex.RELATIVE),
    ("@EVENT", lex.EVENT_NAMES),
)  # fmt: skip


_RULES_FOR: dict[frozenset[str], list[tuple[tuple[Item, ...], Builder]]] = {}


def rules_at(tokens: list[Token], i: int) -> list[tuple[tuple[Item, ...], Builder]]:
    """The rules whose first token can be this one, in table order (cached by token shape)."""
    keys = frozenset(k for k in token_keys(tokens, i) if k in RULE_INDEX)
    if keys not in _RULES_FOR:
        indices = sorted({x for key in keys for x in RULE_INDEX.get(key, ())})
        _RULES_FOR[keys] = [RULES[x] for x in indices]
    return _RULES_FOR[keys]


# --- phrases built from the parts ----------------------------------------------------------


@dataclass
class Parsed:
    node: n.Node | None
    end: int
    kind: str = "plain"  # plain, before, start, after, onward
    reason: str | None = None


def _phrases(table: list[str]) -> dict[str, list[list[str]]]:
    by_first: dict[str, list[list[str]]] = {}
    for phrase in table:
        words = phrase.replace("-", " - ").split() if phrase != "mid-" else ["mid", "-"]
        by_first.setdefault(words[0], []).append(words)
    for options in by_first.values():
        options.sort(key=len, reverse=True)
    return by_first


VAGUE = _phrases(lex.VAGUE)
CONTINUING = _phrases(lex.CONTINUING)
OPERATORS = {kind: _phrases(words) for kind, words in lex.OPERATORS.items()}
MODIFIERS = {kind: _phrases(words) for kind, words in lex.MODIFIERS.items()}
# Every operator in one table, longest first: first word -> [(words, kind)].
ANY_OPERATOR: dict[str, list[tuple[list[str], str]]] = {}
for _kind, _table in OPERATORS.items():
    for _first, _options in _table.items():
        ANY_OPERATOR.setdefault(_first, []).extend((words, _kind) for words in _options)
for _options in ANY_OPERATOR.values():
    _options.sort(key=lambda pair: -len(pair[0]))


def words_at(table: dict[str, list[list[str]]], tokens: list[Token], i: int) -> int:
    """Length in tokens of the longest phrase of `table` at token i (0 if none)."""
    if i >= len(tokens):
        return 0
    options = table.get(tokens[i].norm)
    if not options:
        return 0
    for words in options:
        size = len(words)
        if i + size <= len(tokens) and [t.norm for t in tokens[i : i + size]] == words:
            return size
    return 0


def operator_at(tokens: list[Token], i: int) -> tuple[int, str]:
    """The longest operator at token i: (its length in tokens, its kind), or (0, "")."""
    if i >= len(tokens):
        return 0, ""
    if tokens[i].norm == "post" and not _year_follows(tokens, i + 1):
        return 0, ""  # "post-2025", "post 2030"; but "the customs post this year" is a noun
    for words, kind in ANY_OPERATOR.get(tokens[i].norm, ()):
        size = len(words)
        if i + size <= len(tokens) and [t.norm for t in tokens[i : i + size]] == words:
            return size, kind
    return 0, ""


def _year_follows(tokens: list[Token], i: int) -> bool:
    if i < len(tokens) and tokens[i].norm == "-":
        i += 1
    return slot("YEAR", tokens, i) is not None
