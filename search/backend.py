# ruff: noqa: S608 -- SQL is assembled from constant fragments; every value is a parameter.
"""Wagtail search backend with the Vietnamese rules: ``WAGTAILSEARCH_BACKENDS["default"]``.

Everything Wagtail searches (pages, the API's ``?search=``, the admin's images and documents)
goes through here: objects are indexed as terms from ``search.analysis`` into the engine's own
storage (``search.engines``), and queries match and rank in that engine. Ranking:

1. the weighted sum of the query's terms a row holds (exact pairs and code keys > folded pairs >
   exact words > folded words; title group × 2; folded-only terms × ¼ when the query has marks);
2. newest first.

How a search is answered without visiting every match of a query that most of 100,000 articles
match (candidates, counts up to a cap): ``search.plan``.
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
from search.engines import TABLE, Costs, Engine, engine_for
from search.filters import compile_filters, mirror_of
from search.models import SearchEntry
from search.plan import Answer, Limits, Search

BATCH_SIZE = 500
# Attributes that date an object, first found wins: the ranking's tie-break (newest first).
DATE_ATTRIBUTES = ("published_at", "issued_on", "first_published_at")


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
        self._plans: dict[str, Search] = {}  # database alias → its plan (probe, counts)
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

    def _match(self, engine: Engine) -> tuple[str, list]:
        """The condition on the index row ``e`` that it matches the query."""
        q = self.parsed
        column = "title" if self.prefix else "body"
        sql, params = engine.where("e", column, q.words, q.operator, prefix=self.prefix)
        if q.phrase:  # quoted: the pairs anywhere in the text (read from the rows)
            phrase, phrase_params = engine.holds("e", "extra", q.pairs)
            sql, params = f"{sql} AND {phrase}", [*params, *phrase_params]
        return sql, params

    def _allowed(self, engine: Engine) -> tuple[str, list]:
        """The condition on ``e`` that its object is in the queryset."""
        model = self.queryset.model
        # The content type as a filter (``+ 0``): no lookup should start from its index.
        cts = get_descendants_content_types_pks(model)
        conditions = [f"e.content_type_id + 0 IN ({', '.join(['%s'] * len(cts))})"]
        params: list = list(cts)
        base = self.queryset.order_by()
        compiled = compile_filters(base, "e", engine.connection)
        if compiled is not None:  # on the rows' copy of the page columns: no join
            sql, p = compiled
            if sql:
                conditions.append(f"({sql})")
                params += p
            return " AND ".join(conditions), params
        if _int_key(model):
            sub, key = base.values_list("pk", flat=True), "e.object_int"
        else:
            sub = base.annotate(_oid=Cast("pk", CharField())).values_list("_oid", flat=True)
            key = "e.object_id"
        try:
            sub_sql, sub_params = sub.query.get_compiler(connection=engine.connection).as_sql()
        except EmptyResultSet:  # e.g. pk__in=[]: nothing can match
            conditions.append("1 = 0")
        else:
            conditions.append(f"{key} IN ({sub_sql})")
            params += list(sub_params)
        return " AND ".join(conditions), params

    def plan(self, engine: Engine, limits: Limits) -> Search:
        """The query's plan on ``engine``; one per compiler, so its probe is read once."""
        search = self._plans.get(engine.connection.alias)
        if search is None:
            search = self._plans[engine.connection.alias] = Search(
                engine=engine, query=self.parsed, allowed=self._allowed(engine),
                match=self._match(engine),
                content_types=get_descendants_content_types_pks(self.queryset.model),
                limits=limits,
            )
        return search

    def matching_queryset(self, engine: Engine) -> QuerySet:
        """The queryset narrowed to the matches, in its own order."""
        match, match_params = self._match(engine)
        allowed, params = self._allowed(engine)
        column = "object_int" if _int_key(self.queryset.model) else "object_id"
        return self.queryset.filter(
            pk__in=RawSQL(  # noqa: S611
                f"SELECT e.{column} FROM {TABLE} e WHERE {match} AND {allowed}",
                [*match_params, *params],
            )
        )


class VietnameseAutocompleteQueryCompiler(VietnameseQueryCompiler):
    """Title terms, the last one as a prefix (the admin's choosers type as they search)."""

    prefix = True


class VietnameseSearchResults(BaseSearchResults):
    supports_facet = True

    @property
    def engine(self) -> Engine:
        return engine_for(connections[self.query_compiler.queryset.db])

    def _answer(self, page: bool) -> Answer:
        """The plan's answer for this slice: the one way to the results and their counts. The
        counts are kept on the compiler, so a count then a page (a paginator) reads one probe."""
        compiler = self.query_compiler
        search = compiler.plan(self.engine, self.backend.limits)
        return search.answer(self.start, self.stop, page=page)

    def _do_search(self):
        compiler = self.query_compiler
        if compiler.parsed is None:  # MatchAll
            return list(compiler.queryset[self.start : self.stop])
        if compiler.parsed.is_empty:
            return []
        if not compiler.order_by_relevance:  # the queryset's own order (the API's ?order=)
            return list(compiler.matching_queryset(self.engine)[self.start : self.stop])
        answer = self._answer(page=True)
        if not answer.ranked:
            return []
        model = compiler.queryset.model
        keys = [model._meta.pk.to_python(object_id) for object_id, _ in answer.ranked]
        found = {obj.pk: obj for obj in compiler.queryset.filter(pk__in=keys)}
        results = []
        for key, (_, score) in zip(keys, answer.ranked, strict=True):
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
        total = max(sum(self.type_counts().values()) - self.start, 0)
        return total if self.stop is None else min(total, self.stop - self.start)

    def type_counts(self) -> dict[int, int]:
        """Matches per content type id (the page's type filter counts), each exact up to the
        backend's ``COUNT_CAP``: see ``capped``."""
        compiler = self.query_compiler
        if compiler.parsed is None or compiler.parsed.is_empty:
            return {}
        return self._answer(page=False).counts

    def capped(self) -> set[int]:
        """Content type ids with more matches than their count says (it stopped at the cap)."""
        compiler = self.query_compiler
        if compiler.parsed is None or compiler.parsed.is_empty:
            return set()
        return self._answer(page=False).capped

    def facet(self, field_name: str) -> OrderedDict:
        if field_name not in {"content_type", "content_type_id"}:
            raise FilterFieldError(
                f'Cannot facet search results with field "{field_name}": only content_type.',
                field_name=field_name,
            )
        counts = sorted(self.type_counts().items(), key=lambda item: -item[1])
        return OrderedDict(counts)


class VietnameseSearchBackend(BaseSearchBackend):
    """Options (``WAGTAILSEARCH_BACKENDS["default"]``; each bounds the work of one search, see
    ``search.plan.Limits`` and ``search.conf`` for the environment variables):

    - ``PROBE_ROWS`` (200): newest rows read first, to measure how common a query is;
    - ``RANK_WINDOW`` (100): candidates of each kind, and rows ranked on their full text;
    - ``COUNT_CAP`` (500): a large content type is counted up to this ("hơn 500");
    - ``SMALL_TYPE`` (2,000): a content type with at most this many rows is counted exactly;
    - ``SIZES_TTL`` (60): seconds the rows per content type are kept;
    - ``COSTS``: ``search.engines.Costs`` by field name (``{"walk_row": 10.0, …}``).
    """

    query_compiler_class = VietnameseQueryCompiler
    autocomplete_query_compiler_class = VietnameseAutocompleteQueryCompiler
    index_class = VietnameseIndex
    results_class = VietnameseSearchResults
    rebuilder_class = VietnameseRebuilder

    def __init__(self, params: dict) -> None:
        super().__init__(params)
        defaults = Limits()
        self.limits = Limits(
            probe=int(params.get("PROBE_ROWS", defaults.probe)),
            window=int(params.get("RANK_WINDOW", defaults.window)),
            cap=int(params.get("COUNT_CAP", defaults.cap)),
            small=int(params.get("SMALL_TYPE", defaults.small)),
            sizes_ttl=float(params.get("SIZES_TTL", defaults.sizes_ttl)),
            costs=Costs(**{name: float(value) for name, value in
                           (params.get("COSTS") or {}).items()}),
        )

    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        # Only "or" and "and" exist; anything else a visitor sends (?search_operator=) is "and".
        kwargs["operator"] = "or" if str(kwargs.get("operator") or "").lower() == "or" else "and"
        if isinstance(query, str):
            query = PlainText(query, operator=kwargs["operator"])
        if not isinstance(model_or_queryset, QuerySet):
            model_or_queryset = model_or_queryset.objects.all()
        return super()._search(query_compiler_class, query, model_or_queryset, **kwargs)


SearchBackend = VietnameseSearchBackend
