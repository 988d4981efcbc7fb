"""track: pledges from official statements as tracked commitments."""

__version__ = "0.1.0"
