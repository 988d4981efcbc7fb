"""`track report`, `check` and `log`, and time travel with --as-of."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from helpers import run

OVERDUE_2025 = {
    "2plus2-dialogue",
    "localities-forum",
    "social-insurance-agreement",
    "esd-labour-mou",
    "expo-vietnam-day-delegation",
}


def report(*args: str) -> dict:
    result = run("report", "--format", "json", *args)
    assert result.exit_code == 0, result.stderr
    return result.json()


def test_report_today_shows_2025_pledges_overdue_2026_due_soon_and_open_ended_apart(db: Path):
    data = report("--as-of", "2026-11-23")
    assert data["total"] == 34
    assert (data["open"], data["closed"], data["fulfilled"]) == (30, 4, 4)
    assert data["overdue"] == 5
    assert {row["id"] for row in data["overdue_list"]} == OVERDUE_2025
    assert {row["id"] for row in data["upcoming"][:2]} == {
        "st-joint-committee-5",
        "takaichi-visit-2026",
    }
    assert data["due_soon"] == 2
    assert [row["id"] for row in data["upcoming"]][2:] == [
        "apec-2027-support",
        "training-employment-system-2027",
    ]
    open_ended = {row["id"] for row in data["open_ended"]}
    assert {"emperor-state-visit", "azec-green-projects"} <= open_ended
    assert not open_ended & OVERDUE_2025
    assert data["by_status"]["pending"] == 30
    assert data["by_pillar"]["labour"] == {"total": 3, "open": 3, "overdue": 2, "fulfilled": 0}
    quarters = {q["quarter"]: {c["id"] for c in q["commitments"]} for q in data["timeline"]}
    assert quarters["2025 Q4"] == OVERDUE_2025
    assert quarters["2026 Q4"] == {"st-joint-committee-5", "takaichi-visit-2026"}


def test_report_in_june_2025_shows_nothing_overdue(db: Path):
    data = report("--as-of", "2025-06-01")
    assert data["overdue"] == 0 and data["overdue_list"] == []
    assert data["total"] == 32  # the two pledges of January 2026 did not exist yet
    assert data["due_soon"] == 0


def test_delivery_score_follows_the_g7_formula(db: Path):
    assert report("--as-of", "2026-11-23")["score"] == 1.0
    run("update", "localities-forum", "--status", "broken", "--on", "2026-02-01")
    run("update", "2plus2", "--status", "partial", "--on", "2026-02-01")
    run("update", "esd-labour", "--status", "dropped", "--on", "2026-02-01")  # not judged
    data = report("--as-of", "2026-11-23")
    assert data["judged"] == 6
    assert data["score"] == pytest.approx((4 * 1 + 0 - 1) / 6, abs=1e-4)
    assert data["score_percent"] == pytest.approx(((3 / 6) + 1) / 2 * 100, abs=0.1)


def test_time_travel_before_and_after_fulfilment(db: Path):
    assert (
        run("update", "localities-forum", "--status", "fulfilled", "--on", "2026-03-10").exit_code
        == 0
    )
    before = report("--as-of", "2026-03-09")
    after = report("--as-of", "2026-03-11")
    assert "localities-forum" in {row["id"] for row in before["overdue_list"]}
    assert "localities-forum" not in {row["id"] for row in after["overdue_list"]}
    assert after["fulfilled"] == before["fulfilled"] + 1
    day_before = run("show", "localities-forum", "--as-of", "2026-03-09", "-f", "json").json()
    assert (day_before["status"], day_before["overdue"]) == ("pending", True)
    assert all(event["on"] <= "2026-03-09" for event in day_before["history"])
    day_after = run("show", "localities-forum", "--as-of", "2026-03-11", "-f", "json").json()
    assert (day_after["status"], day_after["overdue"]) == ("fulfilled", False)
    listed = run("list", "--overdue", "--as-of", "2026-01-01", "-f", "json").json()
    assert "localities-forum" in {row["id"] for row in listed}


def test_report_filters_by_party_and_pillar(db: Path):
    data = report("--as-of", "2026-11-23", "--pillar", "labour")
    assert data["total"] == 3 and data["overdue"] == 2
    data = report("--as-of", "2026-11-23", "--party", "Vietnam", "--pillar", "multilateral")
    assert {row["id"] for row in data["overdue_list"]} == {"expo-vietnam-day-delegation"}


def test_table_report_fits_80_columns_without_colour_when_piped(db: Path, monkeypatch):
    monkeypatch.setenv("COLUMNS", "80")
    result = run("report", "--as-of", "2026-11-23")
    assert result.exit_code == 0
    assert "\x1b[" not in result.stdout
    assert max(len(line) for line in result.stdout.splitlines()) <= 80
    for words in (
        "Overdue 5",
        "Due in 90 days 2",
        "◀ as of 2026-11-23",
        "Open-ended",
        "+1.00 (100%)",
    ):
        assert words in result.stdout


def test_no_color_is_honoured_even_on_a_terminal(db: Path, monkeypatch):
    from tracker.render import console

    monkeypatch.setenv("NO_COLOR", "1")
    assert console().no_color


def test_markdown_report(db: Path):
    result = run("report", "--as-of", "2026-11-23", "--format", "markdown")
    assert result.stdout.startswith("# Commitments — as of 2026-11-23")
    assert "| 34 | 30 | 4 | 5 | 2 | 4 |" in result.stdout
    assert "| localities-forum | 2025-12-31 (year) | pending | 327 |" in result.stdout


def test_report_saved_as_svg_html_markdown_json(db: Path, tmp_path: Path):
    for name in ("r.svg", "r.html", "r.md", "r.json"):
        result = run("report", "--as-of", "2026-11-23", "--output", str(tmp_path / name))
        assert result.exit_code == 0, result.stderr
    ET.parse(tmp_path / "r.svg")  # well-formed SVG
    assert "localities-forum" in (tmp_path / "r.html").read_text(encoding="utf-8")
    assert json.loads((tmp_path / "r.json").read_text())["overdue"] == 5
    bad = run("report", "--output", str(tmp_path / "r.pdf"))
    assert bad.exit_code == 2 and ".svg, .html, .md or .json" in bad.stderr


def test_check_exit_codes(db: Path):
    alarm = run("check", "--as-of", "2026-11-23")
    assert alarm.exit_code == 1
    assert alarm.stdout.strip() == "track: ALERT: 5 overdue (as of 2026-11-23)"
    calm = run("check", "--as-of", "2025-06-01")
    assert calm.exit_code == 0 and "OK: 0 overdue" in calm.stdout
    soon = run("check", "--as-of", "2025-06-01", "--within", "1y")
    assert soon.exit_code == 1 and "5 due within 1 year" in soon.stdout
    quiet = run("check", "--as-of", "2025-06-01", "--within", "30d")
    assert quiet.exit_code == 0


def test_log_newest_first_with_evidence(db: Path):
    run(
        "update",
        "localities-forum",
        "--note",
        "Venue chosen",
        "--on",
        "2025-10-01",
        "-e",
        "http://x.example",
    )
    run("update", "2plus2", "--status", "in-progress", "--on", "2025-11-15")
    entries = run("log", "--format", "json", "--limit", "2").json()
    # Newest recorded first: both back-dated updates were entered after everything shipped.
    assert {(e["id"], e["on"]) for e in entries} == {
        ("2plus2-dialogue", "2025-11-15"),
        ("localities-forum", "2025-10-01"),
    }
    since = run("log", "--since", "2025-09-01", "--limit", "0", "-f", "json").json()
    assert all(e["on"] >= "2025-09-01" for e in since)
    forum = next(e for e in since if e["id"] == "localities-forum")
    assert [e["url"] for e in forum["evidence"]] == ["http://x.example"]
    table = run("log", "--since", "2025-09-01")
    assert "↳ http://x.example" in table.stdout


def test_delivered_on_time_or_late_in_show_list_and_report(db: Path):
    run("update", "local", "-s", "fulfilled", "--on", "2025-11-25", "--note", "Held")
    run("update", "2plus2", "-s", "fulfilled", "--on", "2026-01-10", "--note", "Held late")
    run("update", "expo", "-s", "broken", "--on", "2026-01-02", "--note", "Not sent")
    rows = {
        r["id"]: r
        for r in run("list", "--format", "json", "--as-of", "2026-11-23", "--status", "fulfilled",
                     "--status", "broken").json()
    }  # fmt: skip
    assert (rows["localities-forum"]["delivery"], rows["localities-forum"]["days_late"]) == (
        "on time",
        0,
    )
    assert rows["localities-forum"]["closed_on"] == "2025-11-25"
    assert (rows["2plus2-dialogue"]["delivery"], rows["2plus2-dialogue"]["days_late"]) == (
        "late",
        10,
    )
    assert rows["expo-vietnam-day-delegation"]["delivery"] == "not delivered"
    assert rows["semiconductor-rd-mou"]["delivery"] is None  # no due date
    head = run("report", "--format", "json", "--as-of", "2026-11-23").json()
    assert (head["delivered_on_time"], head["delivered_late"]) == (1, 1)
    shown = run("show", "2plus2", "--as-of", "2026-11-23").stdout
    assert "10 days late" in shown
    before = run("show", "2plus2", "--as-of", "2026-01-09").stdout
    assert "days late" not in before and "overdue" in before
