"""``/opac/new/`` ("Sách mới"): the newest records, filtered like the OPAC, page by page; and
its feeds, ``/opac/new.atom`` and ``/opac/new.rss``."""

from django.core.paginator import Paginator
from django.http import HttpResponseBadRequest
from django.template.response import TemplateResponse

from catalogue.acquisitions.feeds import NewAcquisitionsAtom, NewAcquisitionsFeed
from catalogue.acquisitions.records import filter_query, new_records, read_filters
from catalogue.choices import MaterialType
from catalogue.models import Holding
from catalogue.opac.labels import LANGUAGES, language_label, type_label
from catalogue.opac.params import InvalidSearch

atom_feed, rss_feed = NewAcquisitionsAtom(), NewAcquisitionsFeed()


def _feed(feed):
    def view(request):
        try:
            return feed(request)
        except InvalidSearch as error:
            return HttpResponseBadRequest(str(error), content_type="text/plain; charset=utf-8")
    return view


new_atom, new_rss = _feed(atom_feed), _feed(rss_feed)


def new_acquisitions(request):
    """The list page: filters (language, type, branch, subject…), newest first, paginated."""
    branches = Holding.objects.filter(record__withdrawn_at=None).exclude(branch="")
    context = {"languages": LANGUAGES.items(), "types": MaterialType.choices,
               "branches": branches.values_list("branch", flat=True).distinct().order_by("branch"),
               "filters_query": filter_query(request.GET), "selected": request.GET}
    try:
        params = read_filters(request.GET)
    except InvalidSearch as error:
        context["error"] = str(error)
        return TemplateResponse(request, "catalogue/opac/new.html", context, status=400)
    paginator = Paginator(new_records(params).select_related("cover"), params.page_size)
    page = paginator.get_page(params.page)
    context.update(page=page, records=[
        {"record": r, "language": language_label(r.language), "type": type_label(r.material_type)}
        for r in page
    ])
    return TemplateResponse(request, "catalogue/opac/new.html", context)
