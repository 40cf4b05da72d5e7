"""The engine stops mid-run: editors keep publishing, readers fall back, nothing is lost.

A node of its own (a port in 9500–9999 derived from the checkout path, state under
var/test-engine-down) is started and stopped here, so the shared engine of the other tests
and of `make run` is untouched.
"""

import hashlib
import os
import subprocess
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from library_cms.config import search_backends
from search.models import PendingIndexUpdate
from search.query import search_with_fallback

ROOT = Path(__file__).resolve().parents[2]
# A port of this checkout's own, so two clones can run the suite side by side.
PORT = str(9500 + int(hashlib.sha1(str(ROOT).encode()).hexdigest()[:6], 16) % 500)
ENV = {**os.environ, "SEARCH_PORT": PORT, "VAR_DIR": str(ROOT / "var" / "test-engine-down")}


def engine(command):
    subprocess.run([str(ROOT / "scripts" / "search-engine.sh"), command], env=ENV, check=True)


@pytest.fixture
def own_engine():
    engine("start")
    backends = search_backends(f"opensearch://127.0.0.1:{PORT}", settings.SEARCH_INDEX_PREFIX)
    try:
        with override_settings(WAGTAILSEARCH_BACKENDS=backends):
            yield
    finally:
        engine("stop")


@pytest.mark.django_db
def test_engine_down_loses_nothing(own_engine, client, settings):
    # the breaker's back-off (15 s) over before the node is back, however fast it starts
    settings.SEARCH_RETRY_AFTER = 1
    home = Page.objects.get(depth=2)
    call_command("update_index", backend_name="default", stdout=StringIO())

    engine("stop")
    assert client.get("/healthz").json() == {"database": "ok", "search": "unavailable"}

    page = home.add_child(instance=Page(title="Đà Nẵng đón bạn đọc", live=False))
    page.save_revision().publish()  # the editor's publish succeeds
    assert PendingIndexUpdate.objects.filter(object_pk=str(page.pk)).exists()

    response = client.get("/search/", {"q": "Đà Nẵng"})
    assert response.status_code == 200
    assert response.context["search_fallback"] is True
    assert "Đà Nẵng đón bạn đọc" in response.content.decode()
    assert "bảo trì" in response.content.decode()

    engine("start")
    call_command("flush_search_queue", stdout=StringIO())
    assert not PendingIndexUpdate.objects.exists()
    get_search_backend().get_index_for_model(Page).refresh()
    results, fallback = search_with_fallback(Page.objects.live().filter(depth=3), "da nang")
    assert fallback is False
    assert [p.title for p in results] == ["Đà Nẵng đón bạn đọc"]

