"""The search cluster's fault tests (``make test-search-cluster``): a PostgreSQL, a three-node
OpenSearch cluster (``scripts/search-cluster.sh``) and a gunicorn site of their own
(``make serve``: production settings), the site's ``SEARCH_URL`` listing the three nodes and
every index with one replica. Collected only when ``SEARCH_CLUSTER_TESTS=1`` (the make target
sets it): starting three nodes takes a minute or two, ``make test`` stays as fast as it was.
"""

import os
from types import SimpleNamespace

import pytest

from bench.search_cluster_harness import SearchCluster
from tests.faults.conftest import served_site

collect_ignore_glob = [] if os.environ.get("SEARCH_CLUSTER_TESTS") == "1" else ["test_*.py"]
RETRY_AFTER = 4  # SEARCH_RETRY_AFTER of the site


@pytest.fixture(scope="session")
def cluster_site():
    env = {"SEARCH_REPLICAS": "1", "SEARCH_RETRY_AFTER": str(RETRY_AFTER)}
    with served_site(SearchCluster(), env) as parts:
        yield SimpleNamespace(postgres=parts.postgres, cluster=parts.engine, site=parts.site)
