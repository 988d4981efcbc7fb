"""Every test runs in its own folder with TRACK_DB pointing there: the shipped file is never touched."""

from __future__ import annotations

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


@pytest.fixture
def db(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the shipped database and its seed articles, in the test's own folder."""
    work = tmp_path / "project"
    work.mkdir()
    shutil.copy(SHIPPED, work / "commitments.json")
    shutil.copytree(ROOT / "seeds", work / "seeds")
    monkeypatch.setenv("TRACK_DB", str(work / "commitments.json"))
    return work / "commitments.json"
