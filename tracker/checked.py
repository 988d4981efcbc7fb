"""Remembers which exact database file was last validated, so an unchanged file is not re-checked.

Validating every record is the largest cost of reading a big database (about 55 ms at 10,000
commitments). A file is identified by its size, modification time in nanoseconds and inode,
taken from the same open file descriptor the bytes were read from, so a file replaced between
the check and the read is never mistaken for the checked one; any write, by track (atomic
replace: new inode) or by an editor, changes the stamp and brings a full check. The marker lives
in the user's cache folder ($XDG_CACHE_HOME/track, else ~/.cache/track); if that cannot be
written, nothing is remembered and every read validates. `track doctor` always checks in full.
"""

from __future__ import annotations

import os
import re
import zlib
from pathlib import Path


def stamp(fd: int, schema_version: int) -> str:
    info = os.fstat(fd)
    return f"{info.st_size} {info.st_mtime_ns} {info.st_ino} {info.st_dev} schema {schema_version}"


def cache_path(kind: str, path: Path, suffix: str = "") -> Path:
    """Where track remembers something about the database at `path` ($XDG_CACHE_HOME/track/KIND)."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    # A readable name plus a checksum; a clash between two paths would be harmless, since what
    # is kept there is checked against the file itself. (hashlib costs 5 ms of start-up.)
    full = str(path.resolve())
    checksum = zlib.crc32(full.encode("utf-8", "surrogatepass"))
    name = re.sub(r"[^A-Za-z0-9._-]+", "_", full)[-120:]
    return Path(base) / "track" / kind / f"{name}-{checksum:08x}{suffix}"


def _marker(path: Path) -> Path:
    return cache_path("validated", path)


CANONICAL = " canonical"


def is_validated(path: Path, file_stamp: str) -> bool:
    return _recorded(path) in (file_stamp, file_stamp + CANONICAL)


def is_canonical(path: Path, file_stamp: str) -> bool:
    """Validated, and known to be in track's own layout (see splice.py)."""
    return _recorded(path) == file_stamp + CANONICAL


def _recorded(path: Path) -> str | None:
    if os.environ.get("TRACK_NO_CACHE"):
        return None
    try:
        return _marker(path).read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def remember(path: Path, file_stamp: str, canonical: bool = False) -> None:
    if os.environ.get("TRACK_NO_CACHE"):
        return
    marker = _marker(path)
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        temporary = marker.with_name(f"{marker.name}.{os.getpid()}.tmp")
        temporary.write_text(file_stamp + CANONICAL * canonical, encoding="utf-8")
        os.replace(temporary, marker)
    except OSError:
        pass  # a cache that cannot be written only costs speed
