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
from dataclasses import dataclass, field
from functools import lru_cache

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

# Words that say what kind of act a pledge is, not which one: every summit has a "prime
# minister", every deal is "signed". However rarely the database uses them, they weigh at most
# GENERIC_WEIGHT, so a match rests on what names the thing ("Haldibari", "2+2", "forum").
_GENERIC_TEXT = """
    hold organise sign signed conclude launch begin start open inaugurate complete finalise
    establish send make pay visit visits meeting meet summit talk talks dialogue session
    agreement agreements deal memorandum mou treaty framework cooperation cooperate bilateral
    relation relations partnership joint first new official state prime minister president
    counterpart leader leaders government delegation foreign secretary senior deputy minister
    ministry both two countries country nation national international economic trade project
    projects programme program plan support promote strengthen enhance expand develop service
"""
GENERIC_WEIGHT = 0.4

_TOKEN = re.compile(r"2\s?\+\s?2|[^\W_]+(?:[+'’][^\W_]+)*")
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


@lru_cache(maxsize=1 << 16)
def _stems(token: str) -> tuple[str, ...]:
    """One token of lower-cased text as stems (a hyphenated token may give several).

    Cached: a database of 10,000 commitments repeats a small vocabulary, and folding accents
    and stemming once per distinct token is what makes indexing it cheap."""
    folded = fold(token).replace("’", "'")
    if folded.replace(" ", "") == "2+2":
        return ("2plus2",)
    found = []
    for word in folded.replace("-", " ").split():
        word = word.removesuffix("'s")
        if word in STOPWORDS or (len(word) < 3 and not word[:1].isdigit()):
            continue
        stemmed = stem(word)
        if stemmed not in STOPWORDS:
            found.append(stemmed)
    return tuple(found)


def words(text: str) -> list[str]:
    """The stems of the content words of `text`, in order."""
    lowered = text.casefold().replace("two-plus-two", "2+2").replace("two plus two", "2+2")
    found: list[str] = []
    for match in _TOKEN.finditer(lowered):
        found.extend(_stems(match.group(0)))
    return found


CONTEXT_BONUS = 0.15  # the most a commitment's description and quotes add to its name's share


def _generic() -> frozenset[str]:
    """The generic words, and every country's names: parties are checked on their own, so a
    country's name says who, never which undertaking."""
    from tracker.extraction.parties import COUNTRIES

    names = " ".join(word for forms in COUNTRIES.values() for word in forms)
    return frozenset(stem(word) for word in f"{_GENERIC_TEXT} {names}".split())


GENERIC = _generic()


@dataclass(frozen=True)
class Described:
    """A commitment as the matcher sees it: its names up front, its context read on demand."""

    id: str
    names: tuple[frozenset[str], ...]  # title, then each alias
    tags: frozenset[str]
    source: object = field(compare=False, repr=False)  # the commitment, for its context


@dataclass(frozen=True)
class Match:
    id: str
    score: float
    shared: tuple[str, ...]
    evidence: float = 0.0  # the summed weight of the shared name words, uncapped


class Index:
    """Commitments indexed by their names, weighted by how rare each word is among them.

    Only names and tags are read for every commitment; a commitment's context (description,
    source quotes) is read when a sentence shares a name word with it. That keeps indexing
    10,000 commitments to a fraction of a second.
    """

    def __init__(self, described: Iterable[Described]) -> None:
        self.items = {item.id: item for item in described}
        counts: dict[str, int] = defaultdict(int)
        self.postings: dict[str, list[str]] = defaultdict(list)
        for item in self.items.values():
            for word in item.tags.union(*item.names):
                counts[word] += 1
                self.postings[word].append(item.id)
        total = max(len(self.items), 1)
        self.rare = math.log((total + 1) / 0.5)  # a word no name uses
        self.weight = {w: math.log((total + 1) / (n + 0.5)) for w, n in counts.items()}
        # Three words no other commitment uses name a thing well enough: a long title's further
        # detail ("(21–22 March 2024)", "pre-1965") that a report leaves out costs nothing.
        self.enough = 3 * math.log((total + 1) / 1.5)
        self._contexts: dict[str, frozenset[str]] = {}

    def weigh(self, word: str) -> float:
        weight = self.weight.get(word, self.rare)
        return min(weight, GENERIC_WEIGHT) if word in GENERIC else weight

    def best(self, sentence_words: Iterable[str], limit: int = 3) -> list[Match]:
        """The commitments the sentence is most likely about, best first."""
        present = set(sentence_words)
        known = sorted((w for w in present if w in self.weight), key=lambda w: -self.weight[w])
        candidates = {cid for word in known[:25] for cid in self.postings[word][:2000]}
        by_name = [(self._name_share(self.items[cid], present), cid) for cid in candidates]
        by_name = sorted((m for m in by_name if m[0][0] > 0), key=lambda m: (-m[0][0], m[1]))
        # The context can add at most CONTEXT_BONUS: only the leaders by name need reading it.
        scored = [
            self._with_context(self.items[cid], *share, present) for share, cid in by_name[:8]
        ]
        scored.sort(key=lambda m: (-m.score, -m.evidence, m.id))
        return scored[:limit]

    def _name_share(self, item: Described, present: set[str]) -> tuple[float, frozenset[str]]:
        """The weighted share of the commitment's best name that the sentence contains."""
        best, shared = 0.0, frozenset[str]()
        for name in item.names:
            total = sum(self.weigh(w) for w in name)
            if not total:
                continue
            common = name & present
            share = sum(self.weigh(w) for w in common) / min(total, self.enough)
            if share > best:
                best, shared = share, common
        return best, shared

    def _with_context(
        self, item: Described, best: float, shared: frozenset[str], present: set[str]
    ) -> Match:
        context = (self._context(item) - shared) & present
        bonus = min(CONTEXT_BONUS, 0.03 * sum(1 for w in context if self.weigh(w) > 1.0))
        evidence = sum(self.weigh(w) for w in shared)
        score = round(min(1.0, best + bonus), 3)
        return Match(item.id, score, tuple(sorted(shared | context)), evidence)

    def _context(self, item: Described) -> frozenset[str]:
        if item.id not in self._contexts:
            self._contexts[item.id] = frozenset(words(context_text(item.source))) | item.tags
        return self._contexts[item.id]


def context_text(commitment: object) -> str:
    """What else a commitment says of itself: its description and its sources' quotes."""
    raw = getattr(commitment, "data", None)  # a stored record: read quotes without building
    quotes = (
        [s.get("quote", "") for s in raw.get("sources") or ()]
        if isinstance(raw, dict)
        else [s.quote for s in getattr(commitment, "sources", ())]
    )
    return " ".join([getattr(commitment, "description", ""), *quotes])


def describe(commitment: object) -> Described:
    """What the matcher reads of a commitment (Commitment or StoredCommitment)."""
    title = getattr(commitment, "title", "")
    aliases = getattr(commitment, "aliases", ())
    names = tuple(n for n in (frozenset(words(name)) for name in (title, *aliases)) if n)
    tags = frozenset(words(" ".join(getattr(commitment, "tags", ()))))
    return Described(getattr(commitment, "id", ""), names, tags, commitment)
