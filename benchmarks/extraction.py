"""How well `track extract` reads articles: precision, recall, F1 and due-date accuracy.

Usage: python benchmarks/extraction.py [--split dev|held-out|all] [--output FILE] [--speed]

Scores the extractor against the hand annotations in tests/data/expected/ (see the README
there), per article and per split. A proposal matches an annotated pledge when their spans in
the article overlap by at least half of the shorter one (one proposal per pledge). Precision
counts proposals matching a pledge against all proposals, leaving out those that match a
`may_find` border case; due-date accuracy counts the annotated pledges with a due date that were
found AND given that date. Misses (pledges not found, proposals that are not pledges, wrong due
dates) are listed for the development split only: the held-out split is reported as figures,
never read to write rules.

--speed instead times `track extract` as a whole process (start-up included, no database) on a
2,000-word article made of the corpus articles, and `extract` alone in this process.
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
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from tracker.extraction.candidates import Candidate, all_aliases, extract  # noqa: E402

DATA = ROOT / "tests" / "data"
OVERLAP = 0.5  # of the shorter span


@dataclass
class Article:
    name: str
    split: str
    text: str
    published: date | None
    pledges: list[dict]
    border: list[str]

    @classmethod
    def load(cls, path: Path) -> Article:
        expected = json.loads(path.read_text(encoding="utf-8"))
        text = (DATA / expected["article"]).read_text(encoding="utf-8")
        published = expected.get("published") or expected.get("reference_date")
        return cls(
            name=path.stem,
            split=expected.get("split", "dev"),
            text=text,
            published=date.fromisoformat(published) if published else None,
            pledges=expected["must_find"],
            border=expected.get("may_find", []),
        )


@dataclass
class Score:
    found: int = 0
    pledges: int = 0
    correct: int = 0  # proposals that match a pledge
    proposals: int = 0  # proposals counted for precision (border cases left out)
    dated: int = 0
    dated_right: int = 0
    missed: list[str] = field(default_factory=list)
    wrong: list[str] = field(default_factory=list)
    wrong_dates: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in ("found", "pledges", "correct", "proposals", "dated", "dated_right"):
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def recall(self) -> float:
        return self.found / self.pledges if self.pledges else 1.0

    @property
    def precision(self) -> float:
        return self.correct / self.proposals if self.proposals else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def due_accuracy(self) -> float:
        return self.dated_right / self.dated if self.dated else 1.0


def corpus(split: str = "all") -> list[Article]:
    articles = [Article.load(path) for path in sorted((DATA / "expected").glob("*.json"))]
    return [a for a in articles if split == "all" or a.split == split]


def overlaps(one: tuple[int, int], two: tuple[int, int]) -> bool:
    shared = min(one[1], two[1]) - max(one[0], two[0])
    shorter = min(one[1] - one[0], two[1] - two[0])
    return shorter > 0 and shared >= OVERLAP * shorter


def spans_of(text: str, quote: str) -> list[tuple[int, int]]:
    """Every place the quote stands: a pledge a headline states first is proposed from the body."""
    found, start = [], text.find(quote)
    while start >= 0:
        found.append((start, start + len(quote)))
        start = text.find(quote, start + 1)
    if not found:
        raise ValueError(f"annotation not verbatim in the article: {quote!r}")
    return found


def score(article: Article, found: list[Candidate]) -> Score:
    """Match proposals to annotated pledges one to one, the largest overlaps first."""
    result = Score(pledges=len(article.pledges))
    places = [spans_of(article.text, p["quote"]) for p in article.pledges]
    pairs = sorted(
        (
            (-(min(s[1], c.end) - max(s[0], c.start)), i, j)
            for i, spans in enumerate(places)
            for s in spans
            for j, c in enumerate(found)
            if overlaps(s, (c.start, c.end))
        ),
    )
    matched: dict[int, int] = {}
    used: set[int] = set()
    for _, i, j in pairs:
        if i not in matched and j not in used:
            matched[i] = j
            used.add(j)
    border = [s for q in article.border for s in spans_of(article.text, q)]
    for j, candidate in enumerate(found):
        if j in used:
            result.correct += 1
            result.proposals += 1
        elif not any(overlaps(b, (candidate.start, candidate.end)) for b in border):
            result.proposals += 1
            result.wrong.append(candidate.quote)
    for i, pledge in enumerate(article.pledges):
        if i in matched:
            result.found += 1
        else:
            result.missed.append(pledge["quote"])
        if pledge.get("due"):
            result.dated += 1
            candidate = found[matched[i]] if i in matched else None
            due = candidate.deadline.due if candidate and candidate.deadline else None
            if due and due.isoformat() == pledge["due"]:
                result.dated_right += 1
            else:
                got = f"{due} from {candidate.due_phrase!r}" if candidate else "not found"
                result.wrong_dates.append(
                    f"{pledge['quote']} — expected {pledge['due']}, got {got}"
                )
    return result


def run(articles: Iterable[Article]) -> dict[str, Score]:
    scores = {}
    for article in articles:
        found = extract(
            article.text,
            f"articles/{article.name}.txt",
            article.published,
            all_aliases([article.text]),
        )
        scores[article.name] = score(article, found)
    return scores


def total(scores: Iterable[Score]) -> Score:
    result = Score()
    for s in scores:
        result.add(s)
    return result


def row(name: str, s: Score) -> str:
    return (
        f"| {name} | {s.found}/{s.pledges} | {s.correct}/{s.proposals} | {s.recall:.2f} | "
        f"{s.precision:.2f} | {s.f1:.2f} | {s.dated_right}/{s.dated} |"
    )


def report(split: str) -> str:
    articles = corpus(split)
    splits = [s for s in ("dev", "held-out") if any(a.split == s for a in articles)]
    scores = run(articles)
    head = (
        "| article | recall | precision | R | P | F1 | due right |\n|---|---|---|---|---|---|---|"
    )
    lines = ["# Extraction benchmark", ""]
    lines += [
        "| split | articles | recall | precision | F1 | due-date accuracy |",
        "|---|---|---|---|---|---|",
    ]
    for part in splits:
        names = [a.name for a in articles if a.split == part]
        t = total(scores[n] for n in names)
        lines.append(
            f"| {part} | {len(names)} | {t.found}/{t.pledges} = {t.recall:.2f} | "
            f"{t.correct}/{t.proposals} = {t.precision:.2f} | {t.f1:.2f} | "
            f"{t.dated_right}/{t.dated} = {t.due_accuracy:.2f} |"
        )
    for part in splits:
        lines += ["", f"## {part}", "", head]
        lines += [row(a.name, scores[a.name]) for a in articles if a.split == part]
    dev = [a for a in articles if a.split == "dev"]
    if dev:
        lines += ["", "## Misses on the development split", ""]
        for article in dev:
            s = scores[article.name]
            if not (s.missed or s.wrong or s.wrong_dates):
                continue
            lines.append(f"### {article.name}")
            lines += [f"- missed: {q}" for q in s.missed]
            lines += [f"- not a pledge: {q}" for q in s.wrong]
            lines += [f"- due date: {q}" for q in s.wrong_dates]
    return "\n".join(lines) + "\n"


def words_article(words: int) -> str:
    """Whole corpus articles, one after another, until `words` words (cut at a line end)."""
    lines: list[str] = []
    count = 0
    for article in corpus("all"):
        for line in article.text.splitlines():
            if count >= words:
                return "\n".join(lines) + "\n"
            lines.append(line)
            count += len(line.split())
    return "\n".join(lines) + "\n"


def speed(words: int = 2000, runs: int = 9) -> str:
    text = words_article(words)
    track = Path(sys.executable).with_name("track")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "article.txt"
        path.write_text(text, encoding="utf-8")
        env = {k: v for k, v in os.environ.items() if k != "TRACK_DB"}
        command = [str(track), "extract", str(path), "--published", "2025-01-01", "-f", "json"]
        floor = [str(track), "--version"]
        process: list[float] = []
        start_up: list[float] = []
        for _ in range(runs):  # in turns, so that a busy spell slows both alike
            for times, argv in ((process, command), (start_up, floor)):
                start = time.perf_counter()
                subprocess.run(argv, cwd=folder, env=env, check=True, capture_output=True)
                times.append(time.perf_counter() - start)
    core = []
    for _ in range(runs):
        start = time.perf_counter()
        extract(text, "article.txt", date(2025, 1, 1), all_aliases([text]))
        core.append(time.perf_counter() - start)

    def line(name: str, times: list[float]) -> str:
        ms = [t * 1000 for t in times]
        return f"| {name} | {statistics.median(ms):.0f} | {min(ms):.0f} | {max(ms):.0f} |"

    return (
        "\n".join(
            [
                f"`track extract` on a {len(text.split()):,}-word article ({len(text):,} characters), "
                f"{runs} runs, milliseconds:",
                "",
                "| what | median | min | max |",
                "|---|---|---|---|",
                line("`track extract FILE -f json` (whole process, no database)", process),
                line("`track --version` (the start-up floor, same turns)", start_up),
                line("`extract()` alone", core),
            ]
        )
        + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--split", choices=("dev", "held-out", "all"), default="all")
    parser.add_argument("--output", type=Path)
    parser.add_argument("--speed", action="store_true", help="time extract on 2,000 words")
    args = parser.parse_args()
    text = speed() if args.speed else report(args.split)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    print(text, end="")


if __name__ == "__main__":
    main()
