"""OPAC pages: the search (simple and advanced), the record page and its exports."""

from django.http import HttpResponse, QueryDict, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.safestring import mark_safe

from base.pages import unexpired
from catalogue.marc.export import bibtex, marcxml_document, ris
from catalogue.models import Record
from catalogue.opac.facets import facet_groups
from catalogue.opac.labels import language_label, type_label
from catalogue.opac.params import SORTS, InvalidSearch, SearchParams, parse_params
from catalogue.opac.search import search

MORE_BY_AUTHOR = 6
MAX_BACK_QUERY = 2000  # characters of the search a record page links back to


def _display(hit):
    """A hit with its highlighted title/authors ready for the template (engine HTML is escaped)."""
    marked = {name: mark_safe(" ".join(parts)) for name, parts in hit.highlight.items()}
    return {
        "hit": hit, "title": marked.get("title", hit.title),
        "subtitle": marked.get("subtitle", hit.subtitle),
        "authors": marked.get("authors") or ", ".join(hit.authors),
        "subjects": marked.get("subjects"), "summary": marked.get("summary"),
        "language": language_label(hit.language), "type": type_label(hit.material_type),
    }


def opac_search(request):
    """``/opac/``: the search box, advanced search, results with facets, sorts and pages."""
    context = {"sorts": SORTS, "query": request.GET.get("q", "")}
    try:
        params = parse_params(request.GET)
    except InvalidSearch as error:
        context["error"] = str(error)
        return TemplateResponse(request, "catalogue/opac/search.html", context, status=400)
    result = search(params)
    query = request.GET.copy()
    query.pop("page", None)
    context.update(
        params=params, result=result, hits=[_display(hit) for hit in result.hits],
        partial_hits=[_display(hit) for hit in result.partial_hits],
        facets=facet_groups(request.GET, result), page_query=query.urlencode(),
        back_query=request.GET.urlencode(),
        advanced=any(name != "q" for name in params.texts) or request.GET.get("advanced"),
    )
    return TemplateResponse(request, "catalogue/opac/search.html", context)


def results_url(back):
    """The OPAC search a record was reached from (``?back=`` holds its query string), or
    ``None``; only ever a page of the OPAC, whatever ``back`` says."""
    if not back:
        return None
    query = QueryDict(back[:MAX_BACK_QUERY]).urlencode()
    return f"{reverse('opac:search')}?{query}" if query else None


def record_detail(request, pk):
    """The record page (its permalink): every field, holdings with live status, more by author."""
    record = get_object_or_404(Record.objects.visible().prefetch_related("holdings"), pk=pk)
    more = []
    if record.main_author:
        params = SearchParams(author=f'"{record.main_author}"', page_size=MORE_BY_AUTHOR + 1)
        more = [hit for hit in search(params).hits if hit.id != record.pk][:MORE_BY_AUTHOR]
    context = {
        "record": record, "more_by_author": more, "language": language_label(record.language),
        "type": type_label(record.material_type),
        "book_pages": unexpired(record.book_pages.live()),
        "back_url": results_url(request.GET.get("back")),
    }
    return TemplateResponse(request, "catalogue/opac/record.html", context)


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def record_marcxml(request, pk):
    record = get_object_or_404(Record.objects.visible(), pk=pk)
    response = StreamingHttpResponse(
        marcxml_document([record]), content_type="application/marcxml+xml; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="record-{record.pk}.xml"'
    return response


def record_ris(request, pk):
    record = get_object_or_404(Record.objects.visible(), pk=pk)
    return _download(ris(record), "application/x-research-info-systems", f"record-{pk}.ris")


def record_bibtex(request, pk):
    record = get_object_or_404(Record.objects.visible(), pk=pk)
    return _download(bibtex(record), "application/x-bibtex", f"record-{pk}.bib")
