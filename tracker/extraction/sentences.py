"""Split an article into sentences, keeping each sentence's place in the original text.

Quotes must stay verbatim, so a sentence is a (start, end) span of the original, never a
rewritten string. A full stop ends a sentence unless it belongs to an abbreviation ("Dr.",
"No. 5", "U.S."), an initial, or a number ("1.8"), or the next word starts in lower case.
Line breaks always end a sentence: news articles put one paragraph on a line.
"""

from __future__ import annotations

import re
from typing import NamedTuple

ABBREVIATIONS = frozenset(
    [
        "dr",
        "mr",
        "mrs",
        "ms",
        "prof",
        "st",
        "no",
        "nos",
        "vs",
        "etc",
        "e.g",
        "i.e",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "gen",
        "gov",
        "sen",
        "rep",
        "col",
        "lt",
        "maj",
        "capt",
        "inc",
        "ltd",
        "co",
        "corp",
        "jr",
        "sr",
        "approx",
        "dept",
        "est",
        "fig",
        "pp",
        "vol",
        "art",
        "para",
        "ph.d",
    ]
)
# A full stop ends a sentence before a space, or glued to the next one in a scraped copy
# ("in India.A meeting of officials …").
_END = re.compile(r"[.!?]+[’”\"')\]]*(?=\s|$)|(?<=[a-z]{3})\.(?=[A-Z])")
_INITIALS = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?\.?")


class Span(NamedTuple):
    start: int
    end: int

    def text(self, document: str) -> str:
        return document[self.start : self.end]


def sentences(text: str) -> list[Span]:
    spans: list[Span] = []
    offset = 0
    for line in _lines(text):
        spans.extend(_line_sentences(line, offset))
        offset += len(line)
    return spans


def _lines(text: str) -> list[str]:
    """The text's lines, a hard-wrapped sentence's lines joined: a line that does not end a
    sentence runs on into a next line that starts in lower case ("… by\nthe end of the year")."""
    bounds: list[list[int]] = []  # [start, end] of each joined line: slicing once stays linear
    previous = ""
    offset = 0
    for line in text.splitlines(keepends=True):
        if bounds and _runs_on(previous, line):
            bounds[-1][1] = offset + len(line)
        else:
            bounds.append([offset, offset + len(line)])
        previous = line
        offset += len(line)
    return [text[start:end] for start, end in bounds]


def _runs_on(previous: str, line: str) -> bool:
    ending = previous.rstrip()
    if not ending or ending[-1] in '.!?:;"”’)':
        return False
    first = line.lstrip()[:1]
    return first.islower()


def _line_sentences(line: str, offset: int) -> list[Span]:
    spans = []
    start = _skip_space(line, 0)
    for match in _END.finditer(line):
        end = match.end()
        if not _is_boundary(line, match.start(), end):
            continue
        if end > start:
            spans.append(Span(offset + start, offset + end))
        start = _skip_space(line, end)
    tail = line[start:].rstrip()
    if tail:
        spans.append(Span(offset + start, offset + start + len(tail)))
    return spans


def _skip_space(line: str, position: int) -> int:
    while position < len(line) and line[position].isspace():
        position += 1
    return position


_NEXT = re.compile(r"\s*(\S?)")
WORD_WINDOW = 64  # characters before a full stop that can hold the word it ends


def _is_boundary(line: str, stop: int, end: int) -> bool:
    # Only a bounded look around each full stop, so that a line of a million "Dr. " stays linear.
    following = _NEXT.match(line, end).group(1)  # type: ignore[union-attr]
    if not following:
        return True
    if line[stop] == "." and following.islower():
        return False
    before = line[max(0, stop - WORD_WINDOW) : stop]
    word = before.rsplit(None, 1)[-1] if before.strip() else ""
    word = word.lstrip("“\"‘'([")
    if line[stop] == "." and word.lower().rstrip(".") in ABBREVIATIONS:
        return False
    if line[stop] == "." and _INITIALS.fullmatch(word + "."):
        return False  # "U.S." or an initial such as "J." in "J. Smith"
    return not (line[stop] == "." and len(word) == 1 and word.isupper())
