"""What a determined attacker of the database found (issue 14), kept as a suite.

Each numbered section reproduces one finding: the test failed on the code the attack was run
against, and passes now. The damaged-file matrix lives in test_adversarial_files.py.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import SHIPPED
from helpers import load, run

from tracker.merge import merge_tables
from tracker.store import SCHEMA_VERSION, Store, dump

ESC = "\x1b"


def legacy_text(db: Path) -> str:
    """The shipped database in schema 1: TinyDB's counter-keyed `_default` table."""
    current = json.loads(db.read_text(encoding="utf-8"))
    records = enumerate(current["commitments"].values(), 1)
    return json.dumps({"_default": {str(i): r for i, r in records}})


def shipped_table() -> dict:
    return json.loads(SHIPPED.read_text(encoding="utf-8"))["commitments"]


def no_traceback(result) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "internal error" not in result.stderr


# --- 1. doctor --fix on a schema 1 database migrates, with the backup ------------------------


def test_doctor_fix_migrates_a_schema_1_database_with_a_backup(db: Path):
    old = legacy_text(db)
    db.write_text(old, encoding="utf-8")
    result = run("doctor", "--fix")
    no_traceback(result)
    assert db.with_name(db.name + ".v1.bak").read_text(encoding="utf-8") == old
    assert len(load(db)) == 34  # every command reads the fixed file
    assert run("list").exit_code == 0


def test_doctor_fix_leaves_a_file_it_cannot_migrate_untouched(db: Path):
    db.write_text('{"_meta": {"schema": {"version": "two"}}, "commitments": {}}', encoding="utf-8")
    before = db.read_bytes()
    result = run("doctor", "--fix")
    no_traceback(result)
    assert result.exit_code == 1 and db.read_bytes() == before


# --- 2. --output never overwrites the database, its backups, or a file without --force ------


@pytest.mark.parametrize(
    "args",
    [
        ["report", "--output", "{db}"],
        ["report", "--output", "{db}.v1.bak"],
        ["export", "-f", "json", "--output", "{db}"],
        ["export", "-f", "csv", "--output", "{db}.v1.bak"],
        ["export", "-f", "json", "--output", "{link}"],
    ],
)
def test_output_refuses_the_database_and_its_backups(db: Path, args: list[str]):
    db.with_name(db.name + ".v1.bak").write_text("backup", encoding="utf-8")
    (db.parent / "link.json").symlink_to(db)
    before = db.read_bytes()
    filled = [a.format(db=db, link=db.parent / "link.json") for a in args]
    result = run(*filled, "--force")
    no_traceback(result)
    assert result.exit_code == 2 and "database" in result.stderr
    assert db.read_bytes() == before
    assert db.with_name(db.name + ".v1.bak").read_text(encoding="utf-8") == "backup"


@pytest.mark.parametrize(
    "args", [["report", "--output", "out.json"], ["export", "-f", "json", "--output", "out.json"]]
)
def test_output_refuses_an_existing_file_unless_forced(db: Path, args: list[str]):
    target = Path("out.json")
    target.write_text("precious", encoding="utf-8")
    refused = run(*args)
    assert refused.exit_code == 2 and "--force" in refused.stderr
    assert target.read_text(encoding="utf-8") == "precious"
    forced = run(*args, "--force")
    assert forced.exit_code == 0, forced.stderr
    json.loads(target.read_text(encoding="utf-8"))


# --- 3. a symlinked database is updated through the link -------------------------------------


def test_symlinked_database_is_updated_in_place(db: Path, monkeypatch):
    link = db.parent / "link.json"
    link.symlink_to(db)
    monkeypatch.setenv("TRACK_DB", str(link))
    result = run("update", "local", "--note", "through the link", "--on", "2026-01-01")
    assert result.exit_code == 0, result.stderr
    assert link.is_symlink()
    assert load(db)["localities-forum"].history[-1].note == "through the link"
    assert not (db.parent / "link.json.lock").exists()


# --- 4. fields track does not know are never dropped -----------------------------------------


def test_unknown_field_is_refused_at_load_not_dropped(db: Path):
    from tracker.store import open_tinydb

    tiny = open_tinydb(db)
    tiny.table("commitments").update({"reviewer": "Mai"}, doc_ids=["localities-forum"])
    before = db.read_bytes()
    result = run("update", "local", "--note", "x", "--on", "2026-01-01")
    no_traceback(result)
    assert result.exit_code == 1
    assert "'reviewer'" in result.stderr and "localities-forum" in result.stderr
    assert db.read_bytes() == before
    assert "reviewer" in run("doctor").stdout


def test_unknown_event_field_is_refused(db: Path):
    data = json.loads(db.read_text(encoding="utf-8"))
    data["commitments"]["2plus2-dialogue"]["history"][0]["by"] = "Mai"
    db.write_text(dump(data), encoding="utf-8")
    result = run("list")
    assert result.exit_code == 1 and "'by'" in result.stderr and "history[0]" in result.stderr


def test_merge_keeps_extra_tables_from_theirs(tmp_path: Path):
    base, ours, theirs = (tmp_path / n for n in ("base.json", "ours.json", "theirs.json"))
    for path in (base, ours):
        shutil.copy(SHIPPED, path)
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["reviews"] = {"1": {"who": "Mai"}}
    theirs.write_text(dump(data), encoding="utf-8")
    result = run("merge-driver", str(base), str(ours), str(theirs))
    assert result.exit_code == 0, result.stderr
    assert json.loads(ours.read_text(encoding="utf-8"))["reviews"] == {"1": {"who": "Mai"}}


def test_merge_refuses_a_side_with_unknown_fields(tmp_path: Path):
    base, ours, theirs = (tmp_path / n for n in ("base.json", "ours.json", "theirs.json"))
    for path in (base, ours):
        shutil.copy(SHIPPED, path)
    data = json.loads(SHIPPED.read_text(encoding="utf-8"))
    data["commitments"]["localities-forum"]["reviewer"] = "Mai"
    theirs.write_text(dump(data), encoding="utf-8")
    before = ours.read_bytes()
    result = run("merge-driver", str(base), str(ours), str(theirs))
    assert result.exit_code == 1 and "'reviewer'" in result.stderr
    assert ours.read_bytes() == before


# --- 5. duplicate keys and non-finite numbers are refused everywhere -------------------------

DUPLICATE = '"title": "Organise the Vietnam–Japan Localities Forum in Vietnam",'


def with_duplicate_title(db: Path) -> bytes:
    text = db.read_text(encoding="utf-8")
    assert DUPLICATE in text
    text = text.replace(DUPLICATE, DUPLICATE + '\n      "title": "A second title",', 1)
    db.write_text(text, encoding="utf-8")
    return db.read_bytes()


@pytest.mark.parametrize("args", [["list"], ["update", "2plus2", "--note", "x"], ["doctor"]])
def test_duplicate_keys_are_refused_with_their_location(db: Path, args: list[str]):
    before = with_duplicate_title(db)
    result = run(*args)
    no_traceback(result)
    assert result.exit_code == 1
    out = result.stdout + result.stderr
    assert "'title'" in out and "twice" in out and "localities-forum" in out
    assert db.read_bytes() == before


def test_doctor_fix_never_drops_a_duplicate(db: Path):
    before = with_duplicate_title(db)
    result = run("doctor", "--fix")
    assert result.exit_code == 1 and "no problems found" not in result.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("number", ["NaN", "Infinity", "-Infinity", "1e400"])
def test_non_finite_numbers_are_the_same_error_everywhere(db: Path, number: str):
    data = json.loads(db.read_text(encoding="utf-8"))
    data["_meta"]["weight"] = 1.5
    text = dump(data).replace("1.5", number)
    db.write_text(text, encoding="utf-8")
    listed, doctored, fixed = run("list"), run("doctor"), run("doctor", "--fix")
    for result in (listed, doctored, fixed):
        no_traceback(result)
        assert result.exit_code == 1
        assert "not a finite number" in result.stdout + result.stderr
    assert db.read_text(encoding="utf-8") == text


# --- 6. merging never loses a side -------------------------------------------------------------


def merge_files(tmp_path: Path, base: str, ours: str, theirs: str):
    paths = [tmp_path / n for n in ("base.json", "ours.json", "theirs.json")]
    for path, text in zip(paths, (base, ours, theirs), strict=True):
        path.write_text(text, encoding="utf-8")
    result = run("merge-driver", *map(str, paths))
    return result, paths[1]


def test_merge_refuses_an_empty_object_as_theirs(tmp_path: Path):
    shipped = SHIPPED.read_text(encoding="utf-8")
    result, ours = merge_files(tmp_path, shipped, shipped, "{}")
    no_traceback(result)
    assert result.exit_code == 1 and "theirs" in result.stderr
    assert ours.read_text(encoding="utf-8") == shipped


def test_merge_with_a_side_holding_one_commitment_is_a_conflict_not_a_loss(tmp_path: Path):
    shipped = SHIPPED.read_text(encoding="utf-8")
    data = json.loads(shipped)
    data["commitments"] = {"2plus2-dialogue": data["commitments"]["2plus2-dialogue"]}
    result, ours = merge_files(tmp_path, shipped, shipped, dump(data))
    assert result.exit_code == 1
    merged = Store(ours).load()
    assert len(merged) == 34
    assert {c.conflicts[0].field for c in merged if c.id != "2plus2-dialogue"} == {"(deleted)"}


def test_two_clones_that_each_created_the_file_merge(tmp_path: Path):
    one = json.loads(SHIPPED.read_text(encoding="utf-8"))
    two = json.loads(SHIPPED.read_text(encoding="utf-8"))
    one["commitments"] = {"localities-forum": one["commitments"]["localities-forum"]}
    two["commitments"] = {"2plus2-dialogue": two["commitments"]["2plus2-dialogue"]}
    result, ours = merge_files(tmp_path, "", dump(one), dump(two))
    assert result.exit_code == 0, result.stderr
    assert set(Store(ours).load().ids()) == {"localities-forum", "2plus2-dialogue"}


def test_a_resolved_conflict_does_not_come_back():
    table = shipped_table()
    forum = table["localities-forum"]
    conflict = {"field": "title", "base": forum["title"], "ours": "A", "theirs": "B"}
    conflicted = {**table, "localities-forum": {**forum, "conflicts": [conflict]}}
    resolved = {**table, "localities-forum": {**forum, "title": "A"}}
    for ours, theirs in ((conflicted, resolved), (resolved, conflicted)):
        merged, ids = merge_tables(conflicted, ours, theirs)
        assert ids == [] and "conflicts" not in merged["localities-forum"]
        assert merged["localities-forum"]["title"] == "A"


GIT_ENV = {
    "GIT_AUTHOR_NAME": "A",
    "GIT_AUTHOR_EMAIL": "a@example.org",
    "GIT_COMMITTER_NAME": "A",
    "GIT_COMMITTER_EMAIL": "a@example.org",
    "GIT_CONFIG_NOSYSTEM": "1",
}


def git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **GIT_ENV, "HOME": str(folder.parent)}
    return subprocess.run(["git", *args], cwd=folder, env=env, capture_output=True, text=True)


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_a_refused_side_leaves_a_trace_in_list_conflicts(tmp_path: Path, monkeypatch):
    repo = tmp_path / "repo"
    repo.mkdir()
    git(repo, "init", "-q", "-b", "main")
    shutil.copy(SHIPPED, repo / "commitments.json")
    monkeypatch.setenv("TRACK_DB", str(repo / "commitments.json"))
    assert run("git-setup").exit_code == 0
    git(repo, "add", ".")
    git(repo, "commit", "-q", "-m", "start")
    git(repo, "checkout", "-q", "-b", "other")
    (repo / "commitments.json").write_text("{}", encoding="utf-8")
    git(repo, "commit", "-q", "-am", "emptied")
    git(repo, "checkout", "-q", "main")
    assert run("update", "local", "--note", "ours", "--on", "2026-01-01").exit_code == 0
    git(repo, "commit", "-q", "-am", "ours")
    assert git(repo, "merge", "-q", "other").returncode != 0
    listed = run("list", "--conflicts")
    assert listed.exit_code == 1
    assert "not merged" in listed.stderr and "commitments.json" in listed.stderr


# --- 7. CSV output while a merge conflict is unresolved ---------------------------------------


def with_conflict(db: Path) -> None:
    data = json.loads(db.read_text(encoding="utf-8"))
    record = data["commitments"]["localities-forum"]
    record["conflicts"] = [{"field": "title", "base": "x", "ours": "A", "theirs": "B"}]
    db.write_text(dump(data), encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [["list", "--format", "csv"], ["export", "-f", "csv"], ["list", "--conflicts", "-f", "csv"]],
)
def test_csv_output_with_an_unresolved_conflict(db: Path, args: list[str]):
    with_conflict(db)
    result = run(*args)
    assert result.exit_code == 0, result.stderr
    assert "title: ours A, theirs B" in result.stdout


def python_track(*args: str, env: dict | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
    )


# --- 8. a generated import id never lands on an existing record ------------------------------


@pytest.mark.parametrize("policy", ["update", "skip", "fail"])
def test_csv_row_without_id_is_a_new_commitment(db: Path, policy: str):
    Path("in.csv").write_text(
        "title,made_on\nLocalities forum,2026-01-05\nLocalities forum,2026-01-06\n",
        encoding="utf-8",
    )
    before = load(db)["localities-forum"]
    result = run("import", "in.csv", "--on-conflict", policy)
    assert result.exit_code == 0, result.stderr
    after = load(db)
    assert after["localities-forum"] == before
    new = [c for c in after.values() if c.title == "Localities forum"]
    assert len(new) == 2 and len({c.id for c in new}) == 2


# --- 9. clear messages instead of internal errors ---------------------------------------------


def test_lock_file_that_is_a_folder(db: Path):
    db.with_name(db.name + ".lock").mkdir()
    result = run("update", "local", "--note", "x")
    no_traceback(result)
    assert result.exit_code == 1 and ".lock" in result.stderr


def test_symlink_loop(tmp_path: Path, monkeypatch):
    (tmp_path / "a.json").symlink_to(tmp_path / "b.json")
    (tmp_path / "b.json").symlink_to(tmp_path / "a.json")
    monkeypatch.setenv("TRACK_DB", str(tmp_path / "a.json"))
    for args in (["list"], ["update", "x", "--note", "y"], ["doctor", "--fix"]):
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 1 and "loop" in result.stderr
    result = run("init", str(tmp_path / "a.json"))
    assert result.exit_code == 1 and (tmp_path / "a.json").is_symlink()


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_read_only_folder(db: Path):
    db.parent.chmod(0o555)
    try:
        result = run("update", "local", "--note", "x")
    finally:
        db.parent.chmod(0o755)
    no_traceback(result)
    assert result.exit_code == 1


@pytest.mark.parametrize("value", ["nan", "-1", "inf", "-inf", "soon", "1e999"])
def test_lock_timeout_must_be_a_finite_number_of_seconds(db: Path, monkeypatch, value: str):
    monkeypatch.setenv("TRACK_LOCK_TIMEOUT", value)
    result = run("list")
    no_traceback(result)
    assert result.exit_code == 2 and "TRACK_LOCK_TIMEOUT" in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["list", "--due-within", "99999999999y"],
        ["list", "--due-within", "99999999999d"],
        ["export", "-f", "ics", "--due-within", "999999w"],
        ["check", "--within", "99999999999m"],
    ],
)
def test_huge_windows_are_refused(db: Path, args: list[str]):
    result = run(*args)
    no_traceback(result)
    assert result.exit_code == 2


def test_huge_due_phrase_is_refused(db: Path):
    before = db.read_bytes()
    result = run("add", "Far", "--due", "within 999999999 years", "--made-on", "2025-05-01")
    no_traceback(result)
    assert result.exit_code == 2 and db.read_bytes() == before


def test_csv_cell_over_the_field_limit(db: Path):
    Path("big.csv").write_text(f"title,made_on\n{'x' * 140_000},2026-01-01\n", encoding="utf-8")
    result = run("import", "big.csv")
    no_traceback(result)
    assert result.exit_code == 1 and "row 2" in result.stderr


@pytest.mark.parametrize(
    "payload",
    ["[" + "1" * 5000 + "]", "[" * 100_000 + "]" * 100_000, '[{"id": NaN}]', "duplicate"],
    ids=["huge-int", "deep", "nan", "duplicate"],
)
def test_hostile_json_imports(db: Path, payload: str):
    if payload == "duplicate":  # a valid record but for a second 'title': which one is meant?
        record = json.dumps({**shipped_table()["2plus2-dialogue"], "id": "twice"})
        payload = "[" + record.replace('"title":', '"title": "Hidden", "title":', 1) + "]"
    Path("in.json").write_text(payload, encoding="utf-8")
    before = db.read_bytes()
    result = run("import", "in.json")
    no_traceback(result)
    assert result.exit_code == 1 and "in.json" in result.stderr
    assert db.read_bytes() == before


@pytest.mark.parametrize("schema", ["[]", '"2"', "null", '{"version": []}'])
def test_odd_schema_values_are_refused(db: Path, schema: str):
    original = db.read_text(encoding="utf-8")
    stored = f'"schema": {{\n      "version": {SCHEMA_VERSION}\n    }}'
    assert stored in original
    text = original.replace(stored, f'"schema": {schema}', 1)
    db.write_text(text, encoding="utf-8")
    for args in (["list"], ["doctor"], ["doctor", "--fix"]):
        result = run(*args)
        no_traceback(result)
        assert result.exit_code == 1
    assert db.read_text(encoding="utf-8") == text


# --- 10. the year range holds for imports; one far date never breaks a calendar --------------


def test_import_refuses_dates_outside_the_year_range(db: Path):
    Path("far.csv").write_text(
        "title,made_on,due_phrase\nFar,2025-01-01,within 7974 years\n", encoding="utf-8"
    )
    result = run("import", "far.csv")
    assert result.exit_code == 1 and "out of range" in result.stderr
    record = json.loads(db.read_text(encoding="utf-8"))["commitments"]["2plus2-dialogue"]
    record = {**record, "id": "far-one", "due": "9999-12-31"}
    Path("far.json").write_text(json.dumps([record]), encoding="utf-8")
    result = run("import", "far.json")
    assert result.exit_code == 1 and "9999" in result.stderr
    assert "far-one" not in load(db)


def test_ics_export_survives_a_record_due_in_9999(db: Path):
    data = json.loads(db.read_text(encoding="utf-8"))
    data["commitments"]["2plus2-dialogue"]["due"] = "9999-12-31"
    db.write_text(dump(data), encoding="utf-8")
    result = run("export", "-f", "ics")
    assert result.exit_code == 0, result.stderr
    dated = sum(1 for r in data["commitments"].values() if r["due"])
    assert result.stdout.count("BEGIN:VEVENT") == dated
    assert "DTSTART;VALUE=DATE:99991231" in result.stdout


# --- 11. only a real old version is migrated, and a failed migration leaves no half backup ---


@pytest.mark.parametrize(
    "text", ['{"_meta": {"schema": {"version": true}}, "commitments": {}}', "{}"]
)
def test_odd_versions_are_refused_not_migrated(db: Path, text: str):
    db.write_text(text, encoding="utf-8")
    result = run("list")
    no_traceback(result)
    assert result.exit_code == 1 and "not a track database" in result.stderr
    assert db.read_text(encoding="utf-8") == text
    assert not list(db.parent.glob("*.bak"))


FULL_DISK = """
import resource, signal, sys
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
from tracker.cli import main
sys.argv = ["track", "--db", sys.argv[1], "list"]
main()
"""


def test_migration_on_a_full_disk_leaves_no_truncated_backup(db: Path):
    old = legacy_text(db)
    db.write_text(old, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(db), str(len(old) // 2)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr, done.stderr
    assert db.read_text(encoding="utf-8") == old
    for backup in db.parent.glob("*.bak"):
        assert backup.read_text(encoding="utf-8") == old
    assert not list(db.parent.glob(".*.tmp"))


# --- 12. doctor does not call a live writer's temporary file a leftover ---------------------

HOLDER = """
import sys, time
from pathlib import Path
from tracker.store import Store
with Store(Path(sys.argv[1])).lock():
    temp = Path(sys.argv[1]).with_name("." + Path(sys.argv[1]).name + ".abc123.tmp")
    temp.write_text("being written")
    print("holding", flush=True)
    sys.stdin.readline()
    temp.unlink()
"""


def test_doctor_does_not_report_a_live_writers_temporary_file(db: Path):
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(db)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "holding"
        result = run("doctor")
    finally:
        holder.communicate("done\n", timeout=30)
    assert "interrupted write" not in result.stdout
    assert result.exit_code == 0


# --- 13. markdown links, invisible direction marks, spaced formulas ---------------------------

MARKDOWN_PAYLOADS = ["[x](javascript:alert(1))", "![](http://evil.example/p.png)", "<img src=x>"]


@pytest.mark.parametrize("payload", MARKDOWN_PAYLOADS)
def test_markdown_output_has_no_live_links_or_images(db: Path, payload: str):
    assert run("update", "local", "--note", "x", "--on", "2026-01-01").exit_code == 0
    data = json.loads(db.read_text(encoding="utf-8"))
    data["commitments"]["localities-forum"]["title"] = f"Forum {payload}"
    data["commitments"]["localities-forum"]["pillar"] = payload
    db.write_text(dump(data), encoding="utf-8")
    for args in (["export", "-f", "markdown"], ["report", "-f", "markdown"]):
        out = run(*args, "--as-of", "2026-11-23").stdout
        assert "](" not in out and "<img" not in out


INVISIBLE = ["\u2028", "\u2029", "\u200e", "\u200f", "\u061c", "\u202e", "\u2066"]


@pytest.mark.parametrize("mark", INVISIBLE, ids=[f"U+{ord(m):04X}" for m in INVISIBLE])
def test_invisible_marks_never_reach_the_terminal(db: Path, mark: str):
    title = f"Forum{mark}evil"
    result = run("add", title, "--made-on", "2025-05-01", "--id", "marked")
    assert result.exit_code == 0, result.stderr
    for args in (
        ["list"],
        ["show", "marked"],
        ["list", "-f", "json"],
        ["log"],
        ["export", "-f", "csv"],
    ):
        out = run(*args).stdout
        assert mark not in out, args
    assert load(db)["marked"].title == title  # stored as typed


@pytest.mark.parametrize("cell", ["   =1+1", "\t=1+1", " \u00a0+cmd", "  @SUM(A1)", "\n-2+3"])
def test_csv_cells_with_leading_blanks_then_a_formula_are_neutralised(db: Path, cell: str):
    import csv
    import io

    data = json.loads(db.read_text(encoding="utf-8"))
    data["commitments"]["localities-forum"]["title"] = cell
    db.write_text(dump(data), encoding="utf-8")
    out = run("export", "-f", "csv").stdout
    row = next(r for r in csv.DictReader(io.StringIO(out)) if r["id"] == "localities-forum")
    assert row["title"].startswith("'")


# --- hostile command-line values: a clear message and the right exit code, file untouched ----

HOSTILE_CLI = [
    (["list", "--limit", "9" * 30], 0, ""),
    (["list", "--as-of", "9999-12-31"], 2, "out of range"),
    (["list", "--as-of", "0001-01-01"], 2, "out of range"),
    (["--db", "/dev/null", "list"], 1, "not valid JSON"),
    (["--db", "/", "list"], 1, "is a folder"),
    (["--db", "/", "doctor", "--fix"], 1, "is a folder"),
    (["--db", "/", "update", "x", "--note", "y"], 1, "is a folder"),
    (["show", "a" * 100_000], 1, "no commitment"),
    (["list", "--search", ".*[(\\"], 0, ""),
    (["list", "--search", "\x00"], 0, ""),
    (["list", "--format", "json\x1b[2J"], 2, "\\x1b[2J"),
    (["list", "--due-within", "1" * 400 + "d"], 2, "longer than 300 years"),
    (["list", "--sort", ""], 2, "cannot sort by ''"),
    (["update", "local", "--note", "x", "--on", "0001-01-01"], 2, "out of range"),
    (["add", "T", "--id", "a" * 65], 2, "not a slug"),
    (["report", "--output", "/nonexistent/dir/r.json"], 1, "cannot write"),
    (["report", "--output", "r.exe"], 2, "use a .svg"),
    (["report", "--as-of", "2201-01-01"], 2, "out of range"),
    (["import", "/dev/null"], 1, "not valid JSON"),
    (["import", "nonexistent.csv"], 1, "does not exist"),
    (["import", "x.txt", "--format", "xml"], 2, "--format 'xml'"),
    (["import", "/"], 1, "is a folder"),
    (["check", "--within", "1e9d"], 2, "cannot read the window"),
    (["check", "--within", "9999999999y"], 2, "longer than 300 years"),
    (["log", "--limit", "-5"], 2, "--limit must be 0 or more"),
    (["log", "--since", "2999-01-01"], 2, "out of range"),
    (["resolve", "local", "--take", ""], 2, "--take needs"),
    (["resolve", "local", "--take", "ours", "--field", "\x1b[2J"], 2, "\\x1b[2J"),
    (["deadline", "x" * 100_000], 2, "cannot read the deadline"),
    (["merge-driver", "/nonexistent", "a", "b"], 1, "base is refused"),
    (["init", "/"], 1, "already exists"),
    (["init", "/nonexistent/x.json"], 1, "does not exist"),
    (["export", "-f", "json", "--output", "."], 2, "is a folder"),
    (["export", "-f", "json", "--output", "commitments.json"], 2, "--force"),
]


@pytest.mark.parametrize(("args", "code", "message"), HOSTILE_CLI, ids=lambda v: repr(v)[:30])
def test_hostile_command_line_values(
    db: Path, monkeypatch, args: list[str], code: int, message: str
):
    monkeypatch.chdir(db.parent.parent)
    Path("commitments.json").write_text("someone else's file", encoding="utf-8")
    before = db.read_bytes()
    result = run(*args)
    no_traceback(result)
    assert result.exit_code == code, result.stderr
    assert ESC not in result.stderr and message in result.stderr
    if code:
        assert db.read_bytes() == before
    assert Path("commitments.json").read_text(encoding="utf-8") == "someone else's file"


# --- injection payloads through every output format -----------------------------------------

PAYLOADS = [
    "\x1b[31mred\x1b[0m",
    "\x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\",
    "\x9b2J clear",
    "\x07bell\bback\rreturn",
    "\x00nul",
    "[bold red]markup[/]",
    "[link=http://evil.example]x[/link]",
    "\u202eevil override",
    "\u2066isolate\u2069",
    "line\u2028separator",
    "para\u2029separator",
    "\u200fRLM \u200eLRM \u061cALM",
    "=cmd|'/C calc'!A0",
    "+1+1",
    "-2+3",
    "@SUM(A1)",
    "   =1+1",
    "\t=1",
    "<script>alert(1)</script>",
    "</svg><script>alert(2)</script>",
    "[x](javascript:alert(1))",
    "![](http://evil.example/p.png)",
    "line1\r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT",
    '"quoted", with, commas',
    "{{7*7}} %s %n ${HOME}",
]
RAW_UNSAFE = ["\x1b", "\x9b", "\x07", "\x08", "\x00", "\u202e", "\u2066", "\u2028", "\u2029"]
RAW_UNSAFE += ["\u200f", "\u200e", "\u061c"]
FORMATS = [
    ["list"],
    ["list", "-f", "json"],
    ["list", "-f", "csv"],
    ["show", "inject-00"],
    ["show", "inject-00", "-f", "json"],
    ["log", "--limit", "0"],
    ["log", "-f", "json", "--limit", "0"],
    ["report"],
    ["report", "-f", "markdown"],
    ["report", "-f", "json"],
    ["check"],
    ["export", "-f", "ics"],
    ["export", "-f", "csv"],
    ["export", "-f", "json"],
    ["export", "-f", "markdown"],
    ["export", "-f", "taskwarrior"],
]


@pytest.fixture
def injected(db: Path) -> Path:
    """Every payload in every text field of one commitment each."""
    data = json.loads(db.read_text(encoding="utf-8"))
    template = data["commitments"]["localities-forum"]
    for n, payload in enumerate(PAYLOADS):
        cid = f"inject-{n:02d}"
        record = json.loads(json.dumps(template))
        record.update(id=cid, title=f"T {payload}", description=payload, pillar=payload)
        record.update(parties=[payload], tags=[payload], due_phrase=payload)
        record["sources"] = [{"document": payload, "quote": payload, "published": "2025-04-28"}]
        event = {"on": "2025-06-01", "status": "in-progress", "note": payload, "recorded": "x"}
        event["evidence"] = [{"document": "", "url": payload, "quote": payload, "published": None}]
        record["history"].append(event)
        record["status"] = "in-progress"
        data["commitments"][cid] = record
    db.write_text(dump(data), encoding="utf-8")
    return db


@pytest.mark.parametrize("args", FORMATS, ids=lambda a: " ".join(a))
def test_injection_payloads_through_every_output(injected: Path, args: list[str]):
    dated = [] if args[0] == "log" else ["--as-of", "2026-11-23"]
    result = run(*args, *dated)
    no_traceback(result)
    assert result.exit_code == (1 if args == ["check"] else 0), result.stderr
    out = result.stdout
    assert out.strip()
    for raw in RAW_UNSAFE:
        assert raw not in out + result.stderr, (raw, args)
    assert "\r" not in out.replace("\r\n", "")
    if "json" in args or "taskwarrior" in args:
        parsed = json.loads(out)
        if "list" in args or ("export" in args and "json" in args):
            titles = {row["id"]: row["title"] for row in parsed if row["id"].startswith("inject")}
            assert titles == {f"inject-{n:02d}": f"T {p}" for n, p in enumerate(PAYLOADS)}
    if "markdown" in args:
        assert "](" not in out and "<script" not in out
    if "ics" in args:
        events = out.splitlines().count("BEGIN:VEVENT")
        assert events == sum(1 for c in load(injected).values() if c.due)
        assert "SUMMARY:injected" not in out.splitlines()
    if "csv" in args:
        import csv
        import io

        for row in csv.reader(io.StringIO(out)):
            for cell in row:
                if cell.lstrip()[:1] in ("=", "+", "-", "@") or cell[:1] == "\t":
                    pytest.fail(f"formula not neutralised: {cell!r}")


@pytest.mark.parametrize("suffix", [".svg", ".html"])
def test_injection_payloads_in_saved_reports(injected: Path, suffix: str):
    assert run("report", "--output", f"r{suffix}", "--as-of", "2026-11-23").exit_code == 0
    saved = Path(f"r{suffix}").read_text(encoding="utf-8")
    assert "<script" not in saved and "javascript:" not in saved.replace("javascript:alert", "")
    for raw in RAW_UNSAFE:
        assert raw not in saved


def test_payloads_are_stored_exactly(injected: Path):
    stored = load(injected)
    for n, payload in enumerate(PAYLOADS):
        commitment = stored[f"inject-{n:02d}"]
        assert commitment.title == f"T {payload}" and commitment.history[-1].note == payload


# --- 14. hostile sizes: import without ids grows linearly ----------------------------------


def import_csv(rows: int, same_title: bool) -> str:
    title = "Localities forum" if same_title else "Pledge number {n} on topic {m}"
    lines = ["title,made_on,due_phrase"]
    lines += [f"{title.format(n=n, m=n % 97)},2025-04-28,by the end of 2026" for n in range(rows)]
    return "\n".join(lines) + "\n"


def import_seconds(text: str) -> float:
    """CPU seconds to parse, plan and apply a CSV without ids (CPU time: other processes on a
    shared machine do not count)."""
    import time
    from datetime import UTC, datetime

    from tracker import importer
    from tracker.store import Database

    database = Database({c.id: c for c in Store(SHIPPED).load()})
    start = time.process_time()
    items = importer.parse(text, "csv", "rows.csv", datetime(2026, 1, 1, tzinfo=UTC))
    importer.apply(database, importer.plan(database, items, "update", "rows.csv"))
    spent = time.process_time() - start
    assert len(database) == 34 + text.count("\n") - 1
    return spent


@pytest.mark.parametrize("same_title", [False, True], ids=["distinct-titles", "one-title"])
def test_import_without_ids_grows_linearly(same_title: bool):
    small_text, large_text = import_csv(400, same_title), import_csv(4000, same_title)
    small = large = float("inf")
    for _ in range(3):  # taking turns, best of each
        small = min(small, import_seconds(small_text), import_seconds(small_text))
        large = min(large, import_seconds(large_text))
    ratio = large / small
    print(f"import without ids, 400 -> 4000 rows: {small:.3f}s -> {large:.3f}s, x{ratio:.1f}")
    assert ratio <= 15, f"10x the rows took {ratio:.1f}x the time"


def test_new_files_get_the_usual_mode_and_backups_the_databases(db: Path):
    mask = os.umask(0o022)
    try:
        assert run("export", "-f", "json", "--output", "out.json").exit_code == 0
    finally:
        os.umask(mask)
    assert Path("out.json").stat().st_mode & 0o777 == 0o644
    db.write_text(legacy_text(db), encoding="utf-8")
    db.chmod(0o600)
    assert run("list").exit_code == 0
    assert db.with_name(db.name + ".v1.bak").stat().st_mode & 0o777 == 0o600


@pytest.mark.parametrize("errno_name", ["EROFS", "EACCES", "ENOSPC"])
def test_a_folder_that_cannot_be_written(db: Path, monkeypatch, errno_name: str):
    """A read-only file system (or folder, or a full disk) as the lock and the temporary file
    see it: root here can write anywhere, so the refusal is simulated at the system call."""
    import errno
    import tempfile

    code = getattr(errno, errno_name)
    real_open = os.open

    def refusing_open(path, flags, *args, **kwargs):
        if str(path).endswith(".lock") and flags & os.O_CREAT:
            raise OSError(code, os.strerror(code), str(path))
        return real_open(path, flags, *args, **kwargs)

    def refusing_temp(*args, **kwargs):
        raise OSError(code, os.strerror(code))

    before = db.read_bytes()
    monkeypatch.setattr(os, "open", refusing_open)
    locked = run("update", "local", "--note", "x")
    monkeypatch.setattr(os, "open", real_open)
    monkeypatch.setattr(tempfile, "NamedTemporaryFile", refusing_temp)
    written = run("update", "local", "--note", "x")
    for result in (locked, written):
        no_traceback(result)
        assert result.exit_code == 1
        assert os.strerror(code) in result.stderr or "no permission" in result.stderr
    assert db.read_bytes() == before


@pytest.mark.skipif(shutil.which("git") is None, reason="git is not installed")
def test_two_clones_that_each_created_the_file_merge_through_git(tmp_path: Path, monkeypatch):
    repo, other = tmp_path / "repo", tmp_path / "other"
    for folder, cid in ((repo, "localities-forum"), (other, "2plus2-dialogue")):
        folder.mkdir()
        git(folder, "init", "-q", "-b", "main")
        data = json.loads(SHIPPED.read_text(encoding="utf-8"))
        data["commitments"] = {cid: data["commitments"][cid]}
        (folder / "commitments.json").write_text(dump(data), encoding="utf-8")
        monkeypatch.setenv("TRACK_DB", str(folder / "commitments.json"))
        assert run("git-setup").exit_code == 0
        git(folder, "add", ".")
        git(folder, "commit", "-q", "-m", "created")
    git(repo, "fetch", "-q", str(other), "main")
    merged = git(repo, "merge", "-q", "--allow-unrelated-histories", "FETCH_HEAD")
    assert merged.returncode == 0, merged.stdout + merged.stderr
    assert set(Store(repo / "commitments.json").load().ids()) == {
        "localities-forum",
        "2plus2-dialogue",
    }


# --- hostile imports: all or nothing, a message per row, never a traceback ------------------

HOSTILE_CSV = [
    ("no-header", "", 1, "the header needs"),
    ("no-title-column", "name,made_on\nx,2025-01-01\n", 1, "the header needs"),
    ("extra-cells", "title,made_on\nx,2025-01-01,extra\n", 1, "more cells than the header"),
    ("unclosed-quote", 'title,made_on\n"never closed,2025-01-01\n', 1, "row 2"),
    ("bad-date", "title,made_on\nx,2025-02-30\n", 1, "not a date"),
    ("bad-status", "title,made_on,status\nx,2025-01-01,done\n", 1, "unknown status"),
    ("bad-id", "id,title,made_on\n../etc,x,2025-01-01\n", 1, "not a slug"),
    ("same-id-twice", "id,title,made_on\nsame,x,2025-01-01\nsame,y,2025-01-01\n", 1, "twice"),
    ("year-2999", "title,made_on\nx,2999-01-01\n", 1, "out of range"),
    ("year-1899", "title,made_on\nx,1899-12-31\n", 1, "out of range"),
    ("far-phrase", "title,made_on,due_phrase\nx,2025-01-01,within 7974 years\n", 1, "out of range"),
    ("huge-phrase", "title,made_on,due_phrase\nx,2025-01-01,within 999999999 years\n", 1, "row 2"),
    ("due-before-made", "title,made_on,due_phrase\nx,2025-06-01,by 2024\n", 1, "before made_on"),
    (
        "bad-published",
        "title,made_on,document,quote,published\nx,2025-01-01,d,q,soon\n",
        1,
        "not a date",
    ),
    ("one-bad-row-of-two", "title,made_on\nfine,2025-01-01\nbad,2025-13-01\n", 1, "row 3"),
    ("bom-crlf", "\ufefftitle,made_on\r\nBom row,2025-01-01\r\n", 0, ""),
    ("nul", "title,made_on\nN\x00ul,2025-01-01\n", 0, ""),
    ("quoted-newline", 'title,made_on\n"two\nlines",2025-01-01\n', 0, ""),
    (
        "wide",
        ",".join(["title", "made_on", *(f"c{i}" for i in range(5000))]) + "\nw,2025-01-01\n",
        0,
        "",
    ),
    ("formula-title", 'title,made_on\n"=HYPERLINK(""http://evil"")",2025-01-01\n', 0, ""),
    ("escape-title", "title,made_on\n\x1b[2Jcleared \u202eevil,2025-01-01\n", 0, ""),
]


@pytest.mark.parametrize(
    ("name", "text", "code", "message"), HOSTILE_CSV, ids=lambda v: str(v)[:20]
)
def test_hostile_csv_imports(db: Path, name: str, text: str, code: int, message: str):
    Path("in.csv").write_text(text, encoding="utf-8")
    before = db.read_bytes()
    result = run("import", "in.csv")
    no_traceback(result)
    assert result.exit_code == code, result.stderr
    assert message in result.stderr and ESC not in result.stderr + result.stdout
    if code:
        assert db.read_bytes() == before
    else:
        assert len(load(db)) == 35
