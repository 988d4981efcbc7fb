"""Which tracked commitment a sentence of reporting is about, by meaning rather than wording.

Each commitment is described by its names (title and aliases) and its context (description,
tags, source quotes). Words are folded (case, accents), stemmed lightly and mapped through a
small table of the synonyms diplomatic reporting uses for the same thing ("vice-ministerial"
for "deputy minister", "consultation" for "dialogue", "local" for "localities"). A word shared
by many commitments (the parties' names, "cooperation") weighs little; a rare one ("2+2",
"forum", "semiconductor") weighs much, by inverse document frequency over the database.

The score of a sentence for a commitment is the weighted share of the commitment's name words
the sentence contains (the best over title and aliases), nudged by its context words. Only
commitments sharing a rare word with the sentence are scored, through an inverted index, so a
database of 10,000 commitments costs little more than one of 30.
"""

from __future__ import annotations

import math
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.query import fold

_STOPWORD_TEXT = """
    a about above after again against all also an and any are as at be been before being both
    but by can could did do does during each few for from further had has have having he her
    here his how i if in into is it its itself just me more most my no nor not now of off on
    once only or other our out over own same she should so some such than that the their them
    then there these they this those through to too under until up very was we were what when
    where which while who whom why with would you your will shall may might must upon within
    across between among amid two sides side countries country nation nations said says say
    told according new well including include includes
"""
STOPWORDS = frozenset(_STOPWORD_TEXT.split())

# Irregular forms and the synonyms reporting uses for the same thing; values are stems.
SYNONYMS = {
    "held": "hold", "holding": "hold", "holds": "hold", "convene": "hold", "convened": "hold",
    "organise": "hold", "organize": "hold", "organised": "hold", "organized": "hold",
    "vice": "deputy", "viceminist": "deputy", "consult": "dialogu", "talk": "dialogu",
    "dialog": "dialogu", "dialogue": "dialogu", "japanese": "japan", "vietnamese": "vietnam", "twoplustwo": "2plus2", "defense": "defence", "programme": "program",
    "memorandum": "mou", "understand": "mou", "localiti": "local", "locality": "local",
    "municipal": "local", "prefectur": "local", "provincial": "local", "provinc": "local",
    "ministerial": "minist", "minister": "minist", "ministri": "minist", "ministry": "minist",
    "japanes": "japan", "vietnames": "vietnam", "viet": "vietnam", "nam": "vietnam",
    "premier": "prime", "pm": "prime", "inaugur": "first", "inaugural": "first",
    "pact": "agreement", "accord": "agreement", "deal": "agreement", "treati": "agreement",
    "exposit": "expo", "festiv": "festival", "chip": "semiconductor", "phd": "doctor",
    "doctoral": "doctor", "visa": "visa", "oda": "oda", "loan": "oda", "yen": "oda",
}  # fmt: skip

_WORD = re.compile(r"2\s?\+\s?2|[a-z0-9]+(?:[+'][a-z0-9]+)*")
_SUFFIXES = (
    "ations",
    "ation",
    "ities",
    "ity",
    "ings",
    "ing",
    "ment",
    "ments",
    "ies",
    "ed",
    "es",
    "s",
)


def stem(word: str) -> str:
    """A light stemmer: enough that 'consultations' meets 'consultation', never more."""
    if word in SYNONYMS:
        return SYNONYMS[word]
    if word.replace(" ", "") in ("2+2", "two-plus-two"):
        return "2plus2"
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            break
    return SYNONYMS.get(word, word)


def words(text: str) -> list[str]:
    """The stems of the content words of `text`, in order."""
    folded = fold(text).replace("-", " ").replace("two plus two", "2+2")
    found = []
    for match in _WORD.finditer(folded):
        word = match.group(0).replace(" ", "")
        if word in STOPWORDS or (len(word) < 3 and not word[0].isdigit()):
            continue
        found.append(stem(word))
    return [w for w in found if w not in STOPWORDS]


@dataclass(frozen=True)
class Described:
    """A commitment as the matcher sees it."""

    id: str
    names: tuple[frozenset[str], ...]  # title, then each alias
    context: frozenset[str]
    parties: tuple[str, ...]


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    shared: tuple[str, ...]


class Index:
    """Commitments indexed by their words, weighted by how rare each word is among them."""

    def __init__(self, described: Iterable[Described]) -> None:
        self.items = {item.id: item for item in described}
        counts: dict[str, int] = defaultdict(int)
        self.postings: dict[str, list[str]] = defaultdict(list)
        for item in self.items.values():
            vocabulary = set(item.context).union(*item.names)
            for word in vocabulary:
                counts[word] += 1
                self.postings[word].append(item.id)
        total = max(len(self.items), 1)
        self.weight = {w: math.log((total + 1) / (n + 0.5)) for w, n in counts.items()}
        self.common = math.log((total + 1) / (total + 0.5))

    def weigh(self, word: str) -> float:
        return self.weight.get(word, self.common)

    def best(self, sentence_words: Iterable[str], limit: int = 3) -> list[Match]:
        """The commitments the sentence is most likely about, best first."""
        present = set(sentence_words)
        rare = sorted(present, key=lambda w: -self.weigh(w))[:25]
        candidates = {cid for word in rare for cid in self.postings.get(word, ())[:2000]}
        scored = [self._score(self.items[cid], present) for cid in candidates]
        scored = [m for m in scored if m.score > 0]
        scored.sort(key=lambda m: (-m.score, m.id))
        return scored[:limit]

    def _score(self, item: Described, present: set[str]) -> Match:
        best, shared = 0.0, frozenset[str]()
        for name in item.names:
            total = sum(self.weigh(w) for w in name)
            if not total:
                continue
            common = name & present
            share = sum(self.weigh(w) for w in common) / total
            if share > best:
                best, shared = share, common
        context = (item.context - shared) & present
        bonus = min(0.15, 0.03 * sum(1 for w in context if self.weigh(w) > 1.0))
        return Match(item.id, round(min(1.0, best + bonus), 3), tuple(sorted(shared | context)))


def describe(commitment: object) -> Described:
    """What the matcher reads of a commitment (Commitment or StoredCommitment)."""
    title = getattr(commitment, "title", "")
    aliases = getattr(commitment, "aliases", ())
    names = tuple(frozenset(words(name)) for name in (title, *aliases) if words(name))
    raw = getattr(commitment, "data", None)  # a stored record: read quotes without building
    quotes = (
        [s.get("quote", "") for s in raw.get("sources") or ()]
        if isinstance(raw, dict)
        else [s.quote for s in getattr(commitment, "sources", ())]
    )
    context_text = " ".join(
        [getattr(commitment, "description", ""), " ".join(getattr(commitment, "tags", ())), *quotes]
    )
    return Described(
        getattr(commitment, "id", ""),
        names,
        frozenset(words(context_text)),
        tuple(getattr(commitment, "parties", ())),
    )
