#!/usr/bin/env bash
# `make serve`: gunicorn with the production settings; WhiteNoise serves static files.
# `scripts/serve.sh bootstrap` runs only the steps before gunicorn (`make serve-cluster` runs
# them once for all its instances).
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export DJANGO_SETTINGS_MODULE=library_cms.settings.production
"$PY" -m library_cms.catalogues  # .po -> .mo, only those that changed
# collectstatic, migrate, createcachetable (the shared cache of the production settings),
# set_site_url (README "Configuration"), update_index --if-outdated: one process, under a lock
# that several hosts starting at once take in turn (home/management/commands/prepare_serve.py).
"$PY" manage.py prepare_serve
[ "${1:-}" = bootstrap ] && exit 0
# Workers x threads answer at once (gthread workers when WEB_THREADS > 1, which also keep a
# client's connection open for WEB_KEEPALIVE seconds); the engine client's pool follows
# WEB_THREADS (SEARCH_POOL_SIZE, library_cms/settings/base.py). README "Serving".
export WEB_THREADS="${WEB_THREADS:-2}"
exec .venv/bin/gunicorn library_cms.wsgi --bind "${BIND:-127.0.0.1:${PORT:-8000}}" \
  --workers "${WEB_CONCURRENCY:-3}" --threads "$WEB_THREADS" \
  --keep-alive "${WEB_KEEPALIVE:-5}" --access-logfile -
