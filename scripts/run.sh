#!/usr/bin/env bash
# `make run`: the search engine when Java and Maven are present, migrations,
# demo content, a local admin account, then the development server.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
PORT="${PORT:-8000}"

set +e
scripts/search-engine.sh start
engine=$?
set -e
case "$engine" in
  0) set_env SEARCH_URL "opensearch://127.0.0.1:${SEARCH_PORT:-9200}"
     set_env SEARCH_REPLICAS 0 ;;  # one node: replicas could never be assigned
  3) say "Không có Java/Maven: dùng tìm kiếm trong cơ sở dữ liệu (no Java/Maven: database search backend)."
     set_env SEARCH_URL "" ;;
  *) die "the search engine could not be started (see the message above)" ;;
esac

"$PY" -m library_cms.catalogues  # .po -> .mo, only those that changed
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py set_site_url  # SITE_URL -> Wagtail's Site (README "Configuration")
if [ "$engine" = 0 ]; then
  "$PY" manage.py flush_search_queue
  "$PY" manage.py update_index -v 0  # a few seconds; the index always matches the database
fi
"$PY" manage.py load_demo
"$PY" manage.py ensure_local_admin
say "Trang web / site: http://127.0.0.1:$PORT/"
exec "$PY" manage.py runserver "127.0.0.1:$PORT"
