"""The README tour is what the commands print, run in the order written (docs/tour.py)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def load_tour():
    spec = importlib.util.spec_from_file_location("tour", ROOT / "docs" / "tour.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def blocks() -> dict[str, str]:
    """The tour, run once for this module."""
    return load_tour().run_tour()


def test_the_readme_tour_is_what_the_commands_print(blocks: dict[str, str]):
    tour = load_tour()
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert set(blocks) == {m.group("name") for m in tour.MARKER.finditer(readme)}
    stale = tour.differences(readme, blocks)
    assert not stale, f"README tour blocks {stale} have drifted: run python docs/tour.py --write"


def test_later_blocks_see_what_earlier_ones_recorded(blocks: dict[str, str]):
    log = blocks["log"].splitlines()
    # `track log` comes after the tour's update, so that update is what changed most recently.
    first = "\n".join(log[3:5])  # the newest entry (its note may sit under its id)
    assert "esd-labour-mou" in first and "No report of the signing" in first
    assert "esd-labour-mou: took back the event of 2026-11-23 (stalled)" in blocks["correct"]
