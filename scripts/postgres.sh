#!/usr/bin/env bash
# Install (from Debian's packages) and start PostgreSQL when it is not running,
# create the project's role and database, and print the DATABASE_URL to use.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
# Only the URL goes to stdout (callers capture it); everything the PostgreSQL tools
# print on the way (e.g. "Removed stale pid file.") goes to stderr.
exec 3>&1 1>&2

PG_ROLE="${PG_ROLE:-library}"
PG_PASSWORD="${PG_PASSWORD:-library}"
PG_DB="${PG_DB:-library}"

if ! command -v pg_ctlcluster >/dev/null 2>&1 || [ -z "$(ls /usr/lib/postgresql 2>/dev/null)" ]; then
  [ "$(id -u)" = 0 ] || die "PostgreSQL is not installed and this user cannot install it (run as root, or: sudo apt-get install -y postgresql)"
  say "Installing PostgreSQL from Debian's packages…"
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null; } \
    || die "could not install PostgreSQL with apt-get"
fi

cluster_line() { pg_lsclusters -h 2>/dev/null | head -n 1; }
if [ -z "$(cluster_line)" ]; then
  version="$(ls /usr/lib/postgresql | sort -V | tail -n 1)"
  pg_createcluster "$version" main 3>&- >/dev/null || die "could not create a PostgreSQL $version cluster"
fi
read -r version cluster port status _ <<<"$(cluster_line)"
if [ "$status" != "online" ]; then
  pg_ctlcluster "$version" "$cluster" start 3>&- || die "could not start PostgreSQL $version/$cluster (see /var/log/postgresql/)"
fi

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
for _ in $(seq 1 30); do as_postgres pg_isready -q -p "$port" && break; sleep 1; done
as_postgres pg_isready -q -p "$port" || die "PostgreSQL did not become ready on port $port"

as_postgres psql -q -p "$port" -v ON_ERROR_STOP=1 <<SQL >/dev/null || die "could not create the PostgreSQL role/database"
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PG_ROLE') THEN
    CREATE ROLE $PG_ROLE LOGIN CREATEDB PASSWORD '$PG_PASSWORD';
  END IF;
END \$\$;
SELECT 'CREATE DATABASE $PG_DB OWNER $PG_ROLE' WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$PG_DB')\gexec
SQL

say "postgres://$PG_ROLE:$PG_PASSWORD@127.0.0.1:$port/$PG_DB" >&3
