"""The code stays `ruff check` and `ruff format` clean: CI runs the same command as developers."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

PATHS = [name for name in ("tracker", "tests", "benchmarks", "docs") if (ROOT / name).is_dir()]


def ruff(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "ruff", *args, *PATHS],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


def test_ruff_check_is_clean():
    result = ruff("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr
