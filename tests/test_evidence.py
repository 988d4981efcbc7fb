"""Evidence cited like a source: document, URL, verbatim quote, date; schema 3 and its migration."""

from __future__ import annotations

import json
from pathlib import Path

from helpers import load, run

from tracker.store import dump

ARTICLE = """# source: https://example.org/news/forum
# date: 2025-11-26
# title: Localities forum held

QUẢNG NINH — The Việt Nam–Japan Local Cooperation Forum took place in Quảng Ninh on Tuesday.
"""
QUOTE = "The Việt Nam–Japan Local Cooperation Forum took place in Quảng Ninh on Tuesday."


def _followup(db: Path) -> str:
    folder = db.parent / "followups"
    folder.mkdir(exist_ok=True)
    (folder / "forum.txt").write_text(ARTICLE, encoding="utf-8")
    return "followups/forum.txt"


def test_update_cites_a_document_with_its_quote_url_and_date(db: Path):
    document = _followup(db)
    result = run(
        "update", "local", "-s", "fulfilled", "--on", "2025-11-25",
        "--document", document, "--quote", QUOTE,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    evidence = load(db)["localities-forum"].history[-1].evidence
    assert len(evidence) == 1
    item = evidence[0]
    assert (item.document, item.url, item.quote) == (
        document,
        "https://example.org/news/forum",
        QUOTE,
    )
    assert item.published is not None and item.published.isoformat() == "2025-11-26"
    shown = run("show", "localities-forum", "--as-of", "2026-11-23")
    assert "https://example.org/news/forum" in shown.stdout
    assert "Cooperation" in shown.stdout
    assert run("doctor").exit_code == 0


def test_a_quote_not_in_the_document_is_refused_and_nothing_is_written(db: Path):
    document = _followup(db)
    before = db.read_bytes()
    result = run(
        "update", "local", "-s", "fulfilled", "--on", "2025-11-25",
        "--document", document, "--quote", "The forum was cancelled.",
    )  # fmt: skip
    assert result.exit_code == 2
    assert "does not appear verbatim" in result.stderr
    assert db.read_bytes() == before


def test_doctor_finds_an_evidence_quote_that_no_longer_matches(db: Path):
    document = _followup(db)
    run("update", "local", "-s", "fulfilled", "--on", "2025-11-25", "--document", document,
        "--quote", QUOTE)  # fmt: skip
    (db.parent / document).write_text(ARTICLE.replace("Tuesday", "Monday"), encoding="utf-8")
    result = run("doctor")
    assert result.exit_code == 1
    assert "evidence quote does not appear verbatim" in result.stdout + result.stderr


def test_alias_is_stored_without_an_event(db: Path):
    result = run("update", "2plus2", "--alias", "Vice-Ministerial Strategic Dialogue")
    assert result.exit_code == 0, result.stderr
    dialogue = load(db)["2plus2-dialogue"]
    assert dialogue.aliases[-1] == "Vice-Ministerial Strategic Dialogue"
    assert len(dialogue.history) == 1
    again = run("update", "2plus2", "--alias", "Vice-Ministerial Strategic Dialogue")
    assert again.exit_code == 2 and "nothing to record" in again.stderr


def test_schema_2_evidence_strings_are_migrated_with_a_backup(db: Path):
    current = json.loads(db.read_text(encoding="utf-8"))
    legacy = json.loads(db.read_text(encoding="utf-8"))
    legacy["_meta"]["schema"]["version"] = 2
    record = legacy["commitments"]["localities-forum"]
    del record["aliases"]
    record["history"].append(
        {
            "on": "2025-11-25",
            "status": "fulfilled",
            "note": "Held",
            "evidence": ["https://example.org/a", "MOFA press release"],
            "recorded": "2026-01-01T00:00:00Z",
        }
    )
    record["status"] = "fulfilled"
    for other in legacy["commitments"].values():
        other.pop("aliases", None)
    legacy_text = json.dumps(legacy, ensure_ascii=False)
    db.write_text(legacy_text, encoding="utf-8")
    result = run("show", "localities-forum", "--format", "json")
    assert result.exit_code == 0, result.stderr
    assert "from schema 2 to 3" in result.stderr
    assert db.with_name(db.name + ".v2.bak").read_text(encoding="utf-8") == legacy_text
    migrated = json.loads(db.read_text(encoding="utf-8"))
    evidence = migrated["commitments"]["localities-forum"]["history"][-1]["evidence"]
    assert [(e["url"], e["document"]) for e in evidence] == [
        ("https://example.org/a", ""),
        ("", "MOFA press release"),
    ]
    untouched = {k: v for k, v in migrated["commitments"].items() if k != "localities-forum"}
    assert dump({**current, "commitments": untouched})  # the others load and dump
    assert all(v["aliases"] == [] for v in untouched.values())
