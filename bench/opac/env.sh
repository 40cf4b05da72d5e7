# Shared environment of the OPAC benchmarks: a database and an engine of their own.
# Sourced by bench/opac/*.sh. Override any variable from the command line.
export BENCH_DB_URL="${BENCH_DB_URL:-postgres://library:library@127.0.0.1:5432/library_bench}"
export BENCH_SEARCH_URL="${BENCH_SEARCH_URL:-opensearch://127.0.0.1:9250}"
export DJANGO_SETTINGS_MODULE=library_cms.settings.production
export SECRET_KEY=bench-only DEBUG=0 SECURE_SSL_REDIRECT=0 ALLOWED_HOSTS=127.0.0.1
export DATABASE_URL="$BENCH_DB_URL" SEARCH_URL="$BENCH_SEARCH_URL"
export SEARCH_INDEX_PREFIX="${BENCH_INDEX_PREFIX:-bench_}" SEARCH_REPLICAS=0 LOG_LEVEL=WARNING
