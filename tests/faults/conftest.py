"""The fault tests' site: a PostgreSQL instance and an OpenSearch node of their own (never the
shared ones of ``make test``), a fresh database with the demo content and an empty engine, put
into production by ``scripts/serve.sh`` (gunicorn, 3 workers, the production settings).

Shared by the tests of this folder (it takes half a minute to set up); each test leaves the
database and the engine running as it found them.
"""

from types import SimpleNamespace

import pytest

from bench.fault_harness import Engine, Postgres, Site, get, wait_until

RETRY_AFTER = 4  # SEARCH_RETRY_AFTER of the site: seconds the engine counts as down
READER_TIMEOUT = 2  # SEARCH_READER_TIMEOUT (the default)


@pytest.fixture(scope="session")
def fault_parts():
    postgres, engine, site = Postgres(), Engine(), None
    try:
        postgres.start()
        postgres.create_database("site")
        engine.start()
        site = Site(postgres.url("site"), engine.url, env={
            "SEARCH_RETRY_AFTER": str(RETRY_AFTER), "SEARCH_READER_TIMEOUT": str(READER_TIMEOUT),
        })
        site.manage("migrate", "--noinput", "-v", "0")
        site.manage("load_demo")  # the engine has no index yet
        site.serve(["scripts/serve.sh"])
        yield SimpleNamespace(postgres=postgres, engine=engine, site=site)
    finally:
        if site:
            site.cleanup()
        engine.cleanup()
        postgres.cleanup()


def search_state(site):
    status, _headers, body = get(site.base + "/healthz", timeout=10)
    return body.decode(errors="replace") if status else ""


@pytest.fixture
def faults(fault_parts):
    """The shared site, its database and engine up, and the site seeing the engine up."""
    wait_until(lambda: '"search": "ok"' in search_state(fault_parts.site), 60,
               "the site sees the engine")
    return fault_parts
