"""Counts readers' page views of the rendered site (see ``engagement.visits.is_counted``)."""

import logging

from django.db import DatabaseError

from engagement.visits import count_request, is_counted

logger = logging.getLogger(__name__)


class VisitCounterMiddleware:
    """After a page is rendered, add it to today's views; a failed count never fails the page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if is_counted(request, response):
            try:
                count_request(request)
            except DatabaseError:
                logger.exception("Không đếm được lượt truy cập %s", request.path)
        return response
