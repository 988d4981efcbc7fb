"""The learned alternative to the rules: describe a candidate clause by a few features and
score it with weights learned offline.

`train_scorer.py` learns the weights with scikit-learn from the development part of the
annotated corpus and writes them to a small JSON file (benchmarks/scorer.json); a few lines of
pure Python read them (a dot product and a logistic), so that shipping it would not make `track`
import scikit-learn. It is passed to `extract(..., keep=scorer.keep)`. The set-aside figures
chose the rules instead (README, "Why rules"), so it lives here, beside the benchmark.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

from tracker.extraction.cues import NOT_PLEDGES
from tracker.extraction.parties import BOTH, countries_in
from tracker.query import fold

WEIGHTS = Path(__file__).with_name("scorer.json")

_LEXICON = {
    "hope": r"\bhop(?:e|es|ed|ing)\b",
    "belief": r"\bbeliev\w*|\bconfiden\w*|\boptimis\w*",
    "need": r"\bneed\w*\b|\bmust\b|\bshould\b",
    "past_done": r"\b(?:was|were|had been|has been|have been) (?:signed|held|established|completed|reached|achieved)\b",
    "said": r"\bsaid\b|\btold\b|\baccording to\b",
    "expected": r"\bexpected\b|\blikely\b",
    "discussed": r"\bdiscuss\w*\b|\breview\w*\b|\bexchanged views\b",
    "welcomed": r"\bwelcom\w*\b|\bnoted\b|\backnowledg\w*\b|\bappreciat\w*\b",
    "praise": r"\bprais\w*\b|\bhail\w*\b|\bcongratulat\w*\b|\bthank\w*\b",
    "negation": r"\bnot\b|\bnever\b|\bno\b",
    "future": r"\bwill\b|\bshall\b|\bto be\b",
    "concrete": r"\b(?:sign|build|open|launch|establish|hold|set up|create|complete|finali[sz]e)\w*\b",
}
_LEXICON_RE = {name: re.compile(pattern, re.IGNORECASE) for name, pattern in _LEXICON.items()}


def features(
    text: str,
    sentence: tuple[int, int],
    quote: tuple[int, int],
    cue: tuple[str, int, int],
    has_time: bool,
    time_read: bool,
) -> dict[str, float]:
    """What the scorer looks at: the cue, what blocks it, who speaks, and a few word classes."""
    name, cue_start, cue_end = cue
    said = text[quote[0] : quote[1]]
    subject = fold(text[max(sentence[0], cue_start - 300) : cue_start])
    before_cue = text[sentence[0] : cue_end]
    words = len(said.split())
    found: dict[str, float] = {
        f"cue={name}": 1.0,
        "blocked": 1.0 if NOT_PLEDGES.search(before_cue) else 0.0,
        "blocker_in_sentence": 1.0 if NOT_PLEDGES.search(text[sentence[0] : sentence[1]]) else 0.0,
        "has_time": 1.0 if has_time else 0.0,
        "time_read": 1.0 if time_read else 0.0,
        "subject_country": 1.0 if countries_in(subject) else 0.0,
        "subject_both": 1.0 if BOTH.search(subject) else 0.0,
        "subject_we": 1.0 if re.search(r"\bwe\b", subject) else 0.0,
        "subject_long": 1.0 if len(subject.split()) > 12 else 0.0,
        "continuation": 1.0 if cue_start < quote[0] else 0.0,
        "short": 1.0 if words < 6 else 0.0,
        "long": 1.0 if words > 40 else 0.0,
        "quoted_speech": 1.0 if said[:1] in '“"' else 0.0,
        "first_sentence": 1.0 if sentence[0] < 5 else 0.0,
    }
    for lexical, pattern in _LEXICON_RE.items():
        found[f"word={lexical}"] = 1.0 if pattern.search(said) else 0.0
    return found


class Scorer:
    """Weights and threshold as learned offline; `keep` says whether a clause is a pledge."""

    def __init__(self, weights: dict[str, float], bias: float, threshold: float) -> None:
        self.weights = weights
        self.bias = bias
        self.threshold = threshold

    @classmethod
    def load(cls, path: Path = WEIGHTS) -> Scorer:
        data = json.loads(path.read_text(encoding="utf-8"))
        return cls(data["weights"], data["bias"], data["threshold"])

    def probability(self, found: dict[str, float]) -> float:
        total = self.bias + sum(
            self.weights.get(name, 0.0) * value for name, value in found.items()
        )
        return 1.0 / (1.0 + math.exp(-total))

    def keep(
        self,
        text: str,
        sentence: tuple[int, int],
        quote: tuple[int, int],
        cue: tuple[str, int, int],
        has_time: bool,
        time_read: bool,
    ) -> bool:
        """The `keep` filter `extract` takes: is this clause a pledge?"""
        found = features(text, sentence, quote, cue, has_time, time_read)
        return self.probability(found) >= self.threshold
