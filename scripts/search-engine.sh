#!/usr/bin/env bash
# Start / stop a local single-node OpenSearch built from Maven Central artifacts
# (see search/engine/README.md).
#
#   scripts/search-engine.sh start|stop|status|restart|build
#
# Environment:
#   SEARCH_PORT           HTTP port on 127.0.0.1            (default 9200)
#   VAR_DIR               state directory                   (default <repo>/var)
#   SEARCH_HEAP           JVM heap, -Xms = -Xmx             (default 512m)
#   SEARCH_CLUSTER_NAME   cluster name used to recognise our node (default library-cms)
#   SEARCH_START_TIMEOUT  seconds to wait for yellow health (default 120)
#   JAVA_HOME             JDK to run with (default: `java` on PATH)
#   SEARCH_ENGINE         opensearch2 (2.19.6, JDK 11+) or opensearch3 (3.8.0, JDK 21+: without
#                         JAVA_HOME, the newest JDK in /usr/lib/jvm when `java` is older); each
#                         has its own state directory ($VAR_DIR/opensearch, $VAR_DIR/opensearch3)
# A node of a cluster (scripts/search-cluster.sh sets these for each of its nodes):
#   SEARCH_NODE_NAME      node name                         (default node-$SEARCH_PORT)
#   SEARCH_TRANSPORT_PORT transport port                    (default 0: any free port)
#   SEARCH_SEED_HOSTS     host:port,... of the nodes' transport; empty: a single node
#   SEARCH_INITIAL_MANAGERS node names that elect the first cluster manager
#   Such a node is not waited for until yellow (it needs the others): `start` returns once
#   it answers HTTP; the cluster script waits for green.
#
# Exit codes: 0 ok; 1 failure (or `status`: not running); 2 usage;
#             3 engine unavailable on this machine (java/mvn/curl missing, or the
#               Maven resolution failed) -> callers fall back to the database backend.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
ENGINE_DIR="$REPO_ROOT/search/engine"
POM="$ENGINE_DIR/pom.xml"
LAUNCHER_SRC="$ENGINE_DIR/src/main/java/org/librarycms/searchengine/EngineLauncher.java"
MAIN_CLASS="org.librarycms.searchengine.EngineLauncher"

PORT="${SEARCH_PORT:-9200}"
HEAP="${SEARCH_HEAP:-512m}"
CLUSTER_NAME="${SEARCH_CLUSTER_NAME:-library-cms}"
START_TIMEOUT="${SEARCH_START_TIMEOUT:-120}"
VAR_DIR="${VAR_DIR:-$REPO_ROOT/var}"
NODE_NAME="${SEARCH_NODE_NAME:-node-$PORT}"
TRANSPORT_PORT="${SEARCH_TRANSPORT_PORT:-0}"
SEED_HOSTS="${SEARCH_SEED_HOSTS:-}"
INITIAL_MANAGERS="${SEARCH_INITIAL_MANAGERS:-}"

ENGINE="${SEARCH_ENGINE:-opensearch2}"
case "$ENGINE" in
    opensearch2)
        STATE_NAME=opensearch MIN_JAVA=11 MVN_PROFILE=()
        MODULE_TYPES="org.opensearch.transport.Netty4Plugin,org.opensearch.analysis.common.CommonAnalysisPlugin,org.opensearch.painless.PainlessPlugin,org.opensearch.index.mapper.MapperExtrasPlugin,org.opensearch.index.reindex.ReindexPlugin,org.opensearch.plugin.analysis.icu.AnalysisICUPlugin"
        ;;
    opensearch3) # 3.x renamed the module plugin classes (a runner skips unknown names silently)
        STATE_NAME=opensearch3 MIN_JAVA=21 MVN_PROFILE=(-P opensearch3)
        MODULE_TYPES="org.opensearch.transport.Netty4ModulePlugin,org.opensearch.analysis.common.CommonAnalysisModulePlugin,org.opensearch.painless.PainlessModulePlugin,org.opensearch.index.mapper.MapperExtrasModulePlugin,org.opensearch.index.reindex.ReindexModulePlugin,org.opensearch.plugin.analysis.icu.AnalysisICUPlugin"
        ;;
    *) printf 'search-engine: SEARCH_ENGINE must be opensearch2 or opensearch3, got %s\n' "$ENGINE" >&2; exit 2 ;;
esac
OS_DIR=""        # set by init_dirs (absolute $VAR_DIR/$STATE_NAME)
URL="http://127.0.0.1:$PORT"

log() { printf 'search-engine: %s\n' "$*" >&2; }
die() { local code="$1"; shift; log "$*"; exit "$code"; }

case "$PORT" in
    '' | *[!0-9]*) die 2 "SEARCH_PORT must be a number, got '$PORT'" ;;
esac
if [ "$PORT" -lt 1025 ] || [ "$PORT" -gt 65535 ]; then
    die 2 "SEARCH_PORT must be between 1025 and 65535, got $PORT"
fi
case "$TRANSPORT_PORT" in
    '' | *[!0-9]*) die 2 "SEARCH_TRANSPORT_PORT must be a number, got '$TRANSPORT_PORT'" ;;
esac
case "$NODE_NAME$SEED_HOSTS$INITIAL_MANAGERS" in
    *[!A-Za-z0-9_.:,-]*) die 2 "SEARCH_NODE_NAME, SEARCH_SEED_HOSTS and SEARCH_INITIAL_MANAGERS take letters, digits and . - _ : ," ;;
esac
case "$HEAP" in
    [0-9]*[mMgG]) ;;
    *) die 2 "SEARCH_HEAP must look like 512m or 1g, got '$HEAP'" ;;
esac

init_dirs() {
    mkdir -p "$VAR_DIR/$STATE_NAME"
    OS_DIR="$(cd "$VAR_DIR/$STATE_NAME" && pwd)"
    PID_FILE="$OS_DIR/opensearch-$PORT.pid"
    LOG_FILE="$OS_DIR/opensearch-$PORT.log"
    NODE_BASE="$OS_DIR/node-$PORT"          # runner layout: node_1/{config,data,logs}
    CONF_DIR="$NODE_BASE/node_1/config"
    BUILD_DIR="$OS_DIR/build"
    CP_FILE="$OS_DIR/classpath.txt"
    LOCK_FILE="$OS_DIR/.opensearch-$PORT.lock"
}

# Serialise start/stop for one port (several make targets may race). The lock
# fd is closed for the java child so the node does not hold it.
take_lock() {
    if command -v flock >/dev/null 2>&1; then
        exec 9>"$LOCK_FILE"
        flock -w $((START_TIMEOUT + 60)) 9 || die 1 "timed out waiting for $LOCK_FILE"
    fi
}

# ---------------------------------------------------------------- java / maven
JAVA_BIN=""
find_java() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/java" ]; then
        JAVA_BIN="$JAVA_HOME/bin/java"
        return 0
    fi
    JAVA_BIN="$(command -v java 2>/dev/null)" || JAVA_BIN=""
    if [ -z "$JAVA_BIN" ] || [ "$(java_major)" -lt "$MIN_JAVA" ]; then
        # the newest JDK installed beside it that is recent enough (e.g. Temurin 25 for 3.x)
        local candidate best="" best_major=0 major
        for candidate in /usr/lib/jvm/*/bin/java; do
            [ -x "$candidate" ] || continue
            major="$(JAVA_BIN="$candidate" java_major)"
            if [ "$major" -ge "$MIN_JAVA" ] && [ "$major" -gt "$best_major" ]; then
                best="$candidate" best_major="$major"
            fi
        done
        [ -n "$best" ] && JAVA_BIN="$best"
    fi
    [ -n "$JAVA_BIN" ]
}

java_major() {
    local v
    v="$("$JAVA_BIN" -version 2>&1 | sed -n 's/.* version "\([^"]*\)".*/\1/p' | head -n 1)"
    case "$v" in
        1.*) v="${v#1.}" ;;
    esac
    v="${v%%[!0-9]*}"
    printf '%s\n' "${v:-0}"
}

classpath_fresh() {
    [ -s "$CP_FILE" ] && [ "$CP_FILE" -nt "$POM" ] && [ "$CP_FILE" -nt "$LAUNCHER_SRC" ] \
        && [ -f "$BUILD_DIR/classes/${MAIN_CLASS//.//}.class" ] || return 1
    local jar
    local IFS=':'
    # shellcheck disable=SC2013  # the file is a single ':'-separated line
    for jar in $(cat "$CP_FILE"); do
        [ -f "$jar" ] || return 1        # ~/.m2 was wiped
    done
}

ensure_classpath() {
    classpath_fresh && return 0
    command -v mvn >/dev/null 2>&1 \
        || die 3 "mvn not found: cannot build the OpenSearch classpath (install maven, or use the database search backend)"
    local mvn_log="$OS_DIR/maven.log" tmp="$CP_FILE.tmp.$$" t0=$SECONDS
    log "resolving OpenSearch from Maven Central (first run, cached in ~/.m2) ..."
    # Maven compiles the launcher for the JDK that runs it (release 21 for OpenSearch 3)
    if ! JAVA_HOME="$(dirname "$(dirname "$(readlink -f "$JAVA_BIN")")")" \
        mvn -B -q -Dstyle.color=never -f "$POM" "${MVN_PROFILE[@]}" \
        -Dengine.build.dir="$BUILD_DIR" \
        compile dependency:build-classpath \
        -Dmdep.outputFile="$tmp" -Dmdep.includeScope=runtime >"$mvn_log" 2>&1; then
        rm -f "$tmp"
        tail -n 30 "$mvn_log" >&2 || true
        die 3 "maven build failed (full log: $mvn_log)"
    fi
    mv -f "$tmp" "$CP_FILE"
    log "classpath ready in $((SECONDS - t0))s"
}

# ---------------------------------------------------------------- process / http
now_ms() { date +%s%3N; }

# Alive and not a zombie (a java that died during start-up stays a zombie
# child of this script until it exits).
pid_alive() {
    [ -n "${1:-}" ] && kill -0 "$1" 2>/dev/null || return 1
    if [ -r "/proc/$1/stat" ]; then
        local stat
        stat="$(cat "/proc/$1/stat" 2>/dev/null)" || return 1
        stat="${stat##*) }"
        [ "${stat%% *}" != "Z" ] || return 1
    fi
}

# A live pid from the pid file whose command line is our launcher for our node dir.
our_pid() {
    local pid
    [ -f "$PID_FILE" ] || return 1
    pid="$(tr -dc '0-9' <"$PID_FILE")"
    pid_alive "$pid" || return 1
    if [ -r "/proc/$pid/cmdline" ]; then
        tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF "$MAIN_CLASS" || return 1
        tr '\0' '\n' <"/proc/$pid/cmdline" | grep -qxF "$NODE_BASE" || return 1
    fi
    printf '%s\n' "$pid"
}

# GET / on the port. Prints the cluster name; rc 0 if something answered
# HTTP, 7 if nothing listens, other curl codes for non-HTTP listeners.
probe_port() {
    local body rc=0
    body="$(curl -sS -m 5 "$URL/" 2>/dev/null)" || rc=$?
    if [ "$rc" -ne 0 ]; then
        return "$rc"
    fi
    printf '%s\n' "$body" | sed -n 's/.*"cluster_name"[[:space:]]*:[[:space:]]*"\([^"]*\)".*/\1/p' | head -n 1
}

# rc 0 when health is at least yellow.
health_yellow() {
    local body
    body="$(curl -sS -m "$(($1 + 5))" \
        "$URL/_cluster/health?wait_for_status=yellow&timeout=${1}s" 2>/dev/null)" || return 1
    printf '%s' "$body" | grep -q "\"cluster_name\":\"$CLUSTER_NAME\"" || return 2
    printf '%s' "$body" | grep -Eq '"status":"(yellow|green)"' && printf '%s' "$body" | grep -q '"timed_out":false'
}

# ---------------------------------------------------------------- config
discovery_config() {
    if [ -z "$SEED_HOSTS" ]; then
        printf '%s\n' "# transport is not used by a single node: any free port, so it never takes a" \
            "# port somebody wants for HTTP (the default range 9300-9400 would)." \
            "transport.port: 0" "discovery.type: single-node"
        return
    fi
    printf '# a node of a cluster (scripts/search-cluster.sh)\ntransport.port: %s\n' "$TRANSPORT_PORT"
    printf 'discovery.seed_hosts: [%s]\n' "$SEED_HOSTS"
    if [ -n "$INITIAL_MANAGERS" ]; then
        printf 'cluster.initial_cluster_manager_nodes: [%s]\n' "$INITIAL_MANAGERS"
    fi
}

write_config() {
    mkdir -p "$CONF_DIR" "$NODE_BASE/node_1/data" "$NODE_BASE/node_1/logs"
    cat >"$CONF_DIR/opensearch.yml" <<EOF
# Written by scripts/search-engine.sh on every start; edits are overwritten.
# cluster.name, node.name, http.port, path.* and node.roles come from the launcher.
network.host: 127.0.0.1
$(discovery_config)
# a nearly full dev disk must not flip indices to read-only
cluster.routing.allocation.disk.threshold_enabled: false
cluster.routing.allocation.disk.watermark.low: 99%
cluster.routing.allocation.disk.watermark.high: 99%
cluster.routing.allocation.disk.watermark.flood_stage: 99%
# Only the site creates indexes, with its mappings (manage.py update_index --if-outdated): a
# document sent to a missing index is refused (and queued) instead of landing in an index with
# the engine's generic mapping.
action.auto_create_index: false
EOF
    cat >"$CONF_DIR/log4j2.properties" <<'EOF'
# Written by scripts/search-engine.sh: everything goes to stdout, which the
# script sends to $VAR_DIR/opensearch/opensearch-$PORT.log.
status = error
appender.console.type = Console
appender.console.name = console
appender.console.layout.type = PatternLayout
appender.console.layout.pattern = [%d{ISO8601}][%-5p][%-25c{1.}] %m%n
rootLogger.level = info
rootLogger.appenderRef.console.ref = console
logger.deprecation.name = org.opensearch.deprecation
logger.deprecation.level = error
EOF
}

# ---------------------------------------------------------------- commands
cmd_build() {
    find_java || die 3 "java not found (set JAVA_HOME or install a JDK >= $MIN_JAVA)"
    ensure_classpath
}

cmd_status() {
    local pid name
    if pid="$(our_pid)" && name="$(probe_port)" && [ "$name" = "$CLUSTER_NAME" ]; then
        printf '%s\n' "$URL"
        return 0
    fi
    if [ -n "${pid:-}" ]; then
        log "pid $pid is alive but $URL does not answer (yet)"
    else
        log "not running on port $PORT"
    fi
    return 1
}

cmd_start() {
    command -v curl >/dev/null 2>&1 || die 3 "curl not found: cannot manage OpenSearch (install curl, or use the database search backend)"
    find_java || die 3 "java not found: $ENGINE needs a JDK >= $MIN_JAVA (set JAVA_HOME, or use the database search backend)"
    local major
    major="$(java_major)"
    [ "$major" -ge "$MIN_JAVA" ] || die 3 "java $major at $JAVA_BIN is too old: $ENGINE needs >= $MIN_JAVA"
    take_lock

    local pid="" name="" rc=0 t0=""
    pid="$(our_pid)" || pid=""
    name="$(probe_port)" || rc=$?
    if [ -n "$pid" ]; then
        if [ "$rc" -eq 0 ] && [ "$name" = "$CLUSTER_NAME" ]; then
            printf 'OpenSearch already running (pid %s), reusing %s\n' "$pid" "$URL"
            return 0
        fi
        if [ "$rc" -eq 0 ]; then
            die 1 "our pid $pid is alive but $URL is answered by cluster '${name:-?}' (not $CLUSTER_NAME)"
        fi
        log "pid $pid is alive but not answering yet; waiting for it"
    else
        if [ -f "$PID_FILE" ]; then
            log "removing stale pid file $PID_FILE"
            rm -f "$PID_FILE"
        fi
        if [ "$rc" -eq 0 ]; then
            if [ "$name" = "$CLUSTER_NAME" ]; then
                die 1 "port $PORT is already served by a '$name' cluster that this VAR_DIR did not start ($OS_DIR has no live pid); stop it or use another SEARCH_PORT"
            fi
            die 1 "port $PORT is already in use by something else (cluster_name='${name:-none}'); stop it or set SEARCH_PORT"
        elif [ "$rc" -ne 7 ]; then
            die 1 "port $PORT is already in use by a non-OpenSearch listener (curl exit $rc); stop it or set SEARCH_PORT"
        fi

        ensure_classpath
        write_config
        [ -f "$LOG_FILE" ] && mv -f "$LOG_FILE" "$LOG_FILE.1"

        local -a jvm_opts=(
            "-Xms$HEAP" "-Xmx$HEAP" -Xss1m
            -XX:+UseG1GC -XX:+ExitOnOutOfMemoryError -XX:-OmitStackTraceInFastThrow
            -Djava.awt.headless=true -Dfile.encoding=UTF-8 -Djna.nosys=true
            -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true
            -Dio.netty.recycler.maxCapacityPerThread=0
            -Dlog4j2.disable.jmx=true -Dlog4j.shutdownHookEnabled=false
            "-Djava.io.tmpdir=$NODE_BASE/tmp" "-Dlibrarycms.node.name=$NODE_NAME"
        )
        # Same as OpenSearch 2.x's jvm.options; COMPAT is gone from JDK 23 on.
        if [ "$major" -le 22 ]; then
            jvm_opts+=("-Djava.locale.providers=SPI,COMPAT")
        else
            jvm_opts+=(--enable-native-access=ALL-UNNAMED) # Lucene's mmap/madvise via FFM
        fi
        mkdir -p "$NODE_BASE/tmp"

        t0="$(now_ms)"
        # setsid + nohup: own session, survives the calling make / terminal.
        # Not a process-group leader here, so setsid execs in place and $! is java.
        setsid nohup "$JAVA_BIN" "${jvm_opts[@]}" \
            -cp "$BUILD_DIR/classes:$(cat "$CP_FILE")" "$MAIN_CLASS" \
            -basePath "$NODE_BASE" -numOfNode 1 -baseHttpPort $((PORT - 1)) \
            -clusterName "$CLUSTER_NAME" \
            -moduleTypes "$MODULE_TYPES" \
            </dev/null >"$LOG_FILE" 2>&1 9>&- &
        pid=$!
        printf '%s\n' "$pid" >"$PID_FILE"
        log "started pid $pid (heap $HEAP, log $LOG_FILE)"
    fi

    local deadline=$((SECONDS + START_TIMEOUT)) hrc
    while :; do
        if ! pid_alive "$pid"; then
            log "OpenSearch (pid $pid) exited during start-up; last log lines:"
            tail -n 40 "$LOG_FILE" >&2 || true
            rm -f "$PID_FILE"
            exit 1
        fi
        hrc=0
        if [ -n "$SEED_HOSTS" ]; then # a cluster's node: HTTP is enough, the cluster waits
            name="$(probe_port)" || name=""
            if [ -z "$name" ]; then
                hrc=1
            elif [ "$name" != "$CLUSTER_NAME" ]; then
                hrc=2
            fi
        else
            health_yellow 5 || hrc=$?
        fi
        if [ "$hrc" -eq 0 ]; then
            break
        elif [ "$hrc" -eq 2 ]; then
            log "$URL answered but not as cluster '$CLUSTER_NAME'; stopping pid $pid"
            stop_pid "$pid"
            exit 1
        fi
        if [ "$SECONDS" -ge "$deadline" ]; then
            log "OpenSearch did not answer (yellow; HTTP for a cluster's node) within ${START_TIMEOUT}s; last log lines:"
            tail -n 40 "$LOG_FILE" >&2 || true
            stop_pid "$pid"
            exit 1
        fi
        sleep 1
    done
    if [ -n "$t0" ]; then
        local ms=$(($(now_ms) - t0))
        log "pid $pid yellow after $((ms / 1000)).$(printf '%03d' $((ms % 1000)))s"
    fi
    printf 'OpenSearch ready at %s\n' "$URL"
}

stop_pid() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || true
    for ((i = 0; i < 60; i++)); do
        pid_alive "$pid" || break
        sleep 0.5
    done
    if pid_alive "$pid"; then
        log "pid $pid still alive after 30s, sending KILL"
        kill -KILL "$pid" 2>/dev/null || true
        sleep 0.5
    fi
    rm -f "$PID_FILE"
}

cmd_stop() {
    take_lock
    local pid
    if pid="$(our_pid)"; then
        stop_pid "$pid"
        printf 'OpenSearch on port %s stopped (pid %s)\n' "$PORT" "$pid"
    else
        if [ -f "$PID_FILE" ]; then
            rm -f "$PID_FILE"
        fi
        printf 'OpenSearch on port %s is not running\n' "$PORT"
    fi
}

main() {
    local cmd="${1:-}"
    case "$cmd" in
        start | stop | status | restart | build) ;;
        *)
            printf 'usage: %s start|stop|status|restart|build\n' "$(basename "$0")" >&2
            exit 2
            ;;
    esac
    init_dirs
    case "$cmd" in
        start) cmd_start ;;
        stop) cmd_stop ;;
        status) cmd_status ;;
        restart)
            cmd_stop
            exec 9>&- # release the lock before starting again
            cmd_start
            ;;
        build) cmd_build ;;
    esac
}

main "$@"
