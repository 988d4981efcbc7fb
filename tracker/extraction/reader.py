"""A second reader for clauses no cue marks: a logistic model over their words.

The cues in cues.py are verbs written from the articles the extractor was tuned on; on articles
it had never seen, most of the pledges it missed were in clauses with no cue at all ("with the
first phase of operation to kick off in July 2025", "the preparations for the Customs Union by
2010"). More cues written from the same articles did not reach them, so these clauses go to a
model whose weights were learned from every clause of the development articles
(benchmarks/train_reader.py, with scikit-learn, offline); it also vets clauses marked only by
"will". Reading them here takes a dot product and a logistic, so `track` never imports
scikit-learn; the weights load only when an article is read.
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from itertools import pairwise
from pathlib import Path

from tracker.errors import TrackError
from tracker.extraction.cues import NO_CUE
from tracker.extraction.parties import BOTH, countries_in
from tracker.extraction.sentences import Span
from tracker.query import fold

WEIGHTS = Path(__file__).with_name("cueless_weights.json")
_TOKEN = re.compile(r"[a-z]+|\d+")
SUBJECT_REACH = 200  # characters before the clause where its subject is looked for


def _word(token: str) -> str:
    """Numbers by kind: a year is a sign of a deadline, which number it is says nothing."""
    if token.isdigit():
        return "<year>" if len(token) == 4 and token[:2] in ("19", "20") else "<num>"
    return token


def features(
    text: str, sentence: Span, quote: Span, has_time: bool, time_read: bool
) -> dict[str, float]:
    """What the model weighs: the clause's words and word pairs, its first words, whether it
    holds a time phrase (and could read it), whether a country or both sides are named just
    before or at its start, its length, and whether it is quoted speech or a later clause."""
    said = text[quote.start : quote.end]
    words = [_word(t) for t in _TOKEN.findall(said.lower())]
    found = {"w=" + w: 1.0 for w in words}
    for first, second in pairwise(words):
        found[f"b={first}_{second}"] = 1.0
    for word in words[:2]:
        found["first=" + word] = 1.0
    subject = fold(text[max(sentence.start, quote.start - SUBJECT_REACH) : quote.start] + said[:80])
    found["has_time"] = float(has_time)
    found["time_read"] = float(time_read)
    found["country"] = 1.0 if countries_in(subject) else 0.0
    found["both"] = 1.0 if BOTH.search(subject) else 0.0
    found["short"] = float(len(words) < 6)
    found["long"] = float(len(words) > 40)
    found["quoted"] = float(said[:1] in '“"')
    found["cont"] = float(quote.start > sentence.start + 2)
    return found


# A weak cue: on unseen articles a clause marked only by "will" as often forecasts what a deal
# will do as states what a party will do, so the reader vets it.
VETTED = frozenset({"will"})


class Reader:
    """Weights, bias and thresholds as learned offline: `threshold` for a clause with no cue,
    `vet_threshold` for one marked only by a weak cue (VETTED)."""

    def __init__(
        self, weights: dict[str, float], bias: float, threshold: float, vet_threshold: float = 0.0
    ) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold
        self.vet_threshold = vet_threshold

    @classmethod
    def load(cls, path: Path | None = None) -> Reader:
        data = json.loads((path or WEIGHTS).read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"], data["vet_threshold"])

    def probability(self, found: dict[str, float]) -> float:
        total = self.bias + sum(self.weights.get(name, 0.0) * v for name, v in found.items())
        return 1.0 / (1.0 + math.exp(-total))

    def accepts(
        self, text: str, sentence: Span, quote: Span, has_time: bool, time_read: bool, cue: str
    ) -> bool:
        """Is this clause a pledge? Asked of clauses with no cue or a vetted one."""
        if cue == NO_CUE:
            threshold = self.threshold
        elif cue in VETTED:
            threshold = self.vet_threshold
        else:
            return True
        signs = features(text, sentence, quote, has_time, time_read)
        return self.probability(signs) >= threshold


class WeightsMissing(TrackError):
    """The reader's weights file is missing or damaged: the installation is broken."""


@cache
def shipped() -> Reader:
    try:
        return Reader.load()
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise WeightsMissing(
            f"track cannot read its extraction weights ({WEIGHTS}): {error}; "
            "reinstall track (pip install -e .) to restore the file"
        ) from error


def accepts(
    text: str, sentence: Span, quote: Span, has_time: bool, time_read: bool, cue: str
) -> bool:
    """The shipped reader's verdict: what `extract` asks of a clause with no cue or a weak one."""
    return shipped().accepts(text, sentence, quote, has_time, time_read, cue)


def asks(cue: str) -> bool:
    """Whether `extract` puts a clause with this cue to the reader."""
    return cue == NO_CUE or cue in VETTED


def never(
    text: str, sentence: Span, quote: Span, has_time: bool, time_read: bool, cue: str
) -> bool:
    """The cues alone (the benchmark's comparison): every cued clause, none without a cue."""
    return cue != NO_CUE
