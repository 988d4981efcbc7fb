"""Is a proposed pledge already in the database? And how well does extraction do?

Two quotes match when, after normalising case, accents, whitespace and typography, one contains
the other, or nine in ten of the shorter one's content words appear in the longer one. A
candidate matches a commitment when its quote matches one of the commitment's source quotes:
from the same document it is the same record; from another document, the same pledge reported
twice (which becomes a second source, never a duplicate).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import PurePath
from typing import TYPE_CHECKING

from tracker.extraction.parties import COUNTRIES
from tracker.provenance import normalise
from tracker.query import fold

if TYPE_CHECKING:
    from tracker.extraction.candidates import Candidate

_COUNTRY_WORDS = frozenset(
    w for words in COUNTRIES.values() for word in words for w in word.split()
)
_STOP = frozenset([
    "the", "a", "an", "of", "to", "and", "in", "on", "for", "with", "by", "at", "as", "is", "are",
    "was", "were", "be", "will", "would", "that", "this", "their", "its", "two", "both", "sides",
    "also", "from", "into", "continue", "continued", "agreed", "agree", "pledged", "committed",
    "said", "cooperation", "support", "leaders", "leader", "countries", "prime", "minister",
    "including", "between",
])  # fmt: skip
SAME_PLEDGE_SHARE = 0.6  # of the shorter quote's distinctive words, across articles
SAME_PLEDGE_MIN_WORDS = 4


def _plain(text: str) -> str:
    return fold(normalise(text))


def content_words(text: str) -> set[str]:
    """Distinctive words: no stop words, no country names (every sentence of an article has them)."""
    words = set(re.findall(r"[a-z0-9]+", _plain(text)))
    return {w for w in words if w not in _STOP and w not in _COUNTRY_WORDS and len(w) > 2}


def same_pledge(one: str, two: str) -> bool:
    """Two articles' wordings of one pledge: most of the shorter one's distinctive words recur."""
    if quotes_match(one, two):
        return True
    shorter, longer = sorted((content_words(one), content_words(two)), key=len)
    shared = shorter & longer
    return len(shared) >= SAME_PLEDGE_MIN_WORDS and len(shared) >= SAME_PLEDGE_SHARE * len(shorter)


def quotes_match(one: str, two: str) -> bool:
    a, b = _plain(one), _plain(two)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    words_a, words_b = content_words(one), content_words(two)
    shorter, longer = sorted((words_a, words_b), key=len)
    return len(shorter) >= 4 and len(shorter & longer) >= 0.9 * len(shorter)


def same_document(one: str, two: str) -> bool:
    return PurePath(one).name == PurePath(two).name


def mark_existing(candidates: Iterable[Candidate], commitments: Iterable[object]) -> None:
    """Set `existing` and `match` on each candidate that the database already records."""
    items = list(commitments)
    for candidate in candidates:
        for commitment in items:
            sources = commitment.sources  # type: ignore[attr-defined]
            for source in sources:
                same = same_document(candidate.document, source.document)
                if quotes_match(candidate.quote, source.quote) or (
                    not same and same_pledge(candidate.quote, source.quote)
                ):
                    if same or not candidate.existing:
                        candidate.existing = commitment.id  # type: ignore[attr-defined]
                        candidate.match = "same quote" if same else "same pledge in another article"
                    if same:
                        break
            if candidate.match == "same quote":
                break
