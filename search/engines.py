# ruff: noqa: S608 -- SQL is assembled from constant fragments; every value is a parameter.
"""SQL for each full-text engine: SQLite FTS5 on the laptop, PostgreSQL tsvector/GIN in production.

Both engines get the same terms (``search.analysis``) and answer the same question the same way:
which rows hold all these terms, and which of these terms does a row hold. Scores are computed
in SQL from weight classes, so that the two engines rank identically (ties: newest first).
All values travel as query parameters; terms are letters, digits and ``_`` only.
``search.plan`` composes these pieces into the statements of one search.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from django.db.backends.base.base import BaseDatabaseWrapper

from search.analysis import TITLE_FACTOR, term_class
from search.filters import MIRRORED

TABLE = "search_searchentry"
FTS_TABLE = "search_searchentry_fts"
COLUMNS = ("title", "body", "extra")

SQL = tuple[str, list]
_PI2_6 = 1.64493406685
#: The order "newest first" of the index rows ``e``, which two indexes serve.
NEWEST = "e.published_at DESC NULLS LAST, e.id DESC"
_sizes: dict[str, tuple[float, dict[int, int]]] = {}


class Plan(StrEnum):
    """How a statement finds its rows (``search.plan`` chooses, ``Engine.cheaper`` measures)."""

    WALK = "walk"  # read the newest rows in date order, testing each against the query
    LOOK_UP = "look up"  # find the matches through the full-text index, then sort them


@dataclass(frozen=True)
class Costs:
    """What ``Engine.cheaper`` weighs, in microseconds (the backend's ``COSTS`` option; defaults
    measured on PostgreSQL at 100,000 articles). Only their ratios matter: on a machine whose
    disk or CPU differs, measure a walk and a lookup (``EXPLAIN ANALYZE``) and set them."""

    walk_row: float = 10.0  # testing a row read in date order, its vector read out of line
    walk_in_row: float = 2.0  # the same for the title, whose vector is in the row
    posting: float = 0.1  # one entry of a GIN posting list
    lookup_row: float = 5.0  # one row of a lookup's result, read at random for its date


def _quote_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class Engine:
    """What differs between databases; ``search.backend`` composes the rest."""

    vendor = ""
    #: Columns of the index row itself that ``score`` reads (besides ``id``).
    row_vectors: tuple[str, ...] = ()

    def __init__(self, connection: BaseDatabaseWrapper) -> None:
        self.connection = connection

    # -- writing -------------------------------------------------------------------------------

    def write(self, rows: Sequence[tuple]) -> None:
        """Insert or replace rows ``(ct_id, object_id, object_int, published_at, mirror,
        document)``; ``mirror`` holds the values of ``search.filters.MIRRORED``."""
        raise NotImplementedError

    def reset(self) -> None:
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {TABLE}")

    # -- reading -------------------------------------------------------------------------------

    def where(self, alias: str, column: str, terms: Sequence[str], mode: str,
              prefix: bool = False) -> SQL:
        """A condition on row ``alias``: it holds all (mode "and") or any ("or") of ``terms``."""
        raise NotImplementedError

    def holds(self, alias: str, column: str, terms: Sequence[str]) -> SQL:
        """A condition read from row ``alias`` itself: it holds all ``terms`` in ``column``
        (for a column that has no index, such as ``extra`` on PostgreSQL)."""
        return self.where(alias, column, terms, "and")

    def score(self, alias: str, scored: dict[str, Sequence[str]],
              weights: dict[str, float]) -> SQL:
        """Sum of the weights of the query terms the row holds, column by column
        (``scored``: column → terms; title terms count ``TITLE_FACTOR`` times), rounded to
        four places."""
        raise NotImplementedError

    @staticmethod
    def in_list(column: str, values: Sequence) -> SQL:
        """``column`` is one of ``values``."""
        if not values:
            return "1 = 0", []
        return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)

    # -- running a search -------------------------------------------------------------------

    def fetch(self, sql: str, params: Sequence, plan: Plan | None = None) -> list[tuple]:
        """The rows of ``sql``; ``plan`` says how the engine should find them (``Plan``).
        Engines whose planner needs no such help ignore it."""
        with self.connection.cursor() as cursor:
            cursor.execute(self.planned(sql, plan), list(params))
            return cursor.fetchall()

    def planned(self, sql: str, plan: Plan | None) -> str:
        return sql

    def restore(self) -> None:
        """Undo what ``fetch``'s plans set, where it outlives the statement (a transaction)."""

    def cheaper(self, share: float, words: int, needed: int, rows: int,
                in_row: bool = False, newest: bool = True, costs: Costs = Costs()) -> Plan:
        """The cheaper plan for ``needed`` matches among ``rows`` when a ``share`` of the
        newest rows match a query of ``words`` words (``in_row``: tested on a vector kept in
        the row, the title, not read from out of line; ``newest``: the newest ``needed``,
        not any)."""
        return Plan.LOOK_UP

    def sizes(self, ttl: float = 60.0) -> dict[int, int]:
        """Index rows per content type, read at most every ``ttl`` seconds (they only steer
        plans: a minute old is exact enough)."""
        key = f"{self.vendor}:{self.connection.alias}:{self.connection.settings_dict['NAME']}"
        now = time.monotonic()
        cached = _sizes.get(key)
        if cached is None or now - cached[0] > ttl:
            rows = self.fetch(
                f"SELECT content_type_id, COUNT(*) FROM {TABLE} GROUP BY content_type_id", []
            )
            cached = _sizes[key] = (now, dict(rows))
        return cached[1]


class SQLiteEngine(Engine):
    """FTS5 table ``search_searchentry_fts`` (rowid = entry id), tokenizer keeping diacritics."""

    vendor = "sqlite"

    @staticmethod
    def _match(column: str, terms: Sequence[str], mode: str, prefix: bool = False) -> str:
        parts = [f'"{t}"' for t in terms]
        if prefix and parts:
            parts[-1] += " *"
        joiner = " AND " if mode == "and" else " OR "
        return f"{{{column}}} : ({joiner.join(parts)})"

    def where(self, alias, column, terms, mode, prefix=False):
        return (f"{alias}.id IN (SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s)",
                [self._match(column, terms, mode, prefix)])

    def score(self, alias, scored, weights):
        parts: list[str] = []
        params: list = []
        for column, terms in scored.items():
            factor = TITLE_FACTOR if column == "title" else 1.0
            for term in terms:
                sql, p = self.where(alias, column, [term], "and")
                parts.append(f"CASE WHEN {sql} THEN %s ELSE 0 END")
                params += [*p, weights[term_class(column, term)] * factor]
        if not parts:
            return "0", []
        return f"ROUND({' + '.join(parts)}, 4)", params

    def write(self, rows):
        mirrored = ", ".join(MIRRORED)
        marks = ", ".join(["%s"] * len(MIRRORED))
        updates = ", ".join(f"{name} = excluded.{name}" for name in MIRRORED)
        with self.connection.cursor() as cursor:
            for ct_id, object_id, object_int, published_at, mirror, doc in rows:
                cursor.execute(
                    f"INSERT INTO {TABLE} (content_type_id, object_id, object_int, published_at, "
                    f"{mirrored}) VALUES (%s, %s, %s, %s, {marks}) "
                    "ON CONFLICT (content_type_id, object_id) DO UPDATE "
                    "SET object_int = excluded.object_int, published_at = excluded.published_at, "
                    f"{updates} RETURNING id",
                    [ct_id, object_id, object_int, published_at, *mirror],
                )
                (entry_id,) = cursor.fetchone()
                cursor.execute(f"DELETE FROM {FTS_TABLE} WHERE rowid = %s", [entry_id])
                cursor.execute(
                    f"INSERT INTO {FTS_TABLE} (rowid, title, body, extra) VALUES (%s, %s, %s, %s)",
                    [entry_id, " ".join(doc.title), " ".join(doc.body), " ".join(doc.extra)],
                )

    def reset(self):
        super().reset()
        with self.connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {FTS_TABLE}")


class PostgresEngine(Engine):
    """Three tsvector columns with GIN indexes; vectors are built from our terms, not re-parsed."""

    vendor = "postgresql"
    row_vectors = ("extra",)

    @staticmethod
    def tsquery(terms: Sequence[str], mode: str, prefix: bool = False) -> str:
        parts = [_quote_lexeme(t) for t in terms]
        if prefix and parts:
            parts[-1] += ":*"
        return (" & " if mode == "and" else " | ").join(parts)

    @staticmethod
    def tsvector(terms: dict[str, str] | list[str]) -> str:
        """A tsvector literal: ``'term':1A`` (the weight class on a position, for ``ts_rank``)
        for classed terms, bare lexemes for a list (matched only: cheaper to write). Terms are
        letters, digits and ``_`` (``search.analysis``): none needs escaping."""
        if isinstance(terms, dict):
            return " ".join([f"'{t}':1{c}" for t, c in terms.items()])
        return " ".join([f"'{t}'" for t in terms])

    def where(self, alias, column, terms, mode, prefix=False):
        return f"{alias}.{column} @@ %s::tsquery", [self.tsquery(terms, mode, prefix)]

    # The vectors are out of line (TOAST), which PostgreSQL's planner does not cost: it would
    # walk an index testing each row where the GIN index answers at once, so ``search.plan``
    # says which it wants and these settings leave no other way. They prefix the statement in
    # the same round trip: outside a transaction they end with it.
    _PLANS = {
        Plan.WALK: {"enable_bitmapscan": "off", "enable_indexscan": "DEFAULT",
                 "enable_indexonlyscan": "DEFAULT", "enable_seqscan": "off"},
        Plan.LOOK_UP: {"enable_bitmapscan": "DEFAULT", "enable_indexscan": "off",
                    "enable_indexonlyscan": "off", "enable_seqscan": "off"},
    }
    def planned(self, sql, plan):
        if plan is None:
            return sql
        settings = self._PLANS[plan]
        return "".join(
            f"SET LOCAL {name} TO {value}; " for name, value in settings.items()
        ) + sql

    def restore(self):
        if self.connection.in_atomic_block:
            with self.connection.cursor() as cursor:
                cursor.execute("".join(
                    f"SET LOCAL {name} TO DEFAULT; " for name in self._PLANS[Plan.WALK]
                ))

    def cheaper(self, share, words, needed, rows, in_row=False, newest=True, costs=Costs()):
        if share <= 0:
            return Plan.LOOK_UP
        walk = needed / share * (costs.walk_in_row if in_row else costs.walk_row)
        # A posting list per word, each as long as the words' share allows (independence).
        words = max(words, 1)
        lookup = words * share ** (1 / words) * rows * costs.posting
        # Every match is read to sort them by date; any ``needed`` of them, to count.
        lookup += (share * rows if newest else min(needed, share * rows)) * costs.lookup_row
        return Plan.WALK if walk < lookup else Plan.LOOK_UP

    @staticmethod
    def in_list(column, values):
        if not values:
            return "1 = 0", []
        return f"{column} = ANY(%s)", [list(values)]

    def score(self, alias, scored, weights):
        # One ts_rank per column reads the row's vector (out of line, TOAST) once. ts_rank's
        # weights run D, C, B, A; an OR query of n distinct terms, each held once with weight w,
        # scores sum(w) / (n * pi²/6): multiplied back, a score is the plain sum of weights.
        array = "{" + ",".join(str(weights[c]) for c in "DCBA") + "}"
        parts: list[str] = []
        params: list = []
        for column, terms in scored.items():
            if terms:
                factor = TITLE_FACTOR if column == "title" else 1.0
                parts.append(f"ts_rank(%s::float4[], {alias}.{column}, %s::tsquery) * %s")
                params += [array, self.tsquery(terms, "or"), len(terms) * _PI2_6 * factor]
        if not parts:
            return "0", []
        return f"ROUND(CAST({' + '.join(parts)} AS numeric), 4)", params

    def write(self, rows):
        if not rows:
            return
        columns = ("content_type_id", "object_id", "object_int", "published_at", *MIRRORED)
        row = "(" + ", ".join(["%s"] * len(columns)) + ", %s::tsvector, %s::tsvector, %s::tsvector)"
        params: list = []
        for ct_id, object_id, object_int, published_at, mirror, doc in rows:
            params += [
                ct_id, object_id, object_int, published_at, *mirror,
                self.tsvector(doc.title), self.tsvector(doc.body), self.tsvector(doc.extra),
            ]
        updates = ", ".join(f"{name} = EXCLUDED.{name}" for name in (*columns[2:], *COLUMNS))
        with self.connection.cursor() as cursor:
            cursor.execute(
                f"INSERT INTO {TABLE} ({', '.join(columns)}, title, body, extra) "
                f"VALUES {', '.join([row] * len(rows))} "
                f"ON CONFLICT (content_type_id, object_id) DO UPDATE SET {updates}",
                params,
            )


def engine_for(connection: BaseDatabaseWrapper) -> Engine:
    """The engine of ``connection``'s database (PostgreSQL or SQLite)."""
    if connection.vendor == "postgresql":
        return PostgresEngine(connection)
    if connection.vendor == "sqlite":
        return SQLiteEngine(connection)
    raise NotImplementedError(f"Search needs PostgreSQL or SQLite, not {connection.vendor}.")
