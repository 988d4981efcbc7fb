"""Shell completion: typer's protocol for bash, zsh and fish, answered without starting typer.

`track --install-completion` (typer's own) installs a script that, on Tab, runs `track` with
`_TRACK_COMPLETE=complete_bash` (or zsh, fish) and the words typed in the environment. `main()`
hands such a call here before anything else is imported, and this answers it in the format
typer's completion classes use. Other shells (PowerShell) go through typer as usual.

`python -m tracker.cli.completion && ruff format tracker/completion_spec.py` regenerates the
spec from the typer application; a test fails when the two differ.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing itself costs start-up time on every Tab press

if TYPE_CHECKING:
    from collections.abc import Mapping
    from typing import Any

SHELLS = ("bash", "zsh", "fish")
VARIABLE = "_TRACK_COMPLETE"


def wanted(env: Mapping[str, str]) -> str | None:
    """The shell whose completion request this process is, if it is one we answer."""
    value = env.get(VARIABLE, "")
    shell = value.removeprefix("complete_")
    return shell if value.startswith("complete_") and shell in SHELLS else None


def answer(shell: str, env: Mapping[str, str], cwd: str) -> tuple[str, int]:
    """The text to print and the exit code for one completion request."""
    from tracker import completion
    from tracker.completion_spec import SPEC

    args, incomplete = _words(shell, env)
    values = completion.database_values(completion.database_path(args, env, cwd))
    items = completion.candidates(args, incomplete, SPEC, values)
    if shell == "bash":
        return "\n".join(value for value, _ in items), 0
    if shell == "zsh":
        if not items:
            return "_files", 0
        listed = "\n".join(_zsh_item(value, text) for value, text in items)
        return f"_arguments '*: :(({listed}))'", 0
    if env.get("_TYPER_COMPLETE_FISH_ACTION") == "is-args":
        return "", 0 if items else 1
    return "\n".join(f"{v}\t{_one_line(t)}" if t else v for v, t in items), 0


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _words(shell: str, env: Mapping[str, str]) -> tuple[list[str], str]:
    """The words before the cursor (without the program name) and the word being typed."""
    if shell == "bash":
        words = _split(env.get("COMP_WORDS", ""))
        cword = int(env.get("COMP_CWORD", "0") or 0)
        return words[1:cword], words[cword] if cword < len(words) else ""
    line = env.get("_TYPER_COMPLETE_ARGS", "")
    words = _split(line)[1:]
    if words and not line.endswith(" "):
        return words[:-1], words[-1]
    return words, ""


def _split(line: str) -> list[str]:
    """Split like a shell, forgiving an unclosed quote (the user is still typing)."""
    if not any(mark in line for mark in "'\"\\"):
        return line.split()  # the common case, without importing shlex (and re)
    import shlex

    lexer = shlex.shlex(line, posix=True)
    lexer.whitespace_split = True
    lexer.commenters = ""
    words: list[str] = []
    try:
        for word in lexer:
            words.append(word)
    except ValueError:
        words.append(lexer.token)
    return words


def _zsh_item(value: str, text: str) -> str:
    def escape(s: str) -> str:
        return (
            s.replace('"', '""')
            .replace("'", "''")
            .replace("$", "\\$")
            .replace("`", "\\`")
            .replace(":", r"\\:")
        )

    return f'"{escape(value)}":"{escape(text)}"' if text else f'"{escape(value)}"'


def run() -> bool:
    """Answer a completion request if this process is one; True if it was."""
    shell = wanted(os.environ)
    if shell is None:
        return False
    text, code = answer(shell, os.environ, os.getcwd())
    if text:
        sys.stdout.write(text + "\n")
    sys.stdout.flush()
    os._exit(code)  # nothing else to run or clean up: skip the interpreter's shutdown


# --- the spec, generated from the typer application ----------------------------------------

KINDS_BY_METAVAR = {"STATUS": "status", "PILLAR": "pillar", "PARTY": "party", "TAG": "tag"}


def build_spec() -> dict[str, Any]:
    """Commands, their options (with the kind of value each takes) and positional arguments."""
    import typer

    from tracker.cli import load

    app = typer.main.get_command(load())
    from tracker.schema import STATUSES

    spec: dict[str, Any] = {
        "statuses": list(STATUSES),
        "options": _options(app.params),
        "commands": {},
    }
    for name, command in app.commands.items():
        arguments = [
            "id" if (p.metavar or "") == "ID" else "file"
            for p in command.params
            if p.param_type_name == "argument"
        ]
        spec["commands"][name] = {
            "help": (command.short_help or command.help or "").split("\n")[0].strip(),
            "options": _options(command.params),
            "arguments": arguments,
        }
    return spec


def _options(params: list[Any]) -> dict[str, str]:
    """Each option's name and the kind of value it takes ("" for a flag). Their help texts
    are left out: they change more often than the options, and `--help` shows them."""
    options: dict[str, str] = {}
    for param in params:
        if param.param_type_name != "option":
            continue
        kind = "" if param.is_flag else _kind(param)
        for name in (*param.opts, *param.secondary_opts):
            options[name] = kind
    return dict(sorted(options.items()))


def _kind(param: Any) -> str:
    import re

    metavar = param.metavar or ""
    if metavar in KINDS_BY_METAVAR:
        return KINDS_BY_METAVAR[metavar]
    if metavar in ("FORMAT", "KEY", "POLICY"):
        listed = re.sub(r"\(.*?\)", "", param.help or "").split(":")[-1]
        words = [
            part.split()[-1] for part in re.split(r",| or ", listed.rstrip(". ")) if part.split()
        ]
        return "choice:" + ",".join(words)
    if getattr(param.type, "choices", None):
        return "choice:" + ",".join(map(str, param.type.choices))
    return "value"


def render_spec(spec: dict[str, Any]) -> str:
    import pprint

    body = pprint.pformat(spec, width=100, sort_dicts=False)
    return (
        '"""Commands and options for shell completion: generated by '
        '`python -m tracker.cli.completion`, do not edit."""\n\n'
        f"SPEC = {body}\n"
    )


if __name__ == "__main__":
    from pathlib import Path

    SPEC_PATH = Path(__file__).resolve().parent.parent / "completion_spec.py"
    SPEC_PATH.write_text(render_spec(build_spec()), encoding="utf-8")
    print(f"wrote {SPEC_PATH}")
