# ruff: noqa: S608 -- SQL is assembled from constant fragments; every value is a parameter.
"""How one ranked search is answered, so that its cost does not grow with the site.

A query such as "xây dựng" matches most of 100,000 articles. Visiting every match costs more
than the whole budget of a search (reading the index rows of 90,000 matches takes ~70 ms here),
so nothing below ever does:

1. **Probe**: the newest ``probe`` rows the queryset allows, each marked whether it matches.
   When the queryset allows fewer rows than that, the probe holds them all and the search is
   answered from it exactly. Otherwise the probe measures how common the query is.
2. **Candidates**: the newest ``window`` matches, and the newest ``window`` of each strong kind
   of match (all words in the title, the exact words in the title, the words side by side in a
   title or summary, a code), each found through the index.
3. **Ranking**: the candidates are scored on their title (stored in the row) and the best
   ``window`` on their full text; the page of results is cut from that order (score, then
   newest). ``window`` grows with the page asked for, so a page is always inside it.
4. **Counts**: exact for each small content type; for a large one, exact up to ``cap`` and
   "more than ``cap``" beyond, as search engines report (Elasticsearch counts to 10,000).

Walking the newest rows and testing each (step 1, and 2 or 4 for a common query) against
looking the query up in the index (a rare one): ``Engine.cheaper`` chooses from the probe's
measure and the statement says so to the engine (``Engine.fetch``), because PostgreSQL's own
planner does not count the cost of reading a row's out-of-line vector and walks where it
should look up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field

from search.analysis import Query
from search.engines import NEWEST, TABLE, Engine

SQL = tuple[str, list]


@dataclass(frozen=True)
class Limits:
    """The backend's options (``WAGTAILSEARCH_BACKENDS``): see the module doc."""

    probe: int = 200
    window: int = 100
    cap: int = 500
    small: int = 2_000  # a content type with at most this many rows is counted exactly


@dataclass
class Answer:
    """A page of ranked results and the counts per content type."""

    ranked: list[tuple[str, float]] = field(default_factory=list)  # (object id, score)
    counts: dict[int, int] = field(default_factory=dict)
    capped: set[int] = field(default_factory=set)  # content types counted only up to the cap


@dataclass
class Search:
    """One query within one queryset, as SQL fragments on the index row ``e``."""

    engine: Engine
    query: Query
    allowed: SQL  # the queryset's rows: content types and filters
    match: SQL  # the query's matching condition
    content_types: Sequence[int]
    limits: Limits = field(default_factory=Limits)
    planned: bool = False  # a statement told the engine how to plan
    probed: list[tuple] | None = None  # the probe's rows, once read (count, then a page)

    def _fetch(self, sql: str, params: list, plan: str | None = None) -> list[tuple]:
        self.planned = self.planned or plan is not None
        return self.engine.fetch(sql, params, plan)

    def _restore(self) -> None:
        if self.planned:
            self.engine.restore()
            self.planned = False

    def answer(self, start: int, stop: int | None) -> Answer:
        stop = stop if stop is not None else start + self.limits.window
        window = max(self.limits.window, math.ceil(stop / self.limits.window) * self.limits.window)
        sets = self._sets()
        probe = self._probe(sets)
        hits = [row for row in probe if row[3]]
        if len(probe) < self.limits.probe:  # the probe holds every allowed row: exact
            answer = _counted(hits)
            answer.ranked = self._rank([row[0] for row in hits], window)[start:stop]
            return answer
        candidates, every = self._candidates(sets, probe, window)
        # Fewer matches than the window: they are all known, and so are their counts.
        answer = _counted(every) if every is not None else self._counts(len(hits) / len(probe))
        answer.ranked = self._rank(candidates, window)[start:stop]
        return answer

    def count(self) -> Answer:
        """The counts alone (no page of results). The probe is the one a page would read, so
        a paginator's count then page (Django's ``Paginator``) reads it once."""
        probe = self._probe(self._sets())
        hits = [row for row in probe if row[3]]
        if len(probe) < self.limits.probe:
            return _counted(hits)
        answer = self._counts(len(hits) / len(probe))
        self._restore()
        return answer

    # -- the steps --------------------------------------------------------------------------

    def _sets(self) -> list[tuple[str, SQL]]:
        """The kinds of match to take candidates from, as (column, condition): every match,
        then the strong kinds (all words in the title, the exact words in the title, the words
        side by side in a title or summary, a code)."""
        q, engine = self.query, self.engine
        found = [("body", self.match), ("title", engine.where("e", "title", q.words, "and"))]
        if q.exact:
            found.append(("title", engine.where("e", "title", q.exact, "and")))
        if q.pairs:
            found.append(("body", engine.where("e", "body", q.pairs, "and")))
        if q.codes:
            codes, code_params = engine.where("e", "body", q.codes, "or")
            match, match_params = self.match
            found.append(("body", (f"{codes} AND {match}", [*code_params, *match_params])))
        return found

    def _probe(self, sets: list[tuple[str, SQL]]) -> list[tuple]:
        """(id, object id, content type, matches, then 1/0 for each title set) of the newest
        allowed rows. The title is in the row: testing it here costs nothing."""
        if self.probed is not None:
            return self.probed
        allowed, params = self.allowed
        match, match_params = self.match
        flags, flag_params = [], []
        for column, (condition, condition_params) in sets:
            if column == "title":
                flags.append(f", CASE WHEN {condition} THEN 1 ELSE 0 END")
                flag_params += condition_params
        # Inline filters only: PostgreSQL walks the newest rows unaided.
        self.probed = self._fetch(
            f"SELECT e.id, e.object_id, e.content_type_id, "
            f"CASE WHEN {match} THEN 1 ELSE 0 END{''.join(flags)} FROM {TABLE} e "
            f"WHERE {allowed} ORDER BY {NEWEST} LIMIT %s",
            [*match_params, *flag_params, *params, self.limits.probe],
        )
        return self.probed

    def _candidates(self, sets: list[tuple[str, SQL]], probe: list[tuple],
                    window: int) -> tuple[list[int], list[tuple] | None]:
        """The newest ``window`` rows of each set: from the probe when it holds that many,
        else walked or looked up, whichever the probe's measure says is cheaper. Also every
        match, as (id, object id, content type), when there are fewer than ``window``."""
        allowed, params = self.allowed
        rows, words = self._rows(), len(self.query.words)
        ids: list[int] = []
        statements: dict[str, tuple[list[str], list]] = {"walk": ([], []), "look up": ([], [])}
        every_plan = None  # how every match (set 0) is fetched, if the probe did not hold them
        for index, (column, (condition, condition_params)) in enumerate(sets):
            flag = _probe_column(sets, index)
            plan = "look up"  # a set the probe did not measure is a rare one (pairs, codes)
            if flag is not None:
                found = [row[0] for row in probe if row[flag]]
                if len(found) >= window:
                    ids += found[:window]
                    continue
                plan = self.engine.cheaper(len(found) / len(probe), words, window, rows,
                                           in_row=column == "title")
            if index == 0:
                every_plan = plan
            sql, sql_params = statements[plan]
            sql.append(
                f"SELECT * FROM (SELECT {index} AS kind, e.id, e.object_id, e.content_type_id "
                f"FROM {TABLE} e WHERE {condition} AND {allowed} "
                f"ORDER BY {NEWEST} LIMIT %s) AS s{len(sql)}"
            )
            sql_params += [*condition_params, *params, window]
        every: list[tuple] | None = None
        for plan, (sql, sql_params) in statements.items():
            if sql:
                found = self._fetch(" UNION ALL ".join(sql), sql_params, plan)
                ids += [row[1] for row in found]
                if plan == every_plan:
                    matches = [row[1:] for row in found if row[0] == 0]
                    every = matches if len(matches) < window else None
        return list(dict.fromkeys(ids)), every

    def _rank(self, candidates: list[int], window: int) -> list[tuple[str, float]]:
        """Candidates scored on the title, the best ``window`` on everything, best first."""
        if not candidates:
            return []
        scored, weights = self.query.scored(), self.query.weights()
        title, title_params = self.engine.score("e", {"title": scored["title"]}, weights)
        extra, extra_params = self.engine.score("t", {"extra": scored["extra"]}, weights)
        ids, id_params = self.engine.in_list("e.id", candidates)
        vectors = "".join(f", e.{column}" for column in self.engine.row_vectors)
        self._restore()  # the last statement: what the plans set is undone before it
        rows = self._fetch(
            f"SELECT t.object_id, ROUND(t.score + {extra}, 4) AS score "
            f"FROM (SELECT e.id, e.object_id, e.published_at{vectors}, {title} AS score "
            f"FROM {TABLE} e WHERE {ids} ORDER BY score DESC, {NEWEST} LIMIT %s) t "
            "ORDER BY score DESC, t.published_at DESC NULLS LAST, t.id DESC",
            [*extra_params, *title_params, *id_params, window],
        )
        return [(object_id, round(float(score), 4)) for object_id, score in rows]

    def _counts(self, share: float) -> Answer:
        allowed, params = self.allowed
        match, match_params = self.match
        sizes = self.engine.sizes()
        answer = Answer()
        small = [ct for ct in self.content_types if 0 < sizes.get(ct, 0) <= self.limits.small]
        large = [ct for ct in self.content_types if sizes.get(ct, 0) > self.limits.small]
        if small:
            cts, ct_params = self.engine.in_list("e.content_type_id", small)
            answer.counts.update(self._fetch(
                f"SELECT e.content_type_id, COUNT(*) FROM {TABLE} e "
                f"WHERE {cts} AND {match} AND {allowed} GROUP BY e.content_type_id",
                [*ct_params, *match_params, *params], "walk",
            ))
        for ct in large:
            mode = self.engine.cheaper(share, len(self.query.words), self.limits.cap + 1,
                                       sizes[ct], newest=False)
            # Walking one content type's newest rows, or looking the query up (the type then
            # is a plain filter: its index must not be the one the lookup starts from).
            kind, order = (
                ("e.content_type_id = %s", f"ORDER BY {NEWEST}") if mode == "walk"
                else ("e.content_type_id + 0 = %s", "")
            )
            ((count,),) = self._fetch(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} e WHERE {kind} AND {match} "
                f"AND {allowed} {order} LIMIT %s) AS c",
                [ct, *match_params, *params, self.limits.cap + 1], mode,
            )
            if count:
                answer.counts[ct] = min(count, self.limits.cap)
            if count > self.limits.cap:
                answer.capped.add(ct)
        return answer

    def _rows(self) -> int:
        sizes = self.engine.sizes()
        return sum(sizes.get(ct, 0) for ct in self.content_types)


def _counted(hits: list[tuple]) -> Answer:
    """Counts per content type of probe rows that match."""
    answer = Answer()
    for row in hits:
        answer.counts[row[2]] = answer.counts.get(row[2], 0) + 1
    return answer


def _probe_column(sets: list[tuple[str, SQL]], index: int) -> int | None:
    """The probe's column measuring ``sets[index]``: 3 for every match, then one per title
    set (``Search._probe``); ``None`` for the others."""
    if index == 0:
        return 3
    if sets[index][0] != "title":
        return None
    return 3 + sum(1 for column, _ in sets[1 : index + 1] if column == "title")
