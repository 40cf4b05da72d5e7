"""Errors of both APIs that Wagtail leaves as a 500: out-of-range or mistyped values, the
search engine failing, preview tokens that do not open. Each becomes a JSON 4xx/503 with a
message, in the format of its API (v2 ``{"message"}``, v3 problem+json)."""

from django.core.exceptions import ValidationError
from django.db import DataError
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.api.v3.errors import problem_response

from base.preview import PreviewTokenError
from search.engine import engine_errors


def error_status_and_message(exc):
    """``(status, message)`` for the errors handled here, else ``None``."""
    if isinstance(exc, DataError):
        return 400, _("Giá trị tham số nằm ngoài phạm vi cho phép.")
    if isinstance(exc, ValidationError):
        return 400, " ".join(exc.messages)
    if isinstance(exc, PreviewTokenError):
        return 403, str(exc)
    if isinstance(exc, engine_errors()):
        return 503, _("Tìm kiếm tạm thời không dùng được, xin thử lại sau.")
    if isinstance(exc, ValueError):  # e.g. a filter value of the wrong type reaching the ORM
        return 400, _("Giá trị tham số không hợp lệ.")
    return None


class JSONErrorsMixin:
    """For API v2 viewsets: the errors above as ``{"message": …}``."""

    def handle_exception(self, exc):
        if handled := error_status_and_message(exc):
            status, message = handled
            return Response({"message": message}, status=status)
        return super().handle_exception(exc)


def register_v3_error_handlers(api):
    """For the API v3 NinjaAPI: the errors above as problem+json (Django's ``ValidationError``
    keeps Wagtail's own 422)."""

    def handler(request, exc):
        status, message = error_status_and_message(exc)
        return problem_response(status=status, detail=message)

    for exception in (DataError, PreviewTokenError, ValueError, *engine_errors()):
        api.add_exception_handler(exception, handler)
