"""The command line: a thin adapter from arguments to core calls to the renderer."""

from __future__ import annotations

from tracker.cli import commitments, deadline, maintenance, reports  # noqa: F401 (registers them)
from tracker.cli.app import app


def main() -> None:
    app()
