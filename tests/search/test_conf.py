"""Backend settings: ours by default; Elasticsearch/OpenSearch with a folding analyser on demand."""

from __future__ import annotations

from wagtail.search.backends import get_search_backend

from search.backend import VietnameseSearchBackend
from search.conf import search_backends


def test_default_is_the_vietnamese_backend(settings) -> None:
    assert search_backends({})["default"]["BACKEND"] == "search.backend"
    assert isinstance(get_search_backend(), VietnameseSearchBackend)


def test_elasticsearch_wiring_builds_wagtails_backend_with_the_folding_analyser(settings) -> None:
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        {"SEARCH_ELASTICSEARCH_URL": "https://search.bxd.internal:9200"}
    )
    backend = get_search_backend()  # builds the client; nothing connects until a request
    assert isinstance(backend, Elasticsearch8SearchBackend)
    analysis = backend.settings["settings"]["analysis"]
    assert analysis["analyzer"]["default"]["filter"] == ["lowercase", "vi_folding"]
    assert analysis["filter"]["vi_folding"] == {"type": "asciifolding", "preserve_original": True}
    # Wagtail's own analysers stay beside ours (autocomplete uses them).
    assert "edgengram_analyzer" in analysis["analyzer"]
    assert backend.index_prefix == "bxd_"


def test_opensearch_wiring(settings) -> None:
    config = search_backends({"SEARCH_OPENSEARCH_URL": "http://os:9200"})["default"]
    assert config["BACKEND"] == "wagtail.search.backends.opensearch2"
    assert config["URLS"] == ["http://os:9200"]


def test_the_backend_bounds_come_from_the_environment() -> None:
    config = search_backends({"SEARCH_PROBE_ROWS": "300", "SEARCH_COST_WALK_ROW": "12.5"})
    backend = VietnameseSearchBackend(config["default"])
    assert backend.limits.probe == 300
    assert backend.limits.costs.walk_row == 12.5
    assert backend.limits.costs.posting == 0.1  # the others keep their measured defaults
    defaults = VietnameseSearchBackend(search_backends({})["default"]).limits
    assert (defaults.probe, defaults.window, defaults.cap, defaults.small) == (200, 100, 500, 2000)
