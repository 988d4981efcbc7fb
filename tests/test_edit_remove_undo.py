"""`track edit`, `track remove` and `track undo`: correcting the record without hand edits."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import _as_pledged
from helpers import load, run

from tracker import editing
from tracker.merge import merge_tables
from tracker.model import Event
from tracker.store import Store

ROOT = Path(__file__).resolve().parent.parent


def test_edit_changes_fields_and_records_what_changed(db: Path):
    before = load(db)["localities-forum"]
    result = run(
        "edit", "local", "--title", "Localities Forum", "--tag", "forum", "--tag", "local",
        "--party", "Vietnam", "--pillar", "politics-security", "-d", "Held in Vietnam",
        "--alias", "VN-JP Localities Forum",
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    after = load(db)["localities-forum"]
    assert after.title == "Localities Forum"
    assert after.tags == ("forum", "local") and after.parties == ("Vietnam",)
    assert after.pillar == "politics-security" and after.description == "Held in Vietnam"
    assert after.aliases == ("VN-JP Localities Forum",)
    assert after.status == before.status and len(after.history) == len(before.history) + 1
    note = after.history[-1].note
    assert f"title {before.title!r} -> 'Localities Forum'" in note
    assert "pillar 'people-exchange' -> 'politics-security'" in note


def test_edit_due_and_made_on_reread_the_deadline(db: Path):
    assert run("edit", "social", "--due", "by mid-2026", "--ref", "2026-01-15").exit_code == 0
    social = load(db)["social-insurance-agreement"]
    assert (social.due, social.due_phrase) == (date(2026, 6, 30), "by mid-2026")
    assert run("edit", "local", "--made-on", "2025-04-27").exit_code == 0
    forum = load(db)["localities-forum"]
    assert forum.made_on == date(2025, 4, 27) and forum.history[0].on == date(2025, 4, 27)
    assert run("doctor").exit_code == 0


def test_edit_does_not_hide_a_later_status_update(db: Path):
    run("edit", "local", "--title", "Localities Forum")
    assert run("update", "local", "-s", "fulfilled", "--on", "2025-11-20").exit_code == 0
    assert load(db)["localities-forum"].status == "fulfilled"


def test_edit_refusals_leave_the_file_untouched(db: Path):
    before = db.read_bytes()
    title = load(db)["localities-forum"].title
    for args, message in [
        (["edit", "local", "--title", title], "nothing to change"),
        (["edit", "local", "--title", "  "], "--title is empty"),
        (["edit", "local", "--due", "2024"], "before the pledge was made"),
        (["edit", "local", "--made-on", "2099-01-01"], "in the future"),
        (["edit", "nothing-like-this", "--title", "x"], "no commitment"),
    ]:
        result = run(*args)
        assert result.exit_code in (1, 2), args
        assert message in result.stderr, (args, result.stderr)
    assert db.read_bytes() == before


def test_remove_asks_unless_yes_and_keeps_nothing(db: Path):
    refused = run("remove", "local")  # the test runner's input is not a terminal
    assert refused.exit_code == 2 and "pass --yes" in refused.stderr
    assert run("remove", "local", "--yes").exit_code == 0
    assert "localities-forum" not in load(db)
    assert "localities-forum" not in db.read_text(encoding="utf-8")


def test_undo_takes_back_the_last_update(db: Path):
    before = db.read_bytes()
    assert run("update", "local", "-s", "fulfilled", "--on", "2025-11-20").exit_code == 0
    undone = run("undo", "local")
    assert undone.exit_code == 0, undone.stderr
    assert "took back the event of 2025-11-20 (fulfilled); now pending" in undone.stderr
    assert db.read_bytes() == before
    only = run("undo", "local")
    assert only.exit_code == 2 and "track remove" in only.stderr


def test_undo_picks_the_most_recently_recorded_event_not_the_latest_dated(db: Path):
    database = Store(db).load()
    forum = database.get("localities-forum")
    late = Event(date(2025, 11, 20), "fulfilled", "held", (), "2026-01-02T10:00:00Z")
    backdated = Event(date(2025, 10, 1), "pending", "venue", (), "2026-01-03T10:00:00Z")
    database.put(forum.with_event(late).with_event(backdated))
    _, event = editing.undo(database, "local")
    assert event == backdated
    assert database.get("localities-forum").status == "fulfilled"


def test_undo_refuses_an_edit_event(db: Path):
    run("edit", "local", "--title", "Localities Forum")
    result = run("undo", "local")
    assert result.exit_code == 2 and "track edit" in result.stderr


def test_merge_driver_treats_a_removal_as_a_deletion(db: Path):
    table = {c.id: c.to_dict() for c in load(db).values()}
    assert run("remove", "local", "--yes").exit_code == 0
    ours = {c.id: c.to_dict() for c in load(db).values()}
    merged, conflicted = merge_tables(table, ours, table)
    assert "localities-forum" not in merged and not conflicted


# --- someone else's merged work -------------------------------------------------------------

pytestmark_git = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")


def git(folder: Path, who: str, *args: str) -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_NAME": who,
        "GIT_AUTHOR_EMAIL": f"{who}@example.org",
        "GIT_COMMITTER_NAME": who,
        "GIT_COMMITTER_EMAIL": f"{who}@example.org",
        "GIT_CONFIG_NOSYSTEM": "1",
        "HOME": str(folder.parent),
    }
    subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, check=True)


@pytest.fixture
def desk(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """Anna's and Binh's clones; Binh has merged an update Anna recorded on the forum."""
    anna = tmp_path / "anna"
    anna.mkdir()
    git(anna, "anna", "init", "-q", "-b", "main")
    (anna / "commitments.json").write_text(
        _as_pledged((ROOT / "commitments.json").read_text(encoding="utf-8")), encoding="utf-8"
    )
    shutil.copytree(ROOT / "seeds", anna / "seeds")
    monkeypatch.setenv("TRACK_DB", str(anna / "commitments.json"))
    assert run("git-setup").exit_code == 0
    git(anna, "anna", "add", ".")
    git(anna, "anna", "commit", "-q", "-m", "shipped")
    binh = tmp_path / "binh"
    git(tmp_path, "binh", "clone", "-q", str(anna), str(binh))
    run("update", "local", "-s", "fulfilled", "--on", "2025-11-20", "--note", "Anna's news")
    run("add", "Anna's own pledge", "--id", "anna-pledge", "--made-on", "2025-05-01")
    git(anna, "anna", "commit", "-q", "-am", "forum held")
    monkeypatch.setenv("TRACK_DB", str(binh / "commitments.json"))
    assert run("git-setup").exit_code == 0
    git(binh, "binh", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "binh")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "binh@example.org")
    return anna, binh


@pytestmark_git
def test_undo_and_remove_refuse_to_lose_a_colleagues_merged_work(desk):
    _, binh = desk
    before = (binh / "commitments.json").read_bytes()
    undone = run("undo", "local")
    assert undone.exit_code == 1
    assert "committed by anna <anna@example.org>" in undone.stderr
    removed = run("remove", "anna-pledge", "--yes")
    assert removed.exit_code == 1 and "--status dropped" in removed.stderr
    assert (binh / "commitments.json").read_bytes() == before


@pytestmark_git
def test_undo_and_remove_allow_your_own_work_committed_or_not(desk):
    _, binh = desk
    assert run("update", "local", "--note", "Binh's note", "--on", "2025-11-21").exit_code == 0
    assert run("undo", "local").exit_code == 0  # not committed yet
    assert run("update", "local", "--note", "Binh's note", "--on", "2025-11-21").exit_code == 0
    git(binh, "binh", "commit", "-q", "-am", "note")
    assert run("undo", "local").exit_code == 0  # committed, but by Binh himself
    assert run("add", "Binh's slip", "--id", "slip", "--made-on", "2025-05-01").exit_code == 0
    git(binh, "binh", "commit", "-q", "-am", "slip")
    assert run("remove", "slip", "--yes").exit_code == 0
    assert "slip" not in load(binh / "commitments.json")


@pytest.mark.skipif(not hasattr(os, "openpty"), reason="needs a pseudo-terminal")
@pytest.mark.parametrize(("answer", "removed"), [("n", False), ("y", True)])
def test_remove_asks_at_a_terminal(db: Path, answer: str, removed: bool):
    track = str(Path(sys.executable).parent / "track")
    controller, terminal = os.openpty()
    try:
        os.write(controller, f"{answer}\n".encode())
        done = subprocess.run(
            [track, "remove", "local"], stdin=terminal, capture_output=True, text=True, timeout=60
        )
    finally:
        os.close(controller)
        os.close(terminal)
    assert "Remove localities-forum" in done.stdout
    assert ("localities-forum" not in load(db)) is removed
    assert done.returncode == (0 if removed else 1)


@pytestmark_git
def test_a_removal_reaches_the_other_clone_through_git(desk, monkeypatch):
    anna, binh = desk
    monkeypatch.setenv("TRACK_DB", str(anna / "commitments.json"))
    monkeypatch.setenv("GIT_AUTHOR_NAME", "anna")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "anna@example.org")
    assert run("remove", "anna-pledge", "--yes").exit_code == 0  # her own: allowed
    git(anna, "anna", "commit", "-q", "-am", "drop a slip")
    monkeypatch.setenv("TRACK_DB", str(binh / "commitments.json"))
    assert run("update", "2plus2", "--note", "Binh's note", "--on", "2025-11-01").exit_code == 0
    git(binh, "binh", "commit", "-q", "-am", "note")
    git(binh, "binh", "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    merged = load(binh / "commitments.json")
    assert "anna-pledge" not in merged
    assert merged["2plus2-dialogue"].history[-1].note == "Binh's note"
