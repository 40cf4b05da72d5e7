"""A ``SEARCH_URL`` listing several nodes: the client gets them all and sends a request that one
node cannot take to another, through the real engine of ``make test``; the breaker counts the
engine as down only when no node answers."""

import os

from library_cms.config import parse_search_url
from search.backends import Elasticsearch9Backend, OpenSearchBackend, breaker_for

DEAD = "127.0.0.1:1"  # nothing listens on port 1


def backend(backend_class, url):
    params = parse_search_url(url, "several_nodes_", replicas=0)
    params.pop("BACKEND")
    return backend_class(params)


def test_a_dead_node_is_skipped_and_the_breaker_stays_closed():
    live = os.environ["SEARCH_URL"].partition("://")[2]  # make test's engine
    es = backend(OpenSearchBackend, f"opensearch://{DEAD},{live},{DEAD}").es
    assert len(es.transport.hosts) == 3
    breaker = breaker_for(es.transport.hosts)
    breaker.reset()
    for _ in range(6):  # round robin: the dead nodes' turns come, and are taken by the live one
        assert es.cluster.health()["status"] in {"green", "yellow"}
    assert not breaker.down_until


def test_only_dead_nodes_trip_the_breaker():
    es = backend(OpenSearchBackend, f"opensearch://{DEAD},127.0.0.2:1").es
    breaker = breaker_for(es.transport.hosts)
    breaker.reset()
    try:
        assert es.ping() is False
        assert breaker.down_until
    finally:
        breaker.reset()


def test_elasticsearch_client_gets_every_node():
    es = backend(Elasticsearch9Backend, "elasticsearch://es1:9200,es2:9200,es3:9200").es
    assert len(es.transport.node_pool.all()) == 3
    assert es._max_retries == 2 and es._retry_on_timeout is True  # sent with every request
