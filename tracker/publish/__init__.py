"""A static website of the commitments: an overview, a page per commitment, a searchable list.

`build` is pure (commitments and a date in, file names and contents out); `write` puts the
files in a folder. The site is plain files: open `index.html` from disk or serve the folder
with any web server. Nothing is fetched from elsewhere; the only script is `assets/site.js`.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import date
from importlib.resources import files
from pathlib import Path

from tracker.errors import StorageError
from tracker.model import Commitment
from tracker.query import Filters
from tracker.report import build as build_report

MARKER = ".track-site"
ASSETS = ("site.css", "site.js")


def build(
    commitments: Iterable[Commitment], as_of: date, filters: Filters, title: str
) -> dict[str, str]:
    """Every file of the site, by its path relative to the site's folder."""
    from tracker.publish.commitment import commitment_page
    from tracker.publish.listing import list_page
    from tracker.publish.overview import overview
    from tracker.publish.parts import page_name

    report = build_report(commitments, as_of, filters)
    site = {"index.html": overview(report, title), "list.html": list_page(report, title)}
    for item in report.views:
        site[page_name(item.commitment.id)] = commitment_page(item, title)
    for name in ASSETS:
        site[f"assets/{name}"] = (
            files("tracker.publish").joinpath("assets", name).read_text("utf-8")
        )
    return site


def write(site: dict[str, str], folder: Path) -> int:
    """Write the site into `folder`; pages of commitments no longer published are removed.

    Refuses a folder that holds other files (track deletes only what it wrote). Each file is
    replaced whole, so a web server serving the folder never sends half a page.
    Returns the number of commitment pages removed.
    """
    if folder.exists() and not folder.is_dir():
        raise StorageError(f"{folder} is a file; give a folder for the site")
    if folder.is_dir() and any(folder.iterdir()) and not (folder / MARKER).exists():
        raise StorageError(
            f"{folder} is not empty and was not published by track; give a new or empty "
            "folder (track only replaces a site it published itself)"
        )
    try:
        for sub in ("c", "assets"):
            (folder / sub).mkdir(parents=True, exist_ok=True)
        (folder / MARKER).write_text("Published by `track publish`; it rewrites this folder.\n")
        for name, content in site.items():
            _replace(folder / name, content)
        stale = [p for p in (folder / "c").glob("*.html") if f"c/{p.name}" not in site]
        for path in stale:
            path.unlink()
    except OSError as error:
        raise StorageError(
            f"cannot write the site in {folder}: {error.strerror or error}"
        ) from None
    return len(stale)


def _replace(path: Path, content: str) -> None:
    """A new file is written in place; a changed one through a temporary file and a rename;
    an unchanged one is left alone (a republish rewrites only what changed)."""
    data = content.encode("utf-8")
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        path.write_bytes(data)
        return
    if size == len(data) and path.read_bytes() == data:
        return
    temporary = path.with_name(f".{path.name}.tmp")
    temporary.write_bytes(data)
    os.replace(temporary, path)
