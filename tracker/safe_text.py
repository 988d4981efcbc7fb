"""Untrusted text made safe for a terminal: escape sequences and control characters made visible.

Titles, notes, quotes and imported rows come from other people. A terminal obeys ESC, CSI (C1
0x9b), backspace and carriage return, and bidirectional overrides can make text read backwards;
none of them may reach it. They are shown as `\\x1b`-style escapes instead, so nothing is hidden.
"""

from __future__ import annotations

import re
from functools import cache

# C0 controls, DEL, C1 controls, the bidirectional embedding/override/isolate marks, the
# invisible direction marks (LRM, RLM, ALM) and the Unicode line and paragraph separators.
_MARKS = "\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
_PATTERNS = {
    "unsafe": f"[\\x00-\\x08\\x0b-\\x1f\\x7f-\\x9f{_MARKS}]",
    "unsafe with newlines": f"[\\x00-\\x1f\\x7f-\\x9f{_MARKS}]",
    "markdown": r"([\\`*_\[\]()!#|>~])",
}


@cache
def _pattern(name: str) -> re.Pattern[str]:
    """Compiled on first use: a command that prints only JSON never needs them (1 ms)."""
    return re.compile(_PATTERNS[name])


def _visible(match: re.Match[str]) -> str:
    code = ord(match.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def clean(text: str, keep_newlines: bool = False) -> str:
    """`text` with every unsafe character replaced by its visible escape (tabs become spaces)."""
    text = text.replace("\t", "    ")
    if keep_newlines:
        text = text.replace("\r\n", "\n")
        return _pattern("unsafe").sub(_visible, text)
    return _pattern("unsafe with newlines").sub(_visible, text)


def markdown_text(text: str) -> str:
    """`text` for a markdown table cell: cleaned, and every character markdown acts on escaped,
    so `[x](javascript:…)` or `![](http://…)` is shown, never turned into a link or an image."""
    return _pattern("markdown").sub(r"\\\1", clean(text)).replace("<", "&lt;")
