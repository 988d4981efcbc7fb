"""Helpers for driving the CLI in tests."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from tracker.cli import app
from tracker.store import Store


@dataclass
class Run:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)


def run(*args: str) -> Run:
    result = CliRunner().invoke(app, list(args), catch_exceptions=False)
    return Run(result.exit_code, result.stdout, result.stderr)


def load(path: Path) -> dict[str, Any]:
    """The database re-read through the core API: id -> commitment."""
    return {c.id: c for c in Store(path).load()}
