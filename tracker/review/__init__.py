"""`track review`: what a follow-up article says happened to the tracked commitments.

For each sentence that reports something as done, postponed, started or cancelled (see
`cues`), find the commitment it is about by meaning (see `matching`), read when it happened
(see `dates`), and propose one status event with the sentence as its verbatim evidence. Plans,
wishes and restatements of a pledge propose nothing: a wrong "fulfilled" misleads a reader,
while a miss only costs a look.

The core is pure: text, dates and commitments in, proposals out. Recording them is
`tracker.actions.update`'s job, through the CLI.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from tracker.errors import InvalidInput
from tracker.extraction.candidates import MAX_ARTICLE_CHARS
from tracker.extraction.parties import COUNTRIES, countries_in
from tracker.extraction.sentences import Span, sentences
from tracker.query import fold
from tracker.review.cues import status_cue
from tracker.review.dates import event_date
from tracker.review.matching import Index, describe, words

MATCH_MINIMUM = 0.55  # below this share of a commitment's name words, it is not about it
APPLY_THRESHOLD = 0.7  # proposals at or above this confidence are recorded by --apply
UNDATED_CEILING = 0.6  # a sentence without a date is never recorded without a person's look
AMBIGUITY_MARGIN = 0.1  # two commitments this close in score: the sentence is not decisive,
EVIDENCE_LEAD = 0.75  # unless one shares clearly more of its naming words than the other


@dataclass(frozen=True)
class Proposal:
    """One status event the article supports, with the words that made the reader say so."""

    id: str
    title: str
    status: str
    on: date
    quote: str
    start: int
    end: int
    confidence: float
    reason: str
    current: str  # the commitment's status before this article

    @property
    def is_news(self) -> bool:
        """False when the commitment already has this status: nothing to record."""
        return self.status != self.current

    def to_dict(self, url: str = "", document: str = "") -> dict[str, object]:
        return {
            "id": self.id,
            "status": self.status,
            "on": self.on.isoformat(),
            "quote": self.quote,
            "url": url,
            "document": document,
            "confidence": self.confidence,
            "reason": self.reason,
            "already_recorded": not self.is_news,
        }


def review(
    text: str, published: date, commitments: Iterable[object], index: Index | None = None
) -> list[Proposal]:
    """Every proposal the article supports, best first; at most one per commitment."""
    if len(text) > MAX_ARTICLE_CHARS:
        raise InvalidInput(
            f"the article has {len(text):,} characters; track review reads at most "
            f"{MAX_ARTICLE_CHARS:,} (about 300,000 words) at a time: split it"
        )
    items = {c.id: c for c in commitments}  # type: ignore[attr-defined]
    index = index or Index(describe(c) for c in items.values())
    named = named_countries(text)
    best: dict[str, Proposal] = {}
    for span in sentences(text):
        span = _without_dateline(text, span)
        sentence = text[span.start : span.end]
        if not sentence or sentence.lstrip().startswith("#"):
            continue  # the stored file's own header lines
        folded = fold(sentence)
        cue = status_cue(folded)
        if cue is None:
            continue
        matches = [m for m in index.best(words(sentence)) if _parties_named(items[m.id], named)]
        if not matches or matches[0].score < MATCH_MINIMUM:
            continue
        top = matches[0]
        if (
            len(matches) > 1
            and matches[1].score > top.score - AMBIGUITY_MARGIN
            and matches[1].evidence > top.evidence * EVIDENCE_LEAD
        ):
            continue
        commitment = items[top.id]
        made_on = commitment.made_on  # type: ignore[attr-defined]
        when = event_date(folded, published, cue.status == "in-progress", cue.at, made_on)
        on = when.on if when else published
        if on < made_on:
            continue
        confidence = 0.55 * top.score + 0.35 * cue.strength + (0.1 if when else 0.0)
        if when is None:  # "recently held": true, but the day is a guess; a person decides
            confidence = min(confidence, UNDATED_CEILING)
        confidence = round(confidence, 2)
        dated = (
            f"dated by {when.words!r} ({when.precision})"
            if when
            else "no date in the sentence: the publication date is used"
        )
        proposal = Proposal(
            id=top.id,
            title=commitment.title,  # type: ignore[attr-defined]
            status=cue.status,
            on=on,
            quote=sentence.strip(),
            start=span.start,
            end=span.end,
            confidence=confidence,
            reason=(
                f"{cue.words!r} reports it as {cue.status}; about {top.id} by the words "
                f"{', '.join(top.shared)} (match {top.score:.2f}); {dated}"
            ),
            current=commitment.status,  # type: ignore[attr-defined]
        )
        held = best.get(top.id)
        if held is None or proposal.confidence > held.confidence:
            best[top.id] = proposal
    return sorted(best.values(), key=lambda p: (-p.confidence, p.id))


_DATELINE = re.compile(r"\s*date \d{4}-\d\d-\d\d\s+")


def _without_dateline(text: str, span: Span) -> Span:
    """Stored pages may open with 'date YYYY-MM-DD': the page's date, not the event's."""
    found = _DATELINE.match(text, span.start, span.end)
    return Span(found.end(), span.end) if found else span


# Forms the extraction gazetteer does not read (it folds case, so "US" would be "us").
_MORE_NAMES = {
    "United States": re.compile(r"\bU\.S\.|\bUS\b|\bUSA\b|\bWashington\b"),
    "Russia": re.compile(r"\bRussian?\b|\bMoscow\b|\bKremlin\b"),
    "South Korea": re.compile(r"\bS\. Korea\b|\bSeoul\b"),
}


def named_countries(text: str) -> set[str]:
    """The countries an article names, by name, adjective or a common short form."""
    named = set(countries_in(text))
    named.update(country for country, pattern in _MORE_NAMES.items() if pattern.search(text))
    return named


def _parties_named(commitment: object, named: set[str]) -> bool:
    """An article that does not name a commitment's parties does not report on it. A party
    neither list knows (an organisation, a city) cannot be checked, so it does not count."""
    known = {p for p in getattr(commitment, "parties", ()) if p in COUNTRIES or p in _MORE_NAMES}
    return known <= named
