"""Site-wide search over published pages."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Page

from search.query import partial_matches, search_with_fallback


def searchable_pages():
    """Live public pages whose expiry time has not passed (``publish_scheduled`` unpublishes
    them later). Expired pages are left out by path, a field the engine indexes."""
    expired = Page.objects.filter(live=True, expire_at__lte=timezone.now()).values_list("path")
    return Page.objects.live().public().exclude(path__in=[path for (path,) in expired])


def site_search(request):
    """Search live public pages for ``?q=``, ten results a page; when few pages have every word,
    the pages with some of them after (``partial_results``).

    The page of hits is fetched here, inside the fallback, not later by the template.
    """
    query = request.GET.get("q", "")
    pages = searchable_pages()
    results, _fallback = search_with_fallback(pages, query)
    partial, partial_fallback = partial_matches(pages, query, results)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    context = {"query": query, "results": page, "partial_results": partial,
               "search_fallback": getattr(results, "fallback", False) or partial_fallback,
               "opac_url": reverse("opac:search")}
    return TemplateResponse(request, "search/search.html", context)
