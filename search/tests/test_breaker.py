"""The engine's circuit breaker, through a node of the test's own (paused with SIGSTOP, killed)
and the Django test client: one short timeout, then the database at once; index updates queued
without waiting; one log line when the engine goes down, one when it is back."""

import logging
import os
import signal
import time
from io import StringIO
from pathlib import Path

import opensearchpy
import pytest
from django.core.management import call_command
from django.core.paginator import Paginator
from wagtail.models import Page

from search.backends import OpenSearchTransport, opensearch_outage
from search.breaker import Breaker, EngineDown, request_done, request_timeout, serving_request
from search.engine import search_backend
from search.models import PendingIndexUpdate
from search.query import search_with_fallback
from search.tests.test_engine_down import ENV, PORT, engine

TITLE = "Đà Nẵng đón bạn đọc"


def node_pid():
    """The pid of the test's own node (``own_engine``)."""
    return int(Path(ENV["VAR_DIR"], "opensearch", f"opensearch-{PORT}.pid").read_text())


@pytest.fixture
def indexed_page(own_engine, settings):
    """A page indexed in the test's own node; the breaker closed; short timeouts."""
    settings.SEARCH_READER_TIMEOUT = 1
    settings.SEARCH_RETRY_AFTER = 2
    breaker = search_backend().es.transport.breaker
    breaker.reset()
    home = Page.objects.get(depth=2)
    page = home.add_child(instance=Page(title=TITLE))
    call_command("update_index", backend_name="default", verbosity=0, stdout=StringIO())
    search_backend().get_index_for_model(Page).refresh()
    yield page
    breaker.reset()


def timed(function, *args, **kwargs):
    started = time.monotonic()
    result = function(*args, **kwargs)
    return result, time.monotonic() - started


def breaker_lines(caplog, text):
    return [r for r in caplog.records if r.name == "search.breaker" and text in r.getMessage()]


@pytest.mark.django_db
def test_a_hung_engine_costs_one_short_timeout_then_nothing(indexed_page, client, caplog):
    caplog.set_level(logging.DEBUG)
    warm = client.get("/search/", {"q": "Đà Nẵng"})  # the templates compiled, the engine up
    assert warm.context["search_fallback"] is False and TITLE in warm.content.decode()
    pid = node_pid()
    os.kill(pid, signal.SIGSTOP)
    try:
        first, seconds = timed(client.get, "/search/", {"q": "Đà Nẵng"})
        assert first.status_code == 200 and first.context["search_fallback"] is True
        assert TITLE in first.content.decode() and 1 <= seconds < 2.5, seconds  # the timeout

        for _ in range(3):  # the engine counts as down: the database answers at once
            again, seconds = timed(client.get, "/search/", {"q": "Đà Nẵng"})
            assert again.context["search_fallback"] is True and seconds < 0.5
        health, seconds = timed(client.get, "/healthz")
        assert health.json()["search"] == "unavailable" and seconds < 0.5
        api, seconds = timed(client.get, "/api/v2/pages/", {"search": "Đà Nẵng"})
        assert api.status_code == 200 and api["Search-Fallback"] == "database" and seconds < 0.5
        assert TITLE in [item["title"] for item in api.json()["items"]]

        other = indexed_page.get_parent().add_child(instance=Page(title="Tin mới", live=False))
        _revision, seconds = timed(other.save_revision().publish)  # an editor's publish
        assert seconds < 0.5
        assert PendingIndexUpdate.objects.filter(object_pk=str(other.pk)).exists()

        time.sleep(2.1)  # SEARCH_RETRY_AFTER: one probe, which fails again after the timeout
        _probe, seconds = timed(client.get, "/search/", {"q": "Đà Nẵng"})
        assert 1 <= seconds < 2.5, seconds
    finally:
        os.kill(pid, signal.SIGCONT)
    assert len(breaker_lines(caplog, "is down")) == 1
    assert not breaker_lines(caplog, "is back")

    time.sleep(2.1)
    back = client.get("/search/", {"q": "Đà Nẵng"})
    assert back.context["search_fallback"] is False and TITLE in back.content.decode()
    assert len(breaker_lines(caplog, "is down")) == 1
    assert len(breaker_lines(caplog, "is back")) == 1
    assert not [r for r in caplog.records if r.exc_info]  # no tracebacks


@pytest.mark.django_db
def test_the_engine_dying_between_the_count_and_the_page_still_answers(indexed_page):
    results, fallback = search_with_fallback(Page.objects.live(), "Đà Nẵng")
    assert fallback is False and results.count() == 1  # counted by the engine
    os.kill(node_pid(), signal.SIGKILL)
    engine("stop")  # the pid file of the dead node
    page = Paginator(results, 10).get_page(1)  # the hits are fetched now
    assert [p.title for p in page] == [TITLE] and results.fallback is True


@pytest.mark.django_db
def test_api_page_searches_answer_from_the_database_while_the_engine_is_down(
        indexed_page, client):
    engine("stop")
    for url in ("/api/v2/pages/", "/api/v3/pages/"):
        response = client.get(url, {"search": "Đà Nẵng"})
        assert response.status_code == 200, response.content
        assert response["Search-Fallback"] == "database"
        items = response.json()["items"]
        assert [item["title"] for item in items] == [TITLE]
    assert "Search-Fallback" not in client.get("/api/v2/pages/")  # no search, no flag


def test_reader_timeout_applies_only_while_a_request_is_served(settings):
    settings.SEARCH_READER_TIMEOUT = 2
    assert request_timeout(None) is None and request_timeout(120) == 120
    serving_request()
    try:
        assert request_timeout(None) == 2 and request_timeout(120) == 2
        assert request_timeout(1) == 1
    finally:
        request_done()
    assert request_timeout(120) == 120


def test_one_process_failure_spares_the_others_their_timeout(settings, caplog):
    """Two workers' breakers for one engine share its state through the cache."""
    settings.SEARCH_RETRY_AFTER = 60
    first, second = Breaker("127.0.0.1:9"), Breaker("127.0.0.1:9")
    first.reset()
    calls = []

    def hung(timeout):
        calls.append(timeout)
        raise opensearchpy.ConnectionTimeout("TIMEOUT", "read timed out", None)

    with pytest.raises(opensearchpy.ConnectionTimeout):
        first.send(hung, None, opensearch_outage)
    time.sleep(1.1)  # the other worker reads the shared state again
    with pytest.raises(EngineDown):
        second.send(hung, None, opensearch_outage)
    assert len(calls) == 1
    assert len(breaker_lines(caplog, "is down")) == 1
    first.reset()


def test_a_refusal_is_no_outage():
    """An answer the engine gives (a missing index, a bad query) leaves it up."""
    assert not opensearch_outage(opensearchpy.NotFoundError(404, "index_not_found", {}))
    assert opensearch_outage(opensearchpy.TransportError(503, "unavailable", {}))
    assert opensearch_outage(opensearchpy.ConnectionError("N/A", "refused", None))
    assert issubclass(OpenSearchTransport, opensearchpy.Transport)
