"""Wagtail's API v2 at ``/api/v2/``: pages (with the apps' page-type filters), images, documents,
previews."""

from functools import lru_cache

from django.contrib.contenttypes.models import ContentType
from django.db.models import prefetch_related_objects
from django.utils.translation import gettext as _
from rest_framework.generics import get_object_or_404
from wagtail.api import APIField
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.models import Page

from base.api_fields import TagNamesField
from base.discovery import project_app_modules
from base.embeds import attach_stored_embeds
from base.preview import preview_page
from base.visibility import public_pages
from library_cms.api_errors import JSONErrorsMixin
from library_cms.api_http import note_page
from library_cms.api_v2_serializers import LibraryPageSerializer

# Page-type filters (``?category=`` on news…): each app's ``api_v2.filters``.
PAGE_FILTERS = [backend for module in project_app_modules("api_v2") for backend in module.filters]


class LibraryPagesAPIViewSet(JSONErrorsMixin, PagesAPIViewSet):
    """Wagtail's pages endpoint: anonymous callers see live, public, unexpired pages only."""

    base_serializer_class = LibraryPageSerializer
    filter_backends = [*PAGE_FILTERS, *PagesAPIViewSet.filter_backends]
    known_query_parameters = PagesAPIViewSet.known_query_parameters.union(
        *(backend.query_parameters for backend in PAGE_FILTERS)
    )
    # A list shows summaries: an article's body and related news are on its detail only.
    detail_only_fields = [*PagesAPIViewSet.detail_only_fields, "body", "related_news"]

    @classmethod
    def _get_serializer_class(cls, router, model, fields_config, show_details=False,
                              nested=False):
        """Wagtail's serializer class, made once per model and field selection."""
        return serializer_class(cls, router, model, frozen(fields_config), show_details, nested)

    def get_queryset(self):
        queryset = super().get_queryset()
        model = queryset.model  # a page type's api_fields read these in the same query
        return queryset.select_related("locale", *getattr(model, "api_select_related", ()))

    def get_object(self):
        """The page in its specific type, with the rows its ``api_fields`` read through
        foreign keys (``api_select_related``) in the same query; the filtered public queryset
        gives its type only (a query reading one column)."""
        if "page" not in self.__dict__:  # asked twice per request
            types = self.filter_queryset(self.get_queryset()).prefetch_related(None)
            content_type = get_object_or_404(types.values_list("content_type", flat=True),
                                             pk=self.kwargs["pk"])
            model = ContentType.objects.get_for_id(content_type).model_class() or Page
            self.page = model._default_manager.select_related(
                "locale", *getattr(model, "api_select_related", ())).get(pk=self.kwargs["pk"])
            self.check_object_permissions(self.request, self.page)
            note_page(self.request, self.page)
        return self.page

    def paginate_queryset(self, queryset):
        """The list's pages, with what the fields it shows read from other tables fetched once
        for the list (``api_prefetch_related``: a page type's prefetch per API field; a list of
        the default fields fetches none)."""
        page = list(super().paginate_queryset(queryset))
        serializer = self.get_serializer_class()
        shown = set(serializer.Meta.fields)
        prefetches = getattr(serializer.Meta.model, "api_prefetch_related", {})
        prefetch_related_objects(page, *(prefetch for field, prefetch in prefetches.items()
                                         if field in shown))
        attach_stored_embeds(page)  # a list of videos: their stored embeds in one query
        return page

    def get_base_queryset(self):
        try:
            return public_pages(self.request)
        except ValueError as error:
            raise BadRequestError(str(error)) from error


def frozen(fields_config):
    """A parsed ``?fields=`` (lists of ``(name, negated, sub-fields)``) as nested tuples."""
    return tuple((name, negated, sub_fields and frozen(sub_fields))
                 for name, negated, sub_fields in fields_config)


@lru_cache(maxsize=512)  # ?fields= is the caller's: bounded, the classes depend on nothing else
def serializer_class(endpoint, router, model, fields_config, show_details, nested):
    """The serializer class Wagtail makes anew for every request."""
    return super(LibraryPagesAPIViewSet, endpoint)._get_serializer_class(
        router, model, fields_config, show_details=show_details, nested=nested)


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


def with_tag_names(meta_fields):
    """Wagtail's meta fields of images or documents, their tags shown as sorted names."""
    return [APIField("tags", serializer=TagNamesField()) if name == "tags" else name
            for name in meta_fields]


class TaggedMediaMixin(JSONErrorsMixin):
    """Images and documents: JSON errors for every bad input, a list's tags in one query."""

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class LibraryImagesAPIViewSet(TaggedMediaMixin, ImagesAPIViewSet):
    """Wagtail's images endpoint."""

    meta_fields = with_tag_names(ImagesAPIViewSet.meta_fields)


class LibraryDocumentsAPIViewSet(TaggedMediaMixin, DocumentsAPIViewSet):
    """Wagtail's documents endpoint."""

    meta_fields = with_tag_names(DocumentsAPIViewSet.meta_fields)


api_v2 = WagtailAPIRouter("wagtailapi_v2")
api_v2.register_endpoint("pages", LibraryPagesAPIViewSet)
api_v2.register_endpoint("images", LibraryImagesAPIViewSet)
api_v2.register_endpoint("documents", LibraryDocumentsAPIViewSet)
api_v2.register_endpoint("page_preview", PagePreviewAPIViewSet)
