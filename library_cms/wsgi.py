"""WSGI entry point (gunicorn ``library_cms.wsgi``)."""

import os
import sys

from django.core.wsgi import get_wsgi_application

from library_cms.config import ConfigError

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "library_cms.settings.production")

try:
    application = get_wsgi_application()
except ConfigError as exc:
    sys.exit(f"Lỗi cấu hình / configuration error: {exc}")
