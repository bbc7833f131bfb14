"""A page queryset's filters, applied to the index rows' copy of the page columns.

A search of "live, public, unexpired pages of this site" asks which of 50,000 matching rows
pass the queryset. Joining the page table for each of them costs more than the whole rest of
the search, so every entry of a page carries a copy of the page's filter columns (``MIRRORED``),
written whenever the page is indexed (every save; descendants on a move, see ``search.signals``),
and a queryset whose conditions only read those columns is compiled onto the copy.

Any other queryset (joins, subqueries, other columns, another model) returns ``None`` here and is
applied as a subquery on the real table, as before. The copy only narrows the rows to rank:
the objects shown are always fetched through the real queryset (``search.backend``), so a copy
out of date could change a count, never show a page the queryset excludes.
"""

from __future__ import annotations

import copy

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db.models import Model, QuerySet
from django.db.models.expressions import Col
from django.db.models.lookups import Lookup
from django.db.models.sql.where import NothingNode, WhereNode

from wagtail.models import Page

from search.models import SearchEntry

__all__ = ["MIRRORED", "NOTHING", "compile_filters", "mirror_of"]

#: Page columns copied onto the page's index entry, under the same names (the page id is
#: the entry's ``object_int``).
MIRRORED = ("live", "path", "depth", "expire_at", "go_live_at", "locale_id")
_READABLE = {*MIRRORED, "content_type_id", "id"}
#: The queryset can match nothing (``pk__in=[]``).
NOTHING = ("1 = 0", [])


def mirror_of(obj: Model) -> tuple:
    """The values of ``MIRRORED`` for ``obj`` (all ``None`` when it is not a page)."""
    if isinstance(obj, Page):
        return tuple(getattr(obj, name) for name in MIRRORED)
    return (None,) * len(MIRRORED)


def _retarget_where(queryset: QuerySet, alias: str, connection) -> tuple[str, list] | None:
    """The queryset's WHERE clause as SQL on the entry ``alias``, or ``None`` when any part of
    it reads something other than a copied page column compared with plain values.

    The one place that reads Django's query internals (``Query.where``, its ``WhereNode`` tree
    of ``Lookup(Col, value)`` leaves, ``alias_refcount``): Django has no public API that
    compiles a queryset's conditions onto another table, and Wagtail's own search backends
    walk the same tree (``modelsearch``'s ``_get_filters_from_where_node``), whose FilterField
    rules would refuse ``expire_at`` and ``go_live_at``. Checked on Django 5.2 (5.2.19); a change
    there fails ``tests/search/test_filters.py``, which compares every shape the site uses
    with the subquery on the page table. Each column keeps its name on the entry, except the
    page's id, which is the entry's ``object_int``.
    """
    query = queryset.query
    joined = {name for name, count in query.alias_refcount.items() if count}
    if query.is_sliced or query.combinator or query.extra or joined - {Page._meta.db_table}:
        return None

    def onto(node):
        if isinstance(node, NothingNode):  # .none(), pk__in=[]
            return node
        if isinstance(node, WhereNode):
            children = [onto(child) for child in node.children]
            if any(child is None for child in children):
                return None
            clone = copy.copy(node)
            clone.children = children
            return clone
        if not isinstance(node, Lookup) or not isinstance(node.lhs, Col):
            return None
        target = node.lhs.target
        if node.lhs.alias != Page._meta.db_table or target.column not in _READABLE:
            return None
        values = node.rhs if isinstance(node.rhs, list | tuple | set | frozenset) else [node.rhs]
        if any(hasattr(value, "resolve_expression") for value in values):  # a subquery
            return None
        if target.column == "id":
            target = SearchEntry._meta.get_field("object_int")
        return type(node)(Col(alias, target, node.lhs.output_field), node.rhs)

    where = onto(query.where)
    if where is None:
        return None
    try:
        sql, params = where.as_sql(query.get_compiler(connection=connection), connection)
    except EmptyResultSet:
        return NOTHING
    except FullResultSet:
        return "", []
    return sql, list(params)


def compile_filters(queryset: QuerySet, alias: str, connection) -> tuple[str, list] | None:
    """SQL on the entry alias ``alias`` equivalent to the queryset's filters (``""``: none),
    or ``None`` when they cannot be read from the copy (the caller then uses a subquery)."""
    if queryset.model._meta.db_table != Page._meta.db_table:
        return None
    return _retarget_where(queryset, alias, connection)
