"""Fixtures for the library tests."""

import pytest
from django.core.cache import cache

from base.testing import temporary_media_root  # noqa: F401
from catalogue.index import alias_name, ensure_index
from search.engine import search_backend
from search.tests.test_engine_down import own_engine  # noqa: F401 -- a node to stop
from tests.conftest import (  # noqa: F401 -- the browser fixtures, shared
    browser_page,
    chromium,
    pytest_runtest_makereport,
    screenshot_dir,
)


@pytest.fixture(autouse=True)
def upload_root(settings, tmp_path, monkeypatch):
    """Files uploaded to the import go to a temporary folder, here and in the processes started."""
    root = tmp_path / "imports"
    settings.STORAGES = {**settings.STORAGES, "catalogue_imports": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(root)},
    }}
    monkeypatch.setenv("CATALOGUE_IMPORT_ROOT", str(root))
    return root


@pytest.fixture(autouse=True)
def empty_cache():
    """Cached lookups (the admin's decades) start empty in every test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def catalogue_index(db):
    """A fresh, empty catalogue index in the real engine; yields a ``refresh()`` function."""
    backend = search_backend()
    assert backend is not None, "SEARCH_URL must point at the engine (make test starts it)"
    es = backend.es
    for name in es.indices.get(index=f"{alias_name()}*"):
        es.indices.delete(index=name)
    ensure_index(es)
    yield lambda: es.indices.refresh(index=alias_name())
