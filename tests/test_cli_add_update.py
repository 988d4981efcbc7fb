"""`track init`, `add` and `update`: what they write, and what they refuse."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from helpers import load, run

SEED_002 = "seeds/002_0f0be2f1b16192b7.txt"


def test_init_creates_an_empty_database_and_refuses_to_overwrite(tmp_path: Path):
    assert run("init", "new.json").exit_code == 0
    assert load(tmp_path / "new.json") == {}
    before = (tmp_path / "new.json").read_bytes()
    again = run("init", "new.json")
    assert again.exit_code == 1 and "never overwrites" in again.stderr
    assert (tmp_path / "new.json").read_bytes() == before


def test_add_resolves_the_phrase_against_made_on_and_prints_the_id(db: Path):
    result = run(
        "add", "Open a Japanese cultural centre in Da Nang", "--due", "within this year",
        "--made-on", "2025-04-28", "-p", "Japan", "--pillar", "people-exchange", "-t", "culture",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    new_id = result.stdout.strip()
    assert new_id == "open-japanese-cultural-centre-da"
    added = load(db)[new_id]
    assert added.due == date(2025, 12, 31)
    assert added.due_precision == "year"
    assert added.due_phrase == "within this year"
    assert added.parties == ("Japan",)
    assert added.status == "pending"
    assert added.history[0].on == date(2025, 4, 28)


def test_add_with_a_verbatim_source(db: Path):
    quote = "Both sides will work together to organize the Vietnam–Japan Localities Forum"
    result = run(
        "add", "Localities forum (second record)", "--id", "forum-2", "--due", "by the end of 2025",
        "--made-on", "2025-04-28", "--source", SEED_002, "--quote", quote, "--published", "2025-04-28",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    source = load(db)["forum-2"].sources[0]
    assert (source.document, source.quote, source.published) == (SEED_002, quote, date(2025, 4, 28))


def test_add_refuses_a_quote_not_in_the_document(db: Path):
    before = db.read_bytes()
    result = run(
        "add", "Invented", "--made-on", "2025-04-28", "--source", SEED_002,
        "--quote", "Japan will build a bridge to the moon",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "does not appear verbatim" in result.stderr
    assert db.read_bytes() == before


def test_add_refusals_leave_the_file_untouched(db: Path):
    before = db.read_bytes()
    cases = [
        (["add", "   "], "title is empty"),
        (["add", "Dup", "--id", "localities-forum"], "already exists"),
        (["add", "Bad id", "--id", "Not A Slug"], "not a slug"),
        (["add", "Late", "--due", "2024", "--made-on", "2025-04-28"], "before the pledge was made"),
        (["add", "Odd", "--due", "whenever convenient"], "'whenever'"),
        (["add", "Odd", "--status", "done"], "unknown status"),
        (["add", "Odd", "--made-on", "2025-02-30"], "not a real date"),
    ]
    for args, message in cases:
        result = run(*args)
        assert result.exit_code == 2, (args, result.stderr)
        assert message in result.stderr, (args, result.stderr)
        assert db.read_bytes() == before


def test_open_ended_add(db: Path):
    new_id = run(
        "add", "Deepen cyber security cooperation", "--made-on", "2025-04-27"
    ).stdout.strip()
    added = load(db)[new_id]
    assert added.due is None and added.due_precision is None


def test_update_appends_one_event(db: Path):
    result = run(
        "update", "local", "--status", "fulfilled", "--on", "2025-11-20", "--note", "Forum held",
        "-e", "https://example.org/forum", "-e", "Press release",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    forum = load(db)["localities-forum"]
    assert forum.status == "fulfilled"
    assert len(forum.history) == 2
    event = forum.history[-1]
    assert (event.on, event.status, event.note) == (date(2025, 11, 20), "fulfilled", "Forum held")
    assert [(e.url, e.document) for e in event.evidence] == [
        ("https://example.org/forum", ""),
        ("", "Press release"),
    ]
    assert event.recorded.endswith("Z")
    listed = run("list", "--overdue", "--as-of", "2026-11-23", "-f", "json").json()
    assert "localities-forum" not in {r["id"] for r in listed}


def test_update_with_a_new_deadline_records_the_change(db: Path):
    result = run(
        "update", "social-insurance", "--due", "by mid-2026", "--ref", "2026-01-15", "--on", "2026-01-15"
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    item = load(db)["social-insurance-agreement"]
    assert item.due == date(2026, 6, 30) and item.due_precision == "half"
    assert "Deadline changed from 'within this year' to 'by mid-2026'" in item.history[-1].note


def test_update_that_changes_nothing_is_refused(db: Path):
    before = db.read_bytes()
    result = run("update", "localities-forum", "--status", "pending")
    assert result.exit_code == 2
    assert "nothing to record" in result.stderr
    assert db.read_bytes() == before


def test_update_refusals(db: Path):
    before = db.read_bytes()
    cases = [
        (["update", "localities-forum", "--status", "finished"], 2, "unknown status"),
        (["update", "localities-forum", "--note", "x", "--on", "2099-01-01"], 2, "in the future"),
        (
            ["update", "localities-forum", "--note", "x", "--on", "2020-01-01"],
            2,
            "before the pledge",
        ),
        (["update", "nope", "--note", "x"], 1, "no commitment"),
        (["update", "s", "--note", "x"], 1, "several"),
        (["update", "localities-forum", "--due", "fortnight"], 2, "'fortnight'"),
    ]
    for args, code, message in cases:
        result = run(*args)
        assert result.exit_code == code, (args, result.stderr)
        assert message in result.stderr
        assert db.read_bytes() == before


def test_back_dated_event_lands_in_date_order(db: Path):
    run("update", "2plus2", "--status", "in-progress", "--on", "2025-09-01")
    run("update", "2plus2", "--note", "Earlier preparatory meeting", "--on", "2025-06-01")
    history = load(db)["2plus2-dialogue"].history
    assert [e.on for e in history] == sorted(e.on for e in history)
    assert history[1].status == "pending"  # the note kept the status it had on that day
    assert load(db)["2plus2-dialogue"].status == "in-progress"


def test_written_file_stays_diff_friendly(db: Path):
    run("update", "localities-forum", "--note", "Hà Nội hosts the preparatory meeting")
    text = db.read_text(encoding="utf-8")
    assert "Hà Nội" in text and "\\u" not in text
    assert text.startswith('{\n  "_meta"')


def test_a_back_dated_status_behind_a_later_event_says_the_status_did_not_change(db: Path):
    assert run("update", "local", "--note", "venue chosen", "--on", "2025-10-01").exit_code == 0
    result = run("update", "local", "-s", "stalled", "--on", "2025-09-01")
    assert result.exit_code == 0
    assert "the status is still 'pending': a later event (2025-10-01) says so" in result.stderr
