"""Every test runs in its own folder with TRACK_DB pointing there: the shipped file is never touched."""

from __future__ import annotations

import json
import shutil
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "commitments.json"


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("TZ", "UTC")  # the same calendar day on every machine; tests may change it
    time.tzset()
    monkeypatch.setenv("TRACK_DB", str(tmp_path / "no-database-here.json"))
    for name in ("TRACK_AS_OF", "NO_COLOR", "TRACK_DEBUG", "TRACK_LOCK_TIMEOUT", "TRACK_NO_CACHE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("COLUMNS", "120")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    yield tmp_path
    monkeypatch.undo()
    time.tzset()


def _as_pledged(text: str) -> str:
    """The shipped commitments as they stood when pledged: each history cut to the pledge day.

    The curated data moves on as follow-ups are recorded; tests of the commands need a fixed
    starting point, so they do not change meaning each time the data is brought up to date.
    """
    from tracker.store import dump

    data = json.loads(text)
    for record in data["commitments"].values():
        made_on = record["made_on"]
        record["history"] = [e for e in record["history"] if e["on"] <= made_on]
        record["status"] = record["history"][-1]["status"]
    return dump(data)


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The shipped database as pledged, with its seed articles, in the test's own folder."""
    work = tmp_path / "project"
    work.mkdir()
    (work / "commitments.json").write_text(
        _as_pledged(SHIPPED.read_text(encoding="utf-8")), encoding="utf-8"
    )
    shutil.copytree(ROOT / "seeds", work / "seeds")
    monkeypatch.setenv("TRACK_DB", str(work / "commitments.json"))
    return work / "commitments.json"


@pytest.fixture
def shipped_db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped database as it is, with its seeds and follow-ups."""
    work = tmp_path / "shipped"
    work.mkdir()
    shutil.copy(SHIPPED, work / "commitments.json")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    shutil.copytree(ROOT / "followups", work / "followups")
    monkeypatch.setenv("TRACK_DB", str(work / "commitments.json"))
    return work / "commitments.json"
