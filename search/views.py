"""Site-wide search over published pages."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from search.query import search_with_fallback


def site_search(request):
    """Search live public pages for ``?q=``, ten results a page."""
    query = request.GET.get("q", "")
    results, fallback = search_with_fallback(Page.objects.live().public(), query)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    context = {"query": query, "results": page, "search_fallback": fallback,
               "opac_url": reverse("opac:search")}
    return TemplateResponse(request, "search/search.html", context)
