#!/usr/bin/env bash
# Cold start time (empty data directory, until yellow) and resident memory of the
# embedded OpenSearch node, RUNS times on port 9260 (ENGINE_START_PORT). Prints one line per
# run and the medians. SMOKE=1: one run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
RUNS="${RUNS:-$([ "${SMOKE:-0}" = 1 ] && echo 1 || echo 3)}"
export SEARCH_PORT="${ENGINE_START_PORT:-9260}"
times=() rss=()
for i in $(seq 1 "$RUNS"); do
  export VAR_DIR; VAR_DIR="$(mktemp -d)"
  mkdir -p "$VAR_DIR/opensearch"
  cp "$ROOT/var/opensearch/classpath.txt" "$VAR_DIR/opensearch/" 2>/dev/null || true
  cp -r "$ROOT/var/opensearch/build" "$VAR_DIR/opensearch/" 2>/dev/null || true
  start=$(date +%s.%N)
  "$ROOT/scripts/search-engine.sh" start >/dev/null
  end=$(date +%s.%N)
  pid=$(cat "$VAR_DIR/opensearch/opensearch-$SEARCH_PORT.pid")
  kb=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
  "$ROOT/scripts/search-engine.sh" stop >/dev/null
  rm -rf "$VAR_DIR"
  times+=("$(echo "$end - $start" | bc)") rss+=("$((kb / 1024))")
  echo "run $i: cold start ${times[-1]} s, RSS ${rss[-1]} MiB"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median cold start $(median "${times[@]}") s, median RSS $(median "${rss[@]}") MiB ($(nproc) cores, $(date -I))"
