"""Which search backend the site uses, from the environment (read by ``search.configured``).

No Django imports: settings load this before apps are ready.

- Default: ``search.backend`` (our Vietnamese rules in SQLite FTS5 or PostgreSQL).
- ``SEARCH_ELASTICSEARCH_URL`` (or ``SEARCH_OPENSEARCH_URL``): Wagtail's Elasticsearch 8
  (OpenSearch 2) backend, with every text field analysed by ``VIETNAMESE_ANALYSIS``: lower case,
  then ``asciifolding`` (which folds đ → d with the other Vietnamese letters) keeping the original
  token beside the folded one, so that "ban nha" finds "bán nhà" while "bán nhà" scores documents
  with exactly those marks higher (both tokens match). The view feeds it queries normalized by
  ``cms.text`` (NFC, one tone placement) as it does the database backend.

The database backend's bounds (``search.backend.VietnameseSearchBackend``, ``search.plan``),
each from an environment variable, defaults unchanged: ``SEARCH_PROBE_ROWS`` (200),
``SEARCH_RANK_WINDOW`` (100), ``SEARCH_COUNT_CAP`` (500), ``SEARCH_SMALL_TYPE`` (2,000),
``SEARCH_SIZES_TTL`` (60 s), and the plan's costs in microseconds (``search.engines.Costs``):
``SEARCH_COST_WALK_ROW`` (10), ``SEARCH_COST_WALK_IN_ROW`` (2), ``SEARCH_COST_POSTING`` (0.1),
``SEARCH_COST_LOOKUP_ROW`` (5), measured on PostgreSQL at 100,000 articles.
"""

from __future__ import annotations

from collections.abc import Mapping

VIETNAMESE_ANALYSIS = {
    "settings": {
        "analysis": {
            "filter": {
                "vi_folding": {"type": "asciifolding", "preserve_original": True},
            },
            "analyzer": {
                # "default" applies to every text field of Wagtail's mapping.
                "default": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_folding"],
                },
                "default_search": {
                    "type": "custom",
                    "tokenizer": "standard",
                    "filter": ["lowercase", "vi_folding"],
                },
            },
        }
    }
}


def search_backends(env: Mapping[str, str]) -> dict:
    """``WAGTAILSEARCH_BACKENDS`` for this environment."""
    es_url = env.get("SEARCH_ELASTICSEARCH_URL", "").strip()
    os_url = env.get("SEARCH_OPENSEARCH_URL", "").strip()
    if es_url or os_url:
        return {
            "default": {
                "BACKEND": (
                    "wagtail.search.backends.elasticsearch8"
                    if es_url
                    else "wagtail.search.backends.opensearch2"
                ),
                "URLS": [es_url or os_url],
                "INDEX_PREFIX": env.get("SEARCH_INDEX_PREFIX", "bxd_"),
                "TIMEOUT": 5,
                "INDEX_SETTINGS": VIETNAMESE_ANALYSIS,
            }
        }
    costs = {
        name: float(env[f"SEARCH_COST_{name.upper()}"])
        for name in ("walk_row", "walk_in_row", "posting", "lookup_row")
        if env.get(f"SEARCH_COST_{name.upper()}", "").strip()
    }
    return {
        "default": {
            "BACKEND": "search.backend",
            "PROBE_ROWS": int(env.get("SEARCH_PROBE_ROWS", "200")),
            "RANK_WINDOW": int(env.get("SEARCH_RANK_WINDOW", "100")),
            "COUNT_CAP": int(env.get("SEARCH_COUNT_CAP", "500")),
            "SMALL_TYPE": int(env.get("SEARCH_SMALL_TYPE", "2000")),
            "SIZES_TTL": float(env.get("SEARCH_SIZES_TTL", "60")),
            "COSTS": costs,
        }
    }
