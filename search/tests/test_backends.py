"""Every engine gets the same Vietnamese index definition (unit level: no cluster needed)."""

import pytest

from search.analysis import AUTOCOMPLETE_MAPPING, INDEX_SETTINGS, clean_query
from search.backends import Elasticsearch8Backend, Elasticsearch9Backend, OpenSearchBackend


@pytest.mark.parametrize(
    "backend", [OpenSearchBackend, Elasticsearch8Backend, Elasticsearch9Backend]
)
def test_same_analysis_for_every_engine(backend):
    analysis = backend.settings["settings"]["analysis"]
    ours = INDEX_SETTINGS["settings"]["analysis"]
    assert analysis["filter"]["vi_folding"] == ours["filter"]["vi_folding"]
    for name, analyzer in ours["analyzer"].items():
        assert analysis["analyzer"][name] == analyzer
    assert backend.mapping_class.edgengram_analyzer_config == AUTOCOMPLETE_MAPPING


def test_elasticsearch_backend_is_built_from_search_url():
    from library_cms.config import parse_search_url

    params = parse_search_url("elasticsearch://es1:9200,es2:9200", "lib_", replicas=2)
    params.pop("BACKEND")
    backend = Elasticsearch9Backend(params)
    assert backend.index_prefix == "lib_"
    assert backend.settings["settings"]["index"]["number_of_replicas"] == 2
    assert backend.settings["settings"]["analysis"]["analyzer"]["default"]["filter"] == [
        "lowercase", "vi_folding"
    ]


def test_clean_query():
    assert clean_query("  Sa\u0301ch\x00 hay\n ") == "Sách hay"
    assert len(clean_query("x" * 10_000)) == 200
    assert clean_query(None) == ""


@pytest.mark.parametrize("url", ["opensearch://127.0.0.1:9200", "elasticsearch://es1:9200"])
def test_backends_built_per_search_share_one_client(url):
    """A new client is a new connection pool: one per search meant one TCP connect each."""
    from library_cms.config import parse_search_url

    def build(url):
        params = parse_search_url(url, "lib_", replicas=0)
        backend_class = {"opensearch": OpenSearchBackend}.get(url.split(":")[0],
                                                               Elasticsearch9Backend)
        params.pop("BACKEND")
        return backend_class(params)

    assert build(url).es is build(url).es
    assert build(url).es is not build(url.replace(":9200", ":9201")).es


def test_catalogue_backend_is_built_once_until_the_settings_change(settings):
    from library_cms.config import search_backends
    from search.engine import search_backend

    assert search_backend() is search_backend()
    settings.WAGTAILSEARCH_BACKENDS = search_backends("", settings.SEARCH_INDEX_PREFIX)
    assert search_backend() is None


def test_concurrent_searches_reuse_the_pooled_connections(settings, caplog):
    """As many threads as a gunicorn worker has search at once: every connection goes back to
    the client's pool (opensearch-py's default pool of one would discard and reopen them)."""
    from concurrent.futures import ThreadPoolExecutor

    from search.engine import client

    es = client()
    (connection,) = es.transport.connection_pool.connections
    assert connection.pool.pool.maxsize == settings.SEARCH_POOL_SIZE >= 10  # urllib3 queue
    with caplog.at_level("WARNING", logger="urllib3.connectionpool"):
        with ThreadPoolExecutor(8) as pool:
            assert all(pool.map(lambda _n: es.cluster.health()["status"], range(64)))
    assert "Connection pool is full" not in caplog.text
