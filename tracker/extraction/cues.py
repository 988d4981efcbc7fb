"""What marks a sentence as a pledge, what marks it as something else, and where one sentence
holds several pledges.

Following the G7 Research Group's coding rules, a commitment is a discrete, specific,
future-oriented statement of intent by named parties. The cues are the verbs officials and
reporters use for that; the exclusions catch the look-alikes: hopes, beliefs, agenda previews,
praise and needs ("stressed the need to").
"""

from __future__ import annotations

import re
from typing import NamedTuple

from tracker.extraction.sentences import Span

_CUES = [
    (
        "agreed to",
        r"\bagreed (?:to|on|upon|that)\b|\bagree(?:s|d)? (?:today |further |also |now )?to\b"
        r"|\bagreed (?:amongst others|among others|in principle) (?:that|to)\b"
        r"|\b(?:we|they) agree that\b"
        # News wires put the day between the verb and what was agreed: "agreed Tuesday to".
        r"|\bagreed (?:on |here |here on )?(?:today|yesterday|(?:mon|tues|wednes|thurs|fri|satur|sun)day)"
        r"(?: night| morning| evening)?(?: in (?-i:[A-Z])[\w-]+(?: (?-i:[A-Z])[\w-]+)?)? (?:to|that|on)\b"
        r"|\bagreed [“\"]to\b"  # quoting the communiqué: they agreed "to extend …"
        r"|\b(?:signed|formali[sz]ed|concluded|inked|struck) (?:an? |the )?(?:[\w-]+ ){0,3}"
        r"(?:agreement|deal|accord|memorandum|mou|pact) to (?!the\b|a\b|an\b)(?-i:[a-z])"
        r"|\bagreeing to\b"
        r"|\bagreement (?:to|on) (?:start|begin|launch|establish|resume|hold|negotiate)\b"
        r"|\breached (?:an )?agreement (?:on|to)\b"
        r"|\bagreement (?:is|was|has been) (?:also )?reached (?:to|on|that)\b",
    ),
    ("pledged", r"\bpledge[sd]?\b|\bpledging\b"),
    (
        # What an agreement holds is undertaken: "the agreement stipulates the establishment of".
        "agreement provides for",
        r"\b(?:agreement|deal|accord|memorandum|mou|protocol|roadmap|treaty|declaration)s?"
        r" (?:also )?(?:includes?|stipulates?|provides? for|envisages?|foresees?|commits?)\b",
    ),
    (
        "committed to",
        r"\bcommitt(?:ed|ing) to\b|\bcommitment to\b|\bcommits?\b[^.;,]{0,30}?\bto\b",
    ),
    (
        "vowed",
        r"\bvow(?:ed|s)? to\b|\bpromis(?:ed|es) to\b|\bundert(?:ook|akes) to\b|\boffered to\b",
    ),
    ("concurred", r"\bconcurred (?:to|on)\b"),
    (
        "decided to",
        r"\b(?:decided|decides) (?:to|on)\b|\bdecision was (?:also )?taken to\b"
        r"|\b(?:was|were|has been|have been) decided\b|\bresolved to (?=[a-z])",
    ),
    (
        "aim to",
        r"\baim(?:s|ed|ing)? (?:to|for)\b|\bgoal to\b|\b(?:goal|aim|objective) (?:is|was) to\b"
        r"|\b(?:with|under) (?:an? |the )?(?:[\w-]+ ){0,2}(?:target|goal) (?:to|of)\b"
        r"|\b(?:set|sets|setting|agreed on|fixed) (?:an? |the )?(?:[\w-]+ ){0,2}"
        r"(?:deadline|time-?frame|timeline|timetable)\b"
        r"|\b(?:set|sets|setting|announced|confirmed|agreed on|outlines?|outlined) (?:an? |the )?"
        r"(?:[\w-]+ ){0,3}(?:targets?|goals?|aim)\b"
        r"|\bset (?:[\w-]+ ){1,3}as the (?:deadline|timeline|target(?: date)?)\b",
    ),
    (
        "is set to",
        r"\b(?:is|are) (?:set|scheduled|slated|due|going) to\b|\bscheduled (?:for|to|in|on|between)\b"
        r"|(?<!been )\b(?:set|slated|scheduled|due) to (?:occur|take place|begin|start|be held|be signed|open"
        r"|resume|conclude|commence|kick off|meet)\b|\bslated for\b"
        r"|\b(?:is|are) to (?:be (?:held|signed|built|completed|launched|opened|established)"
        r"|build|sign|hold|open|launch|establish|complete|start|begin|resume|set up|create)\b"
        r"|\b(?:is|are) (?:likely|expected) to (?:take place|be (?:held|signed|organi[sz]ed|completed|launched))\b"
        r"|\b(?:is|are) expected to (?:discuss|finali[sz]e|sign|hold|complete|conclude|present|submit"
        r"|deliver|start|begin|meet)\b"
        r"|\bto be (?:held|signed|completed|launched|opened|built|hosted|finali[sz]ed|concluded)\b"
        r"|\b(?:it is|it's|it’s|is|are) planned (?:to|for)\b",
    ),
    ("set for", r"\bset for\b"),
    (
        "move forward on",
        r"\bmov(?:e|es|ing) (?:forward|ahead) (?:on|with)\b|\bpush(?:es|ing)? ahead with\b"
        r"|\bconclude (?:the )?(?:talks|negotiations)\b",
    ),
    (
        "instructed",
        r"\b(?:instruct|direct|task|mandat|charg|assign)(?:ed|es|s|ing)\b(?! by)[^.;]{0,90}?\bto\b"
        r"|\b(?:task|charg|entrust)(?:ed|es|s)\b[^.;]{0,90}?\bwith (?-i:[a-z]+ing)\b"
        r"|\bg(?:ave|iven) (?:[\w’']+ ){1,4}(?:days|weeks|months|a year|years) to\b"
        r"|\bask(?:s|ed|ing)? (?:(?:our|their|the|his|her|its|relevant|respective) )?(?:[\w-]+ ){0,3}"
        r"(?:ministers?|officials|ministries|agencies|authorities|teams|negotiators|them|commission"
        r"|committee)\b[^.;]{0,80}?\bto\b|\b(?:were|was|have been|has been) asked\b[^.;]{0,40}?\bto\b"
        r"|\border(?:ed|ing) (?:a|an|the) [^.;]{0,40}?\bbe\b",
    ),
    (
        "intend to",
        r"\bintend(?:s|ed)? to\b|\bplans? to\b|\bplanning to\b"
        r"|\b(?:outlines?|outlined|announced|unveiled) plans? for\b"
        r"|\b(?:announced|stated|declared|signall?ed|confirmed) (?:their|his|her|its|the) "
        r"(?:intent|intention) to\b",
    ),
    (
        "expressed intention",
        r"\bexpressed (?:their|his|her|its) (?:intent|intention|will|readiness|willingness|determination) to\b",
    ),
    ("reached consensus on", r"\breached (?:a )?consensus on\b"),
    ("announced support for", r"\bannounced (?:support for|plans? to)\b"),
    ("announced participation", r"\bannounced [\w’']+ participation\b"),
    (
        "invited to visit",
        r"\binvit\w*\b[^.;]{0,140}?\bto (?:visit|make an official visit|make a state visit|participate"
        r"|attend|pay (?:an? )?(?:official |state |working )?visit)\b"
        r"|\binvited\b[^.;]{0,80}?\bto (?:the )?[A-Z][\w.-]+(?: for| in| at| on|,|$)"
        r"|\b(?:accept(?:ed|s)?|pleased to accept) (?:an|the|their|his|her|a) (?:invitation|proposal|offer)\b",
    ),
    ("will", r"\bwill\b"),
    ("shall", r"\bshall\b"),
    (
        "would",
        r"\bwould (?:continue|send|deepen|promote|support|provide|work|help|also|begin|start"
        r"|collaborate|cooperate|hold|launch|establish|open|build|sign|be signed|be held|be completed"
        r"|take place|run|commence|introduce|ratify|submit|present|meet|visit|reopen|resume"
        r"|be (?:set up|concluded|finali[sz]ed|launched|opened|established|implemented|built"
        r"|constituted|inaugurated))\b"
        r"|\b(?:every|all (?:possible|necessary)) efforts? (?:would|will) be made\b"
        r"|\bmake (?:every|all (?:possible|necessary)) efforts? to\b",
    ),
    (
        "determination",
        r"\bdetermination (?:to|for)\b|\b(?:is|are|was|were|remains?|remained) determined to\b"
        r"|\b(?:their|its|his|her) resolve to\b",
    ),
    ("endeavour", r"\bendeavou?r to\b|\bstrive for\b|\bwant(?:s)? to work\b"),
    ("assured", r"\bassured\b"),
    ("acknowledged the proposal", r"\backnowledged the proposal\b"),
    ("welcomed support", r"\bwelcomed [\w’']+ support for\b"),
    ("wishes to continue", r"\bwish(?:es)? to continue\b"),
    ("working towards signing", r"\bworking towards the signing\b"),
    ("expected to be implemented", r"\bexpected to be (?:implemented|signed|held|completed)\b"),
    ("reaffirmed commitment", r"\breaffirmed\b[^.;]{0,40}\bcommitment\b"),
    ("reaffirmed support", r"\b(?:reaffirmed|reiterated|renewed) (?:their|its|his|her) support\b"),
    (
        "confirmed support",
        r"\bconfirmed (?:the )?(?:full )?support\b|\bconfirmed [\w ]{0,20} would\b",
    ),
    (
        "handover of documents",
        r"\bhandover of\b[^.;]{0,40}\bdocuments?\b",
    ),
    ("supports", r"\b(?:supports|assists|accepts)\b"),
    ("agreed upon", r"\bagreed upon\b"),
]
CUES = [(name, re.compile(pattern, re.IGNORECASE)) for name, pattern in _CUES]

NOT_PLEDGES = re.compile(
    r"\bwill (?:also )?(?:discuss|focus|review|be on\b|be potential|explore cooperation possibilities)"
    r"|\bbeliev(?:e|ed|es)\b|\bexpress(?:ed|ing)? (?:his|her|their) (?:hope|belief|confidence|delight"
    r"|admiration|sympathy)|\bexpressed confidence\b|\bhope(?:s|d)? (?:that|to)\b|\bshowing his hope\b"
    r"|\bstressed the need\b|\bneed to\b|\bcan significantly\b|\bpraised\b|\bcongratulated\b"
    r"|\bhailed\b|\bwas expected to\b|\bis expected to (?:create|inject|bring)\b"
    r"|\bconfident that\b|\b(?:political|collective|good|free|strong|common) will\b"
    r"|\burg(?:ed|es|ing)\b|\bcalled (?:on|for)\b|\bwill greatly contribute\b|\bhopes? for\b"
    r"|\b(?:we|i|they) hope\b|\b(?:their|his|her|its|our) confidence that\b"
    r"|\bwill (?:still )?take (?:some |more )?time\b|\bno deadline\b"
    r"|\b(?:is|are) set to (?:enhance|boost|improve|increase|rise|grow|benefit|bring|transform)\b"
    r"|\bwelcomed\b(?! [\w’']+ support for| (?:the )?(?:agreement|decision|plans?) to)"
    # What a deal or project will do for people is a forecast, not an undertaking.
    r"|\b(?:deal|agreement|agreements|settlement|project|link|pact|accord|move|it|this|which)"
    r"(?: that| which)? will (?:also )?(?:\w+ly )?(?:bring|benefit|improve|boost|help|invest|support"
    r"|contribute|give|facilitate|enhance|allow|enable|generate|create|make|be able)\b",
    re.IGNORECASE,
)

# Verbs that start a second undertaking in the same sentence ("… and push ahead with …").
PLEDGE_VERBS = [
    "begin",
    "start",
    "push",
    "convene",
    "explore",
    "promote",
    "strengthen",
    "organize",
    "organise",
    "support",
    "send",
    "hold",
    "schedule",
    "sign",
    "establish",
    "expand",
    "deepen",
    "institutionalize",
    "institutionalise",
    "facilitate",
    "fast-track",
    "build",
    "increase",
    "maintain",
    "implement",
    "upgrade",
    "develop",
    "open",
    "provide",
    "accelerate",
    "launch",
    "create",
    "devise",
    "finalize",
    "finalise",
    "host",
    "train",
    "enhance",
    "boost",
    "intensify",
    "designate",
    "attain",
    "raise",
    "resolve",
    "reduce",
    "improve",
    "ensure",
    "complete",
    "conclude",
    "negotiate",
    "cooperate",
    "coordinate",
    "reopen",
    "resume",
    "double",
    "achieve",
    "eliminate",
    "expedite",
    "simplify",
    "modernize",
    "modernise",
    "restore",
]


# Base forms only: gerunds are too often nouns ("education and training").
_FORMS = sorted(PLEDGE_VERBS, key=len, reverse=True)
_CONTINUATION = re.compile(
    r",? and (?:(?:also|then|further|furthermore|effectively|jointly) (?:to )?)?(?=(?:"
    + "|".join(map(re.escape, _FORMS))
    + r")\b)|,? and (?=will\b)"
    # "…, committed to halve it by 2023, and committed to end it by 2030": a second reported cue.
    r"|,? and (?=(?:also )?(?:agreed|committed|pledged|decided|resolved|vowed|undertook) to\b)"
    r"|,? and (?=(?:also )?announced (?:their|its|his|her) (?:intent|intention|plans?) to\b)"
    # "…, and the issue of a joint fund will also be worked out": a second subject of its own.
    r"|, and (?=(?:the|a|an|this|these|both) [^,.;]{0,60}?\bwill\b)"
)
# "…; and …" starts a new undertaking, but "to X; to Y; and to Z" lists one pledge's parts.
# ", as Prime Minister X reviewed … and agreed to …" is a second actor's clause, with its own cue.
_HARD_SPLIT = re.compile(
    r", while |; and (?!to\b)|; (?!(?:and )?to\b)(?=[a-z])|, and that |, adding that |, but (?=that\b|[A-Z]|(?:also )?(?:added|said|noted|stressed|stated|announced)\b)"
    r"|, with (?=(?:[A-Z][\w’'.-]*\s+){1,4}(?:agreeing|pledging|committing|promising)\b)"
    r"|, as (?=(?:the |both |its |their )?[A-Z][\w’'.-]*\s)"
    # "… will be completed by June, and the construction is scheduled to begin in September":
    # a second subject with a plan of its own.
    r"|, (?:and|but) (?!(?:how|what|who|whom|which|where|when|whether|that|if|i|we|they|he|she"
    r"|it|then|also)\b)(?=(?:(?!(?:that|who|which)\b)[a-z][\w’'-]*\s+){1,6}(?:will|shall"
    r"|(?:is|are) (?:scheduled|set|expected|due|planned|slated) (?:to|for)|(?:is|are) to)\b)"
)
_NEW_SPEAKER = re.compile(
    r", (?=(?:[A-Z][\w’'.-]*\s+){1,6}(?:affirmed|said|stated|noted|pledged|confirmed|announced|added)\b)"
)
MIN_WORDS_BEFORE_SPLIT = 6
_VERBS = frozenset(PLEDGE_VERBS)
_FIRST_WORD = re.compile(r"\s*(?:(?:also|further|jointly|to)\s+)*([a-z-]+)")
# Where a list of undertakings sharing one cue goes on: "to promote X, designate Y and attain Z",
# "committed to raising X and resolving Y, as well as increasing Z".
_LIST_JOIN = re.compile(r"(?:,? and |, as well as |, )(?:(?:also|to) )?([a-z-]+)\b")


def _verb(word: str) -> str:
    """The base form of a pledge verb, a gerund's included ("raising" -> "raise"); else ""."""
    if word in _VERBS:
        return word
    if word.endswith("ing") and len(word) > 5:
        stem = word[:-3]
        for base in (stem, stem + "e", stem[:-1] if stem[-1:] == stem[-2:-1] else ""):
            if base in _VERBS:
                return base
    return ""


_SHARED_INFINITIVE = re.compile(r"\bto\s+\S+\s*$")


class Cue(NamedTuple):
    name: str
    start: int
    end: int


class Clause(NamedTuple):
    span: Span  # the verbatim quote
    cue: Cue  # offsets in the document
    subject: Span  # who speaks or acts: the words before the cue


def find_cue(text: str, keep_blocked: bool = False) -> Cue | None:
    """The earliest pledge cue in `text`, unless a hope, belief or need comes before it (kept
    all the same with `keep_blocked`)."""
    cue = _earliest(text)
    return None if cue is None or (not keep_blocked and _blocked(text, cue)) else cue


def _earliest(text: str) -> Cue | None:
    found = [
        Cue(name, match.start(), match.end())
        for name, pattern in CUES
        if (match := pattern.search(text))
    ]
    return min(found, key=lambda c: (c.start, -c.end)) if found else None


def _blocked(text: str, cue: Cue) -> bool:
    """A hope, belief or need before the cue blocks it, unless the cue starts a predicate of
    its own after it ("welcomed efforts to combat malaria, committed to halve it by 2023")."""
    blocker = NOT_PLEDGES.search(text)
    if not blocker or blocker.start() >= cue.end:
        return False
    if _COORDINATED.search(text, blocker.end(), cue.start):
        return False
    # "welcomed the progress on X and agreed to hold a meeting": praise, then a decision.
    return not (
        _PRAISE.fullmatch(blocker.group())
        and _AND.search(text, blocker.end(), cue.start)
        and _DECIDED.match(text, cue.start)
    )


# The cue follows a comma (and "and"): a new predicate of the same subject.
_COORDINATED = re.compile(
    r",\s+(?:and\s+)?(?:also\s+)?$"
    # "…stressed the need for action through the Group, which is scheduled to meet January 23"
    r"|,\s+which\s+(?:(?:is|are)\s+)?$"
)


_PRAISE = re.compile(r"welcomed|praised|hailed|congratulated", re.IGNORECASE)
_AND = re.compile(r"\s+and\s+(?:also\s+)?$")
_DECIDED = re.compile(r"(?:agreed|committed|decided|pledged|vowed|resolved)\b", re.IGNORECASE)

NO_CUE = "none (learned reader)"  # a clause no cue marks, accepted by extraction/reader.py


def clauses(
    document: str, sentence: Span, cueless: bool = False, blocked: bool = False
) -> list[Clause]:
    """The pledges in one sentence: each with its verbatim span and the cue that marked it.
    With `cueless`, a piece with no cue at all is returned too, with the cue NO_CUE, for the
    reader of such clauses to judge; with `blocked`, a piece whose cue a hope or need blocks
    (training the reader sees every clause)."""
    pieces = _split(document, sentence, _HARD_SPLIT)
    pieces = [p for piece in pieces for p in _split(document, piece, _NEW_SPEAKER)]
    result: list[Clause] = []
    for piece in pieces:
        text = piece.text(document)
        cue = _earliest(text)
        if cue is None:
            if cueless:
                result.append(Clause(piece, Cue(NO_CUE, piece.start, piece.start), piece))
            continue
        if _blocked(text, cue) and not blocked:
            continue
        absolute = Cue(cue.name, piece.start + cue.start, piece.start + cue.end)
        result.extend(_continuations(document, piece, absolute))
    return result


def _split(document: str, span: Span, pattern: re.Pattern[str]) -> list[Span]:
    text = span.text(document)
    parts, start = [], 0
    for match in pattern.finditer(text):
        parts.append(Span(span.start + start, span.start + match.start()))
        start = match.end()
    parts.append(Span(span.start + start, span.end))
    return [p for p in parts if p.text(document).strip()]


def _continuations(document: str, piece: Span, cue: Cue) -> list[Clause]:
    """Split "agreed to X, and push ahead with Y" into X and Y, both marked by the same cue."""
    text = document[cue.end : piece.end]
    clauses_found = []
    start = piece.start
    for match in _CONTINUATION.finditer(text):
        # Bounded looks: a sentence of millions of words must stay linear.
        begin = max(cue.end, start)
        before = document[begin : min(begin + 400, cue.end + match.start())]
        if len(before.split()) < MIN_WORDS_BEFORE_SPLIT:
            continue
        tail = document[max(begin, cue.end + match.start() - 60) : cue.end + match.start()]
        if not match.group().startswith(",") and _SHARED_INFINITIVE.search(tail):
            continue  # "to discuss and finalize X": one undertaking with two verbs
        clauses_found.append(Span(start, cue.end + match.start()))
        start = cue.end + match.end()
    clauses_found.append(Span(start, piece.end))
    clauses_found = [part for span in clauses_found for part in _listed(document, span, cue)]
    subject = Span(piece.start, cue.start)
    return [Clause(span, cue, subject) for span in clauses_found if span.text(document).strip()]


def _listed(document: str, span: Span, cue: Cue) -> list[Span]:
    """Split a list of undertakings that share the cue, each led by a verb of the same form as
    the first one after the cue (both base forms, or both gerunds)."""
    begin = max(span.start, cue.end)
    first = _FIRST_WORD.match(document, begin, span.end)
    if first is None or not _verb(first.group(1)):
        return [span]
    gerund = first.group(1).endswith("ing")
    parts, start = [], span.start
    text = document[first.end() : span.end]
    for join in _LIST_JOIN.finditer(text):
        word = join.group(1)
        if not _verb(word) or word.endswith("ing") != gerund:
            continue
        cut = first.end() + join.start()
        if len(document[max(start, begin) : cut].split()) < 3:
            continue  # "to discuss and finalize X": one undertaking with two verbs
        parts.append(Span(start, cut))
        start = first.end() + join.start(1)
    parts.append(Span(start, span.end))
    return parts


# A list of agreed measures: bulleted or numbered lines after a sentence that announces them
# ("… will launch the implementation with the following joint projects:").
_LIST_INTRO = re.compile(
    r"\bfollowing\b[^.\n]{0,40}\b(?:projects|measures|steps|initiatives|actions|areas|commitments"
    r"|deliverables|outcomes|priorities|decisions)\b"
    r"|:[ \t]*(?=\n)",  # "Leaders agreed to:" closing its line, the items on the lines after
    re.IGNORECASE,
)
# An intro that reports agreements reached, with no cue of its own: "a series of concrete
# agreements were reached …, including plans for the following:".
_AGREED = re.compile(
    r"\b(?:agreements?|decisions?|commitments?|measures)\b[^.\n]{0,60}"
    r"\b(?:were|was|have been|has been) (?:reached|adopted|made|taken|agreed)\b",
    re.IGNORECASE,
)
_ITEM = re.compile(r"^[ \t]*(?:[-•*–]|\d{1,2}[.)])[ \t]+(?=\S)", re.MULTILINE)


class Item(NamedTuple):
    span: Span
    cue: Cue


def listed_measures(document: str) -> list[Item]:
    """Each item of a list introduced as agreed measures, one pledge per item (first sentence)."""
    items: list[Item] = []
    walked = 0  # lines already read as items are not read again (linear on any input)
    for intro in _LIST_INTRO.finditer(document):
        if intro.start() < walked:
            continue
        line_end = document.find("\n", intro.end())
        line_start = document.rfind("\n", 0, intro.start()) + 1
        intro_text = document[max(line_start, intro.start() - 300) : intro.end()]
        if line_end < 0 or (find_cue(intro_text) is None and not _AGREED.search(intro_text)):
            continue
        position = line_end + 1
        while True:
            while position < len(document) and document[position] == "\n":
                position += 1
            marker = _ITEM.match(document, position)
            if marker is None:
                break
            end = document.find("\n", marker.end())
            end = len(document) if end < 0 else end
            first = re.search(r"[.;](?=\s|$)", document[marker.end() : end])
            stop = marker.end() + first.start() if first else end
            items.append(
                Item(Span(marker.end(), stop), Cue("listed measure", intro.start(), intro.end()))
            )
            position = end + 1
            walked = position
    return items
