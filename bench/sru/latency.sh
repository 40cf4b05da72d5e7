#!/usr/bin/env bash
# SRU searchRetrieve latency next to the OPAC API's (bench/sru/latency.py), through gunicorn
# (2 sync workers, production settings) on 127.0.0.1:8766.
#   ROUNDS=50 bench/sru/latency.sh   on the OPAC bench database and engine, at whatever size
#                                    bench/opac/import.sh left them (N=1000000 for RESULTS.md)
#   SMOKE=1 bench/sru/latency.sh     300 records in a database (library_sru_smoke_bench) and
#                                    index (sru_smoke_) of their own, on the engine at
#                                    SEARCH_PORT (default 9200), 3 rounds: seconds
# SRU_PORT (8766) is gunicorn's; SRU_SMOKE_PREFIX names another smoke index prefix.
set -euo pipefail
cd "$(dirname "$0")/../.."
SMOKE="${SMOKE:-0}"
if [ "$SMOKE" = 1 ]; then
  export BENCH_DB_URL="${BENCH_DB_URL:-postgres://library:library@127.0.0.1:5432/library_sru_smoke_bench}"
  export BENCH_SEARCH_URL="${BENCH_SEARCH_URL:-opensearch://127.0.0.1:${SEARCH_PORT:-9200}}"
  export ROUNDS="${ROUNDS:-3}"
fi
source bench/opac/env.sh
ENGINE="http://127.0.0.1:${BENCH_SEARCH_URL##*:}"
if [ "$SMOKE" = 1 ]; then
  export SEARCH_INDEX_PREFIX="${SRU_SMOKE_PREFIX:-sru_smoke_}"
  FILE=var/bench/sru-smoke-300.mrc
  mkdir -p var/bench
  [ -f "$FILE" ] || .venv/bin/python bench/opac/generate_marc.py 300 "$FILE"
  .venv/bin/python bench/opac/reset_bench.py
  .venv/bin/python manage.py migrate --verbosity 0
  .venv/bin/python manage.py reindex_catalogue >/dev/null
  .venv/bin/python manage.py import_marc "$FILE" >/dev/null
  trap 'curl -sf -XDELETE "$ENGINE/${SEARCH_INDEX_PREFIX}catalogue*" >/dev/null || true' EXIT
fi
SRU_PORT="${SRU_PORT:-8766}"
.venv/bin/gunicorn library_cms.wsgi -w 2 -b "127.0.0.1:$SRU_PORT" --log-level warning &
SERVER=$!
trap 'kill $SERVER; [ "$SMOKE" != 1 ] || curl -sf -XDELETE "$ENGINE/${SEARCH_INDEX_PREFIX}catalogue*" >/dev/null || true' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "http://127.0.0.1:$SRU_PORT/healthz" && break; sleep 0.2; done
echo "records in the index: $(curl -s "$ENGINE/${SEARCH_INDEX_PREFIX}catalogue/_count")"
OPAC_URL="http://127.0.0.1:$SRU_PORT" PYTHONPATH=. .venv/bin/python bench/sru/latency.py
