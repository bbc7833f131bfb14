"""Django's Redis cache, made safe to share and to lose.

Two changes to ``django.core.cache.backends.redis.RedisCache``, each for an operator's reason:

- ``clear()`` deletes only this site's keys (those under ``KEY_PREFIX``) with ``SCAN`` +
  ``DELETE`` in batches, instead of ``FLUSHDB``, which empties the whole Redis database: other
  sites, other app caches and the sessions of anyone sharing it.
- A Redis that is down or unreachable degrades the cache to a miss instead of raising into
  the request (Django's backend raises, so every page would be a 500): reads answer the
  default, writes are dropped, one warning is logged per ``RETRY_AFTER`` seconds, and Redis is
  not asked again for that long, so a blackholed host costs one connect timeout per period,
  not one per cache call. Caching resumes by itself when Redis is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any, TypeVar

from redis.exceptions import RedisError

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache

logger = logging.getLogger(__name__)

T = TypeVar("T")

#: Seconds Redis is left alone after an error.
RETRY_AFTER = 2.0
#: Keys deleted per DELETE while clearing.
CLEAR_BATCH = 500


class SiteRedisCache(RedisCache):
    _down_until = 0.0

    def _guard(self, call: Callable[[], T], fallback: T) -> T:
        if time.monotonic() < self._down_until:
            return fallback
        try:
            return call()
        except RedisError as error:
            self._down_until = time.monotonic() + RETRY_AFTER
            logger.warning(
                "cache unavailable (%s); serving uncached for %.0f s",
                type(error).__name__, RETRY_AFTER,
            )
            return fallback

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._guard(lambda: super(SiteRedisCache, self).add(key, value, timeout, version),
                           False)

    def get(self, key, default=None, version=None) -> Any:
        return self._guard(lambda: super(SiteRedisCache, self).get(key, default, version), default)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None) -> None:
        self._guard(lambda: super(SiteRedisCache, self).set(key, value, timeout, version), None)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None) -> bool:
        return self._guard(lambda: super(SiteRedisCache, self).touch(key, timeout, version), False)

    def delete(self, key, version=None) -> bool:
        return self._guard(lambda: super(SiteRedisCache, self).delete(key, version), False)

    def get_many(self, keys, version=None) -> dict:
        return self._guard(lambda: super(SiteRedisCache, self).get_many(keys, version), {})

    def has_key(self, key, version=None) -> bool:
        return self._guard(lambda: super(SiteRedisCache, self).has_key(key, version), False)

    def incr(self, key, delta=1, version=None) -> int:
        missing = object()
        value = self._guard(lambda: super(SiteRedisCache, self).incr(key, delta, version), missing)
        if value is missing:  # as for a key that is not there, which callers already handle
            raise ValueError(f"Key '{key}' not found (cache unavailable)")
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None) -> list:
        return self._guard(
            lambda: super(SiteRedisCache, self).set_many(data, timeout, version), list(data)
        )

    def delete_many(self, keys, version=None) -> None:
        self._guard(lambda: super(SiteRedisCache, self).delete_many(keys, version), None)

    def clear(self) -> bool:
        """Delete this site's keys only: every key the key function makes starts with the
        prefix and a colon (``cms:1:…``)."""
        return self._guard(self._clear_prefixed, False)

    def _clear_prefixed(self) -> bool:
        client = self._cache.get_client(None, write=True)
        pattern = _glob_escape(self.key_prefix) + ":*"
        batch: list[bytes] = []
        for key in client.scan_iter(match=pattern, count=CLEAR_BATCH):
            batch.append(key)
            if len(batch) >= CLEAR_BATCH:
                client.delete(*batch)
                batch = []
        if batch:
            client.delete(*batch)
        return True


def _glob_escape(text: str) -> str:
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)
