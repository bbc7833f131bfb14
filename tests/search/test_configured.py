"""The backend the settings name (``search.configured``): the engine the environment chooses."""

from __future__ import annotations

from django.conf import settings as django_settings

from wagtail.search.backends import get_search_backend

from search.backend import VietnameseSearchBackend


def test_the_settings_name_the_search_app_by_its_dotted_path_only() -> None:
    assert django_settings.WAGTAILSEARCH_BACKENDS == {
        "default": {"BACKEND": "search.configured"}
    }


def test_no_search_server_means_the_vietnamese_backend_with_the_environments_options(
    settings, monkeypatch
) -> None:
    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.configured"}}
    monkeypatch.delenv("SEARCH_ELASTICSEARCH_URL", raising=False)
    monkeypatch.delenv("SEARCH_OPENSEARCH_URL", raising=False)
    monkeypatch.setenv("SEARCH_COUNT_CAP", "77")
    backend = get_search_backend()
    assert isinstance(backend, VietnameseSearchBackend)
    assert backend.limits.cap == 77


def test_a_search_server_in_the_environment_is_used(settings, monkeypatch) -> None:
    from modelsearch.backends.elasticsearch8 import Elasticsearch8SearchBackend

    settings.WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "search.configured"}}
    monkeypatch.setenv("SEARCH_ELASTICSEARCH_URL", "https://search.bxd.internal:9200")
    backend = get_search_backend()  # builds the client; nothing connects until a request
    assert isinstance(backend, Elasticsearch8SearchBackend)
    assert backend.settings["settings"]["analysis"]["filter"]["vi_folding"]["type"] == (
        "asciifolding"
    )


def test_options_written_in_the_settings_win_over_the_environment(settings, monkeypatch) -> None:
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {"BACKEND": "search.configured", "COUNT_CAP": 3}
    }
    monkeypatch.delenv("SEARCH_ELASTICSEARCH_URL", raising=False)
    monkeypatch.delenv("SEARCH_OPENSEARCH_URL", raising=False)
    monkeypatch.setenv("SEARCH_COUNT_CAP", "77")
    assert get_search_backend().limits.cap == 3
