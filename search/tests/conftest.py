"""Fixtures for tests that run against the real search engine started by ``make test``."""

from io import StringIO

import pytest
from django.core.management import call_command
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from search.tests.test_engine_down import own_engine  # noqa: F401 -- a node to pause or stop


@pytest.fixture
def engine():
    """The real engine's backend; the tests fail (not skip) when none is configured."""
    backend = get_search_backend()
    assert hasattr(backend, "es"), "SEARCH_URL must point at the engine (make test starts it)"
    return backend


@pytest.fixture
def add_pages(db, engine):
    """Create live pages under the home page, rebuild the test index and return the pages."""

    def add(*titles):
        home = Page.objects.get(depth=2)
        pages = [home.add_child(instance=Page(title=title)) for title in titles]
        call_command("update_index", backend_name="default", stdout=StringIO())
        engine.get_index_for_model(Page).refresh()
        return pages

    return add
