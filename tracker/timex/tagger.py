"""Find every time expression in a text and read it against a reference date and a direction."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

from tracker.timex import grammar as g
from tracker.timex import lexicon as lex
from tracker.timex import nodes as n
from tracker.timex.calendar import JAPAN_FISCAL_YEAR, FiscalYear, Interval
from tracker.timex.errors import TimexError
from tracker.timex.tokens import Token, tokenize

Direction = Literal["forward", "backward"]
STARTS_ONLY = "starts only: no end date"


@dataclass(frozen=True)
class TimeExpression:
    """One time expression: where it is in the text and what it means.

    `start`/`end` are character offsets into the text given (text[start:end] == self.text).
    `due` is the inclusive last day; `starts` the first day when the words give one ("from
    2027", a range, a fiscal year); `precision` the grain of the period (day, week, third,
    month, quarter, half, year, multi-year). Open-ended expressions have `due` None and say
    why in `open_ended_reason`. `looks_back` marks words that report the past whatever the
    direction ("earlier this month", "last week", "two years ago"): background, not a deadline.
    """

    start: int
    end: int
    text: str
    due: date | None
    starts: date | None
    precision: str | None
    open_ended_reason: str | None
    direction: Direction
    looks_back: bool = False

    @property
    def open_ended(self) -> bool:
        return self.due is None


@dataclass
class _Candidate:
    node: n.Node | None
    begin: int  # token indices [begin, end)
    end: int
    kind: str = "plain"
    reason: str | None = None


class _Failing(n.Node):
    def __init__(self, error: TimexError) -> None:
        self.error = error

    def eval(self, env: n.Env, year: int | None = None) -> Interval:
        raise self.error


# --- parsing -------------------------------------------------------------------------------

_STARTERS = {key for key in g.RULE_INDEX if not key.startswith("@")}
_STARTERS |= {k for table in (g.VAGUE, *g.OPERATORS.values(), *g.MODIFIERS.values()) for k in table}
_STARTERS |= set(lex.MONTHS) | set(lex.WEEKDAYS) | set(lex.SEASONS) | set(lex.RELATIVE)
_STARTERS |= set(lex.NUMBERS) | set(lex.EVENT_NAMES) | {"at", "least", "the", "year", "end"}


def _can_start(token: Token) -> bool:
    return token.kind != "word" or token.norm in _STARTERS


# A time expression always contains one of these (or a number, a code, a written date): the
# tagger only parses near them, so ordinary prose costs a set look-up per word.
_FUNCTION_WORDS = {
    "the", "of", "to", "and", "in", "on", "at", "a", "an", "or", "by", "for", "as", "from",
    "with", "is", "be", "we", "i", "can", "than", "up", "over", "into", "next", "last", "this",
    "that", "it", "set", "due", "some", "more", "less", "about", "another", "further", "both",
    "sides", "after", "before", "until", "through", "between", "during", "within", "later",
    "early", "late", "end", "mid", "middle", "coming", "current", "following", "previous",
    "past", "present", "beginning", "start", "close", "same", "one",
}  # fmt: skip
_ANCHORS = (
    set(lex.MONTHS) | set(lex.WEEKDAYS) | set(lex.SEASONS) | set(lex.UNITS)
    | {u + "'" for u in lex.UNITS} | {phrase.split()[-1] for phrase in lex.VAGUE}
    | {"ago", "today", "tomorrow", "yesterday", "tonight", "fy", "fiscal", "financial",
       "semester", "year's", "years'", "noon", "midnight", "christmas", "thanksgiving",
       "halloween", "weekend"}
) - _FUNCTION_WORDS  # fmt: skip
_REACH = 8  # tokens an expression may run before its anchor ("no later than the end of ...")


def _near_anchor(tokens: list[Token]) -> list[bool]:
    anchored = [
        t.norm in _ANCHORS
        if t.kind == "word"
        else t.kind in ("code", "iso", "numdate", "ym") or (t.kind == "num" and len(t.norm) == 4)
        for t in tokens
    ]
    near = [False] * len(tokens)
    last = -1
    for i in range(len(tokens) - 1, -1, -1):
        if anchored[i]:
            last = i
        near[i] = last != -1 and last - i <= _REACH
    return near


_MEMO: dict[tuple[int, int, int], list[tuple[n.Node, int]]] = {}


def _forget() -> None:
    """Caches hold one scan's token list (keyed by its id): empty them between scans."""
    _MEMO.clear()
    g.SLOT_CACHE.clear()


def _period(tokens: list[Token], i: int, depth: int = 0) -> list[tuple[n.Node, int]]:
    """Periods starting at token i, longest first: modifiers over a core, with qualifiers."""
    if i >= len(tokens) or depth > 3 or not _can_start(tokens[i]):
        return []
    key = (id(tokens), i, depth)
    if key not in _MEMO:
        _MEMO[key] = _period_at(tokens, i, depth)
    return _MEMO[key]


def _period_at(tokens: list[Token], i: int, depth: int) -> list[tuple[n.Node, int]]:
    found: list[tuple[n.Node, int]] = []
    for how, table in g.MODIFIERS.items():
        length = g.words_at(table, tokens, i)
        if length:
            for child, end in _period(tokens, i + length, depth + 1)[:1]:
                found.append((n.Modified(how, child), end))
    for pattern, build in g.rules_at(tokens, i):
        matches = g.match(pattern, tokens, i)
        if not matches:
            continue
        slots, end = matches[0]
        while end > i + 1 and tokens[end - 1].norm in (",", "."):
            end -= 1  # an optional comma that led nowhere ("on April 27, the leaders") is not ours
        try:
            node = build(slots)
        except TimexError as error:
            node = _Failing(error)
        found.append((node, end))
    found = [_extend(tokens, node, end, depth) for node, end in found]
    found.sort(key=lambda pair: -pair[1])
    return found


def _extend(tokens: list[Token], node: n.Node, end: int, depth: int) -> tuple[n.Node, int]:
    """Qualifiers ("this year"), times of day, a date in brackets, "ends"."""
    if node.floating:
        for pattern in g.QUALIFIERS:
            matches = g.match(pattern, tokens, end)
            if matches:
                slots, after = matches[0]
                if "YEARX" in slots:
                    kind, value = slots["YEARX"][0]  # type: ignore[misc]
                    if kind == "abs":
                        node = n.Qualified(node, year=value)
                    else:
                        node = n.Qualified(node, offset=value)
                else:
                    node = n.Qualified(node, offset=1)
                end = after
                break
    while end < len(tokens) and tokens[end].norm in lex.TIME_OF_DAY:
        end += 1
    if end + 1 < len(tokens) and tokens[end].norm == "(" and depth < 2:
        inner = _period(tokens, end + 1, depth + 1)
        if inner and inner[0][1] < len(tokens) and tokens[inner[0][1]].norm == ")":
            node, end = n.Aside(node, inner[0][0]), inner[0][1] + 1
    if end < len(tokens) and tokens[end].norm in ("ends", "closes", "is over", "runs out"):
        node, end = n.Modified("end", node), end + 1
    return node, end


def _duration(tokens: list[Token], i: int) -> tuple[float, tuple[str, str], int] | None:
    """A count of units: "six months", "90 days", "a fortnight", "two and a half years"."""
    k = i
    while k < len(tokens) and tokens[k].norm in ("at", "least", "up", "to", "another", "further",
                                                  "some", "more", "than", "less", "about"):  # fmt: skip
        k += 1
    if k < len(tokens) and tokens[k].norm in ("few", "several", "couple"):
        return None
    count = g.slot("NUM", tokens, k)
    if count is None:
        unit = g.slot("UNIT", tokens, k)
        if unit and unit[0][0] == "fortnight":  # type: ignore[index]
            return 1, unit[0], unit[1]  # type: ignore[return-value]
        return None
    value: float = count[0]  # type: ignore[assignment]
    k = count[1]
    if [t.norm for t in tokens[k : k + 1]] == ["("] and [t.norm for t in tokens[k + 2 : k + 3]] == [
        ")"
    ]:
        k += 3  # "fifteen (15) days": the figure repeats the word
    if [t.norm for t in tokens[k : k + 3]] == ["and", "a", "half"]:
        value, k = value + 0.5, k + 3
    if k + 1 < len(tokens) and tokens[k].norm in ("to", "or", "-"):
        upper = g.slot("NUM", tokens, k + 1)  # "three to five years": the longest it allows
        if upper is not None and upper[0] > value:  # type: ignore[operator]
            value, k = upper[0], upper[1]  # type: ignore[assignment]
    if k < len(tokens) and tokens[k].norm == "-":
        k += 1
    unit = g.slot("UNIT", tokens, k)
    if unit is None:
        return None
    k = unit[1]
    if k + 1 < len(tokens) and tokens[k].norm == "or":
        upper = g.slot("NUM", tokens, k + 1)  # "within a year or two"
        if upper is not None and upper[0] > value and g.slot("UNIT", tokens, upper[1]) is None:  # type: ignore[operator]
            return upper[0], unit[0], upper[1]  # type: ignore[return-value]
    return value, unit[0], k  # type: ignore[return-value]


_SPAN_OPS = {"within", "in", "over", "during", "for", "inside"}
_AHEAD_OPS = {"within", "in", "over", "for", "inside", "during", "after", "beyond", "by", "of"}


def _span(tokens: list[Token], i: int, op_words: list[str]) -> tuple[n.Node, int, str] | None:
    """Spans counted from the reference date: within N, the next N, the last N, N ago."""
    k = i
    way = None
    if k < len(tokens) and tokens[k].norm == "the":
        k += 1
    if k < len(tokens) and tokens[k].norm in ("next", "coming", "following", "first"):
        way, k = "ahead", k + 1
    elif k < len(tokens) and tokens[k].norm in ("last", "past", "previous"):
        way, k = "behind", k + 1
    elif k > i:
        return None
    got = _duration(tokens, k)
    if got is None:
        # "within the next week", "over the past month": one unit counted from the reference
        # (bare "next week" is the calendar week; the preposition makes it a span).
        unit_slot = g.slot("UNIT", tokens, k) if way else None
        if unit_slot is None or not op_words or op_words[-1] not in _SPAN_OPS:
            return None
        if tokens[k].norm.endswith("s"):
            return None
        got = (1, unit_slot[0], unit_slot[1])  # type: ignore[assignment]
    count, (unit, precision), end = got  # type: ignore[misc]
    after = tokens[end].norm if end < len(tokens) else ""
    if after == "ago" and way is None:
        return n.Span(count, unit, "day", "ago"), end + 1, "plain"
    if after in ("time", "hence") or [t.norm for t in tokens[end : end + 2]] == ["from", "now"]:
        end += 1 if after != "from" else 2
        way = way or "ahead"
    if way is None:
        if not op_words or op_words[-1] not in _AHEAD_OPS:
            return None
        if op_words[-1] in lex.DURATION_OPERATORS and not _bounding(tokens, k):
            return None  # "for 12 years", "during one day": how long, not by when
        way = "ahead"
    kind = "after" if op_words and op_words[-1] in ("after", "beyond") else "plain"
    return n.Span(count, unit, precision, way), end, kind


def _bounding(tokens: list[Token], k: int) -> bool:
    """Words before a count that make a duration a limit: "for at least 90 days", "another"."""
    words = set()
    while (
        k < len(tokens) and g.slot("NUM", tokens, k) is None and g.slot("UNIT", tokens, k) is None
    ):
        words.add(tokens[k].norm)
        k += 1
    return bool(words & lex.BOUNDING_WORDS)


def _operators(tokens: list[Token], i: int) -> list[tuple[int, str, list[str]]]:
    """Positions after each run of operator words at i, with the operator kind so far."""
    found = [(i, "plain", [])]
    k, kind, words = i, "plain", []
    for _ in range(4):
        best = g.operator_at(tokens, k)
        if not best[0]:
            break
        words = words + [t.norm for t in tokens[k : k + best[0]]]
        k += best[0]
        kind = best[1] if best[1] != "plain" else kind
        found.append((k, kind, words))
    return found


_RANGE = {"-", "to", "through", "until", "till", "thru"}


def _expressions(tokens: list[Token], i: int) -> list[_Candidate]:
    found: list[_Candidate] = []
    length = g.words_at(g.VAGUE, tokens, i)
    if length:
        found.append(_Candidate(None, i, i + length, reason=lex.OPEN_ENDED))
    for k, kind, words in _operators(tokens, i):
        span = _span(tokens, k, words)
        if span:
            end, kind_here = _suffix(tokens, span[1], span[2])
            found.append(_Candidate(span[0], i, end, kind_here))
        for node, end in _period(tokens, k)[:2]:
            node, end = _combine(tokens, node, end, words)
            here = kind
            if here == "before" and _possessive(tokens, end):
                here = "plain"  # "ahead of next year's summit": the event is in next year
            elif here == "before" and end < len(tokens) and tokens[end].norm in lex.EVENT_NOUNS:
                here, end = "plain", end + 1  # "before the March summit": the summit is in March
            end, kind_here = _suffix(tokens, end, here)
            found.append(_Candidate(node, i, end, kind_here))
    found.sort(key=lambda c: -(c.end - c.begin))
    return found


def _possessive(tokens: list[Token], end: int) -> bool:
    """The period ending at token `end` is a possessive: "next year's", "2027's", "years'"."""
    if tokens[end - 1].norm.endswith(lex.POSSESSIVE_ENDINGS):
        return True
    return [t.norm for t in tokens[end : end + 2]] == ["'", "s"]


def _combine(tokens: list[Token], left: n.Node, end: int, words: list[str]) -> tuple[n.Node, int]:
    """Ranges ("2025-2030", "from X to Y", "between X and Y") and alternatives ("X or Y")."""
    if end >= len(tokens):
        return left, end
    sep = tokens[end].norm
    day_like = isinstance(left, n.FloatWeekday | n.FloatDay)
    if sep in _RANGE or (sep == "and" and ("between" in words or day_like)) or sep == "or":
        right = _period(tokens, end + 1)
        if right:
            node, after = right[0]
            if sep == "or":
                return n.Either(left, node), after
            return n.Range(left, node), after
    return left, end


def _suffix(tokens: list[Token], end: int, kind: str) -> tuple[int, str]:
    rest = [t.norm for t in tokens[end : end + 3]]
    if rest[:3] == ["at", "the", "latest"]:
        return end + 3, kind
    if rest[:2] == ["or", "earlier"]:
        return end + 2, kind
    if rest[:1] in (["onwards"], ["onward"]) or rest[:2] == ["and", "beyond"]:
        return end + (1 if rest[0].startswith("onward") else 2), "onward"
    return end, kind


# --- reading -------------------------------------------------------------------------------


def _express(candidate: _Candidate, tokens: list[Token], text: str, env: n.Env) -> TimeExpression:
    start, end = tokens[candidate.begin].start, tokens[candidate.end - 1].end
    words = text[start:end]
    direction: Direction = "backward" if env.direction == "backward" else "forward"
    if candidate.node is None:
        return TimeExpression(start, end, words, None, None, None, candidate.reason, direction)
    interval = candidate.node.eval(n.Env(env.ref, env.direction, env.fiscal, words))
    looking_back = env.direction == "backward" and env.ref and _current(candidate.node)
    if looking_back and interval.start <= env.ref < interval.end:  # type: ignore[operator]
        # A report cannot be later than itself: "earlier this month" ends on the reference day.
        interval = interval.with_(end=env.ref)
    due: date | None = interval.end
    starts = interval.start if interval.shows_start else None
    reason = None
    if candidate.kind == "before":
        due = interval.end if interval.from_end else interval.start - timedelta(days=1)
        starts = None
    elif candidate.kind == "start":
        starts = interval.start
    elif candidate.kind == "after":
        due, starts, reason = None, interval.end + timedelta(days=1), STARTS_ONLY
    elif candidate.kind == "onward":
        due, starts, reason = None, interval.start, STARTS_ONLY
    back = due is not None and env.ref is not None and due <= env.ref
    back = back and candidate.kind == "plain" and _looks_back(candidate.node)
    return TimeExpression(start, end, words, due, starts, interval.grain, reason, direction, back)


def _looks_back(node: n.Node) -> bool:
    """Words that name a period by looking back from the reference: earlier, last, ago."""
    while isinstance(node, n.Modified | n.Qualified):
        if isinstance(node, n.Modified) and node.how == "earlier":
            return True
        if isinstance(node, n.Qualified):
            return node.year is None and node.offset < 0
        node = node.child
    if isinstance(node, n.Span):
        return node.way in ("ago", "behind")
    if isinstance(node, n.InYear):
        return node.year is None and node.offset < 0
    if isinstance(node, n.Relative):
        return node.offset < 0
    if isinstance(node, n.FloatWeekday | n.FloatMonth | n.FloatSeason | n.Weekend):
        return node.rel is not None and node.rel < 0  # "last Tuesday", "last July"
    return False


def _current(node: n.Node) -> bool:
    """A period named relative to the reference that contains it: this week, this year."""
    while isinstance(node, n.Modified) and node.how in ("same", "early", "earlier"):
        node = node.child
    if isinstance(node, n.InYear):
        return node.year is None and node.offset == 0
    return isinstance(node, n.Relative) and node.offset == 0


def _scan(text: str, env: n.Env, strict: bool) -> tuple[list[TimeExpression], list[Token]]:
    tokens = tokenize(text)
    _forget()
    near = _near_anchor(tokens)
    found: list[TimeExpression] = []
    i = 0
    while i < len(tokens):
        if not near[i] or not _can_start(tokens[i]):
            i += 1
            continue
        candidates = _expressions(tokens, i)
        taken, failed_end = None, None
        for candidate in candidates:
            try:
                taken = _express(candidate, tokens, text, env)
            except TimexError:
                if strict:
                    raise
                if failed_end is None:
                    failed_end = candidate.end
                continue
            if failed_end is not None and candidate.end < failed_end:
                taken = None  # a shorter reading inside an impossible date is not a reading
                i = failed_end
                break
            i = candidate.end
            break
        if taken is not None:
            found.append(taken)
        elif failed_end is not None:
            i = max(i + 1, failed_end)  # "30 February 2026" is skipped whole
        else:
            i += 1
    _forget()
    return found, tokens


def find_time_expressions(
    text: str,
    reference: date,
    direction: Direction = "forward",
    fiscal: FiscalYear = JAPAN_FISCAL_YEAR,
) -> list[TimeExpression]:
    """Every time expression in `text`, in order, read against `reference` and `direction`.

    Expressions that name impossible dates, or that fall outside 1900-2200, are left out.
    """
    return _scan(text, n.Env(reference, direction, fiscal), strict=False)[0]


_KNOWN = (
    set(lex.MONTHS) | set(lex.WEEKDAYS) | set(lex.NUMBERS) | set(lex.ORDINALS) | set(lex.UNITS)
    | set(lex.SEASONS) | set(lex.RELATIVE) | lex.TIME_OF_DAY | lex.EVENT_NAMES | lex.FILLER
    | {w for table in (lex.VAGUE, lex.CONTINUING) for p in table for w in p.split()}
    | {w for t in (*lex.OPERATORS.values(), *lex.MODIFIERS.values()) for p in t for w in p.split()}
    | {"year", "years", "quarter", "half", "fiscal", "financial", "fy", "q", "h", "decade", "mid",
       "end", "today", "tomorrow", "yesterday", "semester", "weekend", "of", "s", "st", "nd", "rd",
       "th"}
)  # fmt: skip
HINT = (
    "Forms it reads: '2026-03-31', 'by March 2026', 'by March 3', 'in 2026', 'by end-2025', "
    "'mid-2026', 'in early October', 'Q3 2026', 'first half of 2026', 'within six months', "
    "'next week', 'by Friday', 'from 2027', 'after 2030', '2025-2030', 'FY2026', "
    "'at an early date' (open-ended). Run `track deadline --help` for the conventions."
)


def unreadable(phrase: str, words: list[str] | None = None) -> TimexError:
    """The error for words the tagger cannot account for, naming the unknown ones."""
    if not phrase.strip():
        return TimexError("the deadline is empty")
    words = words if words is not None else re.findall(r"[a-z]+", phrase.lower())
    unknown = [w for w in dict.fromkeys(words) if w not in _KNOWN]
    if unknown:
        listed = ", ".join(repr(w) for w in unknown)
        plural = "s" * (len(unknown) > 1)
        return TimexError(
            f"cannot read the deadline {phrase!r}: unknown word{plural} {listed}. {HINT}"
        )
    return TimexError(f"cannot read the deadline {phrase!r}: not a form track knows. {HINT}")


def read_phrase(
    phrase: str,
    reference: date | None = None,
    direction: Direction = "forward",
    fiscal: FiscalYear = JAPAN_FISCAL_YEAR,
    strict: bool = False,
) -> TimeExpression:
    """Read one deadline phrase: the time expression it rests on, resolved.

    Words around the expression are allowed ("with the inaugural session set for 2025"); a
    short phrase with words the tagger does not know is an error that names them. With
    `strict`, every word must be part of the expression (or neutral filler such as "period").
    Raises TimexError.
    """
    env = n.Env(reference, direction, fiscal, phrase.strip())
    tokens = tokenize(phrase)
    spans = _spans(tokens)
    leftover = [
        t for t in tokens if t.kind != "punct" and not any(a <= t.start < b for a, b in spans)
    ]
    leftover_words = [t.norm for t in leftover if t.norm not in lex.FILLER]
    glued = any(_glued(phrase, a, b) for a, b in spans)
    if not spans:
        _check_numbers(phrase)
        raise unreadable(phrase.strip(), [t.norm for t in tokens if t.kind == "word"])
    unknown = [w for w in leftover_words if w not in _KNOWN]
    if glued or (strict and leftover_words) or _wedged(tokens, spans):
        raise unreadable(phrase.strip(), unknown or leftover_words or None)
    found = _scan(phrase, env, strict=True)[0]
    dated = [e for e in found if e.due is not None or e.starts is not None]
    pool = dated or found
    if not pool:
        raise unreadable(phrase.strip())
    return max(pool, key=lambda e: e.end - e.start)


def _glued(phrase: str, a: int, b: int) -> bool:
    """Letters stuck to the expression: "tomorrow-ish", "pre2020"."""
    after = phrase[b : b + 2]
    before = phrase[max(0, a - 2) : a]
    return bool(re.match(r"\w|-[^\W\d_]", after) or re.search(r"\w$|[^\W\d_]-$", before))


_PREPOSITIONS = {"by", "in", "on", "during", "within", "until", "till", "before", "after",
                 "from", "beyond", "since", "starting", "through", "throughout"}  # fmt: skip


def _wedged(tokens: list[Token], spans: list[tuple[int, int]]) -> bool:
    """An unknown word between an operator and the expression: "by soonish 2026"."""
    starts = {a for a, _ in spans}
    for k in range(1, len(tokens)):
        word, before = tokens[k], tokens[k - 1]
        if word.kind != "word" or word.norm in _KNOWN:
            continue
        following = tokens[k + 1].start if k + 1 < len(tokens) else None
        if following in starts and before.norm in _PREPOSITIONS:
            return True
    return False


def _spans(tokens: list[Token]) -> list[tuple[int, int]]:
    """Character spans of the expressions the grammar sees, whether or not they evaluate."""
    spans: list[tuple[int, int]] = []
    _forget()
    near = _near_anchor(tokens)
    i = 0
    while i < len(tokens):
        candidates = _expressions(tokens, i) if near[i] and _can_start(tokens[i]) else []
        if candidates:
            best = candidates[0]
            spans.append((tokens[best.begin].start, tokens[best.end - 1].end))
            i = best.end
        else:
            i += 1
    return spans


def _check_numbers(phrase: str) -> None:
    for number in re.findall(r"\b\d{4,}\b", phrase):
        if not 1900 <= int(number) <= 2200:
            raise TimexError(f"year {int(number)} is out of range (1900-2200)")
