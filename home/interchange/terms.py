"""Sectors and agencies named by import records, fetched or created once per import run."""

from __future__ import annotations

from cms import text

from ..models.taxonomy import _NamedTerm

__all__ = ["TermCache"]


class TermCache:
    """``Model.for_name`` memoised by folded slug: a batch of 500 procedures naming the same
    ten agencies costs ten queries, not a thousand (the bulk path's budget)."""

    def __init__(self) -> None:
        self._terms: dict[tuple[type, str], _NamedTerm] = {}

    def get(self, model: type[_NamedTerm], name: str) -> _NamedTerm:
        key = (model, text.slugify(name))
        if key not in self._terms:
            self._terms[key] = model.for_name(name)
        return self._terms[key]
