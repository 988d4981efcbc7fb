"""Teams through git: real repositories merging with the track merge driver, and a property test."""

from __future__ import annotations

import copy
import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SHIPPED, _as_pledged
from helpers import load, run
from hypothesis import given, settings
from hypothesis import strategies as st

from tracker.merge import merge_tables
from tracker.store import Store

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
GIT_ENV = {
    "GIT_AUTHOR_NAME": "Analyst",
    "GIT_AUTHOR_EMAIL": "analyst@example.org",
    "GIT_COMMITTER_NAME": "Analyst",
    "GIT_COMMITTER_EMAIL": "analyst@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(folder: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "HOME": str(folder.parent)}
    return subprocess.run(
        ["git", *args], cwd=folder, env=env, capture_output=True, text=True, check=check
    )


@pytest.fixture
def clones(tmp_path: Path, monkeypatch) -> tuple[Path, Path]:
    """Two analysts' clones of one repository holding the shipped database."""
    origin = tmp_path / "origin"
    origin.mkdir()
    git(origin, "init", "-q", "-b", "main")
    (origin / "commitments.json").write_text(
        _as_pledged(SHIPPED.read_text(encoding="utf-8")), encoding="utf-8"
    )
    shutil.copytree(ROOT / "seeds", origin / "seeds")
    monkeypatch.setenv("TRACK_DB", str(origin / "commitments.json"))
    assert run("git-setup").exit_code == 0
    git(origin, "add", ".")
    git(origin, "commit", "-q", "-m", "shipped database")
    second = tmp_path / "second"
    git(tmp_path, "clone", "-q", str(origin), str(second))
    monkeypatch.setenv("TRACK_DB", str(second / "commitments.json"))
    assert run("git-setup").exit_code == 0
    return origin, second


def in_clone(clone: Path, monkeypatch, *args: str):
    monkeypatch.setenv("TRACK_DB", str(clone / "commitments.json"))
    result = run(*args)
    assert result.exit_code == 0, (args, result.stderr)
    return result


def commit(clone: Path, message: str) -> None:
    git(clone, "commit", "-q", "-am", message)


def test_git_setup_is_idempotent_and_says_what_it_changed(clones, monkeypatch):
    origin, _ = clones
    monkeypatch.setenv("TRACK_DB", str(origin / "commitments.json"))
    again = run("git-setup")
    assert again.exit_code == 0 and "already set up" in again.stderr
    assert (origin / ".gitattributes").read_text().splitlines() == ["commitments.json merge=track"]
    assert "merge-driver %O %A %B" in git(origin, "config", "merge.track.driver").stdout


def test_parallel_edits_merge_without_conflict_or_loss(clones, monkeypatch):
    origin, second = clones
    in_clone(
        origin,
        monkeypatch,
        "add",
        "Open a consulate in Da Nang",
        "--id",
        "consulate",
        "--made-on",
        "2026-02-01",
    )
    in_clone(
        origin,
        monkeypatch,
        "update",
        "localities-forum",
        "--status",
        "in-progress",
        "--on",
        "2026-02-01",
    )
    in_clone(
        origin,
        monkeypatch,
        "update",
        "2plus2",
        "--note",
        "note from the first analyst",
        "--on",
        "2026-02-02",
    )
    commit(origin, "first analyst")
    in_clone(
        second,
        monkeypatch,
        "add",
        "Hold a youth exchange",
        "--id",
        "youth-exchange",
        "--made-on",
        "2026-02-03",
    )
    in_clone(
        second,
        monkeypatch,
        "update",
        "social-insurance",
        "--note",
        "talks scheduled",
        "--on",
        "2026-02-03",
    )
    in_clone(
        second,
        monkeypatch,
        "update",
        "2plus2",
        "--note",
        "note from the second analyst",
        "--on",
        "2026-02-04",
    )
    commit(second, "second analyst")
    git(second, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main")
    text = (second / "commitments.json").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text and ">>>>>>>" not in text
    merged = load(second / "commitments.json")
    assert {"consulate", "youth-exchange"} <= set(merged)
    assert merged["localities-forum"].status == "in-progress"
    assert "talks scheduled" in [e.note for e in merged["social-insurance-agreement"].history]
    notes = [e.note for e in merged["2plus2-dialogue"].history]
    assert "note from the first analyst" in notes and "note from the second analyst" in notes
    assert not any(c.conflicts for c in merged.values())
    monkeypatch.setenv("TRACK_DB", str(second / "commitments.json"))
    assert run("doctor").exit_code == 0
    assert git(second, "status", "--porcelain").stdout == ""  # the merge committed cleanly


def test_concurrent_status_changes_are_a_conflict_that_resolve_settles(clones, monkeypatch):
    origin, second = clones
    in_clone(
        origin,
        monkeypatch,
        "update",
        "localities-forum",
        "--status",
        "fulfilled",
        "--on",
        "2026-03-01",
    )
    commit(origin, "forum held")
    in_clone(
        second,
        monkeypatch,
        "update",
        "localities-forum",
        "--status",
        "stalled",
        "--on",
        "2026-03-02",
    )
    commit(second, "forum stalled")
    pulled = git(second, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode != 0  # git reports the merge as conflicted
    text = (second / "commitments.json").read_text(encoding="utf-8")
    assert "<<<<<<<" not in text
    monkeypatch.setenv("TRACK_DB", str(second / "commitments.json"))
    listed = run("list", "--conflicts", "--format", "json")
    assert [row["id"] for row in listed.json()] == ["localities-forum"]
    conflict = listed.json()[0]["conflicts"][0]
    assert (conflict["field"], conflict["ours"], conflict["theirs"]) == (
        "status",
        "stalled",
        "fulfilled",
    )
    assert "Unresolved merge conflicts" in run("show", "localities-forum").stdout
    events = [e.status for e in load(second / "commitments.json")["localities-forum"].history]
    assert "fulfilled" in events and "stalled" in events  # nothing lost while in conflict
    settled = run("resolve", "localities-forum", "--take", "theirs")
    assert settled.exit_code == 0, settled.stderr
    forum = load(second / "commitments.json")["localities-forum"]
    assert forum.status == "fulfilled" and not forum.conflicts
    assert "Merge conflict resolved" in forum.history[-1].note
    assert run("list", "--conflicts", "-f", "json").json() == []
    git(second, "commit", "-q", "-am", "settle the forum")
    assert run("doctor").exit_code == 0


def test_deleted_on_one_side_and_changed_on_the_other(clones, monkeypatch):
    origin, second = clones
    with Store(origin / "commitments.json").edit() as database:
        database.remove("symbolic-joint-ventures")
    commit(origin, "drop a duplicate")
    in_clone(
        second,
        monkeypatch,
        "update",
        "symbolic-joint-ventures",
        "--note",
        "ventures named",
        "--on",
        "2026-04-01",
    )
    commit(second, "note")
    pulled = git(second, "pull", "-q", "--no-rebase", "--no-edit", "origin", "main", check=False)
    assert pulled.returncode != 0
    kept = load(second / "commitments.json")["symbolic-joint-ventures"]
    assert kept.conflicts[0].field == "(deleted)"
    monkeypatch.setenv("TRACK_DB", str(second / "commitments.json"))
    assert run("resolve", "symbolic", "--take", "ours").exit_code == 0  # ours changed it: keep
    assert not load(second / "commitments.json")["symbolic-joint-ventures"].conflicts


def test_resolve_with_a_value_and_refusals(db: Path):
    data = json.loads(db.read_text(encoding="utf-8"))
    record = data["commitments"]["localities-forum"]
    record["conflicts"] = [
        {"field": "title", "base": record["title"], "ours": "Forum A", "theirs": "Forum B"},
        {"field": "pillar", "base": "people-exchange", "ours": "economy", "theirs": "labour"},
    ]
    from tracker.store import dump

    db.write_text(dump(data), encoding="utf-8")
    assert run("resolve", "localities-forum", "--take", "Forum C").exit_code == 2  # which field?
    assert run("resolve", "2plus2", "--take", "ours").exit_code == 2  # no conflict there
    assert (
        run("resolve", "localities-forum", "--field", "title", "--take", "Forum C").exit_code == 0
    )
    forum = load(db)["localities-forum"]
    assert forum.title == "Forum C" and [c.field for c in forum.conflicts] == ["pillar"]
    assert run("resolve", "localities-forum", "--take", "theirs").exit_code == 0
    assert load(db)["localities-forum"].pillar == "labour"


def test_merge_driver_refuses_broken_input_and_leaves_ours_alone(tmp_path: Path):
    base, ours, theirs = (tmp_path / n for n in ("base.json", "ours.json", "theirs.json"))
    for path in (base, ours):
        shutil.copy(SHIPPED, path)
    theirs.write_text("<<<<<<< not json", encoding="utf-8")
    before = ours.read_bytes()
    result = run("merge-driver", str(base), str(ours), str(theirs))
    assert result.exit_code == 1 and "not valid JSON" in result.stderr
    assert ours.read_bytes() == before


# --- property: merging is symmetric and never loses a history event -------------------------

BASE = {cid: r for cid, r in json.loads(SHIPPED.read_text(encoding="utf-8"))["commitments"].items()
        if cid in ("localities-forum", "2plus2-dialogue", "apec-2027-support")}  # fmt: skip
IDS = [*BASE, "new-one", "new-two"]
edits = st.lists(
    st.tuples(
        st.sampled_from(["status", "note", "title", "delete", "add"]),
        st.sampled_from(IDS),
        st.sampled_from(["pending", "in-progress", "fulfilled", "stalled"]),
        st.integers(1, 28),
    ),
    max_size=6,
)


def apply(table: dict, changes: list, side: str) -> dict:
    table = copy.deepcopy(table)
    for n, (kind, cid, status, day) in enumerate(changes):
        on = f"2026-05-{day:02d}"
        event = {
            "on": on,
            "status": status,
            "note": f"{side} {n}",
            "evidence": [],
            "recorded": f"{side}-{n}",
        }
        if kind == "add" and cid not in table:
            table[cid] = {
                **copy.deepcopy(BASE["apec-2027-support"]),
                "id": cid,
                "history": [event],
                "status": status,
            }
        elif cid not in table:
            continue
        elif kind == "delete":
            del table[cid]
        elif kind == "title":
            table[cid]["title"] = f"Title by {side} {n}"
        else:
            record = table[cid]
            if kind == "note":
                event["status"] = record["status"]
            record["history"] = sorted(
                [*record["history"], event], key=lambda e: (e["on"], e["recorded"])
            )
            record["status"] = record["history"][-1]["status"]
    return table


def comparable(table: dict) -> dict:
    out = {}
    for cid, record in table.items():
        plain = {k: v for k, v in record.items() if k != "conflicts"}
        plain["conflicts"] = sorted(
            (c["field"], json.dumps(sorted([json.dumps(c["ours"]), json.dumps(c["theirs"])])))
            for c in record.get("conflicts", [])
        )
        out[cid] = plain
    return out


@settings(max_examples=150, deadline=None)
@given(edits, edits)
def test_merge_is_symmetric_and_keeps_every_event(our_edits: list, their_edits: list):
    ours, theirs = apply(BASE, our_edits, "ours"), apply(BASE, their_edits, "theirs")
    merged, _ = merge_tables(BASE, ours, theirs)
    swapped, _ = merge_tables(BASE, theirs, ours)
    assert comparable(merged) == comparable(swapped)
    for side in (ours, theirs):
        for cid, record in side.items():
            if cid not in merged:
                other = theirs if side is ours else ours
                assert cid not in other and BASE.get(cid) == record  # deleted there, untouched here
                continue
            merged_events = {json.dumps(e, sort_keys=True) for e in merged[cid]["history"]}
            assert {json.dumps(e, sort_keys=True) for e in record["history"]} <= merged_events
    from tracker.schema import validate_record

    for record in merged.values():
        validate_record(record)
