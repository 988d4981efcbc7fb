"""Rough edges a new user hit in a day of desk work (issue 15, defects 3-5 and 7-12)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from helpers import load, run

from tracker import export, query
from tracker.merge import merge_record
from tracker.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_repeating_an_identical_update_is_refused(db: Path):
    args = ("update", "localities-forum", "-s", "fulfilled", "--on", "2025-11-20")
    assert run(*args, "-e", "https://x.org/a").exit_code == 0
    before = db.read_bytes()
    again = run(*args, "-e", "https://x.org/a")
    assert again.exit_code == 2
    assert "already recorded" in again.stderr
    assert db.read_bytes() == before


@pytest.fixture
def zone(monkeypatch):
    """Set the process time zone for one test (conftest puts it back)."""

    def use(name: str) -> None:
        monkeypatch.setenv("TZ", name)
        time.tzset()

    return use


@pytest.mark.parametrize(
    ("name", "instant"),
    [
        ("America/New_York", datetime(2026, 1, 1, 1, 0, tzinfo=UTC)),  # 31 Dec, 20:00 there
        ("America/New_York", datetime(2026, 1, 1, 5, 30, tzinfo=UTC)),  # 1 Jan, 00:30 there
        ("Asia/Ho_Chi_Minh", datetime(2025, 12, 31, 17, 30, tzinfo=UTC)),  # 1 Jan, 00:30 there
        ("Asia/Ho_Chi_Minh", datetime(2025, 12, 31, 16, 30, tzinfo=UTC)),  # 31 Dec, 23:30 there
        ("UTC", datetime(2025, 12, 31, 23, 59, tzinfo=UTC)),
    ],
)
def test_taskwarrior_overdue_agrees_with_track_in_any_time_zone(db: Path, zone, name, instant):
    zone(name)
    local_day = instant.astimezone().date()  # what `track` takes as today on that machine
    forum = query.view(load(db)["localities-forum"], local_day)
    task = json.loads(export.to_taskwarrior([forum]))[0]
    due = datetime.strptime(task["due"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
    assert (due < instant) == forum.overdue  # Taskwarrior's +OVERDUE is "due before now"
    # The due date ends at the machine's local midnight: one second before it.
    end_of_day = datetime(2026, 1, 1).astimezone() - timedelta(seconds=1)
    assert due == end_of_day.astimezone(UTC)


def test_a_merge_conflict_records_the_common_ancestors_status(db: Path):
    base = Store(db).load().get("localities-forum").to_dict()
    record = Store(db).load().get("localities-forum")
    ours = record.with_event(_event("2026-03-01", "fulfilled")).to_dict()
    theirs = record.with_event(_event("2026-03-02", "stalled")).to_dict()
    merged = merge_record(base, ours, theirs)
    conflict = next(c for c in merged["conflicts"] if c["field"] == "status")
    assert (conflict["base"], conflict["ours"], conflict["theirs"]) == (
        "pending",
        "fulfilled",
        "stalled",
    )


def _event(on: str, status: str):
    from tracker.model import Event

    return Event(date.fromisoformat(on), status, "", (), f"{on}T10:00:00Z")


def test_add_refuses_a_source_document_that_does_not_exist(db: Path):
    before = db.read_bytes()
    result = run(
        "add", "Invented", "--made-on", "2025-04-28", "--source", "MISSING.txt", "--quote", "x"
    )
    assert result.exit_code == 2
    assert "MISSING.txt not found" in result.stderr
    assert db.read_bytes() == before


def words_in(text: str) -> set[str]:
    return set(re.findall(r"[\w'+–()-]+", text))


def test_report_at_80_columns_wraps_words_and_never_splits_ids(db: Path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    run("add", "A pledge with a long id", "--id", "training-employment-system-2027-b",
        "--due", "in 2026", "--made-on", "2025-04-28")  # fmt: skip
    shown = run("report", "--as-of", "2026-11-23").stdout
    assert max(len(line) for line in shown.splitlines()) <= 80
    tokens = words_in(shown)
    for item in run("list", "-f", "json", "--as-of", "2026-11-23").json():
        if item["due"] and (item["overdue"] or item["due"] >= "2026-11-23"):
            assert item["id"] in tokens, item["id"]
            assert words_in(item["title"]) <= tokens, item["title"]


def test_show_at_80_columns_gives_the_full_title(db: Path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    shown = run("show", "2plus2").stdout
    assert max(len(line) for line in shown.splitlines()) <= 80
    flowing = " ".join(
        line.strip("│ ").strip() for line in shown.splitlines() if line.startswith("│")
    )
    title = load(db)["2plus2-dialogue"].title
    assert title in " ".join(flowing.split())


def test_log_is_what_changed_recently_by_when_it_was_recorded(db: Path):
    assert (
        run("update", "localities-forum", "--note", "late entry", "--on", "2025-05-01").exit_code
        == 0
    )
    today = date.today().isoformat()
    newest = run("log", "-n", "1", "-f", "json").json()
    assert newest[0]["note"] == "late entry"
    recent = run("log", "--recorded-since", today, "--limit", "0", "-f", "json").json()
    assert "late entry" in [e["note"] for e in recent]
    assert all(e["recorded"][:10] >= today for e in recent)
    entered_before = sum(e.recorded[:10] < today for c in load(db).values() for e in c.history)
    assert len(run("log", "--limit", "0", "-f", "json").json()) == len(recent) + entered_before
    happened = run("log", "--since", today, "-f", "json").json()
    assert "late entry" not in [e["note"] for e in happened]
    assert "recorded" in run("log", "--help").stdout.lower()


def test_search_covers_history_notes_and_evidence(db: Path):
    run("update", "localities-forum", "--note", "Forum held in Hà Nội", "--on", "2025-11-20")
    run("update", "2plus2", "--note", "Held", "-e", "https://mofa.example/2plus2-report",
        "--on", "2025-11-21")  # fmt: skip
    found = [r["id"] for r in run("list", "--search", "ha noi", "-f", "json").json()]
    assert "localities-forum" in found
    found = [r["id"] for r in run("list", "--search", "2plus2-report", "-f", "json").json()]
    assert found == ["2plus2-dialogue"]


def test_readme_search_examples_match_the_shipped_data(db: Path):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    examples = re.findall(r"`--search ([^`]+)` finds \*([^*]+)\*", readme)
    assert examples, "the README gives --search examples"
    for words, expected in examples:
        found = run("list", "--search", words.strip('"'), "-f", "json", "--as-of", "2026-11-23")
        texts = [query.searchable_text(load(db)[r["id"]]) for r in found.json()]
        assert any(query.fold(expected) in text for text in texts), (words, expected)


def test_add_help_has_no_stray_backslash():
    for command in ("add", "update"):
        shown = run(command, "--help").stdout
        assert not re.search(r"\\\s+--", shown), command


def test_ics_export_says_how_many_events_it_wrote(db: Path, tmp_path: Path):
    result = run("export", "-f", "ics", "-o", str(tmp_path / "a.ics"))
    dated = sum(1 for c in load(db).values() if c.due)
    assert f"exported {len(load(db))} commitment(s) as {dated} calendar event(s)" in result.stderr


def test_svg_report_loads_nothing_from_the_network(db: Path, tmp_path: Path):
    assert run("report", "-o", str(tmp_path / "r.svg")).exit_code == 0
    svg = (tmp_path / "r.svg").read_text(encoding="utf-8")
    assert "http://" not in svg.replace("http://www.w3.org", "")
    assert "https://" not in svg


def test_a_failed_db_leaves_no_lock_file(tmp_path: Path):
    (tmp_path / "package.json").write_text('{"name": "x"}', encoding="utf-8")
    result = run("--db", "package.json", "update", "x", "--note", "n")
    assert result.exit_code == 1
    assert not (tmp_path / "package.json.lock").exists()
    missing = run("--db", "nothing.json", "update", "x", "--note", "n")
    assert missing.exit_code == 1
    assert not (tmp_path / "nothing.json.lock").exists()


@pytest.mark.parametrize(
    "args", [("list",), ("report",), ("log",), ("show", "local"), ("list", "--overdue")]
)
def test_piped_output_has_no_trailing_spaces(db: Path, args):
    shown = run(*args, "--as-of", "2026-11-23") if args[0] != "log" else run(*args)
    assert shown.exit_code == 0, shown.stderr
    assert [line for line in shown.stdout.splitlines() if line != line.rstrip()] == []


@pytest.mark.skipif(shutil.which("task") is None, reason="Taskwarrior's `task` is not installed")
@pytest.mark.parametrize("name", ["America/New_York", "Asia/Ho_Chi_Minh"])
def test_taskwarrior_reads_the_due_date_as_the_end_of_that_local_day(
    db: Path, tmp_path: Path, zone, name: str
):
    zone(name)
    exported = tmp_path / "tasks.json"
    forum = run("export", "-f", "taskwarrior", "--search", "localities-forum")
    exported.write_text(forum.stdout, encoding="utf-8")
    (tmp_path / "taskdata").mkdir()
    (tmp_path / "taskrc").write_text(
        f"data.location={tmp_path / 'taskdata'}\nconfirmation=off\nverbose=nothing\n"
    )
    env = {**os.environ, "TASKRC": str(tmp_path / "taskrc")}
    subprocess.run(["task", "import", str(exported)], env=env, capture_output=True, check=True)
    due = subprocess.run(
        ["task", "_get", "1.due"],
        env=env, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    assert due == "2025-12-31T23:59:59"  # local time in that zone


def test_returning_to_an_earlier_status_the_same_day_is_not_a_repeat(db: Path):
    for status in ("in-progress", "stalled", "in-progress"):
        assert run("update", "local", "-s", status).exit_code == 0
    assert load(db)["localities-forum"].status == "in-progress"
