"""Split text into tokens that keep their character offsets into the original string."""

from __future__ import annotations

import functools
import re
from typing import NamedTuple

from tracker.timex.lexicon import MONTHS, WEEKDAYS


class Token(NamedTuple):
    text: str  # as written
    norm: str  # lower case, plain quotes and dashes
    start: int
    end: int
    kind: str  # word, num, iso, numdate, ym, code, punct


_TOKEN = re.compile(
    r"""
    (?P<code>(?:fy|q|h)\d{1,4}(?![\w])|fy(?![\w]))
  | (?P<word>[^\W\d_]+(?:-[^\W\d_]+)*(?:['’](?:s\b)?)?\.?)
  | (?P<iso>\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?![\d]))
  | (?P<numdate>\d{1,2}[./]\d{1,2}[./]\d{4}(?!\d))
  | (?P<ym>\d{4}-\d{1,2}(?![\w\d]))
  | (?P<code2>\d[qh]\d{2}(?![\w])|'?\d{2,4}s(?![\w]))
  | (?P<bignum>\d{1,3}(?:,\d{3})+(?![\d]))
  | (?P<num>\d+(?:st|nd|rd|th)?(?![\w])|\d+(?=(?:day|week|month|year)s?\b))  # "15days"
  | (?P<punct>[^\s\w]|_)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_ABBREVIATED = {k for k in (*MONTHS, *WEEKDAYS) if k.endswith(".")}
_PLAIN = str.maketrans(
    {**{c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"},
     "\u2019": "'", "\u2018": "'", "\u00a0": " ", "\u2026": "."}
)  # fmt: skip


def normalise(text: str) -> str:
    """Lower case, plain dashes and quotes; one character for one, so offsets still hold."""
    flat = text.translate(_PLAIN).lower()
    if len(flat) != len(text):  # a letter whose lower case is longer ("İ"): one char each
        flat = "".join(_one(c) for c in text)
    return flat


@functools.lru_cache(maxsize=512)
def _one(char: str) -> str:
    return (char.translate(_PLAIN).lower() or " ")[0]


def tokenize(text: str) -> list[Token]:
    flat = normalise(text)
    tokens: list[Token] = []
    add = tokens.append
    for m in _TOKEN.finditer(flat):
        kind = m.lastgroup or "punct"
        start, end = m.span()
        norm = m.group()
        if kind == "word":
            stop = None
            if norm[-1] == "." and norm.rsplit("-", 1)[-1] not in _ABBREVIATED:
                end -= 1  # a full stop, not part of "Sept." or "Dec."
                norm = norm[:-1]
                stop = Token(".", ".", end, end + 1, "punct")
            if "-" in norm:  # "mid-July", "year-end", "end-2025" stay apart
                for part in re.finditer(r"[^-]+|-", norm):
                    a, b = start + part.start(), start + part.end()
                    piece = "punct" if part.group() == "-" else kind
                    add(Token(text[a:b], part.group(), a, b, piece))
            else:
                add(Token(text[start:end], norm, start, end, kind))
            if stop:
                add(stop)
            continue
        if kind == "code2":
            kind = "code"
        elif kind == "bignum":
            kind, norm = "num", norm.replace(",", "")
        add(Token(text[start:end], norm, start, end, kind))
    return tokens
