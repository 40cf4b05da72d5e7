"""The fault tests' site: a PostgreSQL instance and an OpenSearch node of their own (never the
shared ones of ``make test``), a fresh database with the demo content and an empty engine, put
into production by ``make serve`` (gunicorn, 3 workers, the production settings).

Shared by the tests of this folder (it takes half a minute to set up); each test leaves the
database and the engine running as it found them. The three are stopped and their directories
deleted when the session ends, also after a failure, Ctrl-C or a SIGTERM (e.g. ``timeout``).
"""

import signal
from contextlib import ExitStack, contextmanager
from types import SimpleNamespace

import pytest

from bench.fault_harness import Engine, Postgres, Site, get, interrupt, wait_until

RETRY_AFTER = 4  # SEARCH_RETRY_AFTER of the site: seconds the engine counts as down
READER_TIMEOUT = 2  # SEARCH_READER_TIMEOUT (the default)


@contextmanager
def served_site(engine, env):
    """A PostgreSQL of its own, ``engine`` (started here) and the demo site served on them by
    ``make serve`` with ``env``; yields the three; all stopped when done, also after a failure,
    Ctrl-C or a SIGTERM."""
    previous = signal.signal(signal.SIGTERM, interrupt)
    with ExitStack() as cleanups:  # in reverse order, each even when another one failed
        cleanups.callback(signal.signal, signal.SIGTERM, previous)
        postgres = Postgres()
        cleanups.callback(postgres.cleanup)
        cleanups.callback(engine.cleanup)
        postgres.start()
        postgres.create_database("site")
        engine.start()
        site = Site(postgres.url("site"), engine.url, env=env)
        cleanups.callback(site.cleanup)
        site.manage("migrate", "--noinput", "-v", "0")
        site.manage("load_demo")  # the engine has no index yet
        site.serve(["make", "--no-print-directory", "serve"])
        yield SimpleNamespace(postgres=postgres, engine=engine, site=site)


@pytest.fixture(scope="session")
def fault_parts():
    with served_site(Engine(), {"SEARCH_RETRY_AFTER": str(RETRY_AFTER),
                                "SEARCH_READER_TIMEOUT": str(READER_TIMEOUT)}) as parts:
        yield parts


def search_state(site):
    status, _headers, body = get(site.base + "/healthz", timeout=10)
    return body.decode(errors="replace") if status else ""


def wait_for_the_engine(site):
    """Return once the site's ``/healthz`` sees the engine up (its breaker closed)."""
    wait_until(lambda: '"search": "ok"' in search_state(site), 90, "the site sees the engine")


@pytest.fixture
def faults(fault_parts):
    """The shared site, its database and engine up, and the site seeing the engine up."""
    wait_for_the_engine(fault_parts.site)
    return fault_parts
