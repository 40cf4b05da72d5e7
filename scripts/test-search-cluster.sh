#!/usr/bin/env bash
# `make test-search-cluster`: the search cluster's fault tests (tests/search_cluster/). They
# start their own PostgreSQL, three OpenSearch nodes and gunicorn site on free ports; only the
# engine's build (scripts/search-engine.sh build) is shared with `make test`.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DATABASE_URL="$(scripts/postgres.sh)" || die "PostgreSQL (the test settings' database) could not be started"
scripts/search-engine.sh build || die "the search engine could not be built"
export DATABASE_URL DJANGO_SETTINGS_MODULE=library_cms.settings.test SEARCH_CLUSTER_TESTS=1
say "== pytest tests/search_cluster (three OpenSearch nodes of its own)"
.venv/bin/pytest tests/search_cluster "$@"
