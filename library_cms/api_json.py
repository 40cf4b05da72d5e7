"""One convention for date-times in both APIs: ISO 8601 (RFC 3339) in the library's time zone,
with its offset, as Python's ``isoformat`` writes it: ``2026-12-02T06:22:43.101502+07:00``.

API v2 (Django REST framework) already writes them so (``USE_TZ`` with ``TIME_ZONE``
Asia/Ho_Chi_Minh); API v3 (Django Ninja) would write UTC with ``Z``, to the millisecond.
``library_cms/api.py`` gives v3 this renderer.
"""

from datetime import datetime

from django.utils import timezone
from ninja.renderers import JSONRenderer
from ninja.responses import NinjaJSONEncoder


def api_datetime(value):
    """An aware date-time as the APIs write it (a naive one is taken as the library's time)."""
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return timezone.localtime(value).isoformat()


class LocalTimeEncoder(NinjaJSONEncoder):
    """Ninja's JSON encoder, with date-times in the library's time zone."""

    def default(self, o):
        if isinstance(o, datetime):
            return api_datetime(o)
        return super().default(o)


class LocalTimeRenderer(JSONRenderer):
    """API v3's JSON renderer with :class:`LocalTimeEncoder`."""

    encoder_class = LocalTimeEncoder
