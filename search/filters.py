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


def _readable(node) -> bool:
    """True when every condition of ``node`` compares a copied column with plain values."""
    if isinstance(node, WhereNode):
        return all(_readable(child) for child in node.children)
    if isinstance(node, NothingNode):  # .none()
        return True
    if not isinstance(node, Lookup) or not isinstance(node.lhs, Col):
        return False
    if node.lhs.alias != Page._meta.db_table or node.lhs.target.column not in _READABLE:
        return False
    values = node.rhs if isinstance(node.rhs, list | tuple | set | frozenset) else [node.rhs]
    return not any(hasattr(value, "resolve_expression") for value in values)


def _onto(node, alias: str):
    """The condition tree ``node`` reading the entry ``alias``: the page's id is the entry's
    ``object_int``, every other column has the same name."""
    if isinstance(node, WhereNode):
        clone = copy.copy(node)
        clone.children = [_onto(child, alias) for child in node.children]
        return clone
    if isinstance(node, NothingNode):
        return node
    target = node.lhs.target
    if target.column == "id":
        target = SearchEntry._meta.get_field("object_int")
    return type(node)(Col(alias, target, node.lhs.output_field), node.rhs)


def compile_filters(queryset: QuerySet, alias: str, connection) -> tuple[str, list] | None:
    """SQL on the entry alias ``alias`` equivalent to the queryset's filters, or ``None``."""
    query = queryset.query
    if queryset.model._meta.db_table != Page._meta.db_table:
        return None
    joined = {alias for alias, count in query.alias_refcount.items() if count}
    if query.is_sliced or query.combinator or query.extra or joined - {Page._meta.db_table}:
        return None
    if not _readable(query.where):
        return None
    compiler = query.get_compiler(connection=connection)
    try:
        sql, params = _onto(query.where, alias).as_sql(compiler, connection)
    except EmptyResultSet:
        return NOTHING
    except FullResultSet:
        return "", []
    return sql, list(params)
