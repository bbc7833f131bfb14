"""Bulk indexing of the pages an import creates, registered with the import pipeline
(``cms.importer.registry``): the texts are gathered here, cut into terms by ``analysis`` in a
worker process while the pages' rows are written, then added to the index in one call."""

from __future__ import annotations

from django.db.models import Model

from wagtail.search.backends import get_search_backends

from cms.importer.registry import BulkIndexer

from . import analysis
from .backend import VietnameseIndex, document_texts

__all__ = ["INDEXER"]


def texts(pages: list[Model]) -> list[analysis.Texts]:
    return [document_texts(page) for page in pages]


def add(model: type[Model], pages: list[Model], documents: list[analysis.Document]) -> None:
    """Every auto-updated backend: ours with the terms already cut, others their own way."""
    for backend in get_search_backends(with_auto_update=True):
        index = backend.get_index_for_model(model)
        if isinstance(index, VietnameseIndex):
            index.add_documents(model, pages, documents)
        else:
            backend.add_bulk(model, pages)


INDEXER = BulkIndexer(texts=texts, cut=analysis.analyse_all, add=add)
