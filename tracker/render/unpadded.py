"""Output into a pipe or a file without the padding rich adds to fill the terminal's width."""

from __future__ import annotations

from typing import IO


class Unpadded:
    """A text stream that drops the spaces at the end of each line written through it."""

    def __init__(self, out: IO[str]) -> None:
        self.out = out
        self.pending = ""

    def write(self, chunk: str) -> int:
        *lines, self.pending = (self.pending + chunk).split("\n")
        if lines:
            self.out.write("".join(line.rstrip(" ") + "\n" for line in lines))
        return len(chunk)

    def flush(self) -> None:
        if self.pending:
            self.out.write(self.pending)
            self.pending = ""
        self.out.flush()

    def isatty(self) -> bool:
        return False

    def fileno(self) -> int:
        return self.out.fileno()
