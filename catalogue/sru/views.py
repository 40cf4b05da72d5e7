"""``/sru``: SRU explain and searchRetrieve, over GET or POST; every failure is a diagnostic.

SRU answers HTTP 200 with its diagnostics in the XML (clients such as YAZ read them there); a
failure of ours is diagnostic 1, logged, never a 500.
"""

import logging

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from wagtail.models import Site

from catalogue.opac.params import MAX_RESULT_WINDOW
from catalogue.sru.cql import parse_query, sort_keys_parameter
from catalogue.sru.diagnostics import Diagnostic
from catalogue.sru.explain import CONTEXT_SETS, database_info, explained_indexes
from catalogue.sru.protocol import (
    DEFAULT_RECORDS,
    MAX_RECORDS,
    parse_request,
    response_version,
)
from catalogue.sru.records import SCHEMAS, record_data
from catalogue.sru.search import find

logger = logging.getLogger(__name__)
NAMESPACES = {
    "1": ("zs", "http://www.loc.gov/zing/srw/", "http://www.loc.gov/zing/srw/diagnostic/",
          "recordPacking", "text/xml"),
    "2": ("sruResponse", "http://docs.oasis-open.org/ns/search-ws/sruResponse",
          "http://docs.oasis-open.org/ns/search-ws/diagnostic", "recordXMLEscaping",
          "application/sru+xml"),
}
DIAGNOSTICS_SCHEMA = "info:srw/schema/1/diagnostics-v1.1"


def _context(version, **context):
    prefix, namespace, diagnostic_ns, packing, content_type = NAMESPACES[version[0]]
    return {"version": version, "p": prefix, "ns": namespace, "diag_ns": diagnostic_ns,
            "packing": packing, "v2": version[0] == "2", "content_type": content_type,
            **context}


def _render(request, template, context):
    """The answer, rendered here (inside the view's error handling, not after it)."""
    return HttpResponse(render_to_string(f"catalogue/sru/{template}", context, request),
                        content_type=f"{context['content_type']}; charset=utf-8")


def _explain(request, version, diagnostics=()):
    site = Site.find_for_request(request) or Site.objects.filter(is_default_site=True).first()
    host, _colon, port = request.get_host().partition(":")
    return _render(request, "explain.xml", _context(
        version, host=host, port=port or ("443" if request.is_secure() else "80"),
        database=request.path.strip("/"),
        database_info=database_info(site.site_name if site else ""),
        indexes=explained_indexes(), context_sets=CONTEXT_SETS, schemas=SCHEMAS,
        default_records=DEFAULT_RECORDS, max_records=MAX_RECORDS, diagnostics=diagnostics,
    ))


def _records(request, found, sru_request):
    records = []
    for position, record in enumerate(found.records, start=sru_request.start):
        url = request.build_absolute_uri(record.get_absolute_url())
        try:
            entry = {"schema": sru_request.schema.uri,
                     "data": record_data(record, sru_request.schema, url)}
        except Diagnostic as surrogate:
            entry = {"schema": DIAGNOSTICS_SCHEMA, "diagnostics": [surrogate]}
        records.append({**entry, "position": position})
    return records


def _search(request, sru_request):
    query = parse_query(sru_request.query)
    if not query.sort and sru_request.sort_keys:
        query = type(query)(query.root, sort_keys_parameter(sru_request.sort_keys))
    offset, size = sru_request.start - 1, sru_request.maximum
    if size and offset + size > MAX_RESULT_WINDOW:
        raise Diagnostic(61, f"only the first {MAX_RESULT_WINDOW} records can be retrieved")
    found = find(query, offset, size)
    diagnostics = []
    if size and found.total and sru_request.start > found.total:
        diagnostics.append(Diagnostic(61, f"{sru_request.start} > {found.total}"))
    end = sru_request.start + len(found.records)
    return _render(request, "searchRetrieve.xml", _context(
        sru_request.version, sru_request=sru_request, total=found.total, backend=found.backend,
        records=_records(request, found, sru_request), diagnostics=diagnostics,
        next_position=end if found.records and end <= found.total else None,
    ))


@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
def sru(request):
    """The SRU endpoint (see the module doc)."""
    data = request.POST if request.method == "POST" else request.GET
    version = response_version(data)
    explain = (data.get("operation") or ("searchRetrieve" if "query" in data else "explain"))
    try:
        sru_request = parse_request(data)
        if sru_request.operation == "explain":
            return _explain(request, sru_request.version)
        return _search(request, sru_request)
    except Diagnostic as diagnostic:
        failure = diagnostic
    except Exception:
        logger.exception("SRU request failed: %s", data.urlencode())
        failure = Diagnostic(1, "internal error")
    if explain == "explain":
        return _explain(request, version, [failure])
    return _render(request, "searchRetrieve.xml", _context(
        version, total=0, records=[], diagnostics=[failure], sru_request=None))
