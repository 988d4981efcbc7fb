"""`track extract`: sentence splitting, recall and precision on the seeds, other real articles,
and --add that never records the same pledge twice."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT, SHIPPED
from helpers import load, run

from tracker.extraction.candidates import all_aliases, extract
from tracker.extraction.matching import quotes_match, same_document
from tracker.extraction.sentences import sentences
from tracker.provenance import quote_in_text
from tracker.store import Store

SEEDS = sorted((ROOT / "seeds").glob("*.txt"))
PUBLISHED = {"000": date(2025, 4, 27), "001": date(2025, 4, 27), "002": date(2025, 4, 28)}
DATA = ROOT / "tests" / "data"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Dr. Tran met Mr. Sato. They agreed.", ["Dr. Tran met Mr. Sato.", "They agreed."]),
        ("The U.S. delegation left. Japan stayed.", ["The U.S. delegation left.", "Japan stayed."]),
        ("Item No. 5 was signed. Trade grew 1.8 times.", ["Item No. 5 was signed.", "Trade grew 1.8 times."]),
        ("He said “we will return.” Then he left.", ["He said “we will return.”", "Then he left."]),
        ("PM Phạm Minh Chính spoke. Ms. Hà replied.", ["PM Phạm Minh Chính spoke.", "Ms. Hà replied."]),
        ("Growth was 7.09 percent, e.g. in Q3. Next.", ["Growth was 7.09 percent, e.g. in Q3.", "Next."]),
        ("First line\nSecond line. Third.", ["First line", "Second line.", "Third."]),
        ("It ended in the U.S. and J. Smith left.", ["It ended in the U.S. and J. Smith left."]),
    ],
)  # fmt: skip
def test_sentence_splitting(text: str, expected: list[str]):
    assert [span.text(text) for span in sentences(text)] == expected


def seed_candidates():
    texts = {path: path.read_text(encoding="utf-8") for path in SEEDS}
    aliases = all_aliases(list(texts.values()))
    found = []
    for path, text in texts.items():
        found += extract(text, f"seeds/{path.name}", PUBLISHED.get(path.name[:3]), aliases)
    return found


def test_recall_and_precision_against_the_curated_database(capsys):
    candidates = seed_candidates()
    curated = list(Store(SHIPPED).load())

    def hit(candidate, source) -> bool:
        return same_document(candidate.document, source.document) and quotes_match(
            candidate.quote, source.quote
        )

    found = [c for c in curated if any(hit(x, s) for x in candidates for s in c.sources)]
    correct = [x for x in candidates if any(hit(x, s) for c in curated for s in c.sources)]
    recall, precision = len(found) / len(curated), len(correct) / len(candidates)
    with capsys.disabled():
        print(
            f"\nextract on the seeds: recall {len(found)}/{len(curated)} = {recall:.2f}, "
            f"precision {len(correct)}/{len(candidates)} = {precision:.2f}"
        )
    missed = sorted({c.id for c in curated} - {c.id for c in found})
    assert recall >= 0.9, f"missed: {missed}"
    assert precision >= 0.65  # 45/65: the reader's operating point favours recall (README)


def test_every_quote_is_verbatim_and_deadlines_match_the_curated_ones():
    curated = {c.id: c for c in Store(SHIPPED).load()}
    for candidate in seed_candidates():
        text = (ROOT / candidate.document).read_text(encoding="utf-8")
        assert candidate.quote in text
    by_quote = {x.quote: x for x in seed_candidates()}

    def candidate_for(cid: str):
        quote = curated[cid].sources[0].quote
        return next(x for q, x in by_quote.items() if quotes_match(q, quote))

    assert candidate_for("localities-forum").deadline.due == date(2025, 12, 31)
    assert candidate_for("st-joint-committee-5").deadline.due == date(2026, 12, 31)
    assert candidate_for("esd-labour-mou").due_phrase == "within this year"
    assert candidate_for("2plus2-dialogue").due_phrase == "set for 2025"
    assert candidate_for("takaichi-visit-2026").deadline.due == date(2026, 12, 31)
    assert candidate_for("training-employment-system-2027").deadline.starts == date(2027, 1, 1)
    assert candidate_for("emperor-state-visit").deadline.open_ended


def test_one_sentence_with_two_undertakings_gives_two_pledges():
    text = (
        "Both sides agreed to begin negotiations for the Social Insurance Agreement, and push "
        "ahead with the building of a Memorandum of Understanding within this year."
    )
    found = extract(text, "x.txt", date(2025, 4, 28), {})
    assert [x.quote for x in found] == [
        "Both sides agreed to begin negotiations for the Social Insurance Agreement",
        "push ahead with the building of a Memorandum of Understanding within this year.",
    ]
    assert found[1].deadline.due == date(2025, 12, 31)


def test_background_praise_and_statistics_are_left_out():
    text = (
        "Vietnam and Japan established diplomatic ties in September 1973. "
        "Last year, the bilateral trade reached $48.18 billion, up $3 billion from 2023. "
        "PM Ishiba praised the contribution of the Vietnamese community. "
        "He expressed his hope that Japan would continue to create favourable conditions."
    )
    assert extract(text, "x.txt", date(2025, 4, 28), {}) == []


def test_missing_reference_date_is_said():
    found = extract("Both sides agreed to sign the deal within this year.", "x.txt", None, {})
    assert found[0].deadline is None
    assert "needs the publication date" in found[0].notes[0]


@pytest.mark.parametrize("name", ["vn-nz-csp-upgrade", "uk-france-summit", "pakistan-turkiye-eco"])
def test_other_real_articles_match_the_hand_written_expectations(name: str):
    expected = json.loads((DATA / "expected" / f"{name}.json").read_text(encoding="utf-8"))
    text = (DATA / expected["article"]).read_text(encoding="utf-8")
    published = date.fromisoformat(expected["published"]) if expected["published"] else None
    found = extract(text, expected["article"], published, all_aliases([text]))
    if expected.get("reference_date"):
        assert found and found[0].reference == date.fromisoformat(expected["reference_date"])
    for item in expected["must_find"]:
        matches = [
            x for x in found if quotes_match(x.quote, item["quote"]) or item["quote"] in x.quote
        ]
        assert matches, f"not found: {item['quote']}"
        if "due" in item:
            due = matches[0].deadline.due if matches[0].deadline else None
            assert (due.isoformat() if due else None) == item["due"], item["quote"]
        if "parties" in item:
            assert sorted(matches[0].parties) == sorted(item["parties"]), item["quote"]
    for fragment in expected["must_not_find"]:
        assert not [x for x in found if fragment in x.quote], f"should not propose: {fragment}"


def test_cli_marks_what_the_database_already_records(db: Path):
    result = run("extract", str(db.parent / "seeds" / "002_0f0be2f1b16192b7.txt"), "--published", "2025-04-28", "-f", "json")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    rows = result.json()
    forum = next(r for r in rows if "Localities Forum" in r["quote"])
    assert forum["existing"] == "localities-forum" and forum["match"] == "same quote"
    assert forum["document"] == "seeds/002_0f0be2f1b16192b7.txt"
    assert forum["due"] == "2025-12-31" and forum["due_phrase"] == "by the end of 2025"
    assert forum["parties"] == ["Japan", "Vietnam"] or forum["parties"] == ["Vietnam", "Japan"]
    assert forum["pillar"] == "people-exchange" and forum["cue"] == "will"


def test_add_records_pledges_once(tmp_path: Path, monkeypatch):
    shutil_copy = __import__("shutil").copytree
    shutil_copy(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.setenv("TRACK_DB", str(tmp_path / "new.json"))
    assert run("init", str(tmp_path / "new.json")).exit_code == 0
    article = str(tmp_path / "seeds" / "002_0f0be2f1b16192b7.txt")
    first = run("extract", article, "--published", "2025-04-28", "--add")
    assert first.exit_code == 0, first.stderr
    added = load(tmp_path / "new.json")
    assert len(added) >= 25
    for commitment in added.values():
        source = commitment.sources[0]
        assert source.document == "seeds/002_0f0be2f1b16192b7.txt"
        assert source.published == date(2025, 4, 28)
        assert quote_in_text(source.quote, (tmp_path / source.document).read_text(encoding="utf-8"))
        assert commitment.status == "pending"
    before = (tmp_path / "new.json").read_bytes()
    again = run("extract", article, "--published", "2025-04-28", "--add")
    assert again.exit_code == 0
    assert (tmp_path / "new.json").read_bytes() == before  # nothing added the second time
    assert run("doctor").exit_code == 0


def test_same_pledge_from_another_article_becomes_a_second_source(tmp_path: Path, monkeypatch):
    __import__("shutil").copytree(ROOT / "seeds", tmp_path / "seeds")
    monkeypatch.setenv("TRACK_DB", str(tmp_path / "new.json"))
    run("init", str(tmp_path / "new.json"))
    run(
        "extract",
        str(tmp_path / "seeds" / "000_e5b9e396b4127ffb.txt"),
        "--published",
        "2025-04-27",
        "--add",
    )
    count = len(load(tmp_path / "new.json"))
    result = run("extract", str(tmp_path / "seeds" / "001_af749f7e33394994.txt"), "--published", "2025-04-27", "--add")  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert "source added" in result.stderr
    items = load(tmp_path / "new.json")
    assert any(len(c.sources) == 2 for c in items.values())
    assert len(items) < count + len(
        extract((tmp_path / "seeds" / "001_af749f7e33394994.txt").read_text(), "x", None, {})
    )


def test_interactive_accept_skip_edit(tmp_path: Path, monkeypatch):
    article = tmp_path / "statement.txt"
    article.write_text(
        "The two leaders agreed to hold a summit in 2026. They pledged to open a consulate in Da Nang. "
        "Both sides will launch a joint fund by mid-2027.\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("TRACK_DB", str(tmp_path / "new.json"))
    run("init", str(tmp_path / "new.json"))
    from typer.testing import CliRunner

    from tracker.cli import app

    result = CliRunner().invoke(
        app,
        ["extract", str(article), "--published", "2025-05-01", "--interactive"],
        input="a\ns\ne\nLaunch the joint fund\n",
    )
    assert result.exit_code == 0, result.output
    items = load(tmp_path / "new.json")
    assert sorted(c.title for c in items.values()) == [
        "Hold a summit in 2026",
        "Launch the joint fund",
    ]
    fund = next(c for c in items.values() if c.title == "Launch the joint fund")
    assert fund.due == date(2027, 6, 30) and fund.due_phrase == "by mid-2027"
    other = tmp_path / "other.txt"
    other.write_text(
        "Both sides agreed to open a museum. They pledged to fund a school.\n", encoding="utf-8"
    )
    quit_early = CliRunner().invoke(
        app, ["extract", str(other), "--published", "2025-05-01", "-i"], input="a\nq\n"
    )
    assert quit_early.exit_code == 0, quit_early.output
    titles = {c.title for c in load(tmp_path / "new.json").values()}
    assert "Open a museum" in titles and "Fund a school" not in titles  # accepted before quit: kept


def test_add_without_a_date_is_refused(tmp_path: Path, monkeypatch):
    article = tmp_path / "statement.txt"
    article.write_text("The two leaders agreed to hold a summit in 2026.\n", encoding="utf-8")
    monkeypatch.setenv("TRACK_DB", str(tmp_path / "new.json"))
    run("init", str(tmp_path / "new.json"))
    before = (tmp_path / "new.json").read_bytes()
    result = run("extract", str(article), "--add")
    assert result.exit_code == 2 and "pass --published" in result.stderr
    assert (tmp_path / "new.json").read_bytes() == before


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("HANOI, April 28, 2025 — Both sides agreed to", date(2025, 4, 28)),
        ("Tokyo, 27 May 2024 (Kyodo) – The leaders agreed to", date(2024, 5, 27)),
        (" date 2026-01-15 HÀ NỘI — Việt Nam attaches", date(2026, 1, 15)),
        ("HÀ NỘI — General Secretary Tô Lâm on Sunday received", None),
    ],
)
def test_reference_date_from_a_date_line_or_dateline(start: str, expected: date | None):
    from tracker.extraction.candidates import reference_date

    assert reference_date(start) == expected
