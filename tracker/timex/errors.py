"""The one error the tagger raises: words it cannot read, or dates that do not exist."""

from __future__ import annotations

from tracker.errors import InvalidInput


class TimexError(InvalidInput):
    """A time phrase the tagger cannot read, or one that names an impossible date."""
