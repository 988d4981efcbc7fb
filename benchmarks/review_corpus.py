"""How well `track review` reads follow-ups: on the corpus it was tuned on, and on one it never saw.

Usage: python benchmarks/review_corpus.py [--show-misses]

Two corpora of real articles, each a folder with an `expected.json` (one row per article: the
status event it reports, or null when it reports none, and for articles about other
relationships the commitment a tracker would have recorded):

- development: tests/data/followups (the reader's rules were written while reading these) and
  tests/data/followups-dev2 (a second batch, other relationships; its misses were read too);
- held out: tests/data/followups-heldout, collected and annotated by someone who had not read
  the reader's rules, and never used to write them. Its misses are not printed.

Each article is reviewed against the shipped commitments as pledged (the 34 Vietnam–Japan
pledges, without the aliases added since) plus every commitment the corpus defines: targets
and distractors alike. A proposal at or above the apply threshold counts as right when commitment and
status are the expected ones; its date is judged apart (exact day). Beside `track review`, a
baseline on the same rows: a sentence with a "done" verb (held, signed, postponed, cancelled …)
and at least half of a commitment title's content words proposes that status, undated.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from dataclasses import replace
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tracker.extraction.sentences import sentences  # noqa: E402
from tracker.model import Commitment, Event  # noqa: E402
from tracker.query import fold  # noqa: E402
from tracker.review import APPLY_THRESHOLD, review  # noqa: E402
from tracker.review.matching import words  # noqa: E402
from tracker.store import Store  # noqa: E402

CORPORA = {
    "development": ROOT / "tests" / "data" / "followups",
    "development 2": ROOT / "tests" / "data" / "followups-dev2",
    "held out": ROOT / "tests" / "data" / "followups-heldout",
}
BASELINE_VERBS = {
    "stalled": r"\b(postponed|delayed|put off)\b",
    "dropped": r"\b(cancell?ed|called off|scrapped)\b",
    "in-progress": r"\b(negotiations|talks) (began|started|opened)\b",
    "fulfilled": r"\b(held|signed|inaugurated|took place|launched)\b",
}


def pledged() -> list[Commitment]:
    shipped = [c.full() for c in Store(ROOT / "commitments.json").load()]
    return [replace(c, history=c.history[:1], aliases=()) for c in shipped]


def commitment(data: dict) -> Commitment:
    made = date.fromisoformat(data["made_on"])
    return Commitment(
        data["id"], data["title"], made, (Event(made, "pending"),), parties=tuple(data["parties"])
    )


def published(path: Path) -> date:
    for line in path.read_text(encoding="utf-8").splitlines()[:6]:
        if line.startswith("# date:"):
            return date.fromisoformat(line.split(":", 1)[1].strip()[:10])
    raise SystemExit(f"{path}: no '# date:' line")


def expected_of(row: dict) -> tuple[str, str, str] | None:
    wanted = row.get("expected")
    if not wanted:
        return None
    cid = wanted.get("id") or row["commitment"]["id"]
    return cid, wanted["status"], wanted["on"]


def track_says(text: str, day: date, pool: list[Commitment]) -> set[tuple[str, str, str]]:
    return {
        (p.id, p.status, p.on.isoformat())
        for p in review(text, day, pool)
        if p.confidence >= APPLY_THRESHOLD
    }


def baseline_says(text: str, day: date, pool: list[Commitment]) -> set[tuple[str, str, str]]:
    found = set()
    titles = {c.id: set(words(c.title)) for c in pool}
    for span in sentences(text):
        sentence = text[span.start : span.end]
        folded, present = fold(sentence), set(words(sentence))
        for status, pattern in BASELINE_VERBS.items():
            if re.search(pattern, folded):
                for cid, title in titles.items():
                    if title and len(title & present) >= len(title) / 2:
                        found.add((cid, status, day.isoformat()))
                break
    return found


def score(folder: Path, show_misses: bool) -> dict[str, dict[str, float | str]]:
    rows = json.loads((folder / "expected.json").read_text(encoding="utf-8"))
    # The shipped pledges and every commitment of the corpus: each article is read against
    # all of them, so the others are distractors too.
    base = pledged() + [commitment(r["commitment"]) for r in rows if r.get("commitment")]
    tallies = {name: {"proposed": 0, "right": 0, "dated": 0} for name in ("track", "baseline")}
    wanted_total = 0
    for row in rows:
        path = folder / row["file"]
        pool = base
        text, day = path.read_text(encoding="utf-8"), published(path)
        wanted = expected_of(row)
        silent_ok = row.get("silence_allowed", False)
        wanted_total += bool(wanted) and not silent_ok
        for name, reader in (("track", track_says), ("baseline", baseline_says)):
            said = reader(text, day, pool)
            tally = tallies[name]
            tally["proposed"] += len(said)
            hits = [s for s in said if wanted and s[:2] == wanted[:2]]
            tally["right"] += len(hits[:1])
            tally["dated"] += sum(1 for s in hits[:1] if s[2] == wanted[2])
            if show_misses and name == "track" and (said != ({wanted} if wanted else set())):
                print(f"  {row['file']}: expected {wanted}, track said {sorted(said)}")
    result = {}
    for name, t in tallies.items():
        precision = t["right"] / t["proposed"] if t["proposed"] else 1.0
        recall = t["right"] / wanted_total if wanted_total else 1.0
        result[name] = {
            "articles": len(rows),
            "precision": f"{t['right']}/{t['proposed']} = {precision:.2f}",
            "recall": f"{t['right']}/{wanted_total} = {recall:.2f}",
            "dated right": f"{t['dated']}/{t['right']}",
        }
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--show-misses", action="store_true", help="list development misses (never held out)"
    )
    args = parser.parse_args()
    print("| corpus | reader | articles | precision | recall | dated right |")
    print("|---|---|---|---|---|---|")
    for corpus, folder in CORPORA.items():
        if not (folder / "expected.json").exists():
            print(f"| {corpus} | (no corpus at {folder.relative_to(ROOT)}) | | | | |")
            continue
        results = score(folder, args.show_misses and corpus.startswith("development"))
        for reader, figures in results.items():
            print(
                f"| {corpus} | {reader} | {figures['articles']} | {figures['precision']} | "
                f"{figures['recall']} | {figures['dated right']} |"
            )


if __name__ == "__main__":
    main()
