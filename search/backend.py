# ruff: noqa: S608 -- SQL is assembled from constant fragments; every value is a parameter.
"""Wagtail search backend with the Vietnamese rules: ``WAGTAILSEARCH_BACKENDS["default"]``.

Everything Wagtail searches (pages, the API's ``?search=``, the admin's images and documents)
goes through here: objects are indexed as terms from ``search.analysis`` into the engine's own
storage (``search.engines``), and queries match and rank in that engine. Ranking:

1. the weighted sum of the query's terms a row holds (exact pairs and code keys > folded pairs >
   exact words > folded words; title group × 2; folded-only terms × ¼ when the query has marks);
2. newest first.

For a query that matches more than ``RANK_WINDOW`` rows, only the newest ``RANK_WINDOW`` of the
matches, of the title matches, of the phrase matches and of the code matches are scored (found by
index, so the strong matches of any age are in); the others follow, newest first. This bounds the
cost of a query such as "xây dựng" that most of 100,000 articles match.
"""

from __future__ import annotations

import datetime as dt
from collections import OrderedDict

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connections, router, transaction
from django.db.models import CharField, Manager, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.fields.related import RelatedField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.encoding import force_str

from wagtail.search.backends.base import (
    BaseIndex,
    BaseSearchBackend,
    BaseSearchQueryCompiler,
    BaseSearchResults,
    FilterFieldError,
    SearchFieldError,
    get_model_root,
)
from wagtail.search.index import RelatedFields, SearchField, get_indexed_models
from wagtail.search.query import And, MatchAll, Not, Or, Phrase, PlainText, SearchQuery
from wagtail.search.utils import get_descendants_content_types_pks

from cms import text
from search import analysis
from search.engines import TABLE, Engine, engine_for
from search.filters import compile_filters, mirror_of
from search.models import SearchEntry

DEFAULT_RANK_WINDOW = 1000
BATCH_SIZE = 500
# Attributes that date an object, first found wins: the ranking's tie-break (newest first).
DATE_ATTRIBUTES = ("published_at", "issued_on", "first_published_at")
# Undated rows last on both databases (PostgreSQL puts NULLs first in DESC order).
NEWEST_FIRST = "CASE WHEN m.published_at IS NULL THEN 1 ELSE 0 END, m.published_at DESC, m.id DESC"


def _int_key(model: type[Model]) -> bool:
    field = model._meta.pk
    while isinstance(field, RelatedField):
        field = field.target_field
    return field.get_internal_type() in {
        "AutoField", "BigAutoField", "SmallAutoField", "IntegerField", "BigIntegerField",
        "SmallIntegerField", "PositiveIntegerField", "PositiveBigIntegerField",
    }


def _prepare_value(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    if isinstance(value, list | tuple):
        return "\n".join(_prepare_value(item) for item in value)
    if isinstance(value, dict):
        return "\n".join(_prepare_value(item) for item in value.values())
    return force_str(value)


def _field_texts(obj: Model, field) -> list[tuple[SearchField, str]]:
    """(search field, text) for one entry of ``search_fields``, following RelatedFields."""
    if isinstance(field, SearchField):
        return [(field, _prepare_value(field.get_value(obj)))]
    if isinstance(field, RelatedFields):
        related = field.get_value(obj)
        if related is None:
            return []
        if isinstance(related, Manager):
            objects = list(related.all())
        else:
            objects = [related() if callable(related) else related]
        return [pair for sub in objects for f in field.fields for pair in _field_texts(sub, f)]
    return []


def document_texts(obj: Model) -> analysis.Texts:
    """The texts of ``obj``'s ``search_fields`` in their groups (title, summary, rest; see
    ``analysis``): what ``analysis.analyse`` cuts into terms, in this process or another."""
    groups: analysis.Texts = ([], [], [])
    for field in obj.get_search_fields():
        for search_field, value in _field_texts(obj, field):
            if not value:
                continue
            boost = search_field.boost or 0
            if search_field.field_name == "title" or boost >= analysis.TITLE_BOOST:
                groups[0].append(value)
            elif boost >= analysis.SUMMARY_BOOST:
                groups[1].append(value)
            else:
                groups[2].append(value)
    return groups


def document_for(obj: Model) -> analysis.Document:
    """The index terms of ``obj``."""
    return analysis.analyse(*document_texts(obj))


def _date_of(obj: Model) -> dt.datetime | None:
    for name in DATE_ATTRIBUTES:
        value = getattr(obj, name, None)
        if isinstance(value, dt.datetime):
            return value
        if isinstance(value, dt.date):
            return timezone.make_aware(dt.datetime.combine(value, dt.time()), text.TIME_ZONE)
    return None


class VietnameseIndex(BaseIndex):
    """The one index table; writes go to the engine of the database that holds it."""

    def __init__(self, backend: VietnameseSearchBackend) -> None:
        super().__init__(backend)
        self.connection = connections[router.db_for_write(SearchEntry)]

    @property
    def engine(self) -> Engine:
        return engine_for(self.connection)

    def add_items(self, model, items) -> None:
        self.add_documents(model, items, [document_for(obj) for obj in items])

    def add_documents(self, model, items, documents: list[analysis.Document]) -> None:
        """Write ``items`` with their terms already analysed (``document_for``, or
        ``analysis.analyse_all`` in another process: what a bulk import does)."""
        if not model.get_search_fields():
            return
        ct_id = ContentType.objects.get_for_model(model).pk
        int_key = _int_key(model)
        rows = [
            (
                ct_id,
                force_str(obj.pk),
                int(obj.pk) if int_key else None,
                _date_of(obj),
                mirror_of(obj),
                document,
            )
            for obj, document in zip(items, documents, strict=True)
        ]
        engine = self.engine
        with transaction.atomic(using=self.connection.alias):
            for start in range(0, len(rows), BATCH_SIZE):
                engine.write(rows[start : start + BATCH_SIZE])

    def delete_item(self, item) -> None:
        cts = get_descendants_content_types_pks(get_model_root(type(item)))
        SearchEntry.objects.using(self.connection.alias).filter(
            content_type_id__in=cts, object_id=force_str(item.pk)
        )._raw_delete(using=self.connection.alias)

    def reset(self) -> None:
        self.engine.reset()

    def delete_stale_entries(self) -> None:
        """Entries whose object is gone (``update_index`` runs this first)."""
        for model in get_indexed_models():
            if model._meta.parents:
                continue
            existing = model._default_manager.annotate(
                _oid=Cast("pk", CharField())
            ).values("_oid")
            SearchEntry.objects.filter(
                content_type_id__in=get_descendants_content_types_pks(model)
            ).exclude(object_id__in=existing).delete()


class VietnameseRebuilder:
    """``update_index``: drop entries of vanished objects, then every object is re-added."""

    def __init__(self, index: VietnameseIndex) -> None:
        self.index = index

    def start(self) -> VietnameseIndex:
        self.index.delete_stale_entries()
        return self.index

    def finish(self) -> None:
        pass


def _query_text(query: SearchQuery) -> tuple[str, bool]:
    """Flatten Wagtail's query objects into (text, is_phrase); negations are dropped."""
    if isinstance(query, PlainText):
        return query.query_string, False
    if isinstance(query, Phrase):
        return query.query_string, True
    if isinstance(query, And | Or):
        parts = [_query_text(sub) for sub in query.subqueries]
        return " ".join(p for p, _ in parts), any(ph for _, ph in parts)
    if isinstance(query, Not):
        return "", False
    subquery = getattr(query, "subquery", None)  # Boost
    if subquery is not None:
        return _query_text(subquery)
    return getattr(query, "query_string", ""), False


class VietnameseQueryCompiler(BaseSearchQueryCompiler):
    DEFAULT_OPERATOR = "and"
    HANDLES_ORDER_BY_EXPRESSIONS = True
    prefix = False

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.counts: dict[int, int] | None = None  # matches per content type, once known
        operator = (kwargs.get("operator") or self.DEFAULT_OPERATOR).lower()
        if isinstance(self.query, MatchAll):
            self.parsed = None
        else:
            query_text, phrase = _query_text(self.query)
            self.parsed = analysis.parse(query_text, operator=operator, phrase=phrase)

    def check(self) -> None:
        """Any queryset filter works here (it runs in SQL as a subquery), so only the
        ``fields`` argument is checked: no FilterField declarations are needed."""
        if self.fields:
            allowed = {f.field_name for f in self.queryset.model.get_searchable_search_fields()}
            unknown = [name for name in self.fields if name not in allowed]
            if unknown:
                raise SearchFieldError(
                    f'Cannot search with field "{unknown[0]}".', field_name=unknown[0]
                )

    # -- SQL ------------------------------------------------------------------------------------

    def _matches(self, engine: Engine) -> tuple[str, list]:
        """SELECT of the rows matching the query within the queryset (alias ``e``)."""
        q = self.parsed
        model = self.queryset.model
        column = "title" if self.prefix else "body"
        conditions, params = [], []
        sql, p = engine.where("e", column, q.words, q.operator, prefix=self.prefix)
        conditions.append(sql)
        params += p
        if q.phrase:  # quoted: the pairs anywhere in the text (read from the rows)
            sql, p = engine.holds("e", "extra", q.pairs)
            conditions.append(sql)
            params += p
        cts = get_descendants_content_types_pks(model)
        conditions.append(f"e.content_type_id IN ({', '.join(['%s'] * len(cts))})")
        params += cts
        base = self.queryset.order_by()
        compiled = compile_filters(base, "e", engine.connection)
        if compiled is not None:  # on the rows' copy of the page columns: no join
            sql, p = compiled
            if sql:
                conditions.append(f"({sql})")
                params += p
        else:
            if _int_key(model):
                sub = base.values_list("pk", flat=True)
                key = "e.object_int"
            else:
                sub = base.annotate(_oid=Cast("pk", CharField())).values_list("_oid", flat=True)
                key = "e.object_id"
            try:
                sub_sql, sub_params = sub.query.get_compiler(
                    connection=engine.connection
                ).as_sql()
            except EmptyResultSet:  # e.g. pk__in=[]: nothing can match
                conditions.append("1 = 0")
            else:
                conditions.append(f"{key} IN ({sub_sql})")
                params += list(sub_params)
        return (
            f"SELECT e.id, e.object_id, e.object_int, e.content_type_id, e.published_at "
            f"FROM {TABLE} e "
            f"WHERE {' AND '.join(conditions)}",
            params,
        )

    def _candidate_sets(self, engine: Engine, window: int) -> tuple[str, list]:
        """Ids worth scoring: the newest ``window`` matches and of each strong kind of match
        (all words in the title, side by side in the text, a code), found by index."""
        q = self.parsed
        order = f"ORDER BY {NEWEST_FIRST}"
        sets = [(f"SELECT m.id FROM m {order} LIMIT %s", [window])]
        strong = [("title", q.words, "and")]
        if q.exact:
            strong.append(("title", q.exact, "and"))
        if q.pairs:
            strong.append(("body", q.pairs, "and"))
        if q.codes:
            strong.append(("body", q.codes, "or"))
        for column, terms, mode in strong:
            sql, p = engine.ids(column, terms, mode)  # by index: the rows of any age
            sets.append(
                (f"SELECT m.id FROM m WHERE m.id IN ({sql}) {order} LIMIT %s", [*p, window])
            )
        return (
            " UNION ".join(f"SELECT id FROM ({sql}) AS s{i}" for i, (sql, _) in enumerate(sets)),
            [p for _, params in sets for p in params],
        )

    def ranked_ids(self, engine: Engine, start: int, stop: int | None,
                   window: int) -> list[tuple[str, float]]:
        q = self.parsed
        m_sql, m_params = self._matches(engine)
        c_sql, c_params = self._candidate_sets(engine, window)
        s_sql, s_params = engine.score("e", q.scored(), q.weights())
        limit = -1 if stop is None else max(stop - start, 0)
        if engine.vendor == "postgresql" and stop is None:
            limit = None
        # One statement answers the page of results and the counts per type (the matches are
        # computed once): rows with part = 1 carry (content type, count). Only the candidates
        # (s) are joined back to the index rows and scored: their vectors are large (TOAST).
        sql = (
            f"WITH m AS ({m_sql}), c AS ({c_sql}), "
            f"s AS (SELECT e.id, {s_sql} AS score FROM {TABLE} e WHERE e.id IN (SELECT id FROM c)) "
            "SELECT part, object_id, score, ct, n FROM ("
            "SELECT 0 AS part, r.object_id, r.score, NULL AS ct, NULL AS n, r.undated, "
            "r.published_at, r.id FROM ("
            "SELECT m.object_id, m.id, m.published_at, "
            "CASE WHEN m.published_at IS NULL THEN 1 ELSE 0 END AS undated, "
            "COALESCE(s.score, -1) AS score "
            f"FROM m LEFT JOIN s ON s.id = m.id ORDER BY score DESC, {NEWEST_FIRST} "
            + ("LIMIT ALL " if limit is None else "LIMIT %s ")
            + "OFFSET %s) r "
            "UNION ALL SELECT 1, NULL, NULL, m.content_type_id, COUNT(*), NULL, NULL, NULL "
            "FROM m GROUP BY m.content_type_id"
            ") t ORDER BY part, score DESC, undated, published_at DESC, id DESC"
        )
        params = [*m_params, *c_params, *s_params]
        if limit is not None:
            params.append(limit)
        params.append(start)
        with engine.connection.cursor() as cursor:
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        self.counts = {ct: int(n) for part, _, _, ct, n in rows if part == 1}
        return [(object_id, float(score)) for part, object_id, score, _, _ in rows if part == 0]

    def matching_queryset(self, engine: Engine) -> QuerySet:
        """The queryset narrowed to the matches, in its own order."""
        m_sql, m_params = self._matches(engine)
        column = "object_int" if _int_key(self.queryset.model) else "object_id"
        return self.queryset.filter(
            pk__in=RawSQL(f"SELECT m.{column} FROM ({m_sql}) m", m_params)  # noqa: S611
        )

    def type_counts(self, engine: Engine) -> dict[int, int]:
        m_sql, m_params = self._matches(engine)
        with engine.connection.cursor() as cursor:
            cursor.execute(
                f"SELECT m.content_type_id, COUNT(*) FROM ({m_sql}) m GROUP BY m.content_type_id",
                m_params,
            )
            return dict(cursor.fetchall())


class VietnameseAutocompleteQueryCompiler(VietnameseQueryCompiler):
    """Title terms, the last one as a prefix (the admin's choosers type as they search)."""

    prefix = True


class VietnameseSearchResults(BaseSearchResults):
    supports_facet = True

    @property
    def engine(self) -> Engine:
        return engine_for(connections[self.query_compiler.queryset.db])

    def _do_search(self):
        compiler = self.query_compiler
        if compiler.parsed is None:  # MatchAll
            return list(compiler.queryset[self.start : self.stop])
        if compiler.parsed.is_empty:
            return []
        if not compiler.order_by_relevance:  # the queryset's own order (the API's ?order=)
            return list(compiler.matching_queryset(self.engine)[self.start : self.stop])
        ranked = compiler.ranked_ids(self.engine, self.start, self.stop, self.backend.rank_window)
        if not ranked:
            return []
        model = compiler.queryset.model
        keys = [model._meta.pk.to_python(object_id) for object_id, _ in ranked]
        found = {obj.pk: obj for obj in compiler.queryset.filter(pk__in=keys)}
        results = []
        for key, (_, score) in zip(keys, ranked, strict=True):
            obj = found.get(key)
            if obj is None:
                continue
            if self._score_field:
                setattr(obj, self._score_field, score)
            results.append(obj)
        return results

    def _do_count(self) -> int:
        compiler = self.query_compiler
        if compiler.parsed is None:
            return compiler.queryset[self.start : self.stop].count()
        total = sum(self.type_counts().values())
        total = max(total - self.start, 0)
        return total if self.stop is None else min(total, self.stop - self.start)

    def type_counts(self) -> dict[int, int]:
        """Matches per content type id, in one query (the page's type filter counts)."""
        compiler = self.query_compiler
        if compiler.parsed is None or compiler.parsed.is_empty:
            return {}
        if compiler.counts is None:  # not yet answered with a page of results
            compiler.counts = compiler.type_counts(self.engine)
        return compiler.counts

    def facet(self, field_name: str) -> OrderedDict:
        if field_name not in {"content_type", "content_type_id"}:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}": only content_type.',
                field_name=field_name,
            )
        counts = sorted(self.type_counts().items(), key=lambda item: -item[1])
        return OrderedDict(counts)


class VietnameseSearchBackend(BaseSearchBackend):
    """Options: ``RANK_WINDOW`` (rows scored per strong kind of match, default 1000)."""

    query_compiler_class = VietnameseQueryCompiler
    autocomplete_query_compiler_class = VietnameseAutocompleteQueryCompiler
    index_class = VietnameseIndex
    results_class = VietnameseSearchResults
    rebuilder_class = VietnameseRebuilder

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        self.rank_window = int(params.get("RANK_WINDOW", DEFAULT_RANK_WINDOW))

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        # Only "or" and "and" exist; anything else a visitor sends (?search_operator=) is "and".
        kwargs["operator"] = "or" if str(kwargs.get("operator") or "").lower() == "or" else "and"
        if isinstance(query, str):
            query = PlainText(query, operator=kwargs["operator"])
        if not isinstance(model_or_queryset, QuerySet):
            model_or_queryset = model_or_queryset.objects.all()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


SearchBackend = VietnameseSearchBackend
