"""Turn the hand annotation (raw.txt) into corpus.jsonl, checking each row as it goes.

Run from the repository root: `python tests/data/timex/build.py`. The split is decided by the
document's URL alone (crc32 of the URL, a third held out), so it was fixed before any rule was
written and never moves when rows are added to other documents.
"""

from __future__ import annotations

import json
import re
import sys
import zlib
from datetime import date
from pathlib import Path

HERE = Path(__file__).parent
WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]


def split_of(url: str) -> str:
    return "heldout" if zlib.crc32(url.encode()) % 3 == 0 else "dev"


def rows(text: str):
    url = ref = None
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("@ "):
            url, ref = line[2:].rsplit(" ", 1)
            date.fromisoformat(ref)
            continue
        fields = [f.strip() for f in line.split("||")]
        if len(fields) != 7:
            sys.exit(f"raw.txt:{number}: expected 7 fields, got {len(fields)}")
        phrase, context, direction, due, starts, precision, reason = fields
        problem = check(phrase, context, direction, due, starts, precision, reason)
        if problem:
            sys.exit(f"raw.txt:{number}: {problem}")
        yield {
            "phrase": phrase,
            "context": context,
            "url": url,
            "reference": ref,
            "direction": {"f": "forward", "b": "backward"}[direction],
            "due": due or None,
            "starts": starts or None,
            "precision": precision or None,
            "open_ended": reason or None,
            "split": split_of(url),
        }


def check(phrase, context, direction, due, starts, precision, reason) -> str | None:
    if phrase not in context:
        return f"phrase {phrase!r} is not in its context"
    if direction not in ("f", "b"):
        return f"direction {direction!r}"
    if not due and not reason:
        return "no due date and no open-ended reason"
    if due and starts and date.fromisoformat(starts) > date.fromisoformat(due):
        return "starts after due"
    named = [d for d in WEEKDAYS if re.search(rf"\b{d}\b", phrase.lower())]
    single_day = due and len(named) == 1 and precision == "day" and not starts
    if single_day and WEEKDAYS[date.fromisoformat(due).weekday()] != named[0]:
        return f"{phrase!r} names a {named[0]} but {due} is not one"
    return None


def main() -> None:
    data = list(rows((HERE / "raw.txt").read_text(encoding="utf-8")))
    with (HERE / "corpus.jsonl").open("w", encoding="utf-8") as out:
        for row in data:
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    docs = {r["url"] for r in data}
    held = [r for r in data if r["split"] == "heldout"]
    print(f"{len(data)} rows from {len(docs)} documents; held out {len(held)} rows")


if __name__ == "__main__":
    main()
