"""CSV and JSON exchange that neither loses nor invents facts (issue 15, defects 1, 2 and 6)."""

from __future__ import annotations

import csv
import io
import json
import tempfile
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from helpers import load, run
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import export, importer, query
from tracker.model import PRECISIONS, STATUSES, Commitment, Event, Evidence, Source
from tracker.store import Store


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
        "Not A Slug,,2025-02-30,finished,by blue moon\n"
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
    record.update(id="forum-copy", due=None, due_precision=None, due_phrase="by blue moon")
    source = tmp_path / "in.json"
    source.write_text(json.dumps([record]), encoding="utf-8")
    result = run("import", str(source))
    assert result.exit_code == 1
    assert "record 1, field 'due_phrase'" in result.stderr and "'blue'" in result.stderr


# --- the round trip as a property ------------------------------------------------------------

WORDS = (
    st.text(
        alphabet=st.sampled_from("abcdeghiklmnopqrstuvxyàáảãạăắđêếôơưữỳ ÀĐÔ0123456789.()–-=+@'\"&"),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda s: s and s[0] != "'")  # a leading apostrophe is the export's escape
)
ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)  # JSON cells
DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2026, 6, 30))


@st.composite
def commitments(draw: st.DrawFn) -> Commitment:
    made_on = draw(DAYS)
    events = [Event(made_on, "pending", draw(ANY_TEXT), (), "2026-01-01T00:00:00Z")]
    for number in range(draw(st.integers(0, 3))):
        on = made_on + timedelta(days=draw(st.integers(0, 400)))
        link = Evidence(url=draw(ANY_TEXT)) if draw(st.booleans()) else None
        evidence = (link,) if link and link.url.strip() else ()
        status = draw(st.sampled_from(STATUSES))
        events.append(Event(on, status, draw(ANY_TEXT), evidence, f"2026-01-02T00:00:0{number}Z"))
    due = draw(st.none() | st.just(made_on + timedelta(days=draw(st.integers(0, 900)))))
    return Commitment(
        id=draw(st.from_regex(r"[a-z][a-z0-9-]{0,20}", fullmatch=True)),
        title=draw(WORDS),
        description=draw(st.just("") | WORDS),
        parties=tuple(
            dict.fromkeys(draw(st.lists(WORDS.filter(lambda s: "," not in s), max_size=3)))
        ),
        pillar=draw(st.just("") | WORDS.filter(lambda s: "," not in s)),
        made_on=made_on,
        due=due,
        due_phrase=draw(WORDS) if due else "",
        due_precision=draw(st.sampled_from(PRECISIONS)) if due else None,
        sources=tuple(
            Source(draw(ANY_TEXT) or "doc.txt", draw(ANY_TEXT) or "quote", draw(st.none() | DAYS))
            for _ in range(draw(st.integers(0, 2)))
        ),
        history=tuple(sorted(events, key=lambda e: e.sort_key)),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(commitments(), min_size=1, max_size=4, unique_by=lambda c: c.id))
def test_any_csv_export_imports_back_to_the_same_commitments(items: list[Commitment]):
    with tempfile.TemporaryDirectory() as folder:
        source, copy = Path(folder) / "a.json", Path(folder) / "b.json"
        for path in (source, copy):
            Store(path).create()
        with Store(source).edit() as database:
            for item in items:
                database.put(item)
        sheet = export.to_csv(query.select(Store(source).load(), date(2029, 1, 1)))
        parsed = importer.parse(sheet, "csv", "sheet.csv", datetime(2029, 1, 1, tzinfo=UTC))
        assert sorted(parsed, key=lambda c: c.id) == sorted(items, key=lambda c: c.id)
