"""`track export` read back with real parsers, and `track import` all or nothing."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
from pathlib import Path

import icalendar
import pytest
from helpers import load, run

from tracker.export import stable_uuid

ESC = "\x1b"
HOSTILE_TITLE = f'=HYPERLINK("http://evil") [bold]Hà Nội 日本{ESC}[31m'


def export(*args: str) -> str:
    result = run("export", "--as-of", "2026-11-23", *args)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def add_hostile(db: Path) -> str:
    result = run(
        "add", HOSTILE_TITLE, "--id", "hostile", "--due", "in 2026", "--made-on", "2025-05-01"
    )
    assert result.exit_code == 0, result.stderr
    return "hostile"


def test_ics_parses_back_with_stable_uids(db: Path):
    add_hostile(db)
    calendar = icalendar.Calendar.from_ical(export("--format", "ics"))
    events = {str(e["uid"]): e for e in calendar.walk("VEVENT")}
    dated = [c for c in load(db).values() if c.due]
    assert len(events) == len(dated)
    forum = events["localities-forum@track.commitments"]
    assert forum.decoded("dtstart").isoformat() == "2025-12-31"
    assert forum.decoded("dtend").isoformat() == "2026-01-01"
    assert "OVERDUE" in str(forum["summary"])
    description = str(forum["description"])
    assert "by the end of 2025" in description and "Localities Forum" in description
    hostile = events["hostile@track.commitments"]
    assert "Hà Nội 日本" in str(hostile["summary"]) and ESC not in str(hostile["summary"])
    again = icalendar.Calendar.from_ical(export("--format", "ics"))
    assert {str(e["uid"]) for e in again.walk("VEVENT")} == set(events)


def test_csv_opens_cleanly_and_neutralises_formulas(db: Path):
    add_hostile(db)
    text = export("--format", "csv")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == len(load(db))
    json_columns = set(run("list", "-f", "json").json()[0])
    assert set(rows[0]) == json_columns | {"history"}  # export carries history; list does not
    hostile = next(r for r in rows if r["id"] == "hostile")
    assert hostile["title"].startswith("'=HYPERLINK")
    assert "Hà Nội 日本" in hostile["title"] and ESC not in hostile["title"]
    forum = next(r for r in rows if r["id"] == "localities-forum")
    assert forum["parties"] == "Vietnam; Japan" and forum["overdue"] == "yes"


@pytest.mark.parametrize("start", ["=", "+", "-", "@"])
def test_every_formula_prefix_is_neutralised(db: Path, start: str):
    added = run("add", "--id", "formula", "--made-on", "2025-05-01", "--", f"{start}1+2")
    assert added.exit_code == 0, added.stderr
    rows = list(csv.DictReader(io.StringIO(export("--format", "csv", "--search", "1+2"))))
    assert rows[0]["title"] == f"'{start}1+2"


def test_json_export_then_import_into_an_empty_database_reproduces_it(db: Path, tmp_path: Path):
    dump = tmp_path / "all.json"
    assert run("export", "--format", "json", "--output", str(dump)).exit_code == 0
    data = json.loads(dump.read_text(encoding="utf-8"))
    assert all("history" in row for row in data)
    copy = tmp_path / "copy.json"
    assert run("init", str(copy)).exit_code == 0
    result = run("--db", str(copy), "import", str(dump))
    assert result.exit_code == 0, result.stderr
    assert copy.read_bytes() == db.read_bytes()


def test_markdown_briefing_grouped_by_pillar(db: Path):
    add_hostile(db)
    text = export("--format", "markdown")
    assert "## labour" in text and "## people-exchange" in text
    assert "| localities-forum |" in text and "**pending, 327 days overdue**" in text
    # brackets escaped: a title shows as typed, never as a markdown link or image
    assert "\\[bold\\]" in text and ESC not in text


def test_taskwarrior_format(db: Path):
    tasks = json.loads(export("--format", "taskwarrior"))
    by_uuid = {t["uuid"]: t for t in tasks}
    forum = by_uuid[stable_uuid("localities-forum")]
    assert forum["status"] == "pending" and forum["due"] == "20251231T235959Z"
    assert forum["project"] == "people-exchange"
    assert forum["annotations"][0]["description"].startswith("pending: Pledge reported")
    mou = by_uuid[stable_uuid("semiconductor-rd-mou")]
    assert mou["status"] == "completed" and mou["end"] == "20250428T000000Z"


@pytest.mark.skipif(
    shutil.which("task") is None, reason="Taskwarrior's `task` binary is not installed"
)
def test_taskwarrior_accepts_the_export(db: Path, tmp_path: Path):
    data = tmp_path / "taskdata"
    data.mkdir()
    rc = tmp_path / "taskrc"
    rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\n")
    env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
    exported = tmp_path / "tasks.json"
    exported.write_text(export("--format", "taskwarrior"), encoding="utf-8")

    def task(*args: str) -> str:
        done = subprocess.run(["task", *args], env=env, capture_output=True, text=True, check=True)
        return done.stdout.strip()

    task("import", str(exported))
    assert task("count") == str(len(load(db)))
    task("import", str(exported))  # stable uuids: importing again adds nothing
    assert task("count") == str(len(load(db)))
    assert task("+OVERDUE", "count") == "5"
    assert task("status:completed", "count") == "4"


def test_csv_import_with_a_bad_row_changes_nothing_and_names_row_and_field(
    db: Path, tmp_path: Path
):
    before = db.read_bytes()
    source = tmp_path / "in.csv"
    source.write_text(
        "title,made_on,due_phrase,status,parties\n"
        "Good one,2025-05-01,by end-2025,pending,Japan\n"
        "Bad date,2025-02-30,,pending,Japan\n"
        "Bad status,2025-05-01,,finished,Japan\n"
        "Bad phrase,2025-05-01,whenever convenient,pending,Japan\n"
        ",2025-05-01,,pending,Japan\n",
        encoding="utf-8",
    )
    result = run("import", str(source))
    assert result.exit_code == 1
    assert "4 problem(s); nothing was imported" in result.stderr
    assert "row 3, field 'made_on': '2025-02-30' is not a date" in result.stderr
    assert "row 4, field 'status'" in result.stderr
    assert "row 5, field 'due_phrase'" in result.stderr and "'whenever'" in result.stderr
    assert "row 6, field 'title': is empty" in result.stderr
    assert db.read_bytes() == before


def test_csv_import_adds_rows_with_resolved_deadlines(db: Path, tmp_path: Path):
    source = tmp_path / "in.csv"
    source.write_text(
        "id,title,made_on,due_phrase,status,parties,tags\n"
        "hn-metro,Hà Nội metro line 2 loan,2025-05-01,within this year,in-progress,Japan; Vietnam,oda\n"
        "'=evil,\"'=SUM(A1)\",2025-05-01,,pending,,\n",
        encoding="utf-8",
    )
    bad = run("import", str(source))
    assert bad.exit_code == 1 and "field 'id'" in bad.stderr  # '=evil is not a slug
    source.write_text(source.read_text().replace("'=evil", "formula-title"), encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 0, result.stderr
    items = load(db)
    metro = items["hn-metro"]
    assert metro.due.isoformat() == "2025-12-31" and metro.status == "in-progress"
    assert metro.parties == ("Japan", "Vietnam") and metro.title == "Hà Nội metro line 2 loan"
    assert items["formula-title"].title == "=SUM(A1)"


def test_dry_run_shows_exactly_what_would_change(db: Path, tmp_path: Path):
    rows = run("list", "-f", "json", "--status", "pending").json()
    forum = run("show", "localities-forum", "-f", "json").json()
    forum["title"] = "Organise the Localities Forum (renamed)"
    new = dict(forum, id="brand-new", title="A brand new pledge")
    source = tmp_path / "in.json"
    source.write_text(json.dumps([forum, new]), encoding="utf-8")
    before = db.read_bytes()
    result = run("import", str(source), "--dry-run", "--on-conflict", "update")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "add brand-new: A brand new pledge",
        "update localities-forum: title 'Organise the Vietnam–Japan Localities Forum in Vietnam' -> "
        "'Organise the Localities Forum (renamed)'",
    ]
    assert "dry run, nothing changed: 1 to add, 1 to update" in result.stderr
    assert db.read_bytes() == before
    assert rows


def test_conflict_policies(db: Path, tmp_path: Path):
    forum = run("show", "localities-forum", "-f", "json").json()
    source = tmp_path / "in.json"
    source.write_text(json.dumps([forum]), encoding="utf-8")
    before = db.read_bytes()
    failed = run("import", str(source))
    assert failed.exit_code == 1 and "already in the database" in failed.stderr
    assert db.read_bytes() == before
    skipped = run("import", str(source), "--on-conflict", "skip")
    assert skipped.exit_code == 0 and "skip localities-forum" in skipped.stdout
    unchanged = run("import", str(source), "--on-conflict", "update")
    assert "unchanged localities-forum" in unchanged.stdout
    assert db.read_bytes() == before


def test_update_import_keeps_every_history_event(db: Path, tmp_path: Path):
    run("update", "localities-forum", "--note", "local note", "--on", "2025-10-01")
    theirs = run("show", "localities-forum", "-f", "json", "--as-of", "2025-09-01").json()
    theirs["history"].append(
        {
            "on": "2025-11-01",
            "status": "in-progress",
            "note": "their note",
            "evidence": [],
            "recorded": "x",
        }
    )
    theirs["status"] = "in-progress"
    source = tmp_path / "theirs.json"
    source.write_text(json.dumps([theirs]), encoding="utf-8")
    assert run("import", str(source), "--on-conflict", "update").exit_code == 0
    notes = [e.note for e in load(db)["localities-forum"].history]
    assert "local note" in notes and "their note" in notes


def test_import_refuses_broken_input(db: Path, tmp_path: Path):
    before = db.read_bytes()
    cases = {
        "broken.json": ("[{", "line 1, column 3: not valid JSON"),
        "object.json": ('{"a": 1}', "expected a JSON array"),
        "dupes.json": (None, "appears twice in the file"),
        "noheader.csv": ("a,b\n1,2\n", "row 1: the header needs at least"),
    }
    forum = run("show", "localities-forum", "-f", "json").json()
    for name, (content, message) in cases.items():
        path = tmp_path / name
        path.write_text(
            content if content is not None else json.dumps([forum, forum]), encoding="utf-8"
        )
        result = run("import", str(path), "--on-conflict", "skip")
        assert result.exit_code == 1, name
        assert message in result.stderr, (name, result.stderr)
    missing = run("import", str(tmp_path / "missing.json"))
    assert missing.exit_code == 1 and "does not exist" in missing.stderr
    assert db.read_bytes() == before


def test_json_and_taskwarrior_exports_keep_vietnamese_and_escape_hostile_text(db: Path):
    add_hostile(db)
    rows = {row["id"]: row for row in json.loads(export("--format", "json"))}
    assert rows["hostile"]["title"] == HOSTILE_TITLE  # exact, escapes decoded by the parser
    assert ESC not in export("--format", "json")  # but never raw on the wire
    assert rows["to-lam-visit-japan"]["title"].endswith("Tô Lâm")
    tasks = {t["uuid"]: t for t in json.loads(export("--format", "taskwarrior"))}
    hostile = tasks[stable_uuid("hostile")]
    assert "Hà Nội 日本" in hostile["description"] and ESC not in hostile["description"]
    assert hostile["description"].endswith("\\x1b[31m")  # shown, not obeyed
