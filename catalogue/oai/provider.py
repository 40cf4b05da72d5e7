"""The OAI-PMH 2.0 provider at ``/oai``: the six verbs over the catalogue, ``oai_dc``, ``marc21``.

Identifiers are ``oai:<repository id>:<control number>`` (``OAI_REPOSITORY_ID``, or the host the
request came to). Lists are paged by key (:mod:`.repository`); a list's first page counts it
once, and each token carries that ``completeListSize`` and the ``cursor``. Errors are answered
as the protocol says: HTTP 200 with ``<error code="…">``, and for ``badVerb``/``badArgument``
a ``<request>`` without attributes.
"""

from urllib.parse import quote, unquote

from django.conf import settings
from django.http import HttpResponse, HttpResponseNotAllowed
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt

from catalogue.marc.marcxml import xml_text
from catalogue.oai.metadata import FIELDS, FORMATS, formats_of, metadata
from catalogue.oai.protocol import (
    GRANULARITY,
    OAIError,
    datestamp,
    encode_token,
    parse_request,
    token_state,
)
from catalogue.oai.repository import Listing, earliest_datestamp, find, sets

OAI_NS = "http://www.openarchives.org/OAI/2.0/"
_OPEN = (
    f'<?xml version="1.0" encoding="UTF-8"?>\n<OAI-PMH xmlns="{OAI_NS}" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    f'xsi:schemaLocation="{OAI_NS} http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">'
)
_LOCAL_SAFE = "-_.!~*'();/?:@&=+$,"  # oai-identifier's local part, besides letters and digits


class Repository:
    """The repository as one request sees it: its base URL and identifier."""

    def __init__(self, request):
        self.request = request
        self.base_url = request.build_absolute_uri(reverse("oai"))
        self.id = settings.OAI_REPOSITORY_ID or request.get_host().rsplit(":", 1)[0]

    def identifier(self, control_number):
        return f"oai:{self.id}:{quote(control_number, safe=_LOCAL_SAFE)}"

    def control_number(self, identifier):
        """The control number an identifier of ours names; ``idDoesNotExist`` otherwise."""
        prefix = f"oai:{self.id}:"
        if not identifier.startswith(prefix) or len(identifier) == len(prefix):
            raise OAIError("idDoesNotExist", _("Không có biểu ghi mang định danh %(id)s.")
                           % {"id": identifier})
        return unquote(identifier[len(prefix):])

    def record_url(self, record):
        return self.request.build_absolute_uri(record.get_absolute_url())


@csrf_exempt
def oai(request):
    """Answer one OAI-PMH request (GET, or POST as a form)."""
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    repository = Repository(request)
    query = dict((request.POST if request.method == "POST" else request.GET).lists())
    try:
        parsed = parse_request(query)
        echo = parsed.arguments | {"verb": parsed.verb}
        body = VERB_HANDLERS[parsed.verb](repository, parsed)
    except OAIError as error:
        valid = error.code not in ("badVerb", "badArgument")
        echo = {name: values[0] for name, values in query.items()} if valid else {}
        body = f'<error code="{error.code}">{xml_text(error.message)}</error>'
    attributes = "".join(f' {name}="{xml_text(value)}"' for name, value in sorted(echo.items()))
    document = (f"{_OPEN}<responseDate>{datestamp(timezone.now())}</responseDate>"
                f"<request{attributes}>{xml_text(repository.base_url)}</request>{body}"
                "</OAI-PMH>\n")
    return HttpResponse(document, content_type="text/xml; charset=utf-8")


def identify(repository, request):
    domain = repository.id if "." in repository.id else "localhost.localdomain"
    email = settings.OAI_ADMIN_EMAIL or f"webmaster@{domain}"  # the schema wants a dot
    sample = repository.identifier("000123")
    return (
        f"<Identify><repositoryName>{xml_text(settings.WAGTAIL_SITE_NAME)}</repositoryName>"
        f"<baseURL>{xml_text(repository.base_url)}</baseURL>"
        f"<protocolVersion>2.0</protocolVersion><adminEmail>{xml_text(email)}</adminEmail>"
        f"<earliestDatestamp>{datestamp(earliest_datestamp())}</earliestDatestamp>"
        f"<deletedRecord>persistent</deletedRecord><granularity>{GRANULARITY}</granularity>"
        '<description><oai-identifier xmlns="http://www.openarchives.org/OAI/2.0/oai-identifier" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation='
        '"http://www.openarchives.org/OAI/2.0/oai-identifier '
        'http://www.openarchives.org/OAI/2.0/oai-identifier.xsd">'
        f"<scheme>oai</scheme><repositoryIdentifier>{xml_text(repository.id)}"
        "</repositoryIdentifier><delimiter>:</delimiter>"
        f"<sampleIdentifier>{xml_text(sample)}</sampleIdentifier></oai-identifier>"
        "</description></Identify>"
    )


def list_metadata_formats(repository, request):
    prefixes = list(FORMATS)
    if "identifier" in request.arguments:
        item = _item(repository, request.arguments["identifier"])
        prefixes = formats_of(item.record)
        if not prefixes:
            raise OAIError("noMetadataFormats", _("Biểu ghi này không có định dạng nào."))
    return "<ListMetadataFormats>" + "".join(
        f"<metadataFormat><metadataPrefix>{prefix}</metadataPrefix>"
        f"<schema>{FORMATS[prefix][0]}</schema>"
        f"<metadataNamespace>{FORMATS[prefix][1]}</metadataNamespace></metadataFormat>"
        for prefix in prefixes
    ) + "</ListMetadataFormats>"


def list_sets(repository, request):
    if request.token is not None:  # the whole list fits one answer: no token is ever given
        raise OAIError("badResumptionToken", _("Danh sách tập không dùng resumptionToken."))
    return "<ListSets>" + "".join(
        f"<set><setSpec>{spec}</setSpec><setName>{xml_text(name)}</setName></set>"
        for spec, name in sets()
    ) + "</ListSets>"


def get_record(repository, request):
    _check_prefix(request.prefix)
    item = _item(repository, request.arguments["identifier"])
    if request.prefix not in formats_of(item.record):
        raise OAIError("cannotDisseminateFormat", _(
            "Biểu ghi này không có ở định dạng %(prefix)s.") % {"prefix": request.prefix})
    return f"<GetRecord>{_record(repository, item, request.prefix)}</GetRecord>"


def list_items(repository, request):
    """ListIdentifiers and ListRecords: a page of the list, and the token of the next one."""
    _check_prefix(request.prefix)
    listing = Listing(request.set_spec, request.start, request.end,
                      FIELDS[request.prefix] if request.verb == "ListRecords" else "")
    token = request.token or {}
    size = token.get("size")
    if size is None:
        size = listing.count()
    page_size = settings.OAI_PAGE_SIZE
    items = listing.page(token.get("after"), page_size + 1)
    if not items:  # (after a token: what was left of the list has gone meanwhile)
        raise OAIError("noRecordsMatch", _("Không có biểu ghi nào khớp yêu cầu."))
    cursor = token.get("cursor", 0)
    more, items = len(items) > page_size, items[:page_size]
    if request.verb == "ListRecords":
        body = "".join(_record(repository, item, request.prefix) for item in items)
    else:
        body = "".join(_header(repository, item) for item in items)
    if more:
        state = token_state(request, items[-1].key, cursor + len(items), size)
        body += (f'<resumptionToken completeListSize="{size}" cursor="{cursor}">'
                 f"{encode_token(state)}</resumptionToken>")
    elif request.token is not None:  # the last page of a list: an empty token ends it
        body += f'<resumptionToken completeListSize="{size}" cursor="{cursor}"/>'
    return f"<{request.verb}>{body}</{request.verb}>"


def _check_prefix(prefix):
    if prefix not in FORMATS:
        raise OAIError("cannotDisseminateFormat", _(
            "Định dạng không được hỗ trợ: %(prefix)s (có: oai_dc, marc21).") % {"prefix": prefix})


def _item(repository, identifier):
    item = find(repository.control_number(identifier))
    if item is None:
        raise OAIError("idDoesNotExist", _("Không có biểu ghi mang định danh %(id)s.")
                       % {"id": identifier})
    return item


def _header(repository, item):
    status = ' status="deleted"' if item.deleted else ""
    specs = "".join(f"<setSpec>{spec}</setSpec>" for spec in item.sets)
    return (f"<header{status}><identifier>{xml_text(repository.identifier(item.control_number))}"
            f"</identifier><datestamp>{datestamp(item.datestamp)}</datestamp>{specs}</header>")


def _record(repository, item, prefix):
    if item.deleted:
        return f"<record>{_header(repository, item)}</record>"
    content = metadata(prefix, item.record, repository.record_url(item.record))
    return f"<record>{_header(repository, item)}<metadata>{content}</metadata></record>"


VERB_HANDLERS = {
    "Identify": identify,
    "ListMetadataFormats": list_metadata_formats,
    "ListSets": list_sets,
    "GetRecord": get_record,
    "ListIdentifiers": list_items,
    "ListRecords": list_items,
}
