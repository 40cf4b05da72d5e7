#!/usr/bin/env bash
# OPAC latency at whatever the bench database holds (run bench/opac/import.sh first):
# gunicorn (2 sync workers, production settings) on 127.0.0.1:8765, then bench/opac/latency.py.
#   ROUNDS=50 bench/opac/latency.sh        (REQUEST_CACHE=1: leave the request cache on)
# A smoke run on a database and an engine of one's own (not the shared bench ones), e.g.:
#   BENCH_DB_URL=postgres://library:library@127.0.0.1:5432/mine_bench \
#   BENCH_SEARCH_URL=opensearch://127.0.0.1:9271 OPAC_PORT=8766 ROUNDS=3 bench/opac/latency.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/opac/env.sh
OPAC_PORT="${OPAC_PORT:-8765}"
export OPAC_URL="http://127.0.0.1:$OPAC_PORT"
.venv/bin/gunicorn library_cms.wsgi -w 2 -b "127.0.0.1:$OPAC_PORT" --log-level warning &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "$OPAC_URL/healthz" && break; sleep 0.2; done
ENGINE="http://127.0.0.1:${BENCH_SEARCH_URL##*:}"
CACHE=$([ "${REQUEST_CACHE:-0}" = 1 ] && echo true || echo false)
curl -sf -XPOST "$ENGINE/bench_catalogue/_cache/clear?request=true" >/dev/null
curl -sf -XPUT "$ENGINE/bench_catalogue/_settings" -H 'Content-Type: application/json' \
    -d "{\"index.requests.cache.enable\": $CACHE}" >/dev/null
echo "request cache: $CACHE"
curl -s "$ENGINE/bench_catalogue/_count"; echo
PYTHONPATH=. .venv/bin/python bench/opac/latency.py
