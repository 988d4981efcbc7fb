"""What a sentence of reporting says happened, kept as data: one row per wording.

A row is a regular expression over the folded sentence (lower case, no accents) and the status
it supports. Rows are tried in order, so the more specific ones (a postponement, a first round
of negotiations) come before the general "held" or "signed". A sentence that speaks of the
future or of a plan ("will hold", "is set to", "agreed to") reports nothing: a restatement of a
pledge is not its delivery.
"""

from __future__ import annotations

import re
from typing import NamedTuple


class StatusCue(NamedTuple):
    status: str
    words: str  # the wording that made the reader say so
    strength: float  # how plainly the wording states the status (0..1)
    at: int = 0  # where the wording starts in the folded sentence


_ROWS: tuple[tuple[str, str, float], ...] = (
    # dropped: given up for good
    (r"\b(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?(?:cancell?ed|called off|scrapped|abandoned|shelved)\b", "dropped", 0.9),
    (r"\b(?:cancell?ed|called off|scrapped|abandoned)\s+(?:the|its|their|a|an|his|her)\b", "dropped", 0.8),
    # stalled: put off, delayed
    (r"\b(?:was|were|has been|have been|had been|been)\s+(?:\w+\s+)?(?:postponed|delayed|put off|pushed back|deferred|suspended|put on hold)\b", "stalled", 0.9),
    (r"\b(?:postponed|delayed|deferred|suspended|put off|pushed back)\s+(?:the|its|their|a|until|to|indefinitely)\b", "stalled", 0.8),
    (r"\b(?:postponement|delay) of\b", "stalled", 0.7),
    (r"\b(?:postponed|asked to delay|requested to delay|put off)\b", "stalled", 0.75),
    (r"\bbehind schedule\b", "stalled", 0.7),
    # broken: missed or refused
    (r"\b(?:missed|failed to meet)\s+(?:the|its|their)\s+(?:\w+\s+)?(?:deadline|target)\b", "broken", 0.8),
    (r"\b(?:refused|rejected|declined)\s+to\b", "broken", 0.6),
    # in progress: concrete steps short of delivery
    (r"\b(?:began|begun|started|launched|opened|kicked off|commenced|held|concluded)\s+(?:the\s+)?(?:[\w-]+\s+){0,3}?(?:negotiations?|talks|consultations on)\b", "in-progress", 0.8),
    (r"\b(?:first|second|third|fourth|fifth|\d+(?:st|nd|rd|th))\s+round of\b", "in-progress", 0.8),
    (r"\bnegotiations?\s+(?:\w+\s+)?(?:began|started|opened|are under way|are underway|have begun|have started)\b", "in-progress", 0.8),
    (r"\b(?:drafting|under way|underway|in progress|under negotiation|under construction)\b", "in-progress", 0.6),
    (r"\b(?:broke ground|groundbreaking ceremony|laid the foundation stone|foundation stone (?:was|were) laid)\b", "in-progress", 0.75),
    # fulfilled: it happened
    (r"\b(?:was|were|has been|have been|had been)\s+(?:officially\s+|successfully\s+|formally\s+)?(?:held|convened|organi[sz]ed|signed|inked|launched|opened|inaugurated|completed|concluded|finali[sz]ed|hosted|established|put into operation|handed over|unveiled)\b", "fulfilled", 0.9),
    (r"\b(?:held|convened|hosted|signed|inked|inaugurated|completed|finali[sz]ed|concluded|launched|opened)\s+(?:their|its|the|a|an|his|her)\s+(?:\w+\s+){0,3}?(?:first|inaugural|\d+(?:st|nd|rd|th)|meeting|dialogue|consultation|forum|agreement|memorandum|mou|summit|visit|talks|session|committee|conference)\b", "fulfilled", 0.85),
    (r"\b(?:held|convened|hosted|signed|inked|inaugurated)\b", "fulfilled", 0.7),
    (r"\b(?:reached|struck|clinched|sealed)\s+(?:an?\s+|the\s+)?(?:\w+\s+){0,3}?(?:agreement|deal|accord)\b", "fulfilled", 0.75),
    (r"\b(?:took place|kicked off|got under way|opened|was opened|closed|wrapped up|concluded)\b", "fulfilled", 0.7),
    (r"\b(?:paid|made|began|concluded)\s+(?:an?\s+)?(?:official|state|working)?\s*visit\b", "fulfilled", 0.8),
    (r"\b(?:arrived in|landed in)\b", "fulfilled", 0.6),
    (r"\b(?:sent|dispatched)\s+(?:a|its|their)\s+delegation\b", "fulfilled", 0.7),
    (r"\b(?:took part|participated|attended)\b", "fulfilled", 0.5),
)  # fmt: skip
CUES = tuple((re.compile(pattern), status, strength) for pattern, status, strength in _ROWS)

# Words that turn a report into a plan, a wish or a restatement. Checked near the status words,
# before them or right after them ("will be held", "to be signed", "agreed to hold").
_FUTURE = re.compile(
    r"\b(?:will|would|shall|should|could|may|might|plans? to|planned to|planning to|aims? to|"
    r"aimed to|aiming to|intends? to|set to|is to|are to|scheduled|expected to|to be (?:held|"
    r"signed|organi[sz]ed|launched|convened|completed|opened)|agreed to|agree to|agreeing to|"
    r"pledged to|vowed to|committed to|hopes? to|hoped|look(?:s|ing)? forward|proposed|"
    r"suggested|called for|urged|prepar(?:e|es|ing) (?:for|to)|upcoming|next (?:week|month|year)|"
    r"yet to|not yet|has not|have not|had not|did not|didn't|hasn't|haven't|no longer|"
    r"reaffirmed|reiterated|affirmed the importance|ahead of)\b"
)


# Words that make a whole sentence a preview, wherever they stand in it.
_PREVIEW = re.compile(
    r"\b(?:upcoming|forthcoming|scheduled (?:for|to)|to be held|will be held|will take place|"
    r"preparations? for|in preparation for|ahead of the)\b"
)

_REACH = 70  # characters before the status words in which a plan word still governs them


def status_cue(folded_sentence: str) -> StatusCue | None:
    """The first status the sentence reports as done, or None for plans and restatements."""
    for pattern, status, strength in CUES:
        match = pattern.search(folded_sentence)
        if match is None:
            continue
        if status not in ("stalled", "dropped") and _PREVIEW.search(folded_sentence):
            return None  # a postponement names what was planned; a preview only plans
        # "postponed until next year" is the report itself; only what precedes governs it
        after = 0 if status in ("stalled", "dropped") else 12
        window = folded_sentence[max(0, match.start() - _REACH) : match.end() + after]
        if _FUTURE.search(window):
            return None
        return StatusCue(status, match.group(0), strength, match.start())
    return None
