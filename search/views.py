"""Site-wide search over published pages."""

from django.core.paginator import Paginator
from django.template.response import TemplateResponse
from django.urls import reverse
from wagtail.models import Page

from search.query import partial_matches, search_with_fallback


def site_search(request):
    """Search live public pages for ``?q=``, ten results a page; when few pages have every word,
    the pages with some of them after (``partial_results``)."""
    query = request.GET.get("q", "")
    pages = Page.objects.live().public()
    results, fallback = search_with_fallback(pages, query)
    partial, partial_fallback = partial_matches(pages, query, results)
    page = Paginator(results, 10).get_page(request.GET.get("page"))
    context = {"query": query, "results": page, "search_fallback": fallback or partial_fallback,
               "partial_results": partial, "opac_url": reverse("opac:search")}
    return TemplateResponse(request, "search/search.html", context)
