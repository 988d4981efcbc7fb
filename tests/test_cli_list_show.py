"""`track list` and `track show` on a copy of the shipped database."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from helpers import run

OPEN_2025_PLEDGES = {
    "2plus2-dialogue",
    "localities-forum",
    "social-insurance-agreement",
    "esd-labour-mou",
    "expo-vietnam-day-delegation",
}


def ids(result) -> list[str]:
    return [row["id"] for row in result.json()]


def test_overdue_as_of_today_lists_the_open_2025_pledges(db: Path):
    result = run("list", "--overdue", "--as-of", "2026-11-23", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert set(ids(result)) == OPEN_2025_PLEDGES
    for row in result.json():
        assert row["overdue"] is True
        assert row["days_overdue"] == 327  # 2025-12-31 to 2026-11-23
        assert row["due"] == "2025-12-31"


def test_nothing_is_overdue_in_june_2025(db: Path):
    result = run("list", "--overdue", "--as-of", "2025-06-01", "--format", "json")
    assert result.exit_code == 0
    assert result.json() == []


def test_as_of_accepts_written_dates_and_the_environment(db: Path, monkeypatch):
    written = run("list", "--overdue", "--as-of", "23 November 2026", "--format", "json")
    monkeypatch.setenv("TRACK_AS_OF", "2026-11-23")
    from_env = run("list", "--overdue", "--format", "json")
    assert ids(written) == ids(from_env)
    assert set(ids(from_env)) == OPEN_2025_PLEDGES


def test_json_contract_has_the_documented_fields(db: Path):
    rows = run("list", "--as-of", "2026-11-23", "--format", "json").json()
    required = {
        "id", "title", "status", "due", "due_phrase", "due_precision", "starts", "overdue",
        "days_overdue", "parties", "pillar", "tags", "made_on", "sources",
    }  # fmt: skip
    assert rows and all(required <= set(row) for row in rows)


def test_open_ended_pledges_are_never_overdue(db: Path):
    rows = run("list", "--as-of", "2099-01-01", "--format", "json").json()
    open_ended = [r for r in rows if r["due"] is None]
    assert open_ended
    assert not any(r["overdue"] for r in open_ended)


def test_filters_combine(db: Path):
    result = run(
        "list", "--overdue", "--as-of", "2026-11-23", "--pillar", "labour", "--party", "japan",
        "--format", "json",
    )  # fmt: skip
    assert set(ids(result)) == {"social-insurance-agreement", "esd-labour-mou"}


def test_due_within_window(db: Path):
    result = run("list", "--due-within", "90d", "--as-of", "2026-11-23", "--format", "json")
    assert set(ids(result)) == {"st-joint-committee-5", "takaichi-visit-2026"}
    assert run("list", "--due-within", "3m", "--as-of", "2026-11-23", "-f", "json").json()
    assert run("list", "--due-within", "1w", "--as-of", "2026-11-23", "-f", "json").json() == []


def test_status_filter_repeatable(db: Path):
    rows = run("list", "-s", "fulfilled", "-s", "broken", "--format", "json").json()
    assert len(rows) == 4 and {r["status"] for r in rows} == {"fulfilled"}


def test_search_ignores_case_and_accents(db: Path):
    assert "emperor-state-visit" in ids(
        run("list", "--search", "viet nam at an EARLY date", "-f", "json")
    )
    assert ids(run("list", "--search", "to lam", "-f", "json"))  # matches Tô Lâm
    assert "takaichi-visit-2026" in ids(run("list", "--search", "chinh", "-f", "json"))


def test_tag_sort_and_limit(db: Path):
    rows = run("list", "--tag", "visit", "--sort", "id", "--limit", "2", "-f", "json").json()
    assert [r["id"] for r in rows] == ["emperor-state-visit", "takaichi-visit-2026"]


def test_csv_output_parses(db: Path):
    result = run("list", "--overdue", "--as-of", "2026-11-23", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert {r["id"] for r in rows} == OPEN_2025_PLEDGES
    assert rows[0]["parties"] == "Vietnam; Japan"


def test_table_shows_precision_and_days_late(db: Path):
    result = run("list", "--overdue", "--as-of", "2026-11-23")
    assert result.exit_code == 0
    assert "2025-12-31 (year)" in result.stdout
    assert "327d" in result.stdout
    assert "localities-forum" in result.stdout
    assert "\x1b[" not in result.stdout  # not a terminal: no colour codes


def test_empty_result_says_so_on_stderr(db: Path):
    result = run("list", "--overdue", "--as-of", "2025-06-01")
    assert result.exit_code == 0
    assert result.stdout == ""
    assert "No commitments match" in result.stderr


def test_show_by_unique_prefix(db: Path):
    result = run("show", "local", "--as-of", "2026-11-23", "--format", "json")
    data = result.json()
    assert data["id"] == "localities-forum"
    assert data["description"] is not None
    assert data["history"][0]["status"] == "pending"
    assert data["sources"][0]["quote"].startswith("Both sides will work together")


def test_show_table_has_quotes_and_history(db: Path):
    result = run("show", "2plus2-dialogue", "--as-of", "2026-11-23")
    assert result.exit_code == 0
    assert "inaugural session set for 2025" in result.stdout.replace("\n", " ").replace("│", "")
    assert "327 days overdue" in result.stdout
    assert "History" in result.stdout


def test_ambiguous_prefix_lists_matches(db: Path):
    result = run("show", "s")
    assert result.exit_code == 1
    assert "matches several commitments" in result.stderr
    assert "social-insurance-agreement" in result.stderr


def test_unknown_id_suggests(db: Path):
    result = run("show", "localities-forumm")
    assert result.exit_code == 1
    assert "did you mean localities-forum" in result.stderr
    assert "Traceback" not in result.stderr


def test_show_before_the_pledge_existed(db: Path):
    result = run("show", "takaichi", "--as-of", "2025-06-01")
    assert result.exit_code == 2
    assert "after 2025-06-01" in result.stderr


def test_views_as_of_leave_out_later_pledges(db: Path):
    rows = run("list", "--as-of", "2025-06-01", "-f", "json").json()
    assert "takaichi-visit-2026" not in {r["id"] for r in rows}
    assert "localities-forum" in {r["id"] for r in rows}


def test_bad_usage_exits_2(db: Path):
    for args in (
        ["list", "--status", "done"],
        ["list", "--as-of", "2025-02-30"],
        ["list", "--due-within", "soon"],
        ["list", "--format", "xml"],
        ["list", "--sort", "colour"],
        ["list", "--no-such-option"],
    ):
        result = run(*args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.stderr


def test_missing_database_explains_how_to_point_at_one(tmp_path: Path):
    result = run("list")
    assert result.exit_code == 1
    assert "does not exist" in result.stderr and "track init" in result.stderr


def test_database_found_in_a_parent_folder(db: Path, monkeypatch):
    monkeypatch.delenv("TRACK_DB")
    child = db.parent / "a" / "b"
    child.mkdir(parents=True)
    monkeypatch.chdir(child)
    assert run("list", "--overdue", "--as-of", "2026-11-23", "-f", "json").json()


def test_no_database_anywhere(tmp_path: Path, monkeypatch):
    monkeypatch.delenv("TRACK_DB")
    result = run("list")
    assert result.exit_code == 1
    assert "--db PATH" in result.stderr and "TRACK_DB" in result.stderr
