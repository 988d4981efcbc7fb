"""The command line: a thin adapter from arguments to core calls to the renderer."""

from __future__ import annotations

from tracker.cli import (  # noqa: F401 (importing registers the commands)
    commitments,
    deadline,
    exchange,
    maintenance,
    reports,
)
from tracker.cli.app import app


def main() -> None:
    app()
