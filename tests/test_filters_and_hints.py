"""Date filters on list, export and report; did-you-mean for statuses, pillars, parties, ids."""

from __future__ import annotations

import csv
import io
from datetime import date
from pathlib import Path

import pytest
from helpers import load, run

AS_OF = "2026-11-23"


def ids(*args: str) -> set[str]:
    result = run("list", "-f", "json", "--as-of", AS_OF, *args)
    assert result.exit_code == 0, result.stderr
    return {row["id"] for row in result.json()}


def test_due_before_and_after_are_inclusive_and_leave_out_open_ended(db: Path):
    items = load(db).values()
    expected = {c.id for c in items if c.due and date(2025, 12, 31) <= c.due <= date(2026, 12, 31)}
    assert expected and ids("--due-after", "2025-12-31", "--due-before", "2026-12-31") == expected
    assert ids("--due-before", "2025-12-30") == {c.id for c in items if c.due and c.due.year < 2025}


def test_made_since_and_changed_since(db: Path):
    items = load(db).values()
    assert ids("--made-since", "2026-01-01") == {
        c.id for c in items if c.made_on >= date(2026, 1, 1)
    }
    today = date.today().isoformat()
    before = ids("--changed-since", today)
    run("update", "esd", "--note", "talks resumed", "--on", "2025-06-01")
    assert ids("--changed-since", today) == before | {"esd-labour-mou"}
    tomorrow = date.fromordinal(date.today().toordinal() + 1).isoformat()
    assert ids("--changed-since", tomorrow) == set()


def test_date_filters_on_export_and_report(db: Path):
    exported = run("export", "-f", "csv", "--due-before", "2025-12-31", "--as-of", AS_OF)
    rows = list(csv.DictReader(io.StringIO(exported.stdout)))
    assert {r["id"] for r in rows} == ids("--due-before", "2025-12-31")
    report = run("report", "-f", "json", "--made-since", "2026-01-01", "--as-of", AS_OF)
    assert report.json()["total"] == len(ids("--made-since", "2026-01-01"))
    bad = run("list", "--due-before", "someday")
    assert bad.exit_code == 2 and "--due-before" in bad.stderr


@pytest.mark.parametrize("typed", ["Fulfilled", "FULFILLED", " fulfilled "])
def test_statuses_ignore_case(db: Path, typed: str):
    assert ids("--status", typed) == ids("--status", "fulfilled")
    assert run("update", "local", "--status", typed, "--on", "2025-11-20").exit_code == 0
    assert load(db)["localities-forum"].status == "fulfilled"


def test_an_unknown_status_suggests_the_closest(db: Path):
    result = run("list", "--status", "fullfilled")
    assert result.exit_code == 2
    assert "did you mean 'fulfilled'?" in result.stderr


@pytest.mark.parametrize(
    ("option", "typed", "closest"),
    [("--pillar", "economics", "economy"), ("--party", "Veitnam", "Vietnam")],
)
def test_a_filter_value_nothing_has_is_said_on_stderr(db: Path, option, typed, closest):
    result = run("list", option, typed)
    assert result.exit_code == 0
    assert f"no commitment has {option[2:]} {typed!r}; did you mean {closest}?" in result.stderr
    assert run("report", option, typed).stderr.count("did you mean") == 1
    quiet = run("list", option, closest)
    assert "no commitment has" not in quiet.stderr


def test_an_unknown_id_suggests_the_closest(db: Path):
    result = run("show", "localities-froum")
    assert result.exit_code == 1
    assert "did you mean localities-forum?" in result.stderr


def test_add_and_edit_say_when_a_new_party_or_pillar_looks_like_a_typo(db: Path):
    added = run("add", "Test pledge", "--made-on", "2025-05-01", "--pillar", "economics",
                "--party", "Veitnam", "--party", "Laos")  # fmt: skip
    assert added.exit_code == 0
    assert "pillar 'economics'; did you mean economy? (recorded as typed)" in added.stderr
    assert "party 'Veitnam'; did you mean Vietnam?" in added.stderr
    assert "Laos" not in added.stderr  # new, and like no known party: not a typo
    assert load(db)["test-pledge"].pillar == "economics"
    edited = run("edit", "test-pledge", "--pillar", "brand-new-area")
    assert edited.exit_code == 0 and "did you mean" not in edited.stderr
