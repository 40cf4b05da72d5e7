#!/usr/bin/env bash
# `make serve-cluster` / `make serve-cluster-stop`: two gunicorn instances of the production
# site behind HAProxy (deploy/haproxy.cfg), sharing the database, its cache table and the media
# storage (README "Deploying beyond one server").
#   CLUSTER_PORT (8841)  the balancer's port; the instances listen on the next two ports
#   CLUSTER_DIR (var/cluster)  pid and log files
# The steps before gunicorn (migrate, createcachetable, …) run once, before any instance starts.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export DJANGO_SETTINGS_MODULE=library_cms.settings.production
CLUSTER_PORT="${CLUSTER_PORT:-8841}"
CLUSTER_DIR="${CLUSTER_DIR:-$ROOT/var/cluster}"
INSTANCES="1 2"  # one `server appN` line each in deploy/haproxy.cfg
export LB_BIND="${LB_BIND:-127.0.0.1:$CLUSTER_PORT}"
export APP1="127.0.0.1:$((CLUSTER_PORT + 1))" APP2="127.0.0.1:$((CLUSTER_PORT + 2))"
export CHECK_HOST="${CHECK_HOST:-$(printf '%s' "${ALLOWED_HOSTS:-localhost}" | cut -d, -f1)}"

# answers ADDRESS: whether the instance at ADDRESS answers /healthz (any status).
answers() {
  "$PY" -c 'import sys, urllib.request as u, urllib.error as e
try: u.urlopen(u.Request(f"http://{sys.argv[1]}/healthz", headers={"Host": sys.argv[2]}), timeout=5)
except e.HTTPError: pass
except OSError: sys.exit(1)' "$1" "$CHECK_HOST"
}

# stop_pid FILE: stop the process whose pid FILE holds (TERM, then KILL after 20 s).
stop_pid() {
  local pid
  [ -f "$1" ] || return 0
  pid="$(cat "$1")"
  if kill -TERM "$pid" 2>/dev/null; then
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$1"
}

stop() {
  stop_pid "$CLUSTER_DIR/haproxy.pid"
  for n in $INSTANCES; do stop_pid "$CLUSTER_DIR/app$n.pid"; done
}

start() {
  command -v haproxy >/dev/null || die "HAProxy is missing: apt-get install -y haproxy"
  mkdir -p "$CLUSTER_DIR"
  stop
  haproxy -c -q -f deploy/haproxy.cfg || die "deploy/haproxy.cfg is not valid"
  scripts/serve.sh bootstrap
  for n in $INSTANCES; do
    address="APP$n"
    .venv/bin/gunicorn library_cms.wsgi --bind "${!address}" --workers "${WEB_CONCURRENCY:-3}" \
      --proxy-protocol auto --daemon --pid "$CLUSTER_DIR/app$n.pid" \
      --log-file "$CLUSTER_DIR/app$n.log" --access-logfile "$CLUSTER_DIR/app$n.access.log"
  done
  for n in $INSTANCES; do
    address="APP$n"
    for _ in $(seq 1 60); do answers "${!address}" && break; sleep 0.5; done
    answers "${!address}" || die "instance app$n did not start: see $CLUSTER_DIR/app$n.log"
  done
  haproxy -D -p "$CLUSTER_DIR/haproxy.pid" -f deploy/haproxy.cfg || die "HAProxy did not start"
  say "the site on http://$LB_BIND (instances app1 on $APP1, app2 on $APP2)"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) die "usage: $0 start|stop" ;;
esac
