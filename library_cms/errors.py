"""The server-error page: a static template, rendered without the database.

Django's own handler would render ``500.html`` too; ours hands it the site's name from the
settings (no context processor, no query: the database may be what failed) and, should even
that fail, answers in plain text.
"""

import logging

from django.conf import settings
from django.http import HttpResponseServerError
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)


def server_error(request):
    """``handler500``: ``500.html`` with the site's name, or one line of text."""
    try:
        html = render_to_string("500.html", {"site_name": settings.WAGTAIL_SITE_NAME})
    except Exception:  # the page for when everything else failed must not fail
        logger.exception("500.html could not be rendered")
        html = "Trang web đang gặp sự cố. Xin thử lại sau ít phút."
    return HttpResponseServerError(html)
