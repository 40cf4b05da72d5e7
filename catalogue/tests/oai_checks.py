"""An OAI-PMH 2.0 validator's checks, for the provider's tests: every answer is parsed, validated
against the OAI-PMH schema and checked for what the protocol requires beyond it."""

from datetime import UTC, datetime, timedelta
from pathlib import Path

from lxml import etree

OAI = "http://www.openarchives.org/OAI/2.0/"
OAI_DC = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC = "http://purl.org/dc/elements/1.1/"
MARC = "http://www.loc.gov/MARC21/slim"
NS = {"o": OAI, "oai_dc": OAI_DC, "dc": DC, "marc": MARC}
DC_ELEMENTS = {
    "title", "creator", "subject", "description", "publisher", "contributor", "date", "type",
    "format", "identifier", "source", "language", "relation", "coverage", "rights",
}
SCHEMA = etree.XMLSchema(etree.parse(str(Path(__file__).parent / "oai_data" / "OAI-PMH.xsd")))
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)


def oai_get(client, **params):
    """GET /oai with ``params`` and return the checked document (see :func:`checked`)."""
    return checked(client.get("/oai", params), params)


def checked(response, params):
    """The parsed answer to ``params``, after the checks every answer must pass: HTTP 200 XML,
    valid against the schema, a fresh UTC responseDate, a request element echoing a valid
    request's arguments (none after badVerb/badArgument) and the base URL."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/xml"), response["Content-Type"]
    document = etree.fromstring(response.content, _PARSER)
    SCHEMA.assertValid(document)
    stamp = document.findtext("o:responseDate", namespaces=NS)
    moment = datetime.strptime(stamp, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=UTC)
    assert abs(datetime.now(UTC) - moment) < timedelta(minutes=1)
    request = document.find("o:request", NS)
    assert request.text.endswith("/oai")
    codes = error_codes(document)
    if {"badVerb", "badArgument"} & set(codes):
        assert dict(request.attrib) == {}
    else:
        assert dict(request.attrib) == {k: v for k, v in params.items()}
    for metadata in document.iterfind(".//o:metadata", NS):
        check_metadata(metadata)
    return document


def error_codes(document):
    return [error.get("code") for error in document.iterfind("o:error", NS)]


def check_metadata(metadata):
    """oai_dc: the oai_dc root in its namespace with only the 15 DC elements; marc21: a MARC21
    slim record with a leader."""
    (content,) = list(metadata)
    if content.tag == f"{{{OAI_DC}}}dc":
        assert content.nsmap.get("oai_dc") == OAI_DC and len(content)
        for element in content:
            namespace, name = element.tag[1:].split("}")
            assert namespace == DC and name in DC_ELEMENTS, element.tag
            assert element.text and element.text.strip()
    else:
        assert content.tag == f"{{{MARC}}}record", content.tag
        assert content.find("marc:leader", NS) is not None


def headers(document):
    """``[(identifier, datestamp, deleted, [setSpec])]`` of a list or a record."""
    return [
        (h.findtext("o:identifier", namespaces=NS), h.findtext("o:datestamp", namespaces=NS),
         h.get("status") == "deleted", [s.text for s in h.iterfind("o:setSpec", NS)])
        for h in document.iterfind(".//o:header", NS)
    ]


def token_of(document):
    """The resumptionToken element (``None`` without one)."""
    return document.find(".//o:resumptionToken", NS)


def harvest(client, verb="ListIdentifiers", **params):
    """Every page of a list, following the tokens; checks cursor and completeListSize on each
    token. Returns ``(documents, headers)``."""
    documents = [oai_get(client, verb=verb, **params)]
    seen = headers(documents[0])
    while (token := token_of(documents[-1])) is not None and token.text:
        assert int(token.get("cursor")) == len(seen) - len(headers(documents[-1]))
        size = int(token.get("completeListSize"))
        documents.append(oai_get(client, verb=verb, resumptionToken=token.text))
        seen += headers(documents[-1])
        last = token_of(documents[-1])
        assert int(last.get("completeListSize")) == size
    if (token := token_of(documents[-1])) is not None:
        assert not token.text and int(token.get("completeListSize")) == len(seen)
        assert int(token.get("cursor")) == len(seen) - len(headers(documents[-1]))
    return documents, seen
