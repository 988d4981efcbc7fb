"""Every damaged variant of the database (tests/damage.py) against the commands that read,
write, repair and merge it: never a traceback, never a file made worse.

A refused file is refused by every command with a message, and its bytes stay as they were
(`doctor --fix` included). A readable one works, and a write keeps everything it held.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from damage import variants
from helpers import run

from tracker.store import Store

VARIANTS = variants()


def test_at_least_sixty_variants_and_both_kinds():
    assert len(VARIANTS) >= 60
    assert len({v.name for v in VARIANTS}) == len(VARIANTS)
    assert {v.expect for v in VARIANTS} == {"refused", "readable"}


def clean_run(*args: str):
    result = run(*args)
    out = result.stdout + result.stderr
    assert "Traceback" not in out and "internal error" not in out, (args, out[-2000:])
    assert result.exit_code in (0, 1), (args, result.exit_code, out[-2000:])
    return result


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_damaged_file(tmp_path: Path, monkeypatch, variant):
    work = tmp_path  # no seed documents beside it: doctor's quote checks are not the point
    db = work / "commitments.json"
    db.write_bytes(variant.content)
    monkeypatch.setenv("TRACK_DB", str(db))
    listed = clean_run("list", "--format", "json", "--as-of", "2026-11-23")
    written = clean_run("update", "local", "--note", "attack", "--on", "2026-01-01")
    doctored = clean_run("doctor")
    fixed = clean_run("doctor", "--fix")
    if variant.expect == "refused":
        for result in (listed, written, doctored, fixed):
            assert result.exit_code == 1 and result.stderr.strip()
        assert db.read_bytes() == variant.content, "a refused file was changed"
        assert not list(work.glob("*.bak")), "a refused file was 'migrated'"
    else:
        assert listed.exit_code == 0, listed.stderr
        database = Store(db).load()  # whatever the commands did, the file reads
        if written.exit_code == 0:
            assert database.get("localities-forum").history[-1].note == "attack"
        data = json.loads(db.read_text(encoding="utf-8"))
        before = json.loads(variant.content.decode("utf-8")) if variant.content[:1] == b"{" else {}
        for name in before:
            if name not in ("_default", "_meta", "commitments"):
                assert data[name] == before[name], f"table {name} was dropped"
        if isinstance(before.get("_meta"), dict):
            for key, value in before["_meta"].items():
                if key != "schema":
                    assert data["_meta"][key] == value, f"_meta {key} was dropped"


@pytest.mark.parametrize("variant", VARIANTS, ids=lambda v: v.name)
def test_damaged_file_as_their_side_of_a_merge(tmp_path: Path, variant):
    from conftest import SHIPPED

    base, ours, theirs = (tmp_path / n for n in ("base.json", "ours.json", "theirs.json"))
    shutil.copy(SHIPPED, base)
    shutil.copy(SHIPPED, ours)
    theirs.write_bytes(variant.content)
    result = clean_run("merge-driver", str(base), str(ours), str(theirs))
    if variant.expect == "refused":
        assert result.exit_code == 1 and "theirs is refused" in result.stderr
        assert ours.read_bytes() == SHIPPED.read_bytes()
    else:
        merged = Store(ours).load()
        assert len(merged) >= 1
