#!/usr/bin/env bash
# Full OAI-PMH harvest of the catalogue (records/s) with sickle against gunicorn.
#   bench/oai/harvest.sh                 the bench database as bench/opac/import.sh left it (1M)
#   SMOKE=1 bench/oai/harvest.sh         seconds: N=300 synthetic records in a database of its
#                                        own (library_oaismoke_bench, no engine; OAI_SMOKE_DB
#                                        names another), then harvest
# PREFIX=oai_dc for Dublin Core; OAI_PAGE_SIZE (default 100) records per page.
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/opac/env.sh
PORT_HTTP="${PORT_HTTP:-8766}"
if [ "${SMOKE:-0}" = 1 ]; then
  N="${N:-300}"
  export DATABASE_URL="${BENCH_DB_URL%/*}/${OAI_SMOKE_DB:-library_oaismoke_bench}" SEARCH_URL=""
  mkdir -p var/bench
  FILE="var/bench/oai-smoke-$N.mrc"
  [ -f "$FILE" ] || .venv/bin/python bench/opac/generate_marc.py "$N" "$FILE"
  .venv/bin/python bench/opac/reset_bench.py
  .venv/bin/python manage.py migrate --verbosity 0
  .venv/bin/python manage.py import_marc --processes 1 "$FILE" >/dev/null
  export EXPECTED="$N"
fi
.venv/bin/gunicorn library_cms.wsgi -w 2 -b "127.0.0.1:$PORT_HTTP" --timeout 120 \
    --log-level warning &
SERVER=$!
trap 'kill $SERVER' EXIT
for _ in $(seq 100); do curl -sf -o /dev/null "http://127.0.0.1:$PORT_HTTP/healthz" && break; sleep 0.2; done
OAI_URL="http://127.0.0.1:$PORT_HTTP/oai" .venv/bin/python bench/oai/harvest.py
