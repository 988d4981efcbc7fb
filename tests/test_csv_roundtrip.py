"""CSV and JSON exchange that neither loses nor invents facts (issue 15, defects 1, 2 and 6)."""

from __future__ import annotations

import csv
import io
import json
from datetime import date
from pathlib import Path

from helpers import load, run


def export_csv(path: Path) -> Path:
    result = run("export", "--format", "csv", "--output", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def test_csv_export_then_update_import_on_the_same_database_is_unchanged(db: Path, tmp_path: Path):
    run(
        "update",
        "localities-forum",
        "-s",
        "fulfilled",
        "--on",
        "2025-11-20",
        "-e",
        "https://x.org/a",
    )
    before = db.read_bytes()
    sheet = export_csv(tmp_path / "all.csv")
    result = run("import", str(sheet), "--on-conflict", "update")
    assert result.exit_code == 0, result.stderr
    count = len(load(db))
    assert f"0 to add, 0 to update, 0 skipped, {count} unchanged" in result.stderr
    assert db.read_bytes() == before


def test_csv_import_into_a_fresh_database_keeps_dates_history_and_evidence(
    db: Path, tmp_path: Path
):
    run(
        "update", "localities-forum", "-s", "fulfilled", "--on", "2025-11-20",
        "--note", "Forum held", "-e", "https://x.org/a",
    )  # fmt: skip
    run("update", "social", "--due", "by mid-2026", "--ref", "2026-01-15", "--on", "2026-01-15")
    sheet = export_csv(tmp_path / "all.csv")
    fresh = tmp_path / "fresh.json"
    assert run("init", str(fresh)).exit_code == 0
    result = run("--db", str(fresh), "import", str(sheet))
    assert result.exit_code == 0, result.stderr
    assert load(fresh) == load(db)
    forum = load(fresh)["localities-forum"]
    assert forum.sources[0].published == date(2025, 4, 28)
    assert forum.history[-1].evidence[0].url == "https://x.org/a"
    # Before it was fulfilled, the forum was pending in every view of the imported copy too.
    view = run(
        "--db", str(fresh), "show", "localities-forum", "-f", "json", "--as-of", "2025-06-01"
    )
    assert view.json()["status"] == "pending"


def test_csv_row_changed_in_a_spreadsheet_updates_only_that_row(db: Path, tmp_path: Path):
    sheet = export_csv(tmp_path / "all.csv")
    rows = list(csv.DictReader(io.StringIO(sheet.read_text(encoding="utf-8"))))
    for row in rows:
        if row["id"] == "localities-forum":
            row["title"] = "Localities Forum (renamed)"
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    sheet.write_text(out.getvalue(), encoding="utf-8")
    result = run("import", str(sheet), "--on-conflict", "update")
    assert result.exit_code == 0, result.stderr
    assert "1 to update" in result.stderr
    assert [line for line in result.stdout.splitlines() if line.startswith("update")] == [
        "update localities-forum: title 'Organise the Vietnam–Japan Localities Forum in Vietnam' "
        "-> 'Localities Forum (renamed)'"
    ]
    forum = load(db)["localities-forum"]
    assert len(forum.history) == 1 and len(forum.sources) == 1


def test_csv_status_without_history_is_dated_when_known_not_at_made_on(db: Path, tmp_path: Path):
    sheet = tmp_path / "in.csv"
    sheet.write_text(
        "id,title,made_on,status,as_of\nmetro,Metro loan,2025-05-01,fulfilled,2026-02-01\n",
        encoding="utf-8",
    )
    assert run("import", str(sheet)).exit_code == 0
    metro = load(db)["metro"]
    assert [(e.on, e.status) for e in metro.history] == [
        (date(2025, 5, 1), "pending"),
        (date(2026, 2, 1), "fulfilled"),
    ]


def test_import_errors_one_per_line_with_every_bad_field(db: Path, tmp_path: Path):
    sheet = tmp_path / "in.csv"
    sheet.write_text(
        "id,title,made_on,status,due_phrase\n"
        "Not A Slug,,2025-02-30,finished,within a fortnight\n"
        "ok-row,Fine,2025-05-01,pending,\n",
        encoding="utf-8",
    )
    result = run("import", str(sheet))
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert "\\x0a" not in result.stderr
    assert lines[0].endswith("5 problem(s); nothing was imported:")
    fields = [line.split("field ")[1].split(":")[0] for line in lines[1:]]
    assert fields == ["'title'", "'made_on'", "'id'", "'status'", "'due_phrase'"]
    assert all(line.startswith("  row 2, field") for line in lines[1:])


def test_json_import_resolves_due_phrase_when_due_is_absent(db: Path, tmp_path: Path):
    record = run("show", "localities-forum", "-f", "json").json()
    record.update(id="forum-copy", due=None, due_precision=None)
    source = tmp_path / "in.json"
    source.write_text(json.dumps([record]), encoding="utf-8")
    assert run("import", str(source)).exit_code == 0
    copy = load(db)["forum-copy"]
    assert (copy.due, copy.due_precision) == (date(2025, 12, 31), "year")


def test_json_import_refuses_a_due_phrase_it_cannot_read(db: Path, tmp_path: Path):
    record = run("show", "localities-forum", "-f", "json").json()
    record.update(id="forum-copy", due=None, due_precision=None, due_phrase="within a fortnight")
    source = tmp_path / "in.json"
    source.write_text(json.dumps([record]), encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert "record 1, field 'due_phrase'" in result.stderr and "'fortnight'" in result.stderr
