"""One error family for the domain; only the CLI edge turns these into exit codes."""


class TrackError(Exception):
    """Anything `track` can explain to the user; exit code 1 unless a subclass says otherwise."""

    exit_code = 1


class InvalidInput(TrackError):
    """The user asked for something malformed (bad date, unknown status): bad usage, exit 2."""

    exit_code = 2


class NotFound(TrackError):
    """A commitment id or prefix that matches nothing (or too much)."""


class StorageError(TrackError):
    """The database file cannot be found, read, locked, parsed or written."""


class Refused(TrackError):
    """A change that would lose recorded work (a colleague's events, a merge conflict)."""
