"""The search cluster's fault tests (``make test-search-cluster``): a PostgreSQL, a three-node
OpenSearch cluster (``scripts/search-cluster.sh``) and a gunicorn site of their own
(``make serve``: production settings), the site's ``SEARCH_URL`` listing the three nodes and
every index with one replica. Collected only when ``SEARCH_CLUSTER_TESTS=1`` (the make target
sets it): starting three nodes takes a minute or two, ``make test`` stays as fast as it was.
"""

import os
import signal
from contextlib import ExitStack
from types import SimpleNamespace

import pytest

from bench.fault_harness import Postgres, Site
from bench.search_cluster_harness import SearchCluster
from tests.faults.conftest import interrupt

collect_ignore_glob = [] if os.environ.get("SEARCH_CLUSTER_TESTS") == "1" else ["test_*.py"]
RETRY_AFTER = 4  # SEARCH_RETRY_AFTER of the site


@pytest.fixture(scope="session")
def cluster_site():
    previous = signal.signal(signal.SIGTERM, interrupt)
    with ExitStack() as cleanups:  # in reverse order, each even when another one failed
        cleanups.callback(signal.signal, signal.SIGTERM, previous)
        postgres = Postgres()
        cleanups.callback(postgres.cleanup)
        cluster = SearchCluster()
        cleanups.callback(cluster.cleanup)
        postgres.start()
        postgres.create_database("site")
        cluster.start()
        site = Site(postgres.url("site"), cluster.url, env={
            "SEARCH_REPLICAS": "1", "SEARCH_RETRY_AFTER": str(RETRY_AFTER)})
        cleanups.callback(site.cleanup)
        site.manage("migrate", "--noinput", "-v", "0")
        site.manage("load_demo")
        site.serve(["make", "--no-print-directory", "serve"])
        yield SimpleNamespace(postgres=postgres, cluster=cluster, site=site)
