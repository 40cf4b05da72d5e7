"""unAPI (``/unapi``): one record in many formats by name, found by the ``abbr.unapi-id`` of its
page (the protocol Zotero and other reference managers speak).

``/unapi``: the formats; ``/unapi?id=record:5``: the formats of that record (HTTP 300);
``/unapi?id=record:5&format=ris``: the record in that format. An unknown id is a 404, an unknown
format a 406, a format without an id a 400.
"""

import re
from dataclasses import dataclass

from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from catalogue.citation.dublin_core import dc_xml
from catalogue.marc.export import bibtex, marcxml_document, ris
from catalogue.models import Record

ID_PREFIX = "record:"
_ID = re.compile(r"record:(\d{1,18})")


@dataclass(frozen=True)
class Format:
    """A format unAPI serves: its name, media type, documentation and writer."""

    name: str
    media_type: str
    docs: str
    write: object


FORMATS = {f.name: f for f in [
    Format("marcxml", "application/marcxml+xml", "https://www.loc.gov/standards/marcxml/",
           lambda record, url: "".join(marcxml_document([record]))),
    Format("oai_dc", "application/xml", "https://www.openarchives.org/OAI/2.0/oai_dc.xsd",
           lambda record, url: dc_xml(record, url, "oai_dc")),
    Format("ris", "application/x-research-info-systems",
           "https://en.wikipedia.org/wiki/RIS_(file_format)", lambda record, url: ris(record)),
    Format("bibtex", "application/x-bibtex", "https://www.bibtex.org/Format/",
           lambda record, url: bibtex(record)),
]}


def unapi_id(record):
    """The id a record's page gives unAPI clients."""
    return f"{ID_PREFIX}{record.pk}"


def _formats(request, record_id=None, status=200):
    content = render_to_string("catalogue/citation/unapi_formats.xml",
                               {"formats": FORMATS.values(), "id": record_id}, request)
    return HttpResponse(content, content_type="application/xml; charset=utf-8", status=status)


@require_safe
def unapi(request):
    """The unAPI endpoint (see the module doc)."""
    record_id, name = request.GET.get("id"), request.GET.get("format")
    if not record_id:
        if name:
            return HttpResponseBadRequest(_("Thiếu tham số id."),
                                          content_type="text/plain; charset=utf-8")
        return _formats(request)
    match = _ID.fullmatch(record_id)
    if not match:
        raise Http404(record_id)
    record = get_object_or_404(Record.objects.visible(), pk=match.group(1))
    if not name:
        return _formats(request, record_id, status=300)
    if name not in FORMATS:
        return HttpResponse(_("Định dạng không có: %(format)s.") % {"format": name},
                            status=406, content_type="text/plain; charset=utf-8")
    served = FORMATS[name]
    body = served.write(record, request.build_absolute_uri(record.get_absolute_url()))
    return HttpResponse(body, content_type=f"{served.media_type}; charset=utf-8")
