"""Time `track review` on a 1,000-word follow-up against 10,000 commitments, as a whole process.

Usage: python benchmarks/review.py [--size 10000] [--runs 7]

The database is the shipped one as pledged (real titles, quotes and aliases: what the matcher
reads; follow-ups removed so the article has news to propose)
plus synthetic commitments from benchmarks/generate.py up to --size. The article is the real
follow-ups under followups/ joined until it holds at least 1,000 words, so it names several
tracked pledges. Also times `track list --overdue` on the same database as the floor every
command pays (start-up, reading the file), and reports both in one run. Nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from generate import database_text  # noqa: E402

from tracker.store import TABLE, dump  # noqa: E402


def build(folder: Path, size: int) -> tuple[Path, Path]:
    shipped = json.loads((ROOT / "commitments.json").read_text(encoding="utf-8"))
    for record in shipped[TABLE].values():  # as pledged, so the article has news to propose
        record["history"] = [e for e in record["history"] if e["on"] <= record["made_on"]]
        record["status"] = record["history"][-1]["status"]
    synthetic = json.loads(database_text(max(0, size - len(shipped[TABLE]))))
    shipped[TABLE].update(synthetic[TABLE])
    db = folder / "commitments.json"
    db.write_text(dump(shipped), encoding="utf-8")
    words, parts = 0, []
    for path in sorted((ROOT / "followups").glob("*.txt")):
        body = path.read_text(encoding="utf-8")
        parts.append(body if not parts else body.split("\n\n", 1)[-1])
        words += len(body.split())
        if words >= 1000:
            break
    article = folder / "article.txt"
    article.write_text("\n\n".join(parts), encoding="utf-8")
    return db, article


def timed(argv: list[str], env: dict[str, str], runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, env=env, check=True, capture_output=True)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    track = str(Path(sys.executable).with_name("track"))
    with tempfile.TemporaryDirectory() as work:
        db, article = build(Path(work), args.size)
        env = {**os.environ, "TRACK_DB": str(db), "TRACK_AS_OF": "2026-11-23"}
        subprocess.run([track, "list"], env=env, check=True, capture_output=True)  # validate once
        words = len(article.read_text(encoding="utf-8").split())
        review, floor = [], []
        for _ in range(args.runs):  # taking turns, so a busy spell slows both alike
            review += timed([track, "review", str(article), "--format", "json"], env, 1)
            floor += timed([track, "list", "--overdue", "--format", "json"], env, 1)
        found = subprocess.run(
            [track, "review", str(article), "--format", "json", "--all"],
            env=env,
            check=True,
            capture_output=True,
            text=True,
        )
        print(f"{args.size} commitments, article of {words} words, {args.runs} runs each")
        for label, samples in (("track review", review), ("track list --overdue", floor)):
            print(
                f"{label:24} median {statistics.median(samples):7.0f} ms  "
                f"min {min(samples):6.0f}  max {max(samples):6.0f}"
            )
        print(f"review / list ratio: {statistics.median(review) / statistics.median(floor):.2f}")
        print(f"proposals (with --all): {len(json.loads(found.stdout))}")


if __name__ == "__main__":
    main()
