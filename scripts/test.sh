#!/usr/bin/env bash
# `make test`: PostgreSQL and OpenSearch up, then ruff, the migrations check and pytest.
set -euo pipefail
source "$(dirname "$0")/lib.sh"

DATABASE_URL="$(scripts/postgres.sh)" || die "PostgreSQL is required for the tests and could not be started"
scripts/search-engine.sh start || die "the search engine is required for the tests and could not be started"
# need PROGRAM PACKAGE WHY: install a Debian package the tests use when it is missing.
need() {
  command -v "$1" >/dev/null && return
  [ "$(id -u)" = 0 ] || die "$3 need Debian's $2: apt-get install -y $2"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$2" >/dev/null; } \
    || die "could not install $2 with apt-get"
}
need /usr/bin/chromium chromium "the browser tests (Playwright)"
need xgettext gettext "the check of our apps' catalogue (makemessages)"
need yaz-client yaz "the Z39.50 tests (yaz-client)"
need simple2zoom libnet-z3950-simple2zoom-perl "the Z39.50 gateway's tests"
need haproxy haproxy "the app-server cluster tests (tests/cluster)"
export DATABASE_URL SEARCH_URL="opensearch://127.0.0.1:${SEARCH_PORT:-9200}" SEARCH_REPLICAS=0
export DJANGO_SETTINGS_MODULE=library_cms.settings.test

say "== translations"
"$PY" -m library_cms.catalogues  # .po -> .mo, only those that changed
"$PY" scripts/i18n_coverage.py
say "== ruff"
.venv/bin/ruff check .
say "== import contracts (pyproject.toml [tool.importlinter])"
.venv/bin/lint-imports
say "== makemigrations --check"
"$PY" manage.py makemigrations --check --dry-run
say "== pytest (PostgreSQL: ${DATABASE_URL%%@*}@…, search: $SEARCH_URL)"
.venv/bin/pytest "$@"

# The whole suite (no arguments) also runs the engine's test files against OpenSearch 3, on a
# node of its own (SEARCH3_PORT, JDK 21+: Temurin 25 on these machines).
if [ "$#" -eq 0 ]; then
  SEARCH3_PORT="${SEARCH3_PORT:-$((${SEARCH_PORT:-9200} + 41))}"
  SEARCH_ENGINE=opensearch3 SEARCH_PORT="$SEARCH3_PORT" scripts/search-engine.sh start \
    || die "OpenSearch 3 (a JDK 21 or newer) is required for the tests and could not be started"
  say "== pytest again on OpenSearch 3 (opensearch3://127.0.0.1:$SEARCH3_PORT): ${SEARCH3_TESTS:=search/tests/test_vietnamese_search.py search/tests/test_spelling_rules.py search/tests/test_indexing.py search/tests/test_several_nodes.py catalogue/tests/test_catalogue_index.py catalogue/tests/test_opac_search.py}"
  # shellcheck disable=SC2086  # a list of paths
  SEARCH_URL="opensearch3://127.0.0.1:$SEARCH3_PORT" .venv/bin/pytest -q $SEARCH3_TESTS
fi
