"""From article text to proposed commitments: quote, title, parties, deadline, pillar, cue.

Pure functions: the caller reads the files and passes the text, the document's path as it will
be cited, and the reference date (the publication date) if it knows one.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from tracker.deadlines import Deadline, DeadlineError, parse_date
from tracker.errors import InvalidInput
from tracker.extraction import reader
from tracker.extraction.cues import NO_CUE, Cue, clauses, listed_measures
from tracker.extraction.matching import content_words
from tracker.extraction.parties import PartyReader, leader_aliases
from tracker.extraction.sentences import Span, sentences
from tracker.extraction.timing import TimePhrase, time_phrases, worded_as_deadline
from tracker.query import fold

PILLAR_WORDS = {
    "politics-security": "dialogue defence defense security political trust party parliamentary visit "
    "meetings state visit delegation exchanges high-level peacekeeping cyber 2+2",
    "economy": "oda investment investors trade market economy economic infrastructure joint ventures "
    "metro goods growth business",
    "science-technology": "science technology semiconductor semiconductors digital ai quantum research "
    "innovation iot cloud phd",
    "labour": "labour labor social insurance workers employment skill skills",
    "people-exchange": "tourism tourist visa visas cultural culture people-to-people localities locality "
    "community festival education language",
    "green-transition": "green energy emission zero azec climate nuclear transition",
    "agriculture": "agriculture agricultural farming food",
    "multilateral": "asean united nations apec expo multilateral forums regional international",
}
_PILLARS = {pillar: set(words.split()) for pillar, words in PILLAR_WORDS.items()}
_MONTH = "january|february|march|april|may|june|july|august|september|october|november|december"
DATELINE = re.compile(
    rf"\s*[^\W\d][^,\n]{{0,40}},\s+((?:(?:{_MONTH})\s+\d{{1,2}},?\s+\d{{4}})|(?:\d{{1,2}}\s+(?:{_MONTH})\s+\d{{4}}))"
    r"\s*(?:\([^)]*\))?\s*[—–-]",
    re.IGNORECASE,
)
# Words two sentences share without speaking of the same thing ("we have …", "our …").
_FUNCTION_WORDS = frozenset([
    "have", "has", "had", "our", "ours", "they", "them", "their", "his", "her", "him", "she",
    "which", "who", "there", "these", "those", "such", "been", "being", "not", "but", "also",
    "then", "therefore", "however", "other",
])  # fmt: skip
# Words every pledge shares with its neighbours: no sign that two sentences speak of one thing.
_PLEDGE_WORDS = frozenset([
    "agreed", "agree", "will", "two", "sides", "countries", "leaders", "both", "also", "further",
    "cooperation", "bilateral",
])  # fmt: skip
# What is left after the cue of a line that only announces a list: nothing, or "the following
# measures:" ("Leaders agreed to:", "The two sides agreed on the following:").
_LIST_INTRO = re.compile(
    r"[\s:;,.–—-]*(?:(?:on|upon|to) )?(?:the )?(?:following\b[^,;:.]{0,40})?:?\s*"
)
MAX_ARTICLE_CHARS = 2_000_000  # about 300,000 words; documented in `track extract --help`


class TooLong(InvalidInput):
    """An article longer than extraction reads at once."""


if TYPE_CHECKING:
    from collections.abc import Callable

    # Judges a clause no cue (or a weak cue) marks: given the text, the sentence, the clause,
    # whether a time phrase was found, whether it was read and the cue's name, is it a pledge?
    # (extraction/reader.py)
    Judge = Callable[[str, Span, Span, bool, bool, str], bool]

REFERENCE_LINE = re.compile(r"(?:^|\n)\s*date (\d{4}-\d{2}-\d{2})\b")


@dataclass
class Candidate:
    """One proposed commitment, with everything a person needs to accept or reject it."""

    document: str
    quote: str
    title: str
    parties: list[str]
    cue: str
    pillar: str
    due_phrase: str = ""
    deadline: Deadline | None = None
    reference: date | None = None
    notes: list[str] = field(default_factory=list)
    existing: str = ""  # id of the commitment it matches, if any
    match: str = ""  # how: see RECORDED and OTHER_ARTICLE in extraction/matching.py
    start: int = 0  # the quote's offsets in the document: text[start:end] == quote
    end: int = 0
    cue_start: int = 0  # the cue's offsets in the document
    cue_end: int = 0

    @property
    def deadline_not_understood(self) -> bool:
        """A time phrase was found but could not be read: never file it as open-ended."""
        return bool(self.due_phrase) and self.deadline is None

    def to_dict(self) -> dict[str, Any]:
        d = self.deadline
        return {
            "document": self.document,
            "quote": self.quote,
            "title": self.title,
            "parties": self.parties,
            "cue": self.cue,
            "pillar": self.pillar,
            "due": d.due.isoformat() if d and d.due else None,
            "due_phrase": self.due_phrase,
            "deadline_understood": not self.deadline_not_understood,
            "due_precision": d.precision if d else None,
            "starts": d.starts.isoformat() if d and d.starts else None,
            "reference_date": self.reference.isoformat() if self.reference else None,
            "notes": self.notes,
            "existing": self.existing or None,
            "match": self.match or None,
        }


def reference_date(text: str) -> date | None:
    """The document's own date: a `date YYYY-MM-DD` line, or a dated dateline at the start
    ("HANOI, April 28, 2025 —", "Tokyo, 27 May 2024 (Kyodo) –")."""
    match = REFERENCE_LINE.search(text)
    if match:
        try:
            return date.fromisoformat(match.group(1))
        except ValueError:
            return None
    dateline = DATELINE.match(text)
    if dateline:
        try:
            return parse_date(dateline.group(1), date.min)
        except DeadlineError:
            return None
    return None


def extract(
    text: str,
    document: str,
    published: date | None,
    aliases: dict[str, str],
    cueless: Judge = reader.accepts,
    judge_every_clause: bool = False,
) -> list[Candidate]:
    """Every pledge the article states, in the order it states them: the clauses a cue marks
    (those marked only by a weak cue if `cueless` accepts them) and those with no cue that
    `cueless` (by default the learned reader, extraction/reader.py) accepts, unless they
    overlap a cued one. `judge_every_clause` (for training the reader) puts every clause, cued
    or blocked too, to `cueless` alone."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise TooLong(
            f"{document} has {len(text):,} characters; track extract reads at most "
            f"{MAX_ARTICLE_CHARS:,} (about 300,000 words) at a time: split the document"
        )
    reference = published or reference_date(text)
    parties = PartyReader(text, aliases)
    phrases = Phrases(text, time_phrases(text, reference))
    body = _body_start(text)
    headline_end = _headline_end(text, body)
    spans = [_after_dateline(text, Span(max(s.start, body), s.end)) for s in sentences(text)]
    spans = [s for s in spans if s.end > headline_end]
    every = [
        (sentence, clauses(text, sentence, cueless=True, blocked=judge_every_clause))
        for sentence in spans
    ]
    # Sentences with a cued pledge of their own keep their time phrases to themselves.
    pledged = [(s, [c for c in found if c.cue.name != NO_CUE]) for s, found in every]
    found: list[Candidate] = []
    for index, (sentence, found_clauses) in enumerate(every):
        first = len(found)
        for clause in found_clauses:
            start, end = _trim(text, clause.span.start, clause.span.end)
            if _LIST_INTRO.fullmatch(text, max(clause.cue.end, start), end):
                continue  # "Leaders agreed to:" only introduces the list that follows
            # Parties are named near the cue: bounded looks keep a huge sentence linear.
            subject = text[max(clause.subject.start, clause.cue.start - 400) : clause.cue.start]
            after = max(clause.cue.start, clause.span.start)
            after_cue = text[after : min(clause.span.end, after + 300)]
            phrase, deadline, notes = choose_deadline(
                text,
                Span(start, end),
                phrases,
                reference,
                pledged[index + 1 : index + 3],
                pledged[index - 1][0] if index else None,
            )
            judged = judge_every_clause or reader.asks(clause.cue.name)
            if judged and not cueless(
                text,
                sentence,
                Span(start, end),
                bool(phrase),
                deadline is not None,
                clause.cue.name,
            ):
                continue
            title = propose_title(
                text, clause.span.start, clause.cue.end, clause.span.end, clause.cue.name
            )
            found.append(
                _proposal(
                    text,
                    document,
                    Span(start, end),
                    title,
                    parties.parties(subject, after_cue),
                    clause.cue,
                    (phrase, deadline, notes),
                    reference,
                )
            )
        found[first:] = _split_at_dates(text, found[first:], phrases)
        _share_trailing_deadline(found[first:])
    cued = [c for c in found if c.cue != NO_CUE]
    taken = [c.start for c in cued]  # in text order
    for item in listed_measures(text):
        start, end = _trim(text, item.span.start, item.span.end)
        before = bisect_left(taken, end)
        if before and cued[before - 1].end > start:
            continue  # the item states its own pledge: already proposed
        chosen = choose_deadline(text, Span(start, end), phrases, reference, [])
        title = propose_title(text, start, start, end)
        found.append(
            _proposal(
                text,
                document,
                Span(start, end),
                title,
                list(parties.main),
                item.cue,
                chosen,
                reference,
            )
        )
    found.sort(key=lambda c: c.start)
    return found if judge_every_clause else _first_of_each(_cued_first(found))


def _cued_first(found: list[Candidate]) -> list[Candidate]:
    """A clause with no cue that overlaps a cued proposal (an item of a list of agreed
    measures) is that proposal: the cued one, with its cue, stays. `found` is in text order;
    a binary search and the furthest end so far keep a long article linear."""
    cued = [c for c in found if c.cue != NO_CUE]
    starts = [c.start for c in cued]
    furthest: list[int] = []
    for c in cued:
        furthest.append(max(c.end, furthest[-1] if furthest else c.end))

    def overlaps_cued(c: Candidate) -> bool:
        before = bisect_left(starts, c.end)  # cued proposals starting before this one ends
        return before > 0 and furthest[before - 1] > c.start

    return [c for c in found if c.cue != NO_CUE or not overlaps_cued(c)]


def _proposal(
    text: str,
    document: str,
    quote: Span,
    title: str,
    parties: list[str],
    cue: Cue,
    chosen: tuple[str, Deadline | None, list[str]],
    reference: date | None,
) -> Candidate:
    """One candidate, from a clause or from a listed measure alike."""
    phrase, deadline, notes = chosen
    said = quote.text(text)
    return Candidate(
        document=document,
        quote=said,
        title=title,
        parties=parties,
        cue=cue.name,
        pillar=suggest_pillar(said),
        due_phrase=phrase,
        deadline=deadline,
        reference=reference,
        notes=notes,
        start=quote.start,
        end=quote.end,
        cue_start=cue.start,
        cue_end=cue.end,
    )


_DATE_LIST_JOIN = re.compile(r",\s+(?:and\s+)?|\s+and\s+")
# How a further item of such a list opens: a name, an article, a preposition, a gerund ("the
# IMF quota review by January"), not a verb going on with the same subject ("start next year
# and rise to $10 billion in 2012") or a subordinate clause; and its date is not the day
# someone said it.
_ATTRIBUTION = re.compile(r"\b(?:said|says|told|reported|announced|according to)\b", re.I)
_LISTED_ITEM = re.compile(
    r"(?:(?-i:[A-Z])|the\b|a\b|an\b|its\b|their\b|all\b|both\b|each\b|for\b|with\b"
    r"|\w+ing\b|\d)",
    re.IGNORECASE,
)


def _split_at_dates(text: str, found: list[Candidate], phrases: Phrases) -> list[Candidate]:
    """A clause that lists several things each with its own date is one pledge per date
    ("reforms to the Bank by spring 2010 and the quota review by January 2011"; "meetings in
    Mexico City on June 26-30, Brussels on Sept. 25-29 and Mexico City in late November")."""
    result: list[Candidate] = []
    for candidate in found:
        dated = [p for p in phrases.inside(Span(candidate.start, candidate.end)) if p.dated]
        cuts: list[tuple[int, int]] = []  # (end of one part, start of the next)
        for one, two in pairwise(dated):
            join = _DATE_LIST_JOIN.search(text, one.end, two.start)
            if (
                join is not None
                and _LISTED_ITEM.match(text, join.end(), candidate.end)
                and not _ATTRIBUTION.search(text, join.end(), two.start)  # "…, it said Monday"
            ):
                cuts.append((join.start(), join.end()))
        bounds = [candidate.start, *(c for cut in cuts for c in cut), candidate.end]
        parts = [Span(bounds[i], bounds[i + 1]) for i in range(0, len(bounds), 2)]
        if (
            len(parts) < 2
            or candidate.cue_start >= parts[0].end  # "Once signed later this year, it will …"
            or any(not _stands_alone(text, part, phrases) for part in parts)
        ):
            result.append(candidate)
            continue
        for number, part in enumerate(parts):
            phrase = next(p for p in dated if part.start <= p.start and p.end <= part.end)
            if number == 0:  # the cue's part, titled by what follows the cue
                title = propose_title(text, part.start, candidate.cue_end, part.end, candidate.cue)
            else:
                title = propose_title(text, part.start, part.start, part.end)
            result.append(
                replace(
                    candidate,
                    quote=part.text(text),
                    title=title,
                    due_phrase=phrase.text,
                    deadline=phrase.deadline,
                    notes=list(candidate.notes),
                    start=part.start,
                    end=part.end,
                )
            )
    return result


def _stands_alone(text: str, part: Span, phrases: Phrases) -> bool:
    """A part names something besides its date: two words or more once the dates are gone."""
    inside = [p for p in phrases.inside(part) if p.dated]
    if len(inside) != 1:
        return False
    words = text[part.start : inside[0].start] + " " + text[inside[0].end : part.end]
    return len(re.findall(r"[^\W\d_]{2,}", words)) >= 2


def _share_trailing_deadline(parts: list[Candidate]) -> None:
    """Undertakings listed under one cue share a deadline stated after the last of them ("agreed
    to follow a quarterly schedule of talks and conclude the review in 2025"): a part with no
    time phrase of its own takes the next dated part's, and says so."""
    for position, part in enumerate(parts):
        if part.due_phrase:
            continue
        later = next(
            (p for p in parts[position + 1 :] if p.cue_start == part.cue_start and p.due_phrase),
            None,
        )
        if later is not None and later.deadline is not None and later.deadline.due is not None:
            part.due_phrase, part.deadline = later.due_phrase, later.deadline
            part.notes.append(
                f"deadline shared with the next undertaking of the sentence: “{later.due_phrase}”"
            )


def _first_of_each(found: list[Candidate]) -> list[Candidate]:
    """One proposal for a pledge the article states twice in the same words (a lead that
    repeats the headline, a summary repeated at the end)."""
    seen: set[str] = set()
    kept = []
    for candidate in found:
        key = " ".join(fold(candidate.quote).split())
        if key not in seen:
            seen.add(key)
            kept.append(candidate)
    return kept


class Phrases:
    """The document's time phrases, found once; those inside a span by binary search, and each
    sentence's distinctive words computed once (a long article stays linear)."""

    def __init__(self, text: str, phrases: list[TimePhrase]) -> None:
        self.text = text
        self.phrases = phrases
        self.starts = [p.start for p in phrases]
        self._words: dict[int, tuple[set[str], set[str]]] = {}

    def inside(self, span: Span) -> list[TimePhrase]:
        first = bisect_left(self.starts, span.start)
        last = bisect_left(self.starts, span.end)
        return [p for p in self.phrases[first:last] if p.end <= span.end]

    def words(self, sentence: Span) -> tuple[set[str], set[str]]:
        """A sentence's distinctive words, and those of its first five words."""
        if sentence.start not in self._words:
            said = sentence.text(self.text)
            self._words[sentence.start] = (
                content_words(said) - _FUNCTION_WORDS,
                content_words(" ".join(said[:200].split()[:5])) - _FUNCTION_WORDS,
            )
        return self._words[sentence.start]


def choose_deadline(
    text: str,
    quote: Span,
    phrases: Phrases,
    reference: date | None,
    following: list[tuple[Span, list[object]]],
    previous: Span | None = None,
) -> tuple[str, Deadline | None, list[str]]:
    """The pledge's deadline: the first time phrase in its quote that is not in the past;
    else one in the next sentence or two when they speak of the same thing ("… agreed to
    negotiate the treaty. The negotiations will conclude by April 30.")."""
    inside = phrases.inside(quote)
    chosen = _best(inside)
    if chosen is None and not inside:
        words = content_words(quote.text(text)) - _FUNCTION_WORDS if following else set()
        for sentence, its_clauses in following:
            later = phrases.inside(sentence)
            if not later:
                continue
            theirs, opening = phrases.words(sentence)
            shared = words & theirs
            # A sentence stating its own pledge keeps its time phrase, unless it opens by
            # naming this one's subject ("The negotiations will conclude by …").
            if shared & opening:
                chosen = _best(later)
            elif shared and not its_clauses:
                chosen = _best([p for p in later if worded_as_deadline(text, p)])
            if chosen is not None:
                break
    if chosen is None and not inside and previous is not None:
        # "The aim is to lift visas by June. Turkey agreed to take the steps this requires."
        earlier = [p for p in phrases.inside(previous) if worded_as_deadline(text, p)]
        words = content_words(quote.text(text)) - _FUNCTION_WORDS - _PLEDGE_WORDS
        if earlier and words & phrases.words(previous)[0]:
            chosen = _best(earlier)
    if chosen is None:
        needs = [p.text for p in inside if p.needs_reference]
        return (
            "",
            None,
            [f"{phrase!r} needs the publication date: pass --published" for phrase in needs],
        )
    if chosen.deadline is None:
        return chosen.text, None, [f"deadline not understood: “{chosen.text}”; give it with --due"]
    return chosen.text, chosen.deadline, []


def _best(phrases: list[TimePhrase]) -> TimePhrase | None:
    """The first phrase that gives a date ("open the office by spring and staff it by January":
    the second is a later step; things listed each with a date were split before), passing over
    "into 2025" when another phrase is dated; failing that, the longest read as open-ended ("at
    an early date"); failing that, the first one not understood (tracker/extraction/timing.py
    has already left out background and marked doubtful readings)."""
    dated = [p for p in phrases if p.dated]
    if dated:
        # "talks will continue into 2025, with the goal of concluding by May": how long the
        # work runs, not when it is due, when a later phrase bounds it.
        bounded = [p for p in dated if not p.text.lower().startswith("into ")]
        return (bounded or dated)[0]
    open_ended = [p for p in phrases if p.understood]
    if open_ended:
        return max(open_ended, key=lambda p: len(p.text))
    unread = [p for p in phrases if not p.needs_reference]
    return unread[0] if unread else None


def _trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Offsets of the span without surrounding spaces and a trailing comma or semicolon."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",;"):
        end -= 1
    return start, end


def _body_start(text: str) -> int:
    """Where the text starts after a leading `date YYYY-MM-DD` marker and a dated dateline
    ("HANOI, April 28, 2025 —"), 0 without them: they date the copy, never part of a quote."""
    match = REFERENCE_LINE.match(text)
    start = match.end() if match and not text[: match.start()].strip() else 0
    dateline = DATELINE.match(text, start)
    return dateline.end() if dateline else start


# A wire's dateline: a place in capitals, the agency perhaps, a dash ("GENEVA (AP) -").
_PLACE_DATELINE = re.compile(
    r"\s*(?:(?-i:[A-Z][A-Z.'’-]+(?:[ ,]+[A-Z][A-Z.'’-]+){0,3})(?:,? \([^)\n]{1,80}\))?"
    r"(?:\s*[—–-]+\s+|\s*:\s*)"
    # "Tokyo: Consultancy work …" at the head of a paragraph
    r"|(?<![^\n])(?-i:[A-Z][a-z]+(?: [A-Z][a-z]+)?):\s*)"
)


def _after_dateline(text: str, sentence: Span) -> Span:
    """The sentence without a wire dateline in front of it: where, not what was said."""
    dateline = _PLACE_DATELINE.match(text, sentence.start, sentence.end)
    return Span(dateline.end(), sentence.end) if dateline else sentence


def _headline_end(text: str, body: int) -> int:
    """Where the headlines end: the lines at the top of the article with no closing
    punctuation (a headline, a kicker, a headline repeated, what is left of the date line) are
    titles, not statements (`body` when there are none)."""
    position = body
    while True:
        end = text.find("\n", position)
        if end == -1:
            return position
        line = text[position:end].strip()
        if line.endswith((".", "!", "?", "”", '"', ":", ";")):
            return position
        # Past the first line, a title stands apart: a blank line follows it (a line of a
        # hard-wrapped paragraph runs on into the next).
        if position > body and line and text[end + 1 : end + 2] not in ("\n", "\r"):
            return position
        position = end + 1


def extract_all(texts: dict[str, str], published: date | None) -> list[Candidate]:
    """Candidates from several documents ({cited path: text}); leaders named in one article
    are recognised in the others."""
    aliases = all_aliases(list(texts.values()))
    return [
        c for document, text in texts.items() for c in extract(text, document, published, aliases)
    ]


def all_aliases(texts: list[str]) -> dict[str, str]:
    aliases: dict[str, str] = {}
    for text in texts:
        for word, country in leader_aliases(text).items():
            aliases.setdefault(word, country)
    return aliases


# Cues after which the words say when, not what: the subject before them is the undertaking
# ("the dredging is scheduled to begin in September").
_SUBJECT_CUES = frozenset({"is set to", "set for"})


def propose_title(text: str, start: int, cue_end: int, end: int, cue: str = "") -> str:
    """The undertaking in a few words: what follows the cue, capitalised, cut at a word.

    Where what follows the cue does not stand alone ("… will be intensified", an invitation,
    a list of documents), the whole clause is used instead.
    """
    body = text[cue_end:end] if cue_end > start else text[start:end]
    body = re.sub(r"^\s*(?:to|that|on|upon|of)\s+", "", body).strip(" ,;.")
    if cue == "invited to visit":
        body = "Visit " + body
    elif (
        cue in _SUBJECT_CUES
        or len(body.split()) < 3
        or re.match(r"(?:be|were|was|is|are)\b|,|namely\b", body, re.I)
    ):
        body = text[start:end].strip(" ,;.")
    body = re.sub(r"\s+", " ", body)
    if len(body) > 100:
        body = body[:100].rsplit(" ", 1)[0] + " …"
    return body[:1].upper() + body[1:]


def suggest_pillar(quote: str) -> str:
    words = set(re.findall(r"[a-z0-9+-]+", fold(quote)))
    scores = {pillar: len(words & vocabulary) for pillar, vocabulary in _PILLARS.items()}
    best = max(scores, key=lambda pillar: scores[pillar])
    return best if scores[best] else ""
