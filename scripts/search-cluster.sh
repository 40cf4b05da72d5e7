#!/usr/bin/env bash
# Start / stop a local OpenSearch cluster: one node per port of SEARCH_CLUSTER_PORTS, each
# started by scripts/search-engine.sh (same Maven build, its own data directory under
# $VAR_DIR/opensearch/node-PORT), discovering the others by their transport ports.
#
#   scripts/search-cluster.sh start|stop|status|url
#
# Environment:
#   SEARCH_CLUSTER_PORTS            HTTP ports, comma-separated       (default 9201,9202,9203)
#   SEARCH_CLUSTER_TRANSPORT_PORTS  transport ports, same order        (default HTTP port + 100)
#   SEARCH_CLUSTER_NAME             cluster name                       (default library-cms-cluster)
#   SEARCH_HEAP, VAR_DIR, JAVA_HOME, SEARCH_START_TIMEOUT: as for scripts/search-engine.sh
#
# `start` starts the nodes one after another, waits until the cluster is green with every node
# in it, and prints the SEARCH_URL that lists them all. Exit codes as scripts/search-engine.sh.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ENGINE="$SCRIPT_DIR/search-engine.sh"
PORTS="${SEARCH_CLUSTER_PORTS:-9201,9202,9203}"
TRANSPORTS="${SEARCH_CLUSTER_TRANSPORT_PORTS:-}"
START_TIMEOUT="${SEARCH_START_TIMEOUT:-120}"
export SEARCH_CLUSTER_NAME="${SEARCH_CLUSTER_NAME:-library-cms-cluster}"

log() { printf 'search-cluster: %s\n' "$*" >&2; }
die() { local code="$1"; shift; log "$*"; exit "$code"; }

IFS=',' read -r -a HTTP <<<"$PORTS"
if [ -n "$TRANSPORTS" ]; then
    IFS=',' read -r -a TRANSPORT <<<"$TRANSPORTS"
else
    TRANSPORT=()
    for port in "${HTTP[@]}"; do
        case "$port" in '' | *[!0-9]*) die 2 "SEARCH_CLUSTER_PORTS must list numbers: '$PORTS'" ;; esac
        TRANSPORT+=($((port + 100)))
    done
fi
[ "${#HTTP[@]}" -ge 1 ] && [ "${#HTTP[@]}" -eq "${#TRANSPORT[@]}" ] \
    || die 2 "SEARCH_CLUSTER_TRANSPORT_PORTS must list as many ports as SEARCH_CLUSTER_PORTS"

SEEDS=""
MANAGERS=""
for i in "${!HTTP[@]}"; do
    SEEDS="${SEEDS:+$SEEDS,}127.0.0.1:${TRANSPORT[$i]}"
    MANAGERS="${MANAGERS:+$MANAGERS,}node-${HTTP[$i]}"
done

# node I COMMAND: scripts/search-engine.sh COMMAND for the I-th node.
node() {
    SEARCH_PORT="${HTTP[$1]}" SEARCH_TRANSPORT_PORT="${TRANSPORT[$1]}" \
        SEARCH_NODE_NAME="node-${HTTP[$1]}" SEARCH_SEED_HOSTS="$SEEDS" \
        SEARCH_INITIAL_MANAGERS="$MANAGERS" "$ENGINE" "$2"
}

search_url() {
    local hosts="" port
    for port in "${HTTP[@]}"; do
        hosts="${hosts:+$hosts,}127.0.0.1:$port"
    done
    printf 'opensearch://%s\n' "$hosts"
}

# rc 0 once some node reports the cluster green with every node in it.
wait_green() {
    local deadline=$((SECONDS + START_TIMEOUT)) port body
    while [ "$SECONDS" -lt "$deadline" ]; do
        for port in "${HTTP[@]}"; do
            body="$(curl -sS -m 10 "http://127.0.0.1:$port/_cluster/health?wait_for_status=green&wait_for_nodes=${#HTTP[@]}&timeout=5s" 2>/dev/null)" || continue
            if printf '%s' "$body" | grep -q "\"cluster_name\":\"$SEARCH_CLUSTER_NAME\"" \
                && printf '%s' "$body" | grep -q '"status":"green"' \
                && printf '%s' "$body" | grep -q '"timed_out":false'; then
                return 0
            fi
        done
        sleep 1
    done
    return 1
}

cmd_start() {
    local i
    for i in "${!HTTP[@]}"; do
        node "$i" start
    done
    wait_green || die 1 "the cluster did not turn green with ${#HTTP[@]} nodes within ${START_TIMEOUT}s"
    log "green with ${#HTTP[@]} nodes"
    search_url
}

cmd_stop() {
    local i
    for i in "${!HTTP[@]}"; do
        node "$i" stop
    done
}

cmd_status() {
    local i rc=0
    for i in "${!HTTP[@]}"; do
        node "$i" status || rc=1
    done
    return "$rc"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    url) search_url ;;
    *)
        printf 'usage: %s start|stop|status|url\n' "$(basename "$0")" >&2
        exit 2
        ;;
esac
