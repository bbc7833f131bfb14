"""The page chooser at the size of the archive: one query per kind of data, not one per row.

Wagtail's chooser (browse and search) draws each row with its parent's id (``page.get_parent``),
its status ("live + scheduled", "in moderation": ``approved_schedule`` and
``workflow_in_progress``) and, when searching, its parent's title. Unlike the explorer, it
annotates none of these, so 25 rows cost ~75 queries. Its only extension point is the
``construct_page_chooser_queryset`` hook, which gets the queryset before the browse view makes
it specific or the search view hands it to the search backend; so the schedule is an annotation
there, and the parents and workflow states are fetched when the chosen rows are evaluated, by a
queryset class that both views carry along (clones, slices and the search backend's
``filter(pk__in=…)`` keep it).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.contrib.contenttypes.models import ContentType
from django.db.models import QuerySet

from wagtail.models import Page, WorkflowState
from wagtail.query import PageQuerySet


def attach_parents_and_workflow_states(pages: Iterable) -> None:
    """Give each page its parent (treebeard's ``get_parent`` cache) and its active workflow
    states (what ``PageQuerySet.prefetch_workflow_states`` sets): two queries in all."""
    pages = [page for page in pages if isinstance(page, Page)]
    if not pages:
        return
    steplen = Page.steplen
    wanted = {page.path[:-steplen] for page in pages if page.depth > 1}
    parents = {parent.path: parent for parent in Page.objects.filter(path__in=wanted)}
    for page in pages:
        parent = parents.get(page.path[:-steplen])
        if parent is not None and not hasattr(page, "_cached_parent_obj"):
            page._cached_parent_obj = parent

    states = defaultdict(list)
    for state in (
        WorkflowState.objects.active()
        .filter(
            base_content_type=ContentType.objects.get_for_model(Page),
            object_id__in=[str(page.pk) for page in pages],
        )
        .select_related("current_task_state__task")
    ):
        states[state.object_id].append(state)
    for page in pages:
        page._current_workflow_states = states.get(str(page.pk), [])


class ChooserPageQuerySet(PageQuerySet):
    """A page queryset whose rows arrive with their parents and workflow states."""

    def _fetch_all(self) -> None:
        fresh = self._result_cache is None
        super()._fetch_all()
        if fresh:
            attach_parents_and_workflow_states(self._result_cache)


def chooser_queryset(pages: QuerySet) -> QuerySet:
    if type(pages) is not PageQuerySet:  # another hook's own class: leave it alone
        return pages
    pages = pages.annotate_approved_schedule()
    pages.__class__ = ChooserPageQuerySet
    return pages
