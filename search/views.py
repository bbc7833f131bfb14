"""``/search/``: HTML results and ``&format=json`` (DESIGN.md), live public pages only."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from search.forms import SearchForm
from search.snippets import snippet
from search.stats import query_key, record

PAGE_SIZE = 10
# Result type → page model; any other page is a "page".
TYPE_MODELS = {
    "article": "news.NewsArticlePage",
    "procedure": "home.ProcedurePage",
    "document": "home.PolicyPage",
}
TYPE_LABELS = {
    "article": "Tin bài",
    "procedure": "Thủ tục hành chính",
    "document": "Văn bản",
    "page": "Trang khác",
}


def _type_models() -> dict[str, type[Page]]:
    return {name: apps.get_model(label) for name, label in TYPE_MODELS.items()}


def type_of(page: Page) -> str:
    """``article``, ``procedure``, ``document`` or ``page``: the result's kind and partial."""
    for name, model in _type_models().items():
        if isinstance(page, model):
            return name
    return "page"


def searchable_pages(request: HttpRequest):
    """Live, public, unexpired pages of this site: nothing else may ever be found."""
    now = timezone.now()
    pages = (
        Page.objects.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
    )
    site = Site.find_for_request(request)
    if site is not None:
        pages = pages.descendant_of(site.root_page, inclusive=True)
    return pages


def _counts(results, models: dict[str, type[Page]]) -> dict[str, int]:
    """Matches per result type, from one query over the content types."""
    by_ct = results.type_counts()
    counts = dict.fromkeys(TYPE_LABELS, 0)
    typed = {ContentType.objects.get_for_model(m).pk: name for name, m in models.items()}
    for ct_id, count in by_ct.items():
        counts[typed.get(ct_id, "page")] += count
    return counts


def _date(page: Page):
    value = getattr(page, "published_at", None) or page.first_published_at
    return timezone.localtime(value) if value else None


def _no_such_page(wants_json: bool) -> HttpResponse:
    message = "Không có trang kết quả này."
    if wants_json:
        return JsonResponse({"errors": {"page": [message]}}, status=404)
    raise Http404(message)


def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET)
    wants_json = request.GET.get("format") == "json"
    if not form.is_valid():
        errors = {field: list(messages) for field, messages in form.errors.items()}
        if wants_json:
            return JsonResponse({"errors": errors}, status=400)
        response = TemplateResponse(
            request, "search/search.html", {"form": form, "errors": errors}, status=400
        )
        return response

    query = form.cleaned_data["q"]
    kind = form.cleaned_data["type"] or ""
    number = form.cleaned_data["page"] or 1
    models = _type_models()
    backend = get_search_backend()
    pages = searchable_pages(request).specific()

    counts = dict.fromkeys(TYPE_LABELS, 0)
    results: list[Page] = []
    total = 0
    if query:
        everything = backend.search(query, pages)
        start = (number - 1) * PAGE_SIZE
        if not kind:  # one statement gives this page and the counts per type
            results = list(everything[start : start + PAGE_SIZE])
        counts = _counts(everything, models)
        total = counts[kind] if kind else sum(counts.values())
        last = max((total - 1) // PAGE_SIZE + 1, 1)
        if number > last:
            return _no_such_page(wants_json)
        if kind:
            if kind == "page":
                scoped = pages.not_type(*models.values())
            else:
                scoped = pages.type(models[kind])
            results = list(backend.search(query, scoped)[start : start + PAGE_SIZE])
        if number == 1:
            record(query, sum(counts.values()))
    elif number > 1:
        return _no_such_page(wants_json)

    items = [
        {
            "page": page,
            "type": type_of(page),
            "url": page.get_url(request),
            "snippet": snippet(page, query),
            "published_at": _date(page),
        }
        for page in results
    ]

    if wants_json:
        return JsonResponse(
            {
                "query": query,
                "total": total,
                "page": number,
                "results": [
                    {
                        "title": item["page"].title,
                        "url": item["url"],
                        "type": item["type"],
                        "snippet": str(item["snippet"]),
                        "published_at": item["published_at"].isoformat()
                        if item["published_at"]
                        else None,
                    }
                    for item in items
                ],
            },
            json_dumps_params={"ensure_ascii": False},
        )

    promotions = []
    if query and number == 1:
        chosen = list(
            SearchPromotion.objects.filter(query__query_string=query_key(query))
            .select_related("page")
            .order_by("sort_order")
        )
        shown = set(
            searchable_pages(request)
            .filter(pk__in=[p.page_id for p in chosen if p.page_id])
            .values_list("pk", flat=True)
        ) if any(p.page_id for p in chosen) else set()
        promotions = [p for p in chosen if p.page_id is None or p.page_id in shown]

    last_page = max((total - 1) // PAGE_SIZE + 1, 1)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "kind": kind,
            "total": total,
            "counts": [
                {"value": value, "label": label, "count": counts[value]}
                for value, label in TYPE_LABELS.items()
            ],
            "all_count": sum(counts.values()),
            "items": items,
            "promotions": promotions,
            "page_number": number,
            "has_previous": number > 1,
            "has_next": number < last_page,
            "last_page": last_page,
        },
    )
