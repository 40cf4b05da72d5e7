"""Fixtures for the whole suite."""

from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from wagtail.search.backends import get_search_backend

from search.breaker import request_done


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """The test database, and the run's search indexes made afresh with our mapping, as
    ``make serve`` makes them (the engine creates none by itself); the indexes a crashed earlier
    run left behind are dropped first."""
    backend = get_search_backend()
    if not hasattr(backend, "es"):
        return
    for name in backend.es.indices.get(index=f"{backend.index_prefix}*"):
        backend.es.indices.delete(index=name, ignore=[404])
    with django_db_blocker.unblock():
        call_command("update_index", backend_name="default", verbosity=0, stdout=StringIO())


@pytest.fixture(autouse=True)
def outside_a_web_request():
    """Each test starts outside a web request, so management commands get the client's timeout,
    not the readers' (the schemathesis module loads its schema through the WSGI app while it is
    collected, and nothing closes that response: ``request_finished`` never comes)."""
    request_done()


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with an empty cache: the API cache's entries of an earlier test were
    written for a database that test's rollback has undone (without signals)."""
    cache.clear()
