"""Does a quote appear verbatim in its document?

Compared after normalising only what typesetting changes: runs of whitespace, curly versus
straight quotes, and the dash family. Anything else (a changed word, a dropped diacritic) fails.
"""

from __future__ import annotations

import re
from pathlib import Path

_TYPOGRAPHY = str.maketrans(
    {
        "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"',
        "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-",
        "\u2015": "-", "\u2212": "-", "\u00a0": " ",
    }
)  # fmt: skip


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(_TYPOGRAPHY)).strip()


def quote_in_text(quote: str, document_text: str) -> bool:
    wanted = normalise(quote)
    return bool(wanted) and wanted in normalise(document_text)


def document_path(document: str, base: Path) -> Path:
    """Source documents are stored relative to the database's folder."""
    path = Path(document)
    return path if path.is_absolute() else base / path
