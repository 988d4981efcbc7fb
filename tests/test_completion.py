"""Shell completion: commands, options, statuses and ids, in bash's, zsh's and fish's formats."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import load

from tracker.cli.completion import answer, build_spec
from tracker.completion_spec import SPEC

TRACK = str(Path(sys.executable).parent / "track")


def bash(line: str, db: Path) -> list[str]:
    """What bash's completion asks for when Tab is pressed at the end of `line`."""
    words = line.split(" ")
    env = {"COMP_WORDS": "\n".join(words), "COMP_CWORD": str(len(words) - 1), "TRACK_DB": str(db)}
    text, code = answer("bash", env, str(db.parent))
    assert code == 0
    return text.splitlines()


def test_the_spec_is_the_application_as_it_is():
    assert build_spec() == SPEC, (
        "regenerate: python -m tracker.cli.completion && ruff format tracker/completion_spec.py"
    )


def test_an_id_prefix_completes_to_the_ids_it_starts(db: Path):
    assert bash("track show loc", db) == ["localities-forum"]
    expected = sorted(cid for cid in load(db) if cid.startswith("s"))
    assert bash("track update s", db) == expected and len(expected) > 1


def test_a_status_completes_after_status_options(db: Path):
    assert bash("track update local --status ful", db) == ["fulfilled"]
    assert bash("track list -s F", db) == ["fulfilled"]
    assert bash("track list --status ", db)[:3] == ["pending", "in-progress", "stalled"]


def test_commands_options_and_database_values(db: Path):
    assert bash("track sh", db) == ["show"]
    assert "--due-before" in bash("track list --due", db)
    assert bash("track --db " + str(db) + " show 2p", db) == ["2plus2-dialogue"]
    pillars = sorted({c.pillar for c in load(db).values()})
    assert bash("track list --pillar ", db) == pillars
    assert bash("track export -f m", db) == ["markdown"]
    assert bash("track import ", db) == []  # a file name: the shell's own completion
    assert bash("track nonsense ", db) == []


def test_zsh_and_fish_formats(db: Path):
    env = {"TRACK_DB": str(db), "_TYPER_COMPLETE_ARGS": "track show loc"}
    assert answer("zsh", env, str(db.parent)) == ("_arguments '*: :((\"localities-forum\"))'", 0)
    assert answer("zsh", {**env, "_TYPER_COMPLETE_ARGS": "track import "}, ".") == ("_files", 0)
    fish = {**env, "_TYPER_COMPLETE_FISH_ACTION": "get-args"}
    assert answer("fish", fish, ".") == ("localities-forum", 0)
    listed, _ = answer("fish", {**fish, "_TYPER_COMPLETE_ARGS": "track sh"}, ".")
    assert listed.startswith("show\tEverything about one commitment")
    assert answer("fish", {**fish, "_TYPER_COMPLETE_FISH_ACTION": "is-args"}, ".")[1] == 0


@pytest.mark.parametrize(
    ("shell", "installed"),
    [
        ("bash", ".bash_completions/track.sh"),
        ("zsh", ".zfunc/_track"),
        ("fish", ".config/fish/completions/track.fish"),
    ],
)
def test_install_completion_writes_the_script_for_each_shell(
    tmp_path: Path, shell: str, installed: str
):
    env = {**os.environ, "HOME": str(tmp_path), "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1"}
    done = subprocess.run(
        [TRACK, "--install-completion", shell], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    script = (tmp_path / installed).read_text(encoding="utf-8")
    assert f"_TRACK_COMPLETE=complete_{shell}" in script


@pytest.mark.skipif(shutil.which("bash") is None, reason="bash is not installed")
def test_tab_in_a_real_bash_after_install(db: Path, tmp_path: Path):
    env = {
        **os.environ,
        "HOME": str(tmp_path),
        "_TYPER_COMPLETE_TEST_DISABLE_SHELL_DETECTION": "1",
        "PATH": f"{Path(TRACK).parent}{os.pathsep}{os.environ['PATH']}",
        "TRACK_DB": str(db),
    }
    subprocess.run(
        [TRACK, "--install-completion", "bash"], env=env, check=True, capture_output=True
    )
    script = (
        f"source {tmp_path / '.bash_completions/track.sh'}\n"
        "COMP_WORDS=(track show loc); COMP_CWORD=2; _track_completion track\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
        "COMP_WORDS=(track list --status f); COMP_CWORD=3; _track_completion track\n"
        'printf "%s\\n" "${COMPREPLY[@]}"\n'
    )
    done = subprocess.run(["bash", "--norc", "-c", script], env=env, capture_output=True, text=True)
    assert done.stdout.split() == ["localities-forum", "fulfilled"], done.stderr
