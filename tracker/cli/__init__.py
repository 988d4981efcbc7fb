"""The command line: a thin adapter from arguments to core calls to the renderer.

Commands live in modules grouped by job. `main()` imports only the module of the command being
run (the rest cost start-up time on every call); `--help`, no command, or an unknown one load
them all so typer can list them. `tracker.cli.app` is the complete application.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing itself costs start-up time on every Tab press

if TYPE_CHECKING:
    from typing import Any

COMMAND_MODULES = {
    "init": "commitments",
    "list": "commitments",
    "show": "commitments",
    "add": "commitments",
    "update": "commitments",
    "edit": "editing",
    "remove": "editing",
    "undo": "editing",
    "deadline": "deadline",
    "doctor": "maintenance",
    "report": "reports",
    "check": "reports",
    "log": "reports",
    "publish": "publish",
    "export": "exchange",
    "import": "exchange",
    "extract": "extraction",
    "review": "review",
    "merge-driver": "team",
    "git-setup": "team",
    "resolve": "team",
}
GLOBAL_OPTIONS_WITH_VALUE = {"--db"}


# The order `track --help` lists them in: everyday work first.
MODULE_ORDER = (
    "commitments",
    "editing",
    "reports",
    "publish",
    "deadline",
    "review",
    "extraction",
    "exchange",
    "maintenance",
    "team",
)


def load(modules: set[str] | None = None) -> Any:
    """Import the command modules (all by default) and return the typer app."""
    import importlib

    for module in (m for m in MODULE_ORDER if modules is None or m in modules):
        importlib.import_module(f"tracker.cli.{module}")
    from tracker.cli.base import app

    return app


def command_in(argv: list[str]) -> str | None:
    """The command name in an argument list, skipping global options; None if there is none."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in GLOBAL_OPTIONS_WITH_VALUE:
            skip = True
        elif not arg.startswith("-"):
            return arg
    return None


def main() -> None:
    from tracker.cli import completion

    if completion.run():  # a Tab press in bash, zsh or fish: answered without typer
        return
    name = command_in(sys.argv[1:])
    module = COMMAND_MODULES.get(name or "")
    if name and module:
        only(load({module}), name)()
    else:
        load()()


def only(app: Any, name: str) -> Any:
    """The app with one command: typer builds the options of every command it holds on each
    start (6 ms for the five everyday ones), though only one runs."""
    import copy

    chosen = copy.copy(app)
    chosen.registered_commands = [c for c in app.registered_commands if c.name == name]
    return chosen


def __getattr__(name: str) -> Any:
    if name == "app":
        return load()
    raise AttributeError(name)
