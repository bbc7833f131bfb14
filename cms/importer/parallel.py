"""Work an import hands to a second process, so that both cores of a small server share it.

Cutting a batch's texts into search terms (``search.analysis``: pure Python on strings) is a
quarter of an article's import; a worker does it while this process writes the batch's pages.
The worker is spawned (not forked: it must not share this process's database connection) and
imports only the analysis modules. Small files stay in one process: starting a worker costs
more than it saves below a few thousand records.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

__all__ = ["MIN_RECORDS", "Pool"]

#: Files with fewer records than this are imported in one process.
MIN_RECORDS = 2_000


class _Done(Future):
    """The result of work done on the spot (no worker)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.set_result(value)


class Pool:
    """One worker process, started on first use when ``enabled``, stopped by ``close``."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if not self.enabled:
            return _Done(fn(*args))
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=1, mp_context=multiprocessing.get_context("spawn")
            )
        return self._executor.submit(fn, *args)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None
