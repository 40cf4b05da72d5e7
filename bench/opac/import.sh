#!/usr/bin/env bash
# Import + indexing throughput: N synthetic records through `manage.py import_marc` into an
# empty bench database and index. Prints records/s (wall clock of the whole command).
#   N=100000 bench/opac/import.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
source bench/opac/env.sh
N="${N:-100000}"
FILE="var/bench/opac-$N.mrc"
mkdir -p var/bench
[ -f "$FILE" ] || .venv/bin/python bench/opac/generate_marc.py "$N" "$FILE"
.venv/bin/python bench/opac/reset_bench.py
.venv/bin/python manage.py migrate --verbosity 0
.venv/bin/python manage.py reindex_catalogue >/dev/null  # an empty index behind the alias
start=$(date +%s.%N)
.venv/bin/python manage.py import_marc "$FILE"
end=$(date +%s.%N)
python3 -c "n=$N; s=$end-$start; print(f'{n} records in {s:.1f} s: {n/s:.0f} records/s')"
curl -s "http://127.0.0.1:${BENCH_SEARCH_URL##*:}/bench_catalogue/_count"; echo
