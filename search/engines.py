# ruff: noqa: S608 -- SQL is assembled from constant fragments; every value is a parameter.
"""SQL for each full-text engine: SQLite FTS5 on the laptop, PostgreSQL tsvector/GIN in production.

Both engines get the same terms (``search.analysis``) and answer the same question the same way:
which rows hold all these terms, and which of these terms does a row hold. Scores are computed
in SQL from weight classes, so that the two engines rank identically (ties: newest first).
All values travel as query parameters; terms are letters, digits and ``_`` only.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.db.backends.base.base import BaseDatabaseWrapper

from search.analysis import TITLE_FACTOR, term_class
from search.filters import MIRRORED

TABLE = "search_searchentry"
FTS_TABLE = "search_searchentry_fts"
COLUMNS = ("title", "body", "extra")

SQL = tuple[str, list]
_PI2_6 = 1.64493406685


def _quote_lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


class Engine:
    """What differs between databases; ``search.backend`` composes the rest."""

    vendor = ""

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

    def ids(self, column: str, terms: Sequence[str], mode: str) -> SQL:
        """A subquery of the ids of the rows holding all/any of ``terms`` in ``column``."""
        raise NotImplementedError

    def score(self, alias: str, scored: dict[str, Sequence[str]],
              weights: dict[str, float]) -> SQL:
        """Sum of the weights of the query terms the row holds, column by column
        (``scored``: column → terms; title terms count ``TITLE_FACTOR`` times)."""
        raise NotImplementedError


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

    def ids(self, column, terms, mode):
        return (f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s",
                [self._match(column, terms, mode)])

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

    # Matches come from the GIN indexes through ``search_entry_ids`` (migration 0003), which is
    # planned with plain scans priced out. The vectors live in TOAST, which the planner does not
    # cost: left alone it takes the small heap for cheap and scans it, decompressing every row's
    # vectors (seconds at 20,000 rows) where the index answers in milliseconds.
    def ids(self, column, terms, mode):
        return "SELECT search_entry_ids(%s, %s::tsquery)", [column, self.tsquery(terms, mode)]

    def where(self, alias, column, terms, mode, prefix=False):
        return (f"{alias}.id IN (SELECT search_entry_ids(%s, %s::tsquery))",
                [column, self.tsquery(terms, mode, prefix)])

    def holds(self, alias, column, terms):
        return f"{alias}.{column} @@ %s::tsquery", [self.tsquery(terms, "and")]

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
