"""Split text into tokens that keep their character offsets into the original string."""

from __future__ import annotations

import re
import unicodedata
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
  | (?P<num>\d+(?:st|nd|rd|th)?(?![\w]))
  | (?P<punct>[^\s\w]|_)
    """,
    re.VERBOSE | re.IGNORECASE,
)
_ABBREVIATED = {k for k in (*MONTHS, *WEEKDAYS) if k.endswith(".")}
_DASHES = str.maketrans({c: "-" for c in "\u2010\u2011\u2012\u2013\u2014\u2015\u2212"})


def normalise(text: str) -> str:
    return unicodedata.normalize("NFKC", text).translate(_DASHES).replace("’", "'").lower()


def tokenize(text: str) -> list[Token]:
    flat = normalise(text)
    if len(flat) != len(text):  # NFKC changed lengths: keep offsets by normalising per char
        flat = "".join(normalise(c)[:1] or " " for c in text)
    tokens: list[Token] = []
    for m in _TOKEN.finditer(flat):
        kind = m.lastgroup or "punct"
        start, end = m.start(), m.end()
        norm = flat[start:end]
        stop = None
        if kind == "word" and norm.endswith(".") and norm.rsplit("-", 1)[-1] not in _ABBREVIATED:
            end -= 1  # a full stop, not part of "Sept." or "Dec."
            norm = norm[:-1]
            stop = Token(".", ".", end, end + 1, "punct")
        if kind == "word" and "-" in norm:  # "mid-July", "year-end", "end-2025" stay apart
            for part in re.finditer(r"[^-]+|-", norm):
                a, b = start + part.start(), start + part.end()
                piece = "punct" if part.group() == "-" else kind
                tokens.append(Token(text[a:b], part.group(), a, b, piece))
        else:
            if kind == "code2":
                kind = "code"
            if kind == "bignum":
                kind, norm = "num", norm.replace(",", "")
            tokens.append(Token(text[start:end], norm, start, end, kind))
        if stop:
            tokens.append(stop)
    return tokens
