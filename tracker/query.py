"""Questions asked of the database: what stood where on a given day, filtered and sorted.

Every function takes the reference date (`as_of`) explicitly; nothing here reads the clock.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING, Any, NamedTuple

from tracker.errors import InvalidInput, NotFound
from tracker.index import Narrowing
from tracker.schema import OPEN_STATUSES

if TYPE_CHECKING:
    from tracker.model import Commitment

SORT_KEYS = ("due", "id", "status", "made_on")
DELIVERED_STATUSES = ("fulfilled", "partial")


class View(NamedTuple):
    """A commitment as it stood at the end of `as_of`: its status then, and how late it was.

    A named tuple rather than a dataclass: one is made per commitment per query, and a tuple
    is several times cheaper to build.
    """

    commitment: Commitment
    as_of: date
    status: str

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    @property
    def days_overdue(self) -> int:
        due = self.commitment.due
        if due is None or not self.is_open or self.as_of <= due:
            return 0
        return (self.as_of - due).days

    @property
    def overdue(self) -> bool:
        return self.days_overdue > 0

    @property
    def closed_on(self) -> date | None:
        """The day the commitment reached the closed status it has as of the view's day."""
        if self.is_open:
            return None
        since = None
        for event in self.commitment.history:
            if event.on > self.as_of:
                break
            if event.status != self.status:
                since = None
            elif since is None:
                since = event.on
        return since

    @property
    def delivery(self) -> str | None:
        """'on time' or 'late' for a delivered (fulfilled or partial) pledge with a due date,
        'not delivered' for a broken or dropped one, None while open or without a due date."""
        if self.is_open or self.commitment.due is None:
            return None
        if self.status not in DELIVERED_STATUSES:
            return "not delivered"
        return "late" if self.days_late > 0 else "on time"

    @property
    def days_late(self) -> int:
        """How many days after its due date a delivered pledge was delivered (0 if on time)."""
        due, closed = self.commitment.due, self.closed_on
        if due is None or closed is None or self.status not in DELIVERED_STATUSES:
            return 0
        return max(0, (closed - due).days)

    def due_within(self, count: int, unit: str) -> bool:
        from tracker.deadlines import shift

        due = self.commitment.due
        return (
            self.is_open and due is not None and self.as_of <= due <= shift(self.as_of, count, unit)
        )

    def to_dict(self, with_history: bool = False) -> dict[str, Any]:
        """The `--format json` contract: the stored fields plus status and lateness as of the day."""
        data = self.commitment.to_dict()
        data["status"] = self.status
        data["overdue"] = self.overdue
        data["days_overdue"] = self.days_overdue
        closed_on = self.closed_on
        data["closed_on"] = closed_on.isoformat() if closed_on else None
        data["delivery"] = self.delivery
        data["days_late"] = self.days_late
        data["as_of"] = self.as_of.isoformat()
        if with_history:
            data["history"] = [e.to_dict() for e in self.commitment.history if e.on <= self.as_of]
        else:
            del data["history"]
        return data


def view(commitment: Commitment, as_of: date) -> View | None:
    """None when the pledge had not been made yet on `as_of`."""
    if commitment.made_on > as_of:
        return None
    status = commitment.status_on(as_of)
    if status is None:
        return None
    return View(commitment, as_of, status)


def views(commitments: Iterable[Commitment], as_of: date) -> list[View]:
    return [v for c in commitments if (v := view(c, as_of)) is not None]


class Filters(NamedTuple):
    """Conditions that all must hold (each repeated option matches any of its values)."""

    overdue: bool = False
    due_within: tuple[int, str] | None = None
    statuses: tuple[str, ...] = ()
    parties: tuple[str, ...] = ()
    pillars: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    search: str = ""
    conflicts: bool = False
    due_before: date | None = None  # due on or before
    due_after: date | None = None  # due on or after
    made_since: date | None = None  # pledged on or after
    changed_since: date | None = None  # an event recorded on or after

    def matches(self, item: View) -> bool:
        c = item.commitment
        if self.conflicts and not c.conflicts:
            return False
        if (self.due_before or self.due_after) and not _due_between(
            c.due, self.due_after, self.due_before
        ):
            return False
        if self.made_since and c.made_on < self.made_since:
            return False
        if self.changed_since and not _changed_since(c, self.changed_since):
            return False
        if self.overdue and not item.overdue:
            return False
        if self.due_within and not item.due_within(*self.due_within):
            return False
        if self.statuses and item.status not in self.statuses:
            return False
        if self.parties and not _any_equal(self.parties, c.parties):
            return False
        if self.pillars and not _any_equal(self.pillars, (c.pillar,)):
            return False
        if self.tags and not _any_equal(self.tags, c.tags):
            return False
        return not self.search or fold(self.search) in searchable_text(c)


NO_FILTERS = Filters()


def _due_between(due: date | None, first: date | None, last: date | None) -> bool:
    """An open-ended pledge has no due date, so no date range holds it."""
    return due is not None and (first is None or due >= first) and (last is None or due <= last)


def _changed_since(commitment: Commitment, day: date) -> bool:
    """Some event was recorded (entered) on or after `day`, whatever day it happened on."""
    wanted = day.isoformat()
    return any((e.recorded[:10] or e.on.isoformat()) >= wanted for e in commitment.history)


def unmatched(
    commitments: Iterable[Commitment], filters: Filters, only_close: bool = False
) -> list[str]:
    """A sentence for each --party, --pillar or --tag value that no commitment has at all
    (a typo, most likely), with the closest known value; `only_close` keeps only those that
    have a close one (a new value that resembles no other is not a typo)."""
    import difflib

    known: dict[str, set[str]] = {"party": set(), "pillar": set(), "tag": set()}
    for c in commitments:
        known["party"].update(c.parties)
        known["pillar"].add(c.pillar)
        known["tag"].update(c.tags)
    notes = []
    for name, wanted in (("party", filters.parties), ("pillar", filters.pillars),
                         ("tag", filters.tags)):  # fmt: skip
        have = {fold(v).replace(" ", ""): v for v in known[name] if v}
        for value in wanted:
            if fold(value).replace(" ", "") in have:
                continue
            close = difflib.get_close_matches(value.lower(), [v.lower() for v in have.values()])
            original = {v.lower(): v for v in have.values()}
            hint = f"; did you mean {original[close[0]]}?" if close else ""
            if only_close and not close:
                continue
            notes.append(f"no commitment has {name} {value!r}{hint}")
    return notes


def narrowing(filters: Filters, as_of: date) -> Narrowing | None:
    """Which commitments `select(…, as_of, filters)` could keep, for the query index: a
    superset decided on dates and statuses; the other filters are left to `select`."""
    from datetime import timedelta

    if filters.conflicts or filters.parties or filters.pillars or filters.tags:
        return None  # `--conflicts` and the typo notes look at every record
    due_until: date | None = None
    statuses = tuple(filters.statuses)
    try:
        if filters.overdue:
            due_until = as_of - timedelta(days=1)
        if filters.due_within:
            from tracker.deadlines import shift

            horizon = shift(as_of, *filters.due_within)
            due_until = min(due_until, horizon) if due_until else horizon
    except (OverflowError, ValueError):
        return None
    if filters.overdue or filters.due_within:
        statuses = tuple(s for s in statuses if s in OPEN_STATUSES) or OPEN_STATUSES
    return Narrowing(as_of, due_until, as_of if statuses else None, statuses)


def select(
    commitments: Iterable[Commitment],
    as_of: date,
    filters: Filters = NO_FILTERS,
    sort: str = "due",
    limit: int | None = None,
) -> list[View]:
    if sort not in SORT_KEYS:
        raise InvalidInput(f"cannot sort by {sort!r}: use one of {', '.join(SORT_KEYS)}")
    if limit is not None and limit < 0:
        raise InvalidInput("--limit must be 0 or more")
    chosen = []
    for commitment in commitments:
        if filters.overdue:  # the common question, answered before any object is made
            due = commitment.due
            if due is None or due >= as_of:
                continue
        seen = view(commitment, as_of)
        if seen is not None and filters.matches(seen):
            chosen.append(seen)
    chosen.sort(key=_SORTERS[sort])
    return chosen if limit is None else chosen[:limit]


_SORTERS = {
    "due": lambda v: (v.commitment.due is None, v.commitment.due or date.max, v.commitment.id),
    "id": lambda v: v.commitment.id,
    "status": lambda v: (v.status, v.commitment.id),
    "made_on": lambda v: (v.commitment.made_on, v.commitment.id),
}


def fold(text: str) -> str:
    """Case- and accent-free text, so 'ha noi' finds 'Hà Nội' and 'dang' finds 'Đảng'."""
    text = text.replace("đ", "d").replace("Đ", "D")
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return re.sub(r"\s+", " ", plain.casefold()).strip()


def search_parts(commitment: Commitment) -> list[str]:
    """What `--search` looks in (and the published site's search box): everything a reader
    may remember a pledge by: id, title, aliases, description, source quotes, and each
    history event's note and evidence (document, URL, quote)."""
    parts = [commitment.id, commitment.title, *commitment.aliases, commitment.description]
    parts.extend(source.quote for source in commitment.sources)
    for event in commitment.history:
        parts.append(event.note)
        for item in event.evidence:
            parts += [item.document, item.url, item.quote]
    return parts


def searchable_text(commitment: Commitment) -> str:
    return fold("\n".join(search_parts(commitment)))


def _any_equal(wanted: tuple[str, ...], values: Iterable[str]) -> bool:
    have = {fold(v).replace(" ", "") for v in values}
    return any(fold(w).replace(" ", "") in have for w in wanted)


def find(commitments: Iterable[Commitment], prefix: str) -> Commitment:
    """A commitment by id or by any unique prefix of its id."""
    if not prefix.strip():
        raise InvalidInput(
            "the id is empty: give an id or a unique prefix (`track list` shows them)"
        )
    items = list(commitments)
    for c in items:
        if c.id == prefix:
            return c
    matches = [c for c in items if c.id.startswith(prefix)] if prefix else []
    if len(matches) == 1:
        return matches[0]
    if matches:
        listed = ", ".join(c.id for c in matches[:10])
        more = f" and {len(matches) - 10} more" if len(matches) > 10 else ""
        raise NotFound(
            f"{prefix!r} matches several commitments: {listed}{more}; type more of the id"
        )
    import difflib

    close = difflib.get_close_matches(prefix, [c.id for c in items], n=3)
    hint = f"; did you mean {', '.join(close)}?" if close else "; `track list` shows the ids"
    raise NotFound(f"no commitment with id {prefix!r}{hint}")


def slug_base(title: str) -> str:
    """The readable part of an id made from a title: its first five significant words."""
    words = re.findall(r"[a-z0-9]+", fold(title))
    stop = {"the", "a", "an", "of", "to", "and", "for", "in", "on", "with", "by", "at"}
    kept = [w for w in words if w not in stop][:5] or ["commitment"]
    return "-".join(kept)[:48].strip("-")


def slugify(title: str, taken: Iterable[str]) -> str:
    """A short readable id from a title, unique among `taken`."""
    base = slug_base(title)
    existing = set(taken)
    candidate, n = base, 2
    while candidate in existing:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
