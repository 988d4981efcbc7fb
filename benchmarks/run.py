"""Time `track` as whole processes against Python's floors and Taskwarrior, in one run.

Usage: python benchmarks/run.py [--sizes 50,1000,10000,100000] [--cloned 10000,100000]
                                [--runs 7] [--output FILE]

For each size it generates a deterministic synthetic database (benchmarks/generate.py), and for
each --cloned size one cloned from the shipped records (their real text lengths), times every
command several times (median, min, max, in milliseconds) and records each command's peak
memory (the child's maximum resident set, from its resource usage), loads the same data into
Taskwarrior when the `task` binary is installed, and prints the ratios track/task. Commands read
through the query index as users' commands do (its cache folder is the run's own); one row
touches the file before each run, so it shows the first command after a change, which rebuilds
the index. The result is written as markdown tables (default benchmarks/results.md). Nothing
here runs in CI.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from generate import write, write_cloned  # noqa: E402

from tracker.export import stable_uuid, to_taskwarrior  # noqa: E402
from tracker.query import views  # noqa: E402
from tracker.store import Store  # noqa: E402

FLOOR_APP = """
import typer

app = typer.Typer()


@app.command()
def hello(name: str = "world") -> None:
    print(f"hello {name}")


@app.command()
def bye(name: str = "world") -> None:
    print(f"bye {name}")


app()
"""


Command = tuple[str, Callable[[int], list[str]], dict[str, str]]


PEAK: dict[str, dict[str, float]] = {}  # label -> column -> largest peak memory seen, in MB
# GNU time reports its child's maximum resident set (the resource usage wait4 returns). A child
# started straight from this script would count this script's own memory too: Linux carries a
# process's peak across exec, and this script holds whole databases.
GNU_TIME = "/usr/bin/time" if Path("/usr/bin/time").is_file() else None


def timed_together(commands: list[Command], runs: int, column: str = "") -> dict[str, list[float]]:
    """Wall-clock milliseconds of each command, `runs` times after one warm-up.

    The commands take turns (a, b, c, a, b, c, …) rather than running in blocks, so that a
    busy spell on a shared machine slows all of them alike and the ratios stay fair. Each
    command's peak memory is kept in PEAK (all commands are started through GNU time alike).
    """
    samples: dict[str, list[float]] = {label: [] for label, _, _ in commands}
    with tempfile.TemporaryDirectory() as tmp:
        peak_file = Path(tmp) / "peak"
        prefix = [GNU_TIME, "-f", "%M", "-o", str(peak_file)] if GNU_TIME else []
        for attempt in range(runs + 1):
            for label, argv, env in commands:
                args = argv(attempt)
                start = time.perf_counter()
                done = subprocess.run(
                    [*prefix, *args],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    check=False,
                )
                elapsed = (time.perf_counter() - start) * 1000
                if done.returncode not in (0, 1):
                    raise SystemExit(f"{' '.join(args)} failed: {done.stderr.decode()[-500:]}")
                if attempt:
                    samples[label].append(elapsed)
                if GNU_TIME and attempt:  # the warm-up may build the index: not counted
                    kib = float(peak_file.read_text().split()[-1])
                    peak = PEAK.setdefault(label, {})
                    peak[column] = max(peak.get(column, 0.0), kib / 1024)
    return samples


def fixed(argv: list[str]) -> Callable[[int], list[str]]:
    return lambda _attempt: argv


def completing(line: str, cword: int) -> dict[str, str]:
    """The environment bash's completion script sets when Tab is pressed after `line`."""
    return {"_TRACK_COMPLETE": "complete_bash", "COMP_WORDS": line, "COMP_CWORD": str(cword)}


def summary(samples: list[float]) -> str:
    return f"{statistics.median(samples):.0f} ({min(samples):.0f}–{max(samples):.0f})"


class Bench:
    def __init__(self, runs: int, work: Path) -> None:
        self.runs = runs
        self.work = work
        self.python = sys.executable
        self.track = str(Path(sys.executable).parent / "track")
        self.task = shutil.which("task")
        self.results: dict[str, dict[str, list[float]]] = {}

    def record(self, label: str, column: str, samples: list[float]) -> None:
        self.results.setdefault(label, {})[column] = samples
        print(f"  {label:<42} {column:>9}: {summary(samples)} ms", flush=True)

    def record_all(self, column: str, samples: dict[str, list[float]]) -> None:
        for label, values in samples.items():
            self.record(label, column, values)

    def floor_commands(self) -> list[Command]:
        app = self.work / "floor_app.py"
        app.write_text(FLOOR_APP)
        env = dict(os.environ)
        return [
            ("python -c pass", fixed([self.python, "-c", "pass"]), env),
            ('python -c "import typer"', fixed([self.python, "-c", "import typer"]), env),
            ("minimal two-command typer app", fixed([self.python, str(app), "hello"]), env),
        ]

    def track_commands(self, db: Path, some_id: str) -> list[Command]:
        env = {
            **os.environ,
            "TRACK_DB": str(db),
            "TRACK_AS_OF": date.today().isoformat(),
            "XDG_CACHE_HOME": str(self.work / "cache"),
        }
        env.pop("COLUMNS", None)
        env.pop("PYTHONDONTWRITEBYTECODE", None)  # as installed: compiled once, then cached
        run = self.track
        statuses = ("in-progress", "stalled")
        update = lambda n: [run, "update", some_id, "--status", statuses[n % 2]]  # noqa: E731

        def changed(_attempt: int) -> list[str]:
            os.utime(db)  # a new stamp: the command finds the index stale and rebuilds it
            return [run, "list", "--overdue"]

        return [
            ("track list --overdue", fixed([run, "list", "--overdue"]), env),
            (
                "track list --overdue --format json",
                fixed([run, "list", "--overdue", "-f", "json"]),
                env,
            ),
            ("track show ID", fixed([run, "show", some_id]), env),
            ("track check", fixed([run, "check"]), env),
            ("track update ID --status …", update, env),
            ("track list --overdue, file changed (rebuild)", changed, env),
            ("track report", fixed([run, "report"]), env),
            ("track --help", fixed([run, "--help"]), env),
            (
                "Tab: track show PREFIX (bash completion)",
                fixed([run]),
                {**env, **completing(f"track show {some_id[:3]}", 2)},
            ),
            (
                "Tab: track list --status (bash completion)",
                fixed([run]),
                {**env, **completing("track list --status ", 3)},
            ),
        ]

    def task_commands(self, db: Path, column: str, some_id: str) -> list[Command]:
        if not self.task:
            return []
        data = self.work / f"task-{column}"
        shutil.rmtree(data, ignore_errors=True)
        data.mkdir()
        rc = data / "taskrc"
        rc.write_text(f"data.location={data}\nconfirmation=off\nverbose=nothing\nhooks=off\n")
        env = {**os.environ, "TASKRC": str(rc), "TASKDATA": str(data)}
        exported = data / "import.json"
        exported.write_text(to_taskwarrior(views(Store(db).load(), date.today())), encoding="utf-8")
        started = time.perf_counter()
        subprocess.run(
            [self.task, "import", str(exported)], env=env, stdout=subprocess.DEVNULL, check=True
        )
        print(f"  (loaded into Taskwarrior in {time.perf_counter() - started:.1f} s)", flush=True)
        task = self.task
        uuid = stable_uuid(some_id)
        modify = lambda n: [task, uuid, "modify", f"priority:{'HML'[n % 3]}"]  # noqa: E731
        return [
            ("task +OVERDUE ls", fixed([task, "+OVERDUE", "ls"]), env),
            ("task +OVERDUE export", fixed([task, "+OVERDUE", "export"]), env),
            ("task ID modify", modify, env),
        ]

    def memory_table(self, columns: list[str]) -> str:
        head = "| peak memory, MB | " + " | ".join(columns) + " |"
        lines = [head, "|---|" + "---:|" * len(columns)]
        for label in self.results:
            cells = PEAK.get(label, {})
            lines.append(
                f"| `{label}` | "
                + " | ".join(f"{cells[c]:.0f}" if c in cells else "" for c in columns)
                + " |"
            )
        return "\n".join(lines)

    def table(self, columns: list[str]) -> str:
        head = "| command | " + " | ".join(columns) + " |"
        rule = "|---|" + "---:|" * len(columns)
        lines = [head, rule]
        for label, cells in self.results.items():
            lines.append(
                f"| `{label}` | "
                + " | ".join(summary(cells[c]) if c in cells else "" for c in columns)
                + " |"
            )
        ratios = [
            ("track list --overdue", "task +OVERDUE ls"),
            ("track list --overdue --format json", "task +OVERDUE export"),
            ("track update ID --status …", "task ID modify"),
        ]
        for ours, theirs in ratios:
            if theirs in self.results:
                cells = []
                for c in columns:
                    a, b = self.results[ours].get(c), self.results[theirs].get(c)
                    cells.append(
                        f"**{statistics.median(a) / statistics.median(b):.2f}**" if a and b else ""
                    )
                lines.append(f"| ratio `{ours}` / `{theirs}` | " + " | ".join(cells) + " |")
        floor = self.results.get("minimal two-command typer app", {}).get("floor")
        if floor:
            cells = [
                f"**{statistics.median(self.results['track list --overdue'][c]) / statistics.median(floor):.2f}**"
                if c in self.results["track list --overdue"] else ""
                for c in columns
            ]  # fmt: skip
            lines.append(
                "| ratio `track list --overdue` / typer floor | " + " | ".join(cells) + " |"
            )
        return "\n".join(lines)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        model = next(
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        )
        cpu = model
    except (OSError, StopIteration):
        pass
    return f"{platform.system()} {platform.machine()}, {os.cpu_count()} cores ({cpu}), Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="50,1000,10000,100000")
    parser.add_argument("--cloned", default="10000,100000")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--output", default=str(HERE / "results.md"))
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s]
    cloned = [int(s) for s in args.cloned.split(",") if s]
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tracker")], check=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        bench = Bench(args.runs, work)
        print("floors and the shipped database, taking turns", flush=True)
        columns = ["floor", "shipped"]
        shipped = work / "commitments.json"
        shutil.copy(ROOT / "commitments.json", shipped)
        floors = bench.floor_commands()
        together = timed_together(
            [*floors, *bench.track_commands(shipped, "localities-forum")], args.runs, "shipped"
        )
        floor_labels = {label for label, _, _ in floors}
        for label in floor_labels:
            PEAK[label]["floor"] = PEAK[label].pop("shipped")
        bench.record_all("floor", {k: v for k, v in together.items() if k in floor_labels})
        bench.record_all("shipped", {k: v for k, v in together.items() if k not in floor_labels})
        out = ROOT / "benchmarks" / "out"
        sets = [(size, f"{size:,}", write(size, out)) for size in sizes]
        # Cloned from the shipped file as it is in the repository, not from the copy the
        # shipped column's `update` runs have just changed.
        pristine = ROOT / "commitments.json"
        sets += [(size, f"{size:,} cloned", write_cloned(size, out, pristine)) for size in cloned]
        for size, column, source in sets:
            print(f"{column} commitments", flush=True)
            db = work / f"db-{column.replace(',', '').replace(' ', '-')}.json"
            shutil.copy(source, db)
            some_id = next(iter(Store(db).load())).id
            runs = args.runs if size <= 10_000 else max(3, args.runs // 2)
            columns.append(column)
            commands = [
                *bench.track_commands(db, some_id),
                *bench.task_commands(db, column, some_id),
            ]
            bench.record_all(column, timed_together(commands, runs, column))
    task_version = ""
    if bench.task:
        task_version = subprocess.run(
            [bench.task, "--version"], capture_output=True, text=True
        ).stdout.strip()
    report = (
        f"Measured {date.today()} on {machine()}; Taskwarrior {task_version or 'not installed'}.\n"
        f"Milliseconds per whole process: median (min–max) of {args.runs} runs after a warm-up "
        "(3 at 100,000). Output to a pipe, as from a script.\n\n"
        + bench.table(columns)
        + "\n\nPeak memory of each command (largest maximum resident set over its runs):\n\n"
        + bench.memory_table(columns)
        + "\n"
    )
    Path(args.output).write_text(report, encoding="utf-8")
    print("\n" + report)


if __name__ == "__main__":
    main()
