"""The news filters of API v2's pages endpoint (``library_cms/api_v2.py`` gathers ``filters``)."""

from datetime import date

from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.utils import BadRequestError

from articles.models import ArticlePage


def parse_date(name, value):
    """An ISO date from the query string, or a 400 naming the parameter."""
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise BadRequestError(
            _("%(name)s phải là ngày dạng YYYY-MM-DD.") % {"name": name}
        ) from None


class NewsFilter(BaseFilterBackend):
    """``?category=<slug>``, ``?published_after=`` and ``?published_before=`` (inclusive dates)
    on news; only with ``type=articles.ArticlePage``."""

    query_parameters = ("category", "published_after", "published_before")

    def filter_queryset(self, request, queryset, view):
        used = [name for name in self.query_parameters if name in request.GET]
        if not used:
            return queryset
        if queryset.model is not ArticlePage:
            raise BadRequestError(
                _("Bộ lọc %(names)s chỉ dùng được với type=articles.ArticlePage.")
                % {"names": ", ".join(used)}
            )
        if slug := request.GET.get("category"):
            queryset = queryset.filter(categories__slug=slug)
        if "published_after" in request.GET:
            start = parse_date("published_after", request.GET["published_after"])
            queryset = queryset.filter(publish_date__gte=start)
        if "published_before" in request.GET:
            end = parse_date("published_before", request.GET["published_before"])
            queryset = queryset.filter(publish_date__lte=end)
        return queryset


filters = [NewsFilter]
