"""One leader among processes started on every app server: for periodic jobs that must run once.

``Leadership(name).held()`` is true in exactly one process at a time, and stays true in that
process while it lives, so a job that checks it before each pass runs once per interval however
many servers start it. On PostgreSQL it is a session-level advisory lock
(``pg_try_advisory_lock``) held on a connection of its own: the server releases it when that
process dies or loses its connection, and another process takes over at its next pass. On a
SQLite file it is an ``flock`` on a file beside the database (one machine, several processes);
an in-memory database has one process by definition, which is the leader.

A lock per pass would only keep passes from overlapping: two servers started half an interval
apart would each run a pass per interval. Holding the lock across passes makes it once.
"""

from __future__ import annotations

import fcntl
import logging
import zlib
from pathlib import Path
from typing import IO

from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections

logger = logging.getLogger(__name__)


class Leadership:
    def __init__(self, name: str, alias: str = DEFAULT_DB_ALIAS) -> None:
        self.name = name
        self.alias = alias
        # Advisory lock keys are bigints; a stable one per job name.
        self.key = zlib.crc32(f"cms.leader:{name}".encode())
        self._connection = None
        self._file: IO | None = None
        self.leader = False

    def held(self) -> bool:
        """Take the lead if nobody has it; say whether this process has it now."""
        vendor = connections[self.alias].vendor
        if vendor == "postgresql":
            return self._postgresql()
        if vendor == "sqlite":
            return self._sqlite()
        return True  # no lock on other databases: run a single scheduler there

    def release(self) -> None:
        if self._connection is not None:
            self._connection.close()  # the server drops the session's advisory locks
            self._connection = None
        if self._file is not None:
            self._file.close()  # closing the descriptor releases the flock
            self._file = None
        self.leader = False

    def _postgresql(self) -> bool:
        try:
            if self._connection is None:
                self._connection = connections.create_connection(self.alias)
            with self._connection.cursor() as cursor:
                if self.leader:
                    cursor.execute("SELECT 1")  # our session is alive, so is our lock
                else:
                    cursor.execute("SELECT pg_try_advisory_lock(%s)", [self.key])
                    self.leader = bool(cursor.fetchone()[0])
        except DatabaseError:
            logger.warning("leader lock %s: database unavailable, will retry", self.name)
            self._drop_connection()
        return self.leader

    def _drop_connection(self) -> None:
        try:
            if self._connection is not None:
                self._connection.close()
        except DatabaseError:
            pass
        self._connection = None
        self.leader = False

    def _sqlite(self) -> bool:
        name = str(connections[self.alias].settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            return True
        if self._file is None:
            self._file = open(Path(f"{name}.{self.name}.lock"), "a")  # noqa: SIM115
        if not self.leader:
            try:
                fcntl.flock(self._file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                self.leader = True
            except BlockingIOError:
                pass
        return self.leader
