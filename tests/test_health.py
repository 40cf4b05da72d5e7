"""``/healthz`` through the real PostgreSQL and search engine, and with each one down."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CLOSED_PORT = "1"  # nothing listens on port 1

PROBE = """
import django, json
django.setup()
from django.test import Client
response = Client().get("/healthz")
print(json.dumps({"status": response.status_code, "body": response.json()}))
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
    assert response.json() == {"database": "ok", "search": "ok"}
    assert response["Cache-Control"].startswith("max-age=0")


def test_database_down_is_503():
    result = probe_health(DATABASE_URL=f"postgres://nobody:x@127.0.0.1:{CLOSED_PORT}/none")
    assert result["status"] == 503
    assert result["body"]["database"] == "unavailable"


def test_search_engine_down_is_reported():
    result = probe_health(SEARCH_URL=f"opensearch://127.0.0.1:{CLOSED_PORT}")
    assert result == {"status": 200, "body": {"database": "ok", "search": "unavailable"}}


def test_database_backend_is_reported():
    result = probe_health(SEARCH_URL="")
    assert result["body"]["search"] == "database-backend"
