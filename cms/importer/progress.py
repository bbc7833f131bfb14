"""Progress on a terminal (count, rate, ETA); silence when the output is not a terminal."""

from __future__ import annotations

import time
from typing import TextIO

from cms import text

__all__ = ["Progress"]


class Progress:
    """A one-line counter redrawn at most every ``interval`` seconds, only on a TTY."""

    def __init__(
        self, stream: TextIO, total: int, label: str, *, enabled: bool | None = None,
        interval: float = 0.5,
    ) -> None:
        self.stream = stream
        self.total = total
        self.label = label
        self.enabled = stream.isatty() if enabled is None else enabled
        self.interval = interval
        self.done = 0
        self.started = time.monotonic()
        self._drawn = 0.0

    def __call__(self, count: int = 1) -> None:
        self.done += count
        now = time.monotonic()
        if self.enabled and (now - self._drawn >= self.interval or self.done >= self.total):
            self._drawn = now
            self.stream.write("\r" + self.line(now) + "\x1b[K")
            self.stream.flush()

    def line(self, now: float | None = None) -> str:
        """``Nhập: 12.000/100.000 (12,00%) · 350 bản ghi/s · còn 00:03:43``."""
        elapsed = max((now or time.monotonic()) - self.started, 1e-6)
        rate = self.done / elapsed
        remaining = (self.total - self.done) / rate if rate else 0
        eta = time.strftime("%H:%M:%S", time.gmtime(max(remaining, 0)))
        return (
            f"{self.label}: {text.format_number(self.done)}/{text.format_number(self.total)} "
            f"({text.format_percent(self.done, self.total)}) · "
            f"{text.format_number(rate)} bản ghi/s · còn {eta}"
        )

    def finish(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()
