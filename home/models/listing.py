"""What the catalogue and the document list share: a filter form, pagination, folded matching.

As in consumerfinance.gov's filterable lists, a Django form validates the GET parameters, so an
unknown value is a form error shown to the reader with an empty result, never a 500.
"""

from __future__ import annotations

from django.db import models
from django.http import HttpRequest

from cms import text
from cms.pagination import paginate as bounded_paginate


def folded_text(*parts: str) -> str:
    """The lower-case, diacritic-free text a catalogue filter matches against."""
    return " ".join(text.fold(text.normalize(part)) for part in parts if part)


def query_words(query: str) -> list[str]:
    """Folded words of a filter query (NFD, old tone placement and no diacritics all match)."""
    return [word for word in folded_text(query).split() if word]


def paginate(request: HttpRequest, queryset: models.QuerySet, per_page: int):
    """The public paginator (``cms.pagination``): bounded count; a bad or far page is a 404."""
    return bounded_paginate(request, queryset, per_page)


class FilterableIndexMixin:
    """A page listing its children through a filter form (``get_filter_form_class``)."""

    per_page = 20

    def get_filter_form_class(self) -> type:  # pragma: no cover - abstract
        raise NotImplementedError

    def base_queryset(self) -> models.QuerySet:  # pragma: no cover - abstract
        raise NotImplementedError

    def apply_filters(self, queryset: models.QuerySet, data: dict) -> models.QuerySet:
        raise NotImplementedError  # pragma: no cover - abstract

    def get_context(self, request: HttpRequest, *args, **kwargs) -> dict:
        context = super().get_context(request, *args, **kwargs)
        form = self.get_filter_form_class()(request.GET or None)
        queryset = self.base_queryset()
        if form.is_bound and not form.is_valid():
            queryset = queryset.none()
        elif form.is_bound:
            queryset = self.apply_filters(queryset, form.cleaned_data)
        page = paginate(request, queryset, self.per_page)
        context.update(
            filter_form=form,
            filters_invalid=form.is_bound and not form.is_valid(),
            filters_active=form.is_bound and form.is_valid() and form.has_filters(),
            page_obj=page,
            items=page.object_list,
            querystring=form.querystring() if form.is_bound and form.is_valid() else "",
        )
        return context
