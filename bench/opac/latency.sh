#!/usr/bin/env bash
# OPAC latency at whatever the bench database holds (run bench/opac/import.sh first):
# gunicorn (2 sync workers, production settings) on 127.0.0.1:8765, then bench/opac/latency.py.
#   ROUNDS=50 bench/opac/latency.sh        (REQUEST_CACHE=1: leave the request cache on)
#   CONCURRENCY=4 ROUNDS=20 bench/opac/latency.sh   (4 readers at once: p50/p95/p99, req/s)
# WEB_CONCURRENCY (workers, 2) and WEB_THREADS (threads each, 1) size gunicorn; `make serve`'s
# are WEB_CONCURRENCY=3 WEB_THREADS=2.
# A smoke run on a database and an engine of one's own (not the shared bench ones), e.g.:
#   BENCH_DB_URL=postgres://library:library@127.0.0.1:5432/mine_bench \
#   BENCH_SEARCH_URL=opensearch://127.0.0.1:9271 OPAC_PORT=8766 ROUNDS=3 bench/opac/latency.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/opac/env.sh
OPAC_PORT="${OPAC_PORT:-8765}"
export OPAC_URL="http://127.0.0.1:$OPAC_PORT"
export WEB_THREADS="${WEB_THREADS:-1}"
.venv/bin/gunicorn library_cms.wsgi -w "${WEB_CONCURRENCY:-2}" --threads "$WEB_THREADS" \
    --keep-alive "${WEB_KEEPALIVE:-5}" -b "127.0.0.1:$OPAC_PORT" --log-level warning &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null "$OPAC_URL/healthz" && break; sleep 0.2; done
ENGINE="http://127.0.0.1:${BENCH_SEARCH_URL##*:}"
CACHE=$([ "${REQUEST_CACHE:-0}" = 1 ] && echo true || echo false)
INDEX="${SEARCH_INDEX_PREFIX}catalogue"
curl -sf -XPOST "$ENGINE/$INDEX/_cache/clear?request=true" >/dev/null
curl -sf -XPUT "$ENGINE/$INDEX/_settings" -H 'Content-Type: application/json' \
    -d "{\"index.requests.cache.enable\": $CACHE}" >/dev/null
echo "request cache: $CACHE"
curl -s "$ENGINE/$INDEX/_count"; echo
PYTHONPATH=. .venv/bin/python bench/opac/latency.py
