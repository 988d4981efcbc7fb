"""Every command documents itself with examples, and both entry points run."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import run
from typer.main import get_command

from tracker.cli import app

COMMANDS = sorted(get_command(app).commands)  # type: ignore[attr-defined]


def test_every_command_is_mapped_to_its_module_for_lazy_loading():
    from tracker.cli import COMMAND_MODULES, MODULE_ORDER, command_in

    assert set(COMMAND_MODULES) == set(COMMANDS)
    assert set(COMMAND_MODULES.values()) == set(MODULE_ORDER)
    for name in COMMANDS:
        module = get_command(app).commands[name].callback.__module__  # type: ignore[attr-defined]
        assert module == f"tracker.cli.{COMMAND_MODULES[name]}"
    assert command_in(["--db", "x.json", "list", "--overdue"]) == "list"
    assert command_in(["--debug", "--help"]) is None


def test_lazy_entry_point_runs_one_command_and_lists_all(db: Path):
    env = {**os.environ, "TRACK_DB": str(db)}
    listing = subprocess.run(
        [sys.executable, "-m", "tracker", "--help"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert all(name in listing.stdout for name in COMMANDS)
    unknown = subprocess.run(
        [sys.executable, "-m", "tracker", "lst"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert unknown.returncode == 2 and "No such command" in unknown.stderr


def test_there_are_commands():
    assert {"list", "show", "add", "update", "init", "deadline"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_with_examples(name: str):
    result = run(name, "--help")
    assert result.exit_code == 0
    assert "Examples:" in result.stdout
    assert f"track {name}" in result.stdout


def test_top_level_help_lists_commands():
    result = run("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.stdout


def test_python_dash_m_runs_the_main_job(db: Path):
    env = {**os.environ, "TRACK_DB": str(db)}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "list", "--overdue", "--as-of", "2026-11-23"],
        capture_output=True, text=True, env=env, cwd=ROOT, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "localities-forum" in result.stdout


def test_unexpected_errors_never_show_a_traceback(tmp_path: Path):
    (tmp_path / "db.json").write_text('{"_meta": {"schema": {"version": 2}}, "commitments": []}')
    env = {**os.environ, "TRACK_DB": str(tmp_path / "db.json")}
    result = subprocess.run(
        [sys.executable, "-m", "tracker", "list"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.startswith("track: error:")
