"""The record schemas SRU serves: the stored MARCXML and simple Dublin Core."""

import re
from typing import NamedTuple

from catalogue.citation.dublin_core import dc_xml
from catalogue.sru.diagnostics import Diagnostic

_LEADER_CODING = re.compile(r"(<leader>[^<]{9})[^<]")


class Schema(NamedTuple):
    """A record schema: its short name, identifier (URI) and title."""

    name: str
    uri: str
    title: str


MARCXML = Schema("marcxml", "info:srw/schema/1/marcxml-v1.1", "MARCXML (MARC 21 slim)")
DC = Schema("dc", "info:srw/schema/1/dc-v1.1", "Dublin Core")
SCHEMAS = (MARCXML, DC)
_NAMES = {"marcxml": MARCXML, "marc21": MARCXML, "marcxml-v1.1": MARCXML, "dc": DC}
_NAMES |= {schema.uri.lower(): schema for schema in SCHEMAS}
_NAMES["info:srw/schema/1/dc-schema"] = DC


def resolve_schema(name):
    """The :class:`Schema` named ``name`` (short name or URI); raise diagnostic 66."""
    try:
        return _NAMES[name.strip().lower()]
    except KeyError:
        raise Diagnostic(66, name) from None


def marcxml(record):
    """The stored MARCXML, its leader saying Unicode (09 ``a``): the XML is Unicode whatever
    the source file was, and a Z39.50 gateway writing ISO 2709 from it relies on it."""
    return _LEADER_CODING.sub(r"\1a", record.marcxml, count=1)


def record_data(record, schema, url=""):
    """The record in ``schema`` as an XML string (``url``: its page, a DC identifier)."""
    if schema is DC:
        return dc_xml(record, url)
    if not record.marcxml:
        raise Diagnostic(64, record.pk)
    return marcxml(record)
