"""Search results that answer from the database when the engine fails while they are read.

Wagtail's search results are lazy: the paginator counts them, and a page of hits is fetched when
a template or an API serializer reads it, long after the search was "made". A check made when
the search is made cannot protect those reads; :class:`FallbackResults` runs each of them on
the engine's results and, from the first failure on, on the database backend's.

Wagtail's API v2 and v3 page searches (every endpoint's ``?search=``) are given the same
fallback by :func:`use_in_wagtail_api` (``SearchConfig.ready``); a response the database
answered says so with a ``Search-Fallback: database`` header (``library_cms.api_http``).
"""

import logging

from wagtail.api.v2 import filters as v2_filters
from wagtail.api.v3.schemas import params as v3_params
from wagtail.search.backends import get_search_backend

from search.engine import log_fallback

logger = logging.getLogger(__name__)
FALLBACK_HEADER = "Search-Fallback"


class FallbackResults:
    """``results`` of the engine, read through a fallback to ``database()``'s results.

    ``fallback`` says whether the database answered; ``on_fallback()`` is called when it
    starts to.
    """

    def __init__(self, results, database, on_fallback=None):
        self.results = results
        self.database = database
        self.on_fallback = on_fallback
        self.fallback = False

    def _read(self, read):
        if not self.fallback:
            try:
                return read(self.results)
            except Exception as error:
                log_fallback(logger, "Search", error)
                self.results, self.fallback = self.database(), True
                if self.on_fallback:
                    self.on_fallback()
        return read(self.results)

    def count(self):
        return self._read(lambda results: results.count())

    def __len__(self):
        return self.count()

    def __getitem__(self, key):
        """A slice is fetched now (a list), inside the fallback."""
        return self._read(lambda results: list(results[key]) if isinstance(key, slice)
                          else results[key])

    def __iter__(self):
        return iter(self._read(list))


def has_engine(backend):
    """Whether ``backend`` is a search engine (the database backend has no fallback)."""
    return hasattr(backend, "es")


def mark_fallback(request):
    """Remember on the Django request that its search answered from the database."""
    getattr(request, "_request", request).search_fallback = True


def with_fallback(results, request, query, queryset, **options):
    """The engine's ``results`` for ``query`` over ``queryset`` (searched with ``options``),
    falling back to the database backend's; the request is marked when it does."""
    if not has_engine(get_search_backend()):
        return results
    return FallbackResults(
        results,
        lambda: get_search_backend("fallback").search(query, queryset, **options),
        on_fallback=lambda: mark_fallback(request),
    )


def use_in_wagtail_api():
    """Give the API v2 ``SearchFilter`` and the API v3 ``SearchSchema`` the fallback."""
    v2_search = v2_filters.SearchFilter.filter_queryset
    v3_search = v3_params.SearchSchema.search_queryset

    def v2_filter_queryset(self, request, queryset, view):
        results = v2_search(self, request, queryset, view)
        if results is queryset:
            return results
        return with_fallback(
            results, request, request.GET["search"], queryset,
            operator=request.GET.get("search_operator"),
            order_by_relevance="order" not in request.GET)

    def v3_search_queryset(self, request, queryset):
        results = v3_search(self, request, queryset)
        if results is queryset:
            return results
        return with_fallback(
            results, request, self.search, queryset, operator=self.search_operator,
            order_by_relevance="order" not in request.GET)

    v2_filters.SearchFilter.filter_queryset = v2_filter_queryset
    v3_params.SearchSchema.search_queryset = v3_search_queryset
