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
exec .venv/bin/gunicorn library_cms.wsgi --bind "${BIND:-127.0.0.1:${PORT:-8000}}" \
  --workers "${WEB_CONCURRENCY:-3}" --access-logfile -
