#!/usr/bin/env bash
# `make serve`: gunicorn with the production settings; WhiteNoise serves static files.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
export DJANGO_SETTINGS_MODULE=library_cms.settings.production
"$PY" -m library_cms.catalogues  # .po -> .mo, only those that changed
"$PY" manage.py collectstatic --noinput -v 0
"$PY" manage.py migrate --noinput -v 0
"$PY" manage.py createcachetable  # the shared cache of the production settings
exec .venv/bin/gunicorn library_cms.wsgi --bind "${BIND:-127.0.0.1:${PORT:-8000}}" \
  --workers "${WEB_CONCURRENCY:-3}" --access-logfile -
