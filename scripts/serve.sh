#!/usr/bin/env bash
# `make serve`: gunicorn with the production settings; WhiteNoise serves static files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export DJANGO_SETTINGS_MODULE=library_cms.settings.production
"$PY" -m library_cms.catalogues  # .po -> .mo, only those that changed
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # the shared cache of the production settings (set_site_url uses it)
"$PY" manage.py set_site_url  # SITE_URL -> Wagtail's Site (README "Configuration")
# Every index with our mapping before the first request: created on a fresh install (the engine
# never creates one itself), rebuilt after an upgrade that changed a mapping (searches read the
# database meanwhile); a no-op otherwise. The site starts even when the engine is down.
"$PY" manage.py update_index --if-outdated \
  || say "search indexes not built: searches answer from the database until update_index --if-outdated"
# Workers x threads answer at once (gthread workers when WEB_THREADS > 1, which also keep a
# client's connection open for WEB_KEEPALIVE seconds); the engine client's pool follows
# WEB_THREADS (SEARCH_POOL_SIZE, library_cms/settings/base.py). README "Serving".
export WEB_THREADS="${WEB_THREADS:-2}"
exec .venv/bin/gunicorn library_cms.wsgi --bind "${BIND:-127.0.0.1:${PORT:-8000}}" \
  --workers "${WEB_CONCURRENCY:-3}" --threads "$WEB_THREADS" \
  --keep-alive "${WEB_KEEPALIVE:-5}" --access-logfile -
