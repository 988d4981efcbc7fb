"""The README's tour, run for real: every `console` block marked `<!-- tour:NAME -->` is the
output of its commands, run in the order the README gives them, on a copy of the shipped
`commitments.json` and `seeds/`.

    python docs/tour.py            # say which blocks differ from a fresh run (exit 1 if any)
    python docs/tour.py --write    # rewrite them in README.md

The tour is pinned to one day (TOUR_DAY: "today" for every command, and the clock that stamps
recorded events), so it reads the same tomorrow; it runs against whatever commitments.json
holds. tests/test_tour.py runs it and fails when the README has drifted.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
TOUR_DAY = date(2026, 11, 23)
WIDTH = "100"

# Each block: its name in the README marker, and the command lines shown (a trailing " \" and
# indentation continue a line, as in a shell). Run in this order, in one folder.
BLOCKS: list[tuple[str, list[str]]] = [
    ("overdue", ["track list --overdue"]),
    ("overdue-then", ["track list --overdue --as-of 2025-06-01"]),
    ("due-soon", ["track list --due-within 90d"]),
    ("search", ['track list --search "to lam"']),
    ("show", ["track show local"]),
    (
        "update",
        [
            'track update esd --note "No report of the signing in the follow-ups reviewed" \\\n'
            "    --on 2026-11-23"
        ],
    ),
    (
        "review",
        ["track review followups/2025-12-04-vn-japan-first-2plus2-vice-ministerial.txt --all"],
    ),
    (
        "add",
        [
            "track init scratch.json",
            'track --db scratch.json add "Open a Japanese cultural centre in Da Nang" \\\n'
            '    --due "within this year" --made-on 2025-04-28 --party Japan --pillar people-exchange',
            "track --db scratch.json list",
        ],
    ),
    ("report", ["track report"]),
    ("check", ["track check", "echo $?"]),
    ("log", ["track log -n 4"]),
    (
        "correct",
        [
            'track update esd --status stalled --note "Talks postponed" --on 2026-11-23',
            "track undo esd",
            'track edit esd --alias "ESD programme MoU"',
            "track --db scratch.json remove open-japanese --yes",
        ],
    ),
    ("filters", ["track list --due-after 2026-01-01 --due-before 2026-12-31 --pillar economics"]),
    ("import", ["track import colleague.json --dry-run --on-conflict update"]),
    ("extract", ["track extract seeds/004_c6774d88e16af7bf.txt"]),
    (
        "deadline",
        [
            'track deadline "before the end of the year" --ref 2025-09-18',
            'track deadline "after 2030" --ref 2025-09-18',
            'track deadline "held on Thursday" --ref 2025-09-19 --direction backward',
        ],
    ),
]


def run_tour() -> dict[str, str]:
    """Each block's text: the prompt lines and what they print, as a terminal would show."""
    from typer.testing import CliRunner

    from tracker.cli import app

    now = datetime.combine(TOUR_DAY, datetime.min.time(), tzinfo=UTC).replace(hour=23)
    env = {"COLUMNS": WIDTH, "TRACK_DB": None, "TRACK_AS_OF": None, "NO_COLOR": "1",
           "TRACK_NO_CACHE": "1", "TZ": "UTC"}  # fmt: skip
    blocks: dict[str, str] = {}
    with _folder() as work, mock.patch.multiple(
        "tracker.cli.base.Settings", now=staticmethod(lambda: now),
        today=staticmethod(lambda: TOUR_DAY),
    ):  # fmt: skip
        runner = CliRunner(env=env)
        status = 0
        for name, lines in BLOCKS:
            if name == "import":
                _colleague_file(work)
            shown = []
            for line in lines:
                shown.append(f"$ {line}")
                words = shlex.split(line.replace("\\\n", " "))
                if words == ["echo", "$?"]:
                    shown.append(str(status))
                    continue
                result = runner.invoke(app, words[1:], catch_exceptions=False)
                status = result.exit_code
                shown.append((result.stdout + result.stderr).rstrip("\n"))
            blocks[name] = "\n".join(part for part in shown if part)
    return blocks


@contextmanager
def _folder() -> Iterator[Path]:
    """A scratch folder holding copies of the shipped database and articles, as the cwd."""
    before = Path.cwd()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        shutil.copy(ROOT / "commitments.json", work / "commitments.json")
        shutil.copytree(ROOT / "seeds", work / "seeds")
        shutil.copytree(ROOT / "followups", work / "followups")
        os.chdir(work)
        try:
            yield work
        finally:
            os.chdir(before)


def _colleague_file(work: Path) -> None:
    """What a colleague might send: one pledge renamed, one new."""
    from tracker.store import Store

    forum = Store(work / "commitments.json").load().get("localities-forum").to_dict()
    renamed = {**forum, "title": "Organise the Localities Forum (renamed)"}
    new = {**forum, "id": "brand-new", "title": "A brand new pledge"}
    (work / "colleague.json").write_text(json.dumps([renamed, new]), encoding="utf-8")


MARKER = re.compile(r"<!-- tour:(?P<name>[\w-]+) -->\n```console\n(?P<body>.*?)\n```", re.S)


def differences(readme: str, blocks: dict[str, str]) -> list[str]:
    """The names of blocks whose README text is not what the tour prints (or is missing)."""
    found = {m.group("name"): m.group("body") for m in MARKER.finditer(readme)}
    return [name for name in blocks if found.get(name) != blocks[name]]


def rewrite(readme: str, blocks: dict[str, str]) -> str:
    def fresh(match: re.Match[str]) -> str:
        body = blocks.get(match.group("name"), match.group("body"))
        return f"<!-- tour:{match.group('name')} -->\n```console\n{body}\n```"

    return MARKER.sub(fresh, readme)


def main() -> int:
    blocks = run_tour()
    readme = README.read_text(encoding="utf-8")
    if "--write" in sys.argv[1:]:
        README.write_text(rewrite(readme, blocks), encoding="utf-8")
        missing = [name for name in blocks if f"<!-- tour:{name} -->" not in readme]
        for name in missing:
            print(f"no <!-- tour:{name} --> marker in README.md", file=sys.stderr)
        return 1 if missing else 0
    stale = differences(readme, blocks)
    for name in stale:
        print(f"README.md tour block {name!r} differs from a fresh run", file=sys.stderr)
    return 1 if stale else 0


if __name__ == "__main__":
    sys.path.insert(0, str(ROOT))
    raise SystemExit(main())
