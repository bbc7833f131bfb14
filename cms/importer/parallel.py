"""Work an import hands to other processes, so that the cores of a small server share it.

Reading and validating the file's lines (``reader.read_chunk``) and cutting a batch's texts
into index terms (the registered ``BulkIndexer.cut``) are pure Python on strings, half of an
article's import: workers do them while this process writes pages. Workers are spawned (not
forked: they must not share this process's database connection) with Django set up but never
connected (the apps register their record types in ``ready()``; validators live in models).
Small files stay in one process: starting workers costs more than it saves below a few
thousand records.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

__all__ = ["MIN_BYTES", "Pool"]

#: Files smaller than this (about 2,000 articles) are imported in one process.
MIN_BYTES = 4 << 20
#: Worker processes: this one, the workers and the database server share two cores here.
WORKERS = 2


def _start_worker() -> None:
    import django

    django.setup()


class _Done(Future):
    """The result of work done on the spot (no worker)."""

    def __init__(self, value: Any) -> None:
        super().__init__()
        self.set_result(value)


class Pool:
    """Worker processes, started on first use when ``enabled``, stopped by ``close`` (or
    on leaving a ``with`` block)."""

    def __init__(self, enabled: bool, workers: int = WORKERS) -> None:
        self.enabled = enabled
        self.workers = workers
        self._executor: ProcessPoolExecutor | None = None

    def submit(self, fn: Callable[..., Any], *args: Any) -> Future:
        if not self.enabled:
            return _Done(fn(*args))
        if self._executor is None:
            self._executor = ProcessPoolExecutor(
                max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"),
                initializer=_start_worker,
            )
        return self._executor.submit(fn, *args)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(cancel_futures=True)
            self._executor = None

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()
