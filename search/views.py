"""``/search/``: HTML results and ``&format=json`` (DESIGN.md), live public pages only."""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.template.response import TemplateResponse
from django.utils import timezone, translation
from django.utils.translation import gettext

from wagtail.contrib.search_promotions.models import SearchPromotion
from wagtail.models import Page, Site
from wagtail.search.backends import get_search_backend

from cms import text
from cms.pages import ResultType, result_type, result_type_models
from search.forms import SearchForm
from search.snippets import snippet
from search.stats import query_key, record

PAGE_SIZE = 10
# Result type → label, in the order of the type filter; pages declare their type (cms.pages).
TYPE_LABELS = dict(ResultType.choices)


def type_of(page: Page) -> str:
    """``article``, ``procedure``, ``document`` or ``page``: the result's kind and partial."""
    return result_type(page)


def searchable_pages(request: HttpRequest):
    """Live, public, unexpired pages of this site in the language of the search (/search/ the
    Vietnamese tree, /en/search/ the English one): nothing else may ever be found."""
    now = timezone.now()
    pages = (
        Page.objects.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .filter(Q(go_live_at__isnull=True) | Q(go_live_at__lte=now))
    )
    site = Site.find_for_request(request)
    if site is not None:
        root = site.root_page
        if translation.get_language() != settings.LANGUAGE_CODE:
            # The site's home in this language (Wagtail's translation of the root): two queries,
            # on English searches only; the Vietnamese tree is the site's own root, as before.
            root = root.localized
        pages = pages.descendant_of(root, inclusive=True)
    return pages


def _counts(results, models: dict[str, list[type[Page]]]) -> tuple[dict[str, int], set[str]]:
    """Matches per result type, and the types whose count stopped at the backend's cap (a
    common query: "more than N")."""
    counts = dict.fromkeys(TYPE_LABELS, 0)
    typed = {
        ContentType.objects.get_for_model(model).pk: name
        for name, kind_models in models.items()
        for model in kind_models
    }
    for ct_id, count in results.type_counts().items():
        counts[typed.get(ct_id, "page")] += count
    capped = {typed.get(ct_id, "page") for ct_id in getattr(results, "capped", set)()}
    return counts, capped


def _amount(count: int, at_least: bool) -> str:
    """``1.234``, or ``hơn 500`` for a count that stopped at the backend's cap (in the
    page's language: ``more than 500``)."""
    shown = text.format_number(count)
    return gettext("hơn %(count)s") % {"count": shown} if at_least else shown


def _date(page: Page):
    value = getattr(page, "published_at", None) or page.first_published_at
    return timezone.localtime(value) if value else None


def _last_page(total: int) -> int:
    """The last page of ``total`` results (page 1 exists even when nothing is found)."""
    return max((total - 1) // PAGE_SIZE + 1, 1)


def _no_such_page(wants_json: bool) -> HttpResponse:
    message = "Không có trang kết quả này."
    if wants_json:
        return JsonResponse({"errors": {"page": [message]}}, status=404)
    raise Http404(message)


def _promotions(request: HttpRequest, query: str) -> list[SearchPromotion]:
    """The editors' promoted results for this query whose page a visitor may see. A query
    typed without diacritics gets the promotions of the same words with them (``giay phep``
    those of ``giấy phép``); one typed with them, its own."""
    key = query_key(query)
    keys = {key}
    if not text.has_marks(key):
        promoted = SearchPromotion.objects.values_list("query__query_string", flat=True)
        keys |= {k for k in promoted.distinct() if text.fold(k) == key}
    chosen = list(
        SearchPromotion.objects.filter(query__query_string__in=keys)
        .select_related("page")
        .order_by("sort_order", "pk")
    )
    page_ids = [p.page_id for p in chosen if p.page_id]
    shown = set(
        searchable_pages(request).filter(pk__in=page_ids).values_list("pk", flat=True)
    ) if page_ids else set()
    return [p for p in chosen if p.page_id is None or p.page_id in shown]


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
    models = result_type_models()
    backend = get_search_backend()
    pages = searchable_pages(request).specific()

    counts = dict.fromkeys(TYPE_LABELS, 0)
    capped: set[str] = set()
    results: list[Page] = []
    total = 0
    partial = False
    if query:
        everything = backend.search(query, pages)
        start = (number - 1) * PAGE_SIZE
        if number == 1 and not kind:  # page 1 always exists: its search gives the counts too
            results = list(everything[start : start + PAGE_SIZE])
        # Otherwise the counts first (one probe, kept for the page): a page past the last is
        # answered before any candidate is read or ranked.
        counts, capped = _counts(everything, models)
        # No page holds every word: the best partial matches (a backend without them: never).
        partial = bool(getattr(everything, "is_partial", lambda: False)())
        total = counts[kind] if kind else sum(counts.values())
        if number > _last_page(total):
            return _no_such_page(wants_json)
        if kind:
            if kind == "page":
                scoped = pages.not_type(*(m for typed in models.values() for m in typed))
            else:  # a type no page model declares (yet) finds nothing
                typed = models.get(kind, [])
                scoped = pages.type(*typed) if typed else pages.none()
            within = backend.search(query, scoped)
            results = list(within[start : start + PAGE_SIZE])
            partial = bool(getattr(within, "is_partial", lambda: False)()) if results else partial
        elif number > 1:
            results = list(everything[start : start + PAGE_SIZE])
        if number == 1:
            record(query, sum(counts.values()), request)
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

    at_least = bool(capped if not kind else capped & {kind})
    promotions = _promotions(request, query) if query and number == 1 else []
    if wants_json:
        return JsonResponse(
            {
                "query": query,
                "total": total,
                # "gte": the total is a lower bound (a common query, counted up to a cap).
                "total_relation": "gte" if at_least else "eq",
                "page": number,
                # true: no page holds every word; the results are the closest partial matches.
                "partial": partial,
                "promoted": [
                    {
                        "title": p.page.title if p.page else p.external_link_text,
                        "url": p.page.get_url(request) if p.page else p.external_link_url,
                        "description": p.description,
                    }
                    for p in promotions
                ],
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

    last_page = _last_page(total)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "query": query,
            "kind": kind,
            "total": total,
            # The type filter, "all" first: each label with its count ("hơn 500" when capped).
            "counts": [
                {"value": "", "label": "Tất cả",
                 "shown": _amount(sum(counts.values()), bool(capped))},
                *(
                    {"value": value, "label": label,
                     "shown": _amount(counts[value], value in capped)}
                    for value, label in TYPE_LABELS.items()
                ),
            ],
            "total_shown": _amount(total, at_least),
            "at_least": at_least,
            "partial": partial,
            "items": items,
            "promotions": promotions,
            "page_number": number,
            "has_previous": number > 1,
            "has_next": number < last_page,
            "last_page": last_page,
        },
    )
