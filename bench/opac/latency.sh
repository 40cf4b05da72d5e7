#!/usr/bin/env bash
# OPAC latency at whatever the bench database holds (run bench/opac/import.sh first):
# gunicorn (2 sync workers, production settings) on 127.0.0.1:8765, then bench/opac/latency.py.
#   ROUNDS=50 bench/opac/latency.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/opac/env.sh
.venv/bin/gunicorn library_cms.wsgi -w 2 -b 127.0.0.1:8765 --log-level warning &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 50); do curl -sf -o /dev/null http://127.0.0.1:8765/healthz && break; sleep 0.2; done
curl -s "http://127.0.0.1:${BENCH_SEARCH_URL##*:}/bench_catalogue/_count"; echo
PYTHONPATH=. .venv/bin/python bench/opac/latency.py
