"""An SRU request's parameters (versions 1.1, 1.2 and 2.0), read and checked once.

SRU 1.x names the operation and the version, packs records with ``recordPacking`` (xml or
string) and may sort with ``sortKeys``; SRU 2.0 has neither parameter (a request with a query is
a search), escapes records with ``recordXMLEscaping`` and sorts in the CQL (``sortBy``). A
request without a version is answered in 2.0.
"""

from dataclasses import dataclass

from catalogue.marc.marcxml import xml_chars
from catalogue.sru.diagnostics import Diagnostic
from catalogue.sru.records import MARCXML, resolve_schema

VERSIONS = ("1.1", "1.2", "2.0")
DEFAULT_RECORDS = 10
MAX_RECORDS = 100
MAX_START = 10**9
COMMON = {"version", "operation", "query", "startRecord", "maximumRecords", "recordSchema",
          "recordPacking", "resultSetTTL", "stylesheet", "extraRequestData", "recordXPath"}
PARAMETERS = {
    "1": COMMON | {"sortKeys"},
    "2": COMMON | {"queryType", "recordXMLEscaping", "httpAccept", "responseType",
                   "renderedBy", "facetLimit", "facetStart", "facetSort", "facetCount"},
}


@dataclass(frozen=True)
class SruRequest:
    """What an SRU request asks: operation, query, records wanted and their form."""

    version: str
    operation: str
    query: str = ""
    start: int = 1
    maximum: int = DEFAULT_RECORDS
    schema: object = MARCXML
    escaping: str = "xml"
    sort_keys: str = ""

    @property
    def major(self):
        return self.version[0]


def response_version(data):
    """The version of the answer: the one asked for when we speak it, else 1.2 (the answer to
    a bad version is in a version every client reads)."""
    version = (data.get("version") or "2.0").strip()
    return version if version in VERSIONS else "1.2"


def _single(data, name):
    values = data.getlist(name) if hasattr(data, "getlist") else [data.get(name)]
    values = [v for v in values if v is not None]
    if len(values) > 1:
        raise Diagnostic(6, f"{name} (given {len(values)} times)")
    return values[0] if values else None


def _number(data, name, default, low):
    value = _single(data, name)
    if value is None or value == "":
        return default
    try:
        number = int(value)
    except ValueError:
        raise Diagnostic(6, f"{name}={value}") from None
    if not low <= number <= MAX_START:
        raise Diagnostic(6, f"{name}={value}")
    return number


def _escaping(data, major):
    """``xml`` or ``string``: how records sit in the answer."""
    if major == "1":
        value = _single(data, "recordPacking") or "xml"
    else:
        packing = _single(data, "recordPacking") or "packed"
        if packing != "packed":
            raise Diagnostic(71, packing)
        value = _single(data, "recordXMLEscaping") or "xml"
    if value not in {"xml", "string"}:
        raise Diagnostic(71, value)
    return value


def parse_request(data):
    """The :class:`SruRequest` of a ``QueryDict``; raise :class:`~.diagnostics.Diagnostic`."""
    version = (_single(data, "version") or "2.0").strip()
    if version not in VERSIONS:
        raise Diagnostic(5, f"{version}; supported: {', '.join(VERSIONS)}")
    major = version[0]
    query = _single(data, "query")
    operation = _single(data, "operation") or ("searchRetrieve" if query else "explain")
    if operation not in {"explain", "searchRetrieve"}:
        raise Diagnostic(4, operation)
    for name in data:
        if name not in PARAMETERS[major] and not name.startswith("x-"):
            raise Diagnostic(8, name)
    if _single(data, "stylesheet"):
        raise Diagnostic(110, _single(data, "stylesheet"))
    if _single(data, "recordXPath"):
        raise Diagnostic(72, _single(data, "recordXPath"))
    if operation == "explain":
        return SruRequest(version, operation)
    if query is None:
        raise Diagnostic(7, "query")
    if (_single(data, "queryType") or "cql") != "cql":
        raise Diagnostic(11, _single(data, "queryType"))
    return SruRequest(
        version, operation, query=xml_chars(query),
        start=_number(data, "startRecord", 1, 1),
        maximum=min(_number(data, "maximumRecords", DEFAULT_RECORDS, 0), MAX_RECORDS),
        schema=resolve_schema(_single(data, "recordSchema") or MARCXML.name),
        escaping=_escaping(data, major), sort_keys=_single(data, "sortKeys") or "",
    )
