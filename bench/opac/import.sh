#!/usr/bin/env bash
# Import + indexing throughput: N synthetic records through `manage.py import_marc` into an
# empty bench database and index. Prints records/s (wall clock of the whole command).
#   N=100000 bench/opac/import.sh
# The import holds the index while it writes and merges it when it ends (catalogue.bulk_load);
# the time includes waiting for that merge (--wait-merge): the index is then as readers get it.
#   SMOKE=1 bench/opac/import.sh   300 records, a hold from 100 (CATALOGUE_BULK_RECORDS): seconds
# (with BENCH_DB_URL, BENCH_SEARCH_URL, BENCH_INDEX_PREFIX of your own, never the shared ones)
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/opac/env.sh
if [ "${SMOKE:-0}" = 1 ]; then
  N="${N:-300}"
  export CATALOGUE_BULK_RECORDS="${CATALOGUE_BULK_RECORDS:-100}"
fi
N="${N:-100000}"
FILE="var/bench/opac-$N.mrc"
mkdir -p var/bench
[ -f "$FILE" ] || .venv/bin/python bench/opac/generate_marc.py "$N" "$FILE"
.venv/bin/python bench/opac/reset_bench.py
.venv/bin/python manage.py migrate --verbosity 0
.venv/bin/python manage.py createcachetable  # the production settings' cache (else every request logs its absence)
.venv/bin/python manage.py reindex_catalogue >/dev/null  # an empty index behind the alias
start=$(date +%s.%N)
.venv/bin/python manage.py import_marc --wait-merge "$FILE"
end=$(date +%s.%N)
python3 -c "n=$N; s=$end-$start; print(f'{n} records in {s:.1f} s: {n/s:.0f} records/s')"
ENGINE="http://127.0.0.1:${BENCH_SEARCH_URL##*:}"
INDEX="${SEARCH_INDEX_PREFIX}catalogue"
curl -s "$ENGINE/$INDEX/_count"; echo
curl -s -XPOST "$ENGINE/$INDEX/_refresh" >/dev/null  # the merged segment in place of the old
echo "segments: $(curl -s "$ENGINE/_cat/segments/$INDEX?h=prirep" | grep -c p || true)"
echo "refresh_interval: $(curl -s "$ENGINE/$INDEX/_settings/index.refresh_interval?flat_settings=true&include_defaults=true")"
