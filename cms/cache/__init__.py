"""The full-page cache for anonymous readers, shared by every worker (Django's cache: Redis
when ``REDIS_URL`` is set), and purged exactly when what a page shows changes.

- ``keys``: which requests may be answered from it and under which key.
- ``middleware``: answers from it, stores what may be stored, sends validators (ETag, 304).
- ``purge``: what to purge when a page changes; content apps register the URLs of their own
  listings that show a page (``register``); the CDN (``wagtail.contrib.frontend_cache``) gets
  the same set.
"""
