"""Faults a request must survive with an honest answer: a body too big, the database gone.

* :class:`BodySizeLimitMiddleware`: a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (file uploads
  excepted) is answered 413, after reading it away so that the client gets the answer rather
  than a connection reset (Django itself would answer 400 without reading it).
* :class:`DatabaseOutageMiddleware`: while the database cannot be reached (a restart, a
  failover), a request answers at once 503 with ``Retry-After``: problem+json under ``/api/``,
  elsewhere the site's Vietnamese outage page (``503.html``), rendered without the database.
  Django checks a kept connection before reusing it (``CONN_HEALTH_CHECKS``, see
  ``library_cms.config``), so the first request after the database is back succeeds.
"""

import logging
import sys

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils.cache import add_never_cache_headers
from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response

logger = logging.getLogger(__name__)
API_PREFIX = "/api/"
RETRY_AFTER = 5  # seconds; a PostgreSQL restart takes a few
DRAIN_LIMIT = 16 * 1024 * 1024  # bytes of a refused body read away before answering 413
DRAIN_CHUNK = 64 * 1024


def too_big_response(request):
    """413 with a message (problem+json under ``/api/``)."""
    detail = _("Nội dung gửi lên quá lớn (tối đa %(size)s MB).") % {
        "size": f"{settings.DATA_UPLOAD_MAX_MEMORY_SIZE / 1024 / 1024:.1f}"}
    if request.path.startswith(API_PREFIX):
        return problem_response(status=413, detail=detail)
    return HttpResponse(detail, status=413, content_type="text/plain; charset=utf-8")


def drain(request, length):
    """Read the unread body of ``request`` away (up to :data:`DRAIN_LIMIT` bytes)."""
    stream = request.META.get("wsgi.input")
    left = min(length, DRAIN_LIMIT)
    while stream is not None and left > 0 and (chunk := stream.read(min(left, DRAIN_CHUNK))):
        left -= len(chunk)


class BodySizeLimitMiddleware:
    """413 for a body over ``DATA_UPLOAD_MAX_MEMORY_SIZE`` (multipart file uploads have their
    own limits)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        if limit is not None and length > limit and request.content_type != "multipart/form-data":
            drain(request, length)
            response = too_big_response(request)
            response["Connection"] = "close"
            return response
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, RequestDataTooBig):  # a body without Content-Length
            return too_big_response(request)
        return None


def is_database_outage(error):
    """Whether ``error`` means the database cannot be reached (or dropped the connection)."""
    return isinstance(error, OperationalError | InterfaceError)


def outage_response(request):
    """503 + ``Retry-After``, never cached: problem+json under ``/api/``, else the outage page."""
    if request.path.startswith(API_PREFIX):
        response = problem_response(status=503, detail=_(
            "Cơ sở dữ liệu tạm thời không truy cập được, xin thử lại sau ít giây."))
    else:
        html = render_to_string("503.html", {
            "site_name": settings.WAGTAIL_SITE_NAME, "retry_after": RETRY_AFTER,
            "path": request.get_full_path(),
        })
        response = HttpResponse(html, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    add_never_cache_headers(response)
    return response


def _flag_outage(sender, request=None, **kwargs):
    """``got_request_exception``: an error a middleware further in raised (Django has turned
    it into a 500 before this middleware sees the response)."""
    if request is not None and is_database_outage(sys.exc_info()[1]):
        request.database_outage = True


got_request_exception.connect(_flag_outage, dispatch_uid="library-cms-database-outage")


class DatabaseOutageMiddleware:
    """503 + ``Retry-After`` instead of a 500 while the database cannot be reached."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            response = self.get_response(request)
        except Exception as error:  # the 500 handler itself failed on the database
            if not is_database_outage(error):
                raise
            return self._outage(request, error)
        if getattr(request, "database_outage", False):
            return outage_response(request)
        return response

    def process_exception(self, request, exception):
        if is_database_outage(exception):
            return self._outage(request, exception)
        return None

    def _outage(self, request, error):
        logger.warning("Database unavailable, %s %s answered 503: %s", request.method,
                       request.path, (str(error).strip().splitlines() or [""])[0])
        return outage_response(request)
