"""The README tour is what the commands print, run in the order written (docs/tour.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def load_tour():
    spec = importlib.util.spec_from_file_location("tour", ROOT / "docs" / "tour.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_readme_tour_is_what_the_commands_print():
    tour = load_tour()
    blocks = tour.run_tour()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(blocks) == {m.group("name") for m in tour.MARKER.finditer(readme)}
    stale = tour.differences(readme, blocks)
    assert not stale, f"README tour blocks {stale} have drifted: run python docs/tour.py --write"


def test_the_tour_runs_its_update_before_the_report_it_shows():
    blocks = load_tour().run_tour()
    report = blocks["report"]
    assert (
        "localities-forum"
        not in report.split("Overdue (most overdue first)")[1].split("Upcoming")[0]
    )  # the tour's update fulfilled it, so the report no longer lists it as overdue
    assert "Forum held in Hà Nội" in blocks["log"]
