"""Site-wide search over published pages."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from wagtail.models import Page

from search.query import search_with_fallback


def site_search(request):
    """Search live public pages for ``?q=``, ten results a page.

    The page of hits is fetched here, inside the fallback, not later by the template.
    """
    query = request.GET.get("q", "")
    results, _fallback = search_with_fallback(Page.objects.live().public(), query)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    context = {"query": query, "results": page,
               "search_fallback": getattr(results, "fallback", False)}
    return TemplateResponse(request, "search/search.html", context)
