"""A one-line progress indicator on stderr (the table itself goes to stdout)."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """`step(phase, done, total)` rewrites one line at most every 0.2 s; `note(text)` prints a line."""

    def __init__(self, stream: TextIO | None = None, *, quiet: bool = False) -> None:
        self.stream = stream or sys.stderr
        self.quiet = quiet
        self.started = time.perf_counter()
        self._last = 0.0
        self._open = False
        self._tty = bool(getattr(self.stream, "isatty", lambda: False)())

    def _elapsed(self) -> str:
        return f"{time.perf_counter() - self.started:6.1f} s"

    def step(self, phase: str, done: int, total: int) -> None:
        if self.quiet:
            return
        now = time.perf_counter()
        final = done >= total
        if not final and now - self._last < (0.2 if self._tty else 5.0):
            return
        self._last = now
        pct = 100 * done // max(total, 1)
        bar = "#" * (pct // 5) + "." * (20 - pct // 5)
        line = f"[{self._elapsed()}] {phase:<28} [{bar}] {pct:3d} %"
        if self._tty:
            self.stream.write("\r" + line + ("\n" if final else ""))
            self._open = not final
        else:
            self.stream.write(line + "\n")
        self.stream.flush()

    def note(self, text: str) -> None:
        if self.quiet:
            return
        if self._open:
            self.stream.write("\n")
            self._open = False
        self.stream.write(f"[{self._elapsed()}] {text}\n")
        self.stream.flush()
