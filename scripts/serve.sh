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
exec .venv/bin/gunicorn library_cms.wsgi --bind "${BIND:-127.0.0.1:${PORT:-8000}}" \
  --workers "${WEB_CONCURRENCY:-3}" --access-logfile -
