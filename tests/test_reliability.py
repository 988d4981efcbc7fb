"""Nothing lost: concurrent writers, killed writers, broken files, migrations, `track doctor`."""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import SHIPPED, _as_pledged
from helpers import load, run

from tracker.store import SCHEMA_VERSION, Store, dump


def track_process(db: Path, *args: str) -> subprocess.Popen[str]:
    env = {**os.environ, "TRACK_DB": str(db), "TRACK_LOCK_TIMEOUT": "60"}
    return subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_twenty_concurrent_updates_all_land(db: Path):
    targets = ["localities-forum"] * 10 + [
        "2plus2-dialogue", "esd-labour-mou", "apec-2027-support", "azec-green-projects",
        "emperor-state-visit", "high-tech-agriculture", "open-japanese-market",
        "st-joint-committee-5", "takaichi-visit-2026", "visa-simplification",
    ]  # fmt: skip
    before = {cid: len(c.history) for cid, c in load(db).items()}
    processes = [
        track_process(db, "update", cid, "--note", f"concurrent note {i}", "--on", "2026-02-01")
        for i, cid in enumerate(targets)
    ]
    for process in processes:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
    after = load(db)
    notes = {e.note for c in after.values() for e in c.history}
    assert {f"concurrent note {i}" for i in range(20)} <= notes
    assert len(after["localities-forum"].history) == before["localities-forum"] + 10
    assert sum(len(c.history) for c in after.values()) == sum(before.values()) + 20


WRITER = """
import sys
from datetime import date
from tracker.model import Event
from tracker.store import Store

store = Store(sys.argv[1])
n = sum(e.note.startswith("write ") for e in store.load().get("localities-forum").history)
while True:
    n += 1
    with store.edit() as db:
        c = db.get("localities-forum")
        db.put(c.with_event(Event(date(2026, 1, 1), "in-progress", f"write {n}", (), f"{n:08d}")))
"""


def test_killed_writer_leaves_the_old_or_the_new_file(db: Path):
    rng = random.Random(20261123)
    original = {cid: c for cid, c in load(db).items() if cid != "localities-forum"}
    last_count = len(load(db)["localities-forum"].history)
    for _ in range(25):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(db)])
        time.sleep(0.25 + rng.random() * 0.3)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        state = load(db)  # always loads
        text = db.read_text(encoding="utf-8")
        assert dump(json.loads(text)) == text  # a complete, canonical file
        forum = state.pop("localities-forum")
        assert state == original  # nothing else was touched
        notes = [e.note for e in forum.history if e.note.startswith("write ")]
        assert len(forum.history) >= last_count  # never goes back to an older state
        assert notes == [f"write {i}" for i in range(1, len(notes) + 1)]  # whole events only
        last_count = len(forum.history)
    assert last_count > 1, "the writer never completed a write; the test proved nothing"


def test_lock_timeout_is_a_clear_error_not_a_hang(db: Path, monkeypatch):
    from filelock import FileLock

    monkeypatch.setenv("TRACK_LOCK_TIMEOUT", "0.2")
    before = db.read_bytes()
    with FileLock(str(db) + ".lock"):
        result = run("update", "localities-forum", "--note", "blocked")
    assert result.exit_code == 1
    assert "being changed by another track command" in result.stderr
    assert db.read_bytes() == before


def test_invalid_json_names_file_line_and_column_and_is_never_overwritten(db: Path):
    broken = db.read_text(encoding="utf-8").replace('"pillar": "labour"', '"pillar": labour', 1)
    db.write_text(broken, encoding="utf-8")
    line = broken[: broken.index('"pillar": labour')].count("\n") + 1
    for args in (["list"], ["update", "localities-forum", "--note", "x"], ["add", "X"]):
        result = run(*args)
        assert result.exit_code == 1
        assert f"{db}:{line}:" in result.stderr and "not valid JSON" in result.stderr
        assert "git checkout" in result.stderr
        assert db.read_text(encoding="utf-8") == broken


def test_schema_errors_name_the_record_and_field(db: Path):
    data = json.loads(db.read_text(encoding="utf-8"))
    data["commitments"]["localities-forum"]["history"][0]["status"] = "finished"
    db.write_text(json.dumps(data), encoding="utf-8")
    before = db.read_bytes()
    result = run("update", "2plus2", "--note", "x")
    assert result.exit_code == 1
    assert "commitment 'localities-forum', history[0]: field 'status' 'finished'" in result.stderr
    assert db.read_bytes() == before


def test_empty_file_is_an_error_never_an_empty_database(db: Path):
    db.write_text("", encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1 and "not valid JSON" in result.stderr
    assert db.read_text() == ""


def test_newer_schema_is_refused(db: Path):
    data = json.loads(db.read_text(encoding="utf-8"))
    data["_meta"]["schema"]["version"] = SCHEMA_VERSION + 1
    db.write_text(json.dumps(data), encoding="utf-8")
    before = db.read_bytes()
    result = run("update", "localities-forum", "--note", "x")
    assert result.exit_code == 1
    assert "newer than this track understands" in result.stderr
    assert db.read_bytes() == before


def test_version_1_is_migrated_with_a_backup_first(db: Path):
    current = json.loads(db.read_text(encoding="utf-8"))
    legacy = {"_default": {str(i): r for i, r in enumerate(current["commitments"].values(), 1)}}
    legacy_text = json.dumps(legacy)
    db.write_text(legacy_text, encoding="utf-8")
    result = run("list", "--overdue", "--as-of", "2026-11-23", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "upgraded" in result.stderr and "from schema 1 to 3" in result.stderr
    assert len(result.json()) == 5
    backup = db.with_name(db.name + ".v1.bak")
    assert backup.read_text(encoding="utf-8") == legacy_text
    assert db.read_text(encoding="utf-8") == dump(current)


def test_database_path_that_is_a_folder(tmp_path: Path, monkeypatch):
    monkeypatch.setenv("TRACK_DB", str(tmp_path))
    result = run("list")
    assert result.exit_code == 1 and "is a folder" in result.stderr


def test_doctor_on_the_shipped_database_finds_nothing(db: Path):
    result = run("doctor")
    assert result.exit_code == 0, result.stdout
    assert "no problems found" in result.stderr


def test_doctor_reports_each_problem_with_its_location(db: Path):
    text = db.read_text(encoding="utf-8")
    data = json.loads(text)
    table = data["commitments"]
    table["localities-forum"]["history"].insert(
        0,
        {"on": "2025-05-01", "status": "in-progress", "note": "", "evidence": [], "recorded": ""},
    )
    table["2plus2-dialogue"]["due"] = "2024-01-01"
    table["2plus2-dialogue"]["sources"][0]["quote"] = "an invented quote"
    table["apec-2027-support"]["made_on"] = "2025-02-30"
    table["emperor-state-visit"]["sources"][0]["document"] = "seeds/missing.txt"
    table["high-tech-agriculture"]["history"][0]["status"] = "finished"
    broken = dump(data).replace(
        '"commitments": {', '"commitments": {\n    "localities-forum": {},', 1
    )  # a duplicate key
    db.write_text(broken, encoding="utf-8")
    result = run("doctor")
    assert result.exit_code == 1
    out = result.stdout
    assert "key 'localities-forum' appears twice" in out
    assert "'2plus2-dialogue': due 2024-01-01 is before made_on 2025-04-28" in out
    assert "'2plus2-dialogue', sources[0]: the quote no longer appears verbatim" in out
    assert "'apec-2027-support': field 'made_on' '2025-02-30' is not a date" in out
    assert "'emperor-state-visit', sources[0]: document 'seeds/missing.txt' is missing" in out
    assert "'localities-forum': history is not in date order" in out
    assert "'high-tech-agriculture', history[0]: unknown status 'finished'" in out


def test_doctor_fix_repairs_only_what_is_safe(db: Path):
    data = json.loads(db.read_text(encoding="utf-8"))
    history = data["commitments"]["semiconductor-rd-mou"]["history"]
    history.reverse()
    data["commitments"]["semiconductor-rd-mou"]["status"] = "fulfilled"
    db.write_text(json.dumps(data, indent=4), encoding="utf-8")
    (db.parent / ".commitments.json.abc.tmp").write_text("partial")
    assert run("doctor").exit_code == 1
    fixed = run("doctor", "--fix")
    assert fixed.exit_code == 0, fixed.stdout
    assert "removed .commitments.json.abc.tmp" in fixed.stderr
    assert db.read_text(encoding="utf-8") == _as_pledged(SHIPPED.read_text(encoding="utf-8"))


def test_doctor_fix_never_rewrites_invalid_json(db: Path):
    db.write_text("{ not json", encoding="utf-8")
    result = run("doctor", "--fix")
    assert result.exit_code == 1
    assert "line 1, column 3: not valid JSON" in result.stdout
    assert db.read_text(encoding="utf-8") == "{ not json"


@pytest.mark.parametrize("junk", ["[]", '"text"', "null", "42"])
def test_non_object_files_are_refused(db: Path, junk: str):
    db.write_text(junk, encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1
    assert "not a track database" in result.stderr
    assert db.read_text(encoding="utf-8") == junk


def test_store_writes_keep_file_permissions(db: Path):
    db.chmod(0o640)
    with Store(db).edit() as database:
        database.put(database.get("localities-forum"))
    assert db.stat().st_mode & 0o777 == 0o640


def test_the_file_is_a_tinydb_database(db: Path):
    from tinydb import Query

    from tracker.store import open_tinydb

    table = open_tinydb(db).table("commitments")
    labour = table.search(Query().pillar == "labour")
    assert {r["id"] for r in labour} == {
        "social-insurance-agreement",
        "esd-labour-mou",
        "training-employment-system-2027",
    }
    assert table.get(doc_id="localities-forum")["due"] == "2025-12-31"


def test_a_file_changed_after_a_trusted_read_is_validated_again(db: Path):
    assert run("list").exit_code == 0  # validated, and remembered
    assert run("list").exit_code == 0  # trusted: same size, mtime and inode
    data = json.loads(db.read_text(encoding="utf-8"))
    data["commitments"]["localities-forum"]["made_on"] = "2025-02-30"
    db.write_text(dump(data), encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1
    assert "field 'made_on' '2025-02-30' is not a date" in result.stderr


def test_track_writes_leave_a_file_that_reads_back_identically(db: Path, monkeypatch):
    assert run("update", "localities-forum", "--note", "first").exit_code == 0
    trusted = {c.id: c for c in Store(db).load()}
    monkeypatch.setenv("TRACK_NO_CACHE", "1")
    checked = {c.id: c for c in Store(db).load()}
    assert trusted == checked
