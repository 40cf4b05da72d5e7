"""``/healthz`` through the real PostgreSQL and search engine, with each one down, and with
the indexes missing or made without our mapping."""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from library_cms.config import search_backends
from search.engine import search_backend

ROOT = Path(__file__).resolve().parent.parent
CLOSED_PORT = "1"  # nothing listens on port 1
ONE_GREEN_NODE = {"status": "green", "nodes": 1, "expected_nodes": 1}

PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json(),
                  "retry_after": response.get("Retry-After")}))
"""


def probe_health(**overrides):
    """Ask ``/healthz`` in a fresh process whose environment has ``overrides``."""
    env = {**os.environ, **overrides}
    result = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True,
        timeout=120, check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.django_db
def test_healthy(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"database": "ok", "search": "ok", "indexes": {
        "wagtailcore_page": "ok", "wagtaildocs_document": "ok", "wagtailimages_image": "ok",
        "catalogue": "ok"}, "cluster": ONE_GREEN_NODE}
    assert response["Cache-Control"].startswith("max-age=0")


def test_database_down_is_503():
    result = probe_health(DATABASE_URL=f"postgres://nobody:x@127.0.0.1:{CLOSED_PORT}/none")
    assert result["status"] == 503 and result["retry_after"] == "5"
    assert result["body"]["database"] == "unavailable"


def test_search_engine_down_is_reported():
    result = probe_health(SEARCH_URL=f"opensearch://127.0.0.1:{CLOSED_PORT}")
    assert result == {"status": 200, "body": {"database": "ok", "search": "unavailable"},
                      "retry_after": None}


def test_database_backend_is_reported():
    result = probe_health(SEARCH_URL="")
    assert result["body"]["search"] == "database-backend"


@pytest.fixture
def fresh_prefix(settings):
    """Search settings with an index prefix no index has yet; its indexes dropped after."""
    prefix = f"{settings.SEARCH_INDEX_PREFIX}health_"
    settings.SEARCH_INDEX_PREFIX = prefix
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        os.environ["SEARCH_URL"], prefix, replicas=0)
    yield prefix
    es = search_backend().es
    for name in es.indices.get(index=f"{prefix}*"):
        es.indices.delete(index=name, ignore=[404])


@pytest.mark.django_db
def test_missing_or_outdated_indexes_are_degraded_until_update_index(fresh_prefix, client):
    assert client.get("/healthz").json() == {"database": "ok", "search": "degraded", "indexes": {
        "wagtailcore_page": "missing", "wagtaildocs_document": "missing",
        "wagtailimages_image": "missing", "catalogue": "missing"}, "cluster": ONE_GREEN_NODE}

    out = StringIO()
    call_command("update_index", if_outdated=True, stdout=out)
    assert "wagtailcore_page (missing)" in out.getvalue()
    assert client.get("/healthz").json()["search"] == "ok"
    out = StringIO()
    call_command("update_index", if_outdated=True, stdout=out)
    assert "không cần lập lại" in out.getvalue()  # nothing rebuilt

    # A page index the engine made up by itself (no mapping of ours), as an auto-created one.
    es, name = search_backend().es, f"{fresh_prefix}wagtailcore_page"
    for index in es.indices.get_alias(name=name):
        es.indices.delete(index=index)
    es.indices.create(index=name)
    health = client.get("/healthz").json()
    assert health["search"] == "degraded" and health["indexes"]["wagtailcore_page"] == "outdated"
    call_command("update_index", if_outdated=True, stdout=StringIO())
    assert client.get("/healthz").json()["indexes"]["wagtailcore_page"] == "ok"


@pytest.mark.django_db
def test_a_node_missing_from_the_cluster_is_degraded(client, settings):
    """``SEARCH_URL`` lists two nodes, one of them dead: the live one answers, and /healthz says
    a node is missing."""
    live = os.environ["SEARCH_URL"].partition("://")[2]
    settings.WAGTAILSEARCH_BACKENDS = search_backends(
        f"opensearch://{live},127.0.0.1:{CLOSED_PORT}", settings.SEARCH_INDEX_PREFIX, replicas=0)
    health = client.get("/healthz").json()
    assert health["search"] == "degraded"
    assert health["cluster"] == {"status": "green", "nodes": 1, "expected_nodes": 2}


@pytest.mark.django_db
def test_one_node_yellow_for_replicas_it_cannot_hold_is_not_degraded(fresh_prefix, client):
    """The production default SEARCH_REPLICAS=1 on a single node: every index yellow (a replica
    with nowhere to go) is the normal state of a one-server install, not a fault."""
    call_command("update_index", if_outdated=True, stdout=StringIO())
    es = search_backend().es
    es.indices.put_settings(index=f"{fresh_prefix}*", body={"index": {"number_of_replicas": 1}})
    health = client.get("/healthz").json()
    assert health["cluster"] == {"status": "yellow", "nodes": 1, "expected_nodes": 1}
    assert health["search"] == "ok"
