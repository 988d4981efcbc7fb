"""Hostile sizes for `track extract` (issue 14, item 15): time grows linearly with the input, and
an input over the documented size is refused with a clear message instead of running for ever.

Growth is measured as a ratio within one run (time at 10x the input over time at 1x, the best
of five tries each), never as a wall-clock limit."""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest
from conftest import ROOT
from helpers import run

from tracker.extraction.candidates import MAX_ARTICLE_CHARS, TooLong, extract, extract_all

ARTICLES = "\n".join(
    p.read_text(encoding="utf-8")
    for p in sorted((ROOT / "tests" / "data" / "articles").glob("*.txt"))
)
SMALL = 20_000
GROWTH_LIMIT = 15.0  # time at 10x the input may be at most 15x the time


def article(size: int) -> str:
    return (ARTICLES * (size // len(ARTICLES) + 1))[:size]


def one_sentence(size: int) -> str:
    clause = "the two sides agreed to build a bridge and begin talks by 2027 and "
    return (clause * (size // len(clause) + 1))[:size]


def doctors(size: int) -> str:
    return ("Dr. " * (size // 4 + 1))[:size]


def timed(text: str) -> float:
    """Seconds for one extraction; the cyclic garbage collector is paused, as its passes over a
    larger heap would measure the interpreter, not the algorithm."""
    gc.collect()
    gc.disable()
    try:
        start = time.perf_counter()
        extract_all({"a.txt": text}, date(2025, 1, 1))
        return time.perf_counter() - start
    finally:
        gc.enable()


def growth(make: Callable[[int], str]) -> float:
    """Time at 10x over time at 1x: the best of five tries each, taken in turns so that a busy
    spell on a shared machine slows both sizes alike."""
    small, large = make(SMALL), make(10 * SMALL)
    times: tuple[list[float], list[float]] = ([], [])
    for _ in range(5):
        times[0].append(timed(small))
        times[1].append(timed(large))
    return min(times[1]) / min(times[0])


@pytest.mark.parametrize(
    "make", [article, one_sentence, doctors], ids=["article", "sentence", "dr"]
)
def test_time_grows_linearly(make: Callable[[int], str]):
    ratio = growth(make)
    assert ratio <= GROWTH_LIMIT, f"10x the input took {ratio:.1f}x the time"


def test_a_one_megabyte_article_is_read_whole():
    """Copies of the corpus, each pledge made unique by a serial number: every copy is read."""
    copies = 1_000_000 // len(ARTICLES) + 1
    text = "".join(
        ARTICLES.replace(". ", f". ({n}) ").replace("\n", f"\n({n}) ") for n in range(copies)
    )[:1_000_000]
    found = extract(text, "big.txt", date(2025, 1, 1), {})
    once = extract(ARTICLES, "one.txt", date(2025, 1, 1), {})
    assert len(found) >= 0.9 * len(once) * (1_000_000 // len(ARTICLES))
    assert max(c.start for c in found) > len(text) - len(ARTICLES) // 2
    assert all(text[c.start : c.end] == c.quote for c in found)


def test_an_article_over_the_limit_is_refused_in_the_core():
    with pytest.raises(TooLong, match="at most 2,000,000"):
        extract("x" * (MAX_ARTICLE_CHARS + 1), "huge.txt", None, {})


def test_an_article_over_the_limit_is_refused_at_the_command_line(tmp_path: Path):
    huge = tmp_path / "huge.txt"
    huge.write_text("Dr. " * (MAX_ARTICLE_CHARS // 4 + 1), encoding="utf-8")
    result = run("extract", str(huge), "--published", "2025-01-01")
    assert result.exit_code == 2
    assert "huge.txt has 2,000,004 characters" in result.stderr
    assert "split the document" in result.stderr and "Traceback" not in result.stderr
