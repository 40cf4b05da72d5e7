"""Wagtail's API v2 at ``/api/v2/``: pages (with news filters), images, documents, previews."""

from datetime import date

from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

from articles.models import ArticlePage
from home.api_fields import TagNamesField
from home.preview import preview_page
from library.embeds import attach_stored_embeds
from library.models import BookPage, MapPage
from library_cms.api_errors import JSONErrorsMixin
from library_cms.api_visibility import public_pages

NEWS_FILTERS = ("category", "published_after", "published_before")
# What a page type's api_fields read from other tables, fetched once per list, not per item.
RELATED = {
    ArticlePage: (["main_image"], ["main_image__renditions", "categories", "tags"]),
    BookPage: (["cover"], ["cover__renditions", "featured_dates"]),
    MapPage: (["map_image"], ["map_image__renditions", "units"]),
}


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

    def filter_queryset(self, request, queryset, view):
        used = [name for name in NEWS_FILTERS if name in request.GET]
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


class LibraryPagesAPIViewSet(JSONErrorsMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint: anonymous callers see live, public, unexpired pages only."""

    filter_backends = [NewsFilter, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(NEWS_FILTERS)
    # A list shows summaries: an article's body and related news are on its detail only.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body", "related_news"]

    def get_queryset(self):
        queryset = super().get_queryset()
        select, prefetch = RELATED.get(queryset.model, ((), ()))
        return queryset.select_related("locale", *select).prefetch_related(*prefetch)

    def paginate_queryset(self, queryset):
        page = super().paginate_queryset(queryset)
        attach_stored_embeds(page)  # a list of videos: their stored embeds in one query
        return page

    def get_base_queryset(self):
        try:
            return public_pages(self.request)
        except ValueError as error:
            raise BadRequestError(str(error)) from error


class PagePreviewAPIViewSet(LibraryPagesAPIViewSet):
    """``/api/v2/page_preview/?content_type=app.model&token=…``: the draft behind a token."""

    known_query_parameters = LibraryPagesAPIViewSet.known_query_parameters.union(
        ["content_type", "token"]
    )

    def listing_view(self, request):
        return self.detail_view(request, pk=None)

    def get_object(self):
        for name in ("content_type", "token"):
            if not self.request.GET.get(name):
                raise BadRequestError(_("Thiếu tham số %(name)s.") % {"name": name})
        return preview_page(self.request.GET["content_type"], self.request.GET["token"])


class LibraryImagesAPIViewSet(JSONErrorsMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint with JSON errors for every bad input, tags fetched per list."""

    meta_fields = [
        APIField("tags", serializer=TagNamesField()) if name == "tags" else name
        for name in ImagesAPIViewSet.meta_fields
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class LibraryDocumentsAPIViewSet(JSONErrorsMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint with JSON errors for every bad input, tags fetched per list."""

    meta_fields = [
        APIField("tags", serializer=TagNamesField()) if name == "tags" else name
        for name in DocumentsAPIViewSet.meta_fields
    ]

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


api_v2 = WagtailAPIRouter("wagtailapi_v2")
api_v2.register_endpoint("pages", LibraryPagesAPIViewSet)
api_v2.register_endpoint("images", LibraryImagesAPIViewSet)
api_v2.register_endpoint("documents", LibraryDocumentsAPIViewSet)
api_v2.register_endpoint("page_preview", PagePreviewAPIViewSet)
