"""``PageCacheMiddleware``: anonymous GETs answered from the shared cache, never stale.

Why our own and not a package: Django's ``UpdateCacheMiddleware``/``FetchFromCacheMiddleware``
key on the full URL (every ``utm_`` variant is a new entry) and can only expire, not purge;
wagtail-cache (CodeRed) purges by clearing the whole cache on every publish and keys on the full
URL too; django-cacheops caches querysets, not pages. The part none does is small: the keys and
generations of ``cms.cache.keys`` and the purge set of ``cms.cache.purge``.

The rules:
- Looked up for GET/HEAD without a session cookie (a signed-in editor always has one; an
  anonymous reader has none until a form gives it one): signed-in users, previews (admin URLs)
  and POSTs never see a stored page.
- Stored only when the view opted in (every Wagtail page does, unless its class says
  ``page_cache = False``; other views with ``cms.cache.cacheable``), the answer is a 200, sets no
  cookie, used no CSRF token (a form is never stored), is not ``private``/``no-store``/
  ``no-cache``, varies on Cookie only if the request had no cookie at all (the session was
  merely checked for a signed-in user), and the query is one the page declared. The key holds
  the language LocaleMiddleware would choose, which is what ``Vary: Accept-Language`` means.
- Lifetime: ``PAGE_CACHE_TIMEOUT`` at most, and never past the next expiry of a live page
  (``cms.cache.purge.next_expiry``): an expired page is gone from every listing at once.
- Every stored answer carries an ETag and Last-Modified; a conditional GET gets a 304.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.cache import cc_delim_re, get_conditional_response, patch_vary_headers
from django.utils.http import http_date

from . import keys
from .purge import seconds_to_next_expiry

HEADER = "X-Page-Cache"
NO_STORE = {"private", "no-store", "no-cache"}


def timeout() -> int:
    return int(getattr(settings, "PAGE_CACHE_TIMEOUT", 3600))


def cdn_max_age() -> int:
    return int(getattr(settings, "PAGE_CACHE_CDN_MAX_AGE", 300))


def lookup_allowed(request: HttpRequest) -> bool:
    if request.method not in ("GET", "HEAD"):
        return False
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return False
    return not any(request.path.startswith(prefix) for prefix in bypass_prefixes())


def bypass_prefixes() -> tuple[str, ...]:
    return tuple(getattr(settings, "PAGE_CACHE_BYPASS", ("/admin/", "/documents/", "/api/")))


def storable(request: HttpRequest, response: HttpResponse, items) -> bool:
    declared = getattr(request, "_page_cache_params", None)
    if declared is None or response.status_code != 200 or response.streaming:
        return False
    if response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # a form's CSRF token is the reader's own
    vary = {v.strip().lower() for v in cc_delim_re.split(response.get("Vary", "")) if v}
    if "*" in vary or ("cookie" in vary and request.COOKIES):
        # Varying on Cookie is harmless only where there was none to vary on (a page that
        # merely checked for a signed-in user, for a request without cookies).
        return False
    control = {
        part.split("=")[0].strip().lower()
        for part in cc_delim_re.split(response.get("Cache-Control", ""))
        if part
    }
    if control & NO_STORE:
        return False
    return keys.storable_query(items, tuple(declared))


class PageCacheMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not settings.PAGE_CACHE_ENABLED or not lookup_allowed(request):
            return self.get_response(request)
        items = keys.query_items(request)
        key = keys.page_key(request, items)
        stored = cache.get(key)
        if stored is not None:
            return self.replay(request, stored)
        response = self.get_response(request)
        if storable(request, response, items):
            self.store(key, response)
            response[HEADER] = "miss"
            return get_conditional_response(
                request,
                etag=response["ETag"],
                last_modified=stored_at(response),
                response=response,
            )
        return response

    def store(self, key: str, response: HttpResponse) -> None:
        lifetime = timeout()
        to_expiry = seconds_to_next_expiry()
        if to_expiry is not None:
            lifetime = min(lifetime, int(to_expiry))
        if lifetime < 1:
            return
        content = response.content
        now = time.time()
        response["ETag"] = '"' + hashlib.md5(content, usedforsecurity=False).hexdigest() + '"'
        response["Last-Modified"] = http_date(now)
        response["Cache-Control"] = (
            f"public, max-age=0, must-revalidate, s-maxage={min(lifetime, cdn_max_age())}"
        )
        patch_vary_headers(response, ["Accept-Encoding"])
        headers = [(k, v) for k, v in response.items() if k.lower() != HEADER.lower()]
        cache.set(key, (response.status_code, headers, content, now, now + lifetime), lifetime)

    def replay(self, request: HttpRequest, stored: tuple) -> HttpResponse:
        status, headers, content, created, expires = stored
        response = HttpResponse(content, status=status)
        for name, value in headers:
            response[name] = value
        # Never longer at the CDN than what is left here.
        left = max(0, int(expires - time.time()))
        response["Cache-Control"] = (
            f"public, max-age=0, must-revalidate, s-maxage={min(left, cdn_max_age())}"
        )
        response[HEADER] = "hit"
        return get_conditional_response(
            request, etag=response["ETag"], last_modified=int(created), response=response
        )


def stored_at(response: HttpResponse) -> int | None:
    from django.utils.http import parse_http_date_safe

    return parse_http_date_safe(response.get("Last-Modified", ""))
