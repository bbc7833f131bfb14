# ruff: noqa: S608 -- SQL is assembled from constant fragments; every value is a parameter.
"""How one ranked search is answered, so that its cost does not grow with the site.

A query such as "xây dựng" matches most of 100,000 articles. Visiting every match costs more
than the whole budget of a search (reading the index rows of 90,000 matches takes ~70 ms here),
so nothing below ever does:

1. **Probe**: the newest ``probe`` rows the queryset allows, each marked whether it matches.
   When the queryset allows fewer rows than that, the probe holds them all and the search is
   answered from it exactly. Otherwise the probe measures how common the query is.
2. **Counts**: exact for each small content type; for a large one, exact up to ``cap`` and
   "more than ``cap``" beyond, as search engines report (Elasticsearch counts to 10,000).
3. **Candidates** (only when a page of results is asked): the newest ``window`` matches, and
   the newest ``window`` of each strong kind of match (all words in the title, the exact words
   in the title, the words side by side in a title or summary, a code), each found through
   the index.
4. **Ranking**: the candidates are scored on their title (stored in the row) and the best
   ``window`` on their full text; the page of results is cut from that order (score, then
   newest). ``window`` grows with the page asked for, so a page is always inside it; a page
   past the counted matches is not ranked at all.

Walking the newest rows and testing each (step 1, and 2 or 3 for a common query) against
looking the query up in the index (a rare one): ``Engine.cheaper`` chooses a ``Plan`` from the
probe's measure and the statement says so to the engine (``Engine.fetch``), because
PostgreSQL's own planner does not count the cost of reading a row's out-of-line vector and
walks where it should look up.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from search.analysis import Query
from search.engines import NEWEST, TABLE, Costs, Engine, Plan

SQL = tuple[str, list]


@dataclass(frozen=True)
class Limits:
    """The backend's options (``WAGTAILSEARCH_BACKENDS``, see ``search.conf``): the bounds of
    the work one search may do. Defaults are those measured at 100,000 articles."""

    probe: int = 200  # newest allowed rows read first: the query's share is measured on them
    window: int = 100  # candidates of each kind, and rows ranked on their full text
    cap: int = 500  # a large content type is counted up to this ("more than 500")
    small: int = 2_000  # a content type with at most this many rows is counted exactly
    sizes_ttl: float = 60.0  # seconds the rows per content type (which steer plans) are kept
    costs: Costs = field(default_factory=Costs)


@dataclass
class Answer:
    """The counts per content type and, when a page was asked, that page of ranked results."""

    ranked: list[tuple[str, float]] = field(default_factory=list)  # (object id, score)
    counts: dict[int, int] = field(default_factory=dict)
    capped: set[int] = field(default_factory=set)  # content types counted only up to the cap

    @property
    def total(self) -> int:
        return sum(self.counts.values())


class MatchSet(NamedTuple):
    """One kind of match to take candidates from: the condition, and the column it reads
    (a ``title`` set is tested on the probe's rows for free)."""

    column: str
    condition: SQL


class ProbeRow(NamedTuple):
    """One of the newest allowed rows: whether it matches, and each title set (in order)."""

    id: int
    object_id: str
    content_type: int
    matches: bool
    in_titles: tuple[bool, ...]


class Candidate(NamedTuple):
    """A row of a candidate statement: ``kind`` is the index of its ``MatchSet``."""

    kind: int
    id: int
    object_id: str
    content_type: int


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
    probed: list[ProbeRow] | None = None  # the probe's rows, once read (counts, then a page)
    counted: Answer | None = None  # the counts, once known

    def answer(self, start: int = 0, stop: int | None = None, *, page: bool = True) -> Answer:
        """The one entry point: the counts per content type and, with ``page``, the ranked
        results ``[start:stop]`` (``stop`` ``None``: one window). The probe and the counts are
        read once per ``Search``, so a paginator's count then page (Django's ``Paginator``,
        the API's) costs one probe."""
        probe = self._probe()
        hits = [row for row in probe if row.matches]
        exact = len(probe) < self.limits.probe  # the probe holds every allowed row
        if not page:
            if self.counted is None:
                self.counted = _counted(hits) if exact else self._counts(len(hits) / len(probe))
            self._restore()
            return Answer(counts=self.counted.counts, capped=self.counted.capped)
        stop = stop if stop is not None else start + self.limits.window
        window = max(self.limits.window, math.ceil(stop / self.limits.window) * self.limits.window)
        if exact:
            answer = self.counted or _counted(hits)
            ranked = self._rank([row.id for row in hits], window) if start < len(hits) else []
        else:
            if self.counted is not None and not self.counted.capped and start >= self.counted.total:
                self._restore()  # a page past every match: nothing to rank
                return Answer(counts=self.counted.counts, capped=self.counted.capped)
            candidates, every = self._candidates(probe, window)
            # Fewer matches than the window: they are all known, and so are their counts.
            answer = self.counted or (
                _counted(every) if every is not None else self._counts(len(hits) / len(probe))
            )
            ranked = self._rank(candidates, window)
        self.counted = answer
        return Answer(ranked=ranked[start:stop], counts=answer.counts, capped=answer.capped)

    # -- the steps --------------------------------------------------------------------------

    def _fetch(self, sql: str, params: list, plan: Plan | None = None) -> list[tuple]:
        self.planned = self.planned or plan is not None
        return self.engine.fetch(sql, params, plan)

    def _restore(self) -> None:
        if self.planned:
            self.engine.restore()
            self.planned = False

    def _sets(self) -> list[MatchSet]:
        """The kinds of match to take candidates from: every match, then the strong kinds (all
        words in the title, the exact words in the title, the words side by side in a title
        or summary, a code)."""
        q, engine = self.query, self.engine
        found = [MatchSet("body", self.match),
                 MatchSet("title", engine.where("e", "title", q.words, "and"))]
        if q.exact:
            found.append(MatchSet("title", engine.where("e", "title", q.exact, "and")))
        if q.pairs:
            found.append(MatchSet("body", engine.where("e", "body", q.pairs, "and")))
        if q.codes:
            codes, code_params = engine.where("e", "body", q.codes, "or")
            match, match_params = self.match
            found.append(MatchSet("body", (f"{codes} AND {match}", [*code_params, *match_params])))
        return found

    def _probe(self) -> list[ProbeRow]:
        """The newest allowed rows, each tested against the query and each title set (the
        title is in the row: testing it here costs nothing)."""
        if self.probed is not None:
            return self.probed
        allowed, params = self.allowed
        match, match_params = self.match
        flags, flag_params = [], []
        for column, (condition, condition_params) in self._sets():
            if column == "title":
                flags.append(f", CASE WHEN {condition} THEN 1 ELSE 0 END")
                flag_params += condition_params
        # Inline filters only: PostgreSQL walks the newest rows unaided.
        rows = self._fetch(
            f"SELECT e.id, e.object_id, e.content_type_id, "
            f"CASE WHEN {match} THEN 1 ELSE 0 END{''.join(flags)} FROM {TABLE} e "
            f"WHERE {allowed} ORDER BY {NEWEST} LIMIT %s",
            [*match_params, *flag_params, *params, self.limits.probe],
        )
        self.probed = [
            ProbeRow(row[0], row[1], row[2], bool(row[3]), tuple(bool(f) for f in row[4:]))
            for row in rows
        ]
        return self.probed

    def _candidates(self, probe: list[ProbeRow],
                    window: int) -> tuple[list[int], list[Candidate] | None]:
        """The newest ``window`` rows of each set: from the probe when it holds that many,
        else walked or looked up, whichever the probe's measure says is cheaper. Also every
        match when there are fewer than ``window``."""
        allowed, params = self.allowed
        rows, words = self._rows(), len(self.query.words)
        ids: list[int] = []
        statements: dict[Plan, tuple[list[str], list]] = {plan: ([], []) for plan in Plan}
        every_plan = None  # how every match (set 0) is fetched, if the probe did not hold them
        titles = 0  # title sets seen: the probe's ``in_titles`` index of the next one
        for index, (column, (condition, condition_params)) in enumerate(self._sets()):
            plan = Plan.LOOK_UP  # a set the probe did not measure is a rare one (pairs, codes)
            measured = index == 0 or column == "title"
            if measured:
                found = [
                    row.id for row in probe
                    if (row.matches if index == 0 else row.in_titles[titles])
                ]
                titles += column == "title"
                if len(found) >= window:
                    ids += found[:window]
                    continue
                plan = self.engine.cheaper(len(found) / len(probe), words, window, rows,
                                           in_row=column == "title", costs=self.limits.costs)
            if index == 0:
                every_plan = plan
            sql, sql_params = statements[plan]
            sql.append(
                f"SELECT * FROM (SELECT {index} AS kind, e.id, e.object_id, e.content_type_id "
                f"FROM {TABLE} e WHERE {condition} AND {allowed} "
                f"ORDER BY {NEWEST} LIMIT %s) AS s{len(sql)}"
            )
            sql_params += [*condition_params, *params, window]
        every: list[Candidate] | None = None
        for plan, (sql, sql_params) in statements.items():
            if sql:
                found = [Candidate(*row) for row in
                         self._fetch(" UNION ALL ".join(sql), sql_params, plan)]
                ids += [row.id for row in found]
                if plan == every_plan:
                    matches = [row for row in found if row.kind == 0]
                    every = matches if len(matches) < window else None
        return list(dict.fromkeys(ids)), every

    def _rank(self, candidates: list[int], window: int) -> list[tuple[str, float]]:
        """Candidates scored on the title, the best ``window`` on everything, best first."""
        if not candidates:
            self._restore()
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
        sizes = self.engine.sizes(self.limits.sizes_ttl)
        answer = Answer()
        small = [ct for ct in self.content_types if 0 < sizes.get(ct, 0) <= self.limits.small]
        large = [ct for ct in self.content_types if sizes.get(ct, 0) > self.limits.small]
        if small:
            cts, ct_params = self.engine.in_list("e.content_type_id", small)
            answer.counts.update(self._fetch(
                f"SELECT e.content_type_id, COUNT(*) FROM {TABLE} e "
                f"WHERE {cts} AND {match} AND {allowed} GROUP BY e.content_type_id",
                [*ct_params, *match_params, *params], Plan.WALK,
            ))
        for ct in large:
            plan = self.engine.cheaper(share, len(self.query.words), self.limits.cap + 1,
                                       sizes[ct], newest=False, costs=self.limits.costs)
            # Walking one content type's newest rows, or looking the query up (the type then
            # is a plain filter: its index must not be the one the lookup starts from).
            kind, order = (
                ("e.content_type_id = %s", f"ORDER BY {NEWEST}") if plan is Plan.WALK
                else ("e.content_type_id + 0 = %s", "")
            )
            ((count,),) = self._fetch(
                f"SELECT COUNT(*) FROM (SELECT 1 FROM {TABLE} e WHERE {kind} AND {match} "
                f"AND {allowed} {order} LIMIT %s) AS c",
                [ct, *match_params, *params, self.limits.cap + 1], plan,
            )
            if count:
                answer.counts[ct] = min(count, self.limits.cap)
            if count > self.limits.cap:
                answer.capped.add(ct)
        return answer

    def _rows(self) -> int:
        sizes = self.engine.sizes(self.limits.sizes_ttl)
        return sum(sizes.get(ct, 0) for ct in self.content_types)


def _counted(rows: Sequence[ProbeRow | Candidate]) -> Answer:
    """Counts per content type of matching rows that are all the matches."""
    answer = Answer()
    for row in rows:
        answer.counts[row.content_type] = answer.counts.get(row.content_type, 0) + 1
    return answer
