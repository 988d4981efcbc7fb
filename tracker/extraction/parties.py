"""Who is bound by a pledge: countries named in its subject, leaders recognised by nationality.

"Both sides", "they" and "the two leaders" mean the article's two main countries (the two it
names most). A leader's name counts for a country once the article (or another article read in
the same run) calls them, say, "Japanese Prime Minister Ishiba Shigeru".
"""

from __future__ import annotations

import re
from collections import Counter

from tracker.query import fold

COUNTRIES = {
    "Vietnam": ("vietnam", "viet nam", "vietnamese", "vietnams"),
    "Japan": ("japan", "japanese"),
    "New Zealand": ("new zealand",),
    "United Kingdom": ("uk", "united kingdom", "britain", "british"),
    "France": ("france", "french"),
    "Pakistan": ("pakistan", "pakistani"),
    "Turkiye": ("turkiye", "turkey", "turkish"),
    "China": ("china", "chinese"),
    "United States": ("united states", "u.s.", "american"),
    "South Korea": ("south korea", "korea", "korean"),
    "India": ("india", "indian"),
    "Australia": ("australia", "australian"),
    "Philippines": ("philippines", "philippine", "filipino"),
    "Indonesia": ("indonesia", "indonesian"),
    "Laos": ("laos", "lao"),
    "Cambodia": ("cambodia", "cambodian"),
    "Thailand": ("thailand", "thai"),
    "Singapore": ("singapore", "singaporean"),
    "Malaysia": ("malaysia", "malaysian"),
    "Germany": ("germany", "german"),
    "Canada": ("canada", "canadian"),
    "United Arab Emirates": ("uae", "united arab emirates", "emirati"),
    "European Union": ("european union", "eu"),
    "ASEAN": ("asean",),
}
_WORD_TO_COUNTRY = {word: country for country, words in COUNTRIES.items() for word in words}
_COUNTRY_RE = re.compile(
    r"\b(" + "|".join(sorted(map(re.escape, _WORD_TO_COUNTRY), key=len, reverse=True)) + r")\b"
)
BOTH = re.compile(
    r"\b(?:both sides|the two sides|two sides|both countries|the two countries|two countries|"
    r"both leaders|the two leaders|two leaders|the two (?:prime ministers|pms)|two pms|both pms|"
    r"the leaders|they|both|the two)\b"
)
PRONOUN = re.compile(r"^\s*(?:he|she|his|her)\b")
_TITLES = (
    "prime minister|pm|president|general secretary|party general secretary|minister|ambassador|"
    "counterpart|leader|foreign minister|premier|chancellor|king|emperor"
)
_LEADER = re.compile(
    r"\b("
    + "|".join(sorted(map(re.escape, _WORD_TO_COUNTRY), key=len, reverse=True))
    + r")[’'s]*\s+"
    r"(?:(?:" + _TITLES + r")\s+)+(?:\(pm\)\s+)?((?:[a-z][\w-]+\s?){1,3})"
)


def countries_in(text: str) -> list[str]:
    """Countries named in `text`, in order, once each (matching ignores case and accents)."""
    found = [
        _WORD_TO_COUNTRY[m.group(1)] for m in _COUNTRY_RE.finditer(fold(text).replace("-", " "))
    ]
    return list(dict.fromkeys(found))


def main_parties(text: str) -> list[str]:
    counts = Counter(
        _WORD_TO_COUNTRY[m.group(1)] for m in _COUNTRY_RE.finditer(fold(text).replace("-", " "))
    )
    counts.pop("ASEAN", None)
    return [country for country, _ in counts.most_common(2)]


def leader_aliases(text: str) -> dict[str, str]:
    """Name words of leaders introduced with their country: {'ishiba': 'Japan', …}."""
    aliases: dict[str, str] = {}
    for match in _LEADER.finditer(fold(text)):
        for word in match.group(2).split():
            if word not in _WORD_TO_COUNTRY and len(word) > 2:
                aliases.setdefault(word, _WORD_TO_COUNTRY[match.group(1)])
    return aliases


class PartyReader:
    """Resolves the parties of successive clauses of one document, remembering the last subject."""

    def __init__(self, document: str, aliases: dict[str, str]) -> None:
        self.main = main_parties(document)
        self.aliases = aliases
        self.last: list[str] = []

    def parties(self, subject: str, after_cue: str) -> list[str]:
        folded = fold(subject)
        named = countries_in(subject)
        people = [self.aliases[w] for w in re.findall(r"[a-z][\w-]+", folded) if w in self.aliases]
        if BOTH.search(folded) and not named:
            found = list(self.main)
        elif named or people:
            found = list(dict.fromkeys([*named, *people]))
        elif PRONOUN.search(folded) and self.last:
            found = list(self.last)
        else:
            possessive = re.match(r"\s*(?:[\w-]+\s+){0,2}?([\w ]+?)[’']s\b", fold(after_cue))
            found = countries_in(possessive.group(1)) if possessive else []
            found = found or list(self.main)
        self.last = found
        return found
