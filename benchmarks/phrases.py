"""track against dateparser and Microsoft Recognizers-Text on the time-expression corpus.

Usage: python benchmarks/phrases.py [--misses] [--speed]

Every system gets the phrase exactly as written, the document's date as the reference and the
direction (forward for pledges, backward for reports); each answer is judged by
tests/timex_corpus.py: the due date must be exact (within one day for spans counted from the
reference). Figures are printed per split. `--misses` lists track's misses on the dev split
only: the held-out split is reported as counts and never shown row by row.
`--speed` times the tagger on a 2,000-word article and checks which commands import it.
Needs the `bench` extra (pip install -e '.[bench]') for the two libraries.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import warnings
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from timex_corpus import Row, due_right, exactly_right, load  # noqa: E402

from tracker.timex import TimexError, read_phrase  # noqa: E402

Answer = tuple[date | None, date | None]  # due, starts


def track(row: Row) -> Answer:
    try:
        found = read_phrase(row.phrase, row.reference, row.direction)  # type: ignore[arg-type]
    except TimexError:
        return None, None
    return found.due, found.starts


def dateparser_answer() -> Callable[[Row], Answer] | None:
    try:
        import dateparser
        from dateparser.search import search_dates
    except ImportError:
        return None

    def answer(row: Row) -> Answer:
        settings = {
            "RELATIVE_BASE": datetime.combine(row.reference, datetime.min.time()),
            "PREFER_DATES_FROM": "future" if row.direction == "forward" else "past",
            "PREFER_DAY_OF_MONTH": "last",
            "RETURN_AS_TIMEZONE_AWARE": False,
        }
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            parsed = dateparser.parse(row.phrase, languages=["en"], settings=settings)
            if parsed is None:
                found = search_dates(row.phrase, languages=["en"], settings=settings) or []
                parsed = found[-1][1] if found else None
        return (parsed.date() if parsed else None), None

    return answer


def recognizers_answer() -> Callable[[Row], Answer] | None:
    try:
        from recognizers_date_time import Culture, recognize_datetime
    except ImportError:
        return None

    def answer(row: Row) -> Answer:
        reference = datetime.combine(row.reference, datetime.min.time())
        try:
            results = recognize_datetime(row.phrase, Culture.English, reference=reference)
        except Exception:  # the library raises on some inputs; that is a miss, not a crash
            return None, None
        if not results:
            return None, None
        best = max(results, key=lambda r: len(r.text))
        values = (best.resolution or {}).get("values") or []
        if not values:
            return None, None
        pick = values[-1] if row.direction == "forward" else values[0]
        return _resolution(pick, row.reference)

    return answer


def _resolution(value: dict, reference: date) -> Answer:
    """Read a Recognizers-Text resolution as generously as its documentation allows."""

    def day(text: str | None) -> date | None:
        if not text or text.startswith("X"):
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            return None

    kind = value.get("type", "")
    mod = value.get("Mod", "")
    if kind == "duration":
        return _after(reference, value.get("timex", "")), None
    if mod in ("after", "since"):
        return None, day(value.get("start"))
    if "range" in kind:
        start, end = day(value.get("start")), day(value.get("end"))
        point = value.get("sourceEntity") == "datetimepoint"
        if end is not None and not point:  # a range's end is exclusive; "by <day>" is not
            end -= timedelta(days=1)
        return end, start
    return day(value.get("value")), None


def _after(reference: date, timex: str) -> date | None:
    """The reference date moved by an ISO 8601 duration such as P6M, P90D, P2Y or P3W."""
    import re

    from tracker.timex.calendar import shift

    m = re.fullmatch(r"P(\d+(?:\.\d+)?)([DWMY])", timex)
    if not m:
        return None
    unit = {"D": "day", "W": "week", "M": "month", "Y": "year"}[m.group(2)]
    return shift(reference, int(float(m.group(1))), unit)


def report(rows: list[Row], systems: dict[str, Callable[[Row], Answer]]) -> str:
    lines = [
        "| System | dev (due right) | held-out (due right) | all (due right) |",
        "|---|---|---|---|",
    ]
    answers = {name: [system(row) for row in rows] for name, system in systems.items()}
    for name, results in answers.items():
        cells = []
        for split in ("dev", "heldout", None):
            pairs = [(r, a) for r, a in zip(rows, results, strict=True) if split in (None, r.split)]
            right = sum(due_right(r, *a) for r, a in pairs)
            cells.append(f"{right}/{len(pairs)} ({100 * right / len(pairs):.1f}%)")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    for split in ("dev", "heldout"):
        pairs = [r for r in rows if r.split == split]
        right = sum(_in_context(r) for r in pairs)
        lines.append(f"\ntrack inside the verbatim sentence excerpt, {split}: {right}/{len(pairs)} "
                     f"({100 * right / len(pairs):.1f}%) tagged with the expected due date")  # fmt: skip
    exact = answers["track"]
    for split in ("dev", "heldout"):
        pairs = [(r, a) for r, a in zip(rows, exact, strict=True) if r.split == split]
        right = sum(exactly_right(r, *a) for r, a in pairs)
        lines.append(f"\ntrack, due and start both right, {split}: {right}/{len(pairs)} "
                     f"({100 * right / len(pairs):.1f}%)")  # fmt: skip
    return "\n".join(lines)


def _in_context(row: Row) -> bool:
    """The phrase, met inside its excerpt, is tagged (by an overlapping expression) right."""
    from tracker.timex import find_time_expressions

    begin = row.context.index(row.phrase)
    end = begin + len(row.phrase)
    found = find_time_expressions(row.context, row.reference, row.direction)  # type: ignore[arg-type]
    return any(due_right(row, e.due, e.starts) for e in found if e.start < end and e.end > begin)


def misses(rows: list[Row]) -> None:
    for row in rows:
        if row.split != "dev":
            continue
        due, starts = track(row)
        if not exactly_right(row, due, starts):
            print(f"{row.reference} {row.direction[0]} {row.phrase!r}: got {due} {starts}, "
                  f"want {row.due} {row.starts}")  # fmt: skip


def speed() -> None:
    from tracker.timex import find_time_expressions

    seeds = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").iterdir()))
    excerpts = " ".join(r.context for r in load())
    articles = {
        "2,000 words of the seed articles": " ".join(seeds.split()[:2000]),
        "2,000 words of corpus excerpts (an expression every ~10 words)": " ".join(
            excerpts.split()[:2000]
        ),
    }
    for name, article in articles.items():
        find_time_expressions(article, date(2025, 6, 1))
        runs = []
        for _ in range(9):
            began = time.process_time()
            found = find_time_expressions(article, date(2025, 6, 1))
            runs.append(time.process_time() - began)
        runs.sort()
        print(f"{name}: {len(found)} expressions, median {1000 * runs[4]:.1f} ms, "
              f"best {1000 * runs[0]:.1f} ms (CPU time)")  # fmt: skip
    for command in (["list"], ["list", "--as-of", "2026-01-01"], ["show", "local"],
                    ["report"], ["deadline", "by March 3", "--ref", "2025-09-18"]):  # fmt: skip
        out = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "tracker", *command],
            capture_output=True, text=True, cwd=ROOT, check=False,
        )  # fmt: skip
        loaded = "tracker.timex.tagger" in out.stderr
        print(f"track {' '.join(command)}: tagger imported: {'yes' if loaded else 'no'}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--speed", action="store_true")
    args = parser.parse_args()
    rows = load()
    if args.misses:
        misses(rows)
        return
    systems: dict[str, Callable[[Row], Answer]] = {"track": track}
    for name, make in (("dateparser", dateparser_answer), ("Recognizers-Text", recognizers_answer)):
        system = make()
        if system is None:
            print(f"({name} is not installed: pip install -e '.[bench]')")
        else:
            systems[name] = system
    docs = len({r.url for r in rows})
    print(f"{len(rows)} phrases from {docs} documents\n")
    print(report(rows, systems))
    if args.speed:
        print()
        speed()


if __name__ == "__main__":
    main()
