"""The curated commitments.json: provenance, deadlines and format, checked against the seeds."""

from __future__ import annotations

import json

import pytest
from conftest import ROOT, SHIPPED

from tracker.deadlines import resolve
from tracker.store import Store, dump

COMMITMENTS = list(Store(SHIPPED).load())
SEEDS = {p.name for p in (ROOT / "seeds").iterdir()}


def test_database_is_not_empty_and_covers_every_seed():
    assert len(COMMITMENTS) >= 30
    cited = {s.document.split("/")[-1] for c in COMMITMENTS for s in c.sources}
    assert cited == SEEDS


@pytest.mark.parametrize("commitment", COMMITMENTS, ids=lambda c: c.id)
def test_every_quote_appears_verbatim_in_its_seed(commitment):
    assert commitment.sources, "a commitment from a document cites the document"
    for source in commitment.sources:
        text = (ROOT / source.document).read_text(encoding="utf-8")
        assert source.quote in text
        assert source.published is not None


@pytest.mark.parametrize("commitment", COMMITMENTS, ids=lambda c: c.id)
def test_every_deadline_is_reproduced_from_its_phrase(commitment):
    ref = min(s.published for s in commitment.sources)
    deadline = resolve(commitment.due_phrase, ref)
    assert (deadline.due, deadline.starts, deadline.precision) == (
        commitment.due,
        commitment.starts,
        commitment.due_precision,
    )
    if commitment.due:
        assert commitment.due >= commitment.made_on


def test_required_pledges_are_present():
    by_id = {c.id: c for c in COMMITMENTS}
    assert by_id["2plus2-dialogue"].due.isoformat() == "2025-12-31"
    assert by_id["localities-forum"].due_phrase == "by the end of 2025"
    assert by_id["st-joint-committee-5"].due.isoformat() == "2026-12-31"
    assert "social-insurance-agreement" in by_id
    for open_ended in ("emperor-state-visit", "new-generation-oda", "azec-green-projects",
                       "semiconductor-phd-training", "visa-simplification"):  # fmt: skip
        assert by_id[open_ended].due is None


def test_only_documents_handed_over_at_the_talks_are_fulfilled():
    fulfilled = {c.id for c in COMMITMENTS if c.status == "fulfilled"}
    assert len(fulfilled) == 4
    assert all("signed-at-talks" in c.tags for c in COMMITMENTS if c.id in fulfilled)
    assert {c.status for c in COMMITMENTS if c.id not in fulfilled} == {"pending"}


def test_file_is_canonical_readable_utf8():
    text = SHIPPED.read_text(encoding="utf-8")
    assert dump(json.loads(text)) == text, "run any track write to re-canonicalise"
    assert "Việt Nam" in text and "\\u" not in text
