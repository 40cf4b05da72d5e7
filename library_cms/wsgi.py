"""WSGI entry point (gunicorn ``library_cms.wsgi``)."""

import gc
import os
import sys

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

from library_cms.config import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_cms.settings.production")

try:
    application = get_wsgi_application()
except ConfigError as exc:
    sys.exit(f"Lỗi cấu hình / configuration error: {exc}")

# What loading the site creates (~190,000 objects: modules, models, settings, the URLconf and
# the views it imports, loaded here rather than by the first request) lives as long as the
# process: kept out of the garbage collector's full passes, which otherwise walk it all every
# few hundred requests (bench/RESULTS.md, issue 18).
get_resolver().url_patterns  # noqa: B018
gc.freeze()
