#!/usr/bin/env bash
# Start / stop the Z39.50 gateway (Debian's simple2zoom in front of our SRU, see README.md).
#
#   scripts/z3950.sh start|stop|status
#
# Environment:
#   Z3950_PORT      port of the Z39.50 listener on 127.0.0.1     (default 2100)
#   Z3950_LISTEN    YAZ listener address (overrides Z3950_PORT, e.g. tcp:@:210 for every address)
#   Z3950_SRU_URL   our SRU endpoint                             (default http://127.0.0.1:$PORT/sru)
#   Z3950_TIMEOUT   seconds the gateway waits for SRU            (default: gateway.xml's, 15)
#   VAR_DIR         state directory: pid and log                 (default <repo>/var)
set -euo pipefail
source "$(dirname "$0")/lib.sh"

Z3950_PORT="${Z3950_PORT:-2100}"
LISTEN="${Z3950_LISTEN:-tcp:127.0.0.1:$Z3950_PORT}"
export Z3950_SRU_URL="${Z3950_SRU_URL:-http://127.0.0.1:${PORT:-8000}/sru}"
STATE="${VAR_DIR:-$ROOT/var}/z3950"
PID_FILE="$STATE/gateway-$Z3950_PORT.pid"
LOG_FILE="$STATE/gateway-$Z3950_PORT.log"

running() { [ -f "$PID_FILE" ] && kill -0 "$(cat "$PID_FILE")" 2>/dev/null; }

start() {
  perl -MNet::Z3950::Simple2ZOOM -e1 2>/dev/null \
    || die "the Z39.50 gateway needs Debian's simple2zoom: apt-get install -y libnet-z3950-simple2zoom-perl"
  if running; then
    say "z3950: gateway already running (pid $(cat "$PID_FILE")) on $LISTEN"
    return
  fi
  mkdir -p "$STATE"
  touch "$LOG_FILE"
  local before
  before="$(wc -l < "$LOG_FILE")"  # the log is appended to: look at this run's lines only
  # A process group of its own: the gateway forks one process per client; `stop` ends them all.
  setsid perl catalogue/z3950/gateway.pl -c catalogue/z3950/gateway.xml -- -l "$LOG_FILE" \
    "$LISTEN" >>"$LOG_FILE" 2>&1 </dev/null &
  echo $! > "$PID_FILE"
  for _ in $(seq 50); do
    tail -n "+$((before + 1))" "$LOG_FILE" | grep -q "Adding .*listener on $LISTEN" && break
    running || die "the Z39.50 gateway did not start, see $LOG_FILE"
    sleep 0.1
  done
  running || die "the Z39.50 gateway did not start, see $LOG_FILE"
  say "z3950: gateway (pid $(cat "$PID_FILE")) on $LISTEN → $Z3950_SRU_URL, log $LOG_FILE"
}

stop() {
  if running; then
    kill -- "-$(cat "$PID_FILE")" 2>/dev/null || kill "$(cat "$PID_FILE")"
    for _ in $(seq 50); do running || break; sleep 0.1; done
    if running; then kill -9 -- "-$(cat "$PID_FILE")" 2>/dev/null || kill -9 "$(cat "$PID_FILE")"; fi
    say "z3950: gateway stopped"
  fi
  rm -f "$PID_FILE"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) running && say "z3950: running (pid $(cat "$PID_FILE")) on $LISTEN" || { say "z3950: not running"; exit 1; } ;;
  *) die "usage: scripts/z3950.sh start|stop|status" ;;
esac
