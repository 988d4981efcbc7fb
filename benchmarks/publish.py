"""Time `track publish` as a whole process on generated databases; the goal is 10,000 in < 10 s.

Usage: python benchmarks/publish.py [--sizes 1000,10000] [--runs 5] [--where DIR] [--output FILE]

Each run publishes into a fresh folder (the first publish: every file is new) and then again
into the same folder (a republish: every file replaced). `track report` on the same database is
timed alongside, taking turns, so the ratio publish/report says what the site costs over
reading and summarising the data. `--where` puts the sites on another file system (e.g.
/dev/shm) to tell the cost of making the pages from the cost of creating 10,000 files.
Nothing here runs in CI.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

from generate import REFERENCE, write  # noqa: E402
from run import machine, summary  # noqa: E402

GOAL_SECONDS = {10_000: 10.0}


def timed(argv: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(argv, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--where", default=None, help="Folder for the sites (default: /tmp).")
    parser.add_argument("--output", default=str(HERE / "publish-results.md"))
    args = parser.parse_args()
    track = str(Path(sys.executable).with_name("track"))
    lines = [
        "| commitments | `track publish` (new folder) | `track publish` (republish) | "
        "`track report` | publish / report | goal | publish / goal |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    with tempfile.TemporaryDirectory(dir=args.where) as tmp:
        work = Path(tmp)
        for size in (int(s) for s in args.sizes.split(",")):
            db = write(size, HERE / "out")
            env = {**os.environ, "TRACK_DB": str(db), "TRACK_AS_OF": REFERENCE.isoformat()}
            fresh, again, report = [], [], []
            timed([track, "report"], env)  # warm-up: the validation stamp, the disk cache
            for n in range(args.runs):
                site = work / f"site-{size}-{n}"
                os.sync()  # the last run's pages reach the disk outside the timings
                fresh.append(timed([track, "publish", "-o", str(site)], env))
                os.sync()
                again.append(timed([track, "publish", "-o", str(site)], env))
                report.append(timed([track, "report"], env))
            for site in work.glob(f"site-{size}-*"):
                shutil.rmtree(site)
            median = statistics.median(fresh)
            goal = GOAL_SECONDS.get(size)
            lines.append(
                f"| {size:,} | {summary(fresh)} | {summary(again)} | {summary(report)} | "
                f"**{median / statistics.median(report):.1f}** | "
                + (f"{goal:.0f} s | **{median / 1000 / goal:.2f}** |" if goal else " | |")
            )
            print(lines[-1], flush=True)
    text = (
        f"Measured on {machine()}; sites written under {args.where or tempfile.gettempdir()}."
        "\nMilliseconds per whole process: median (min–max) of "
        f"{args.runs} runs, taking turns. publish / goal below 1 meets the goal.\n\n"
        + "\n".join(lines)
        + "\n"
    )
    Path(args.output).write_text(text, encoding="utf-8")
    print("\n" + text)


if __name__ == "__main__":
    main()
