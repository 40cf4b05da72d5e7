"""Fixtures for the catalogue tests."""

import io

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from pymarc import Field, Subfield

from base.testing import temporary_media_root  # noqa: F401
from catalogue.importing.files import import_files
from catalogue.index import alias_name, ensure_index
from catalogue.models import Record
from catalogue.tests.catalogue import load_catalogue
from catalogue.tests.marc_samples import iso2709, marc_record
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


@pytest.fixture
def imported(catalogue_index):
    """The test catalogue and a record with what libraries' MARC carries beyond our fields."""
    record = marc_record("QN100", "Địa chí Quảng Ninh", author="Trần Thị Hoa", year="1998",
                         subjects=["Lịch sử"], publisher="Nxb. Quảng Ninh",
                         holdings=[("QN-1", "Thư viện tỉnh", "available")])
    record.add_ordered_field(
        Field(tag="003", data="VN-QNL"),
        Field(tag="856", indicators=["4", "0"], subfields=[
            Subfield("u", "https://thuvien.quangninh.gov.vn/qn100.pdf"),
            Subfield("y", "Toàn văn")]),
        Field(tag="900", indicators=[" ", " "], subfields=[Subfield("a", "Kho địa chí")]),
    )
    import_files([("qn.mrc", io.BytesIO(iso2709(record)))])
    load_catalogue(catalogue_index)
    return Record.objects.get(control_number="QN100")


@pytest.fixture
def editor(client, django_user_model):
    """A cataloguer of the "Editors" group, logged in."""
    user = django_user_model.objects.create_user("bientap", "bientap@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client
