"""Read MARC21 files (ISO 2709 in UTF-8 or MARC-8, MARCXML) and CSV as a stream of entries.

Each entry is ``(position, record, error)``: a pymarc record, or ``None`` and the reason it
could not be read. Reading goes on after a bad record whenever the format allows it.
"""

import xml.sax
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pymarc import MARCReader
from pymarc.marcxml import XmlHandler

from library.marc.csv_records import csv_entries

XML_CHUNK = 64 * 1024


@dataclass
class Entry:
    """One record read from a file, or the reason it could not be read, and where it was."""

    position: str
    record: object = None
    error: str = ""


def read_entries(stream, name=""):
    """Yield the entries of a seekable binary ``stream``; the format is guessed from its start."""
    if name.lower().endswith(".csv"):
        yield from csv_entries(stream, Entry)
        return
    head = stream.read(64)
    stream.seek(0)
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        yield from xml_entries(stream)
    else:
        yield from iso2709_entries(stream)


def iso2709_entries(stream):
    """Entries of an ISO 2709 file: MARC-8 or UTF-8 as the leader (09) says."""
    reader = MARCReader(stream, to_unicode=True, permissive=True, utf8_handling="strict")
    offset = 0
    for number, record in enumerate(reader, start=1):
        position = _("biểu ghi %(number)d (byte %(offset)d)") % {
            "number": number, "offset": offset,
        }
        offset += len(reader.current_chunk or b"")
        if record is None:
            error = reader.current_exception
            yield Entry(position, error=_("không đọc được: %(error)s") % {
                "error": error or _("cấu trúc ISO 2709 hỏng"),
            })
        else:
            yield Entry(position, record)


class _CollectingHandler(XmlHandler):
    """Collect the records the SAX parser has finished so far."""

    def __init__(self):
        super().__init__(normalize_form="NFC")
        self.ready = []

    def process_record(self, record):
        self.ready.append(record)


def xml_entries(stream):
    """Entries of a MARCXML file, streamed; a syntax error ends the file with its line."""
    handler = _CollectingHandler()
    parser = xml.sax.make_parser()
    parser.setFeature(xml.sax.handler.feature_namespaces, True)
    parser.setFeature(xml.sax.handler.feature_external_ges, False)
    parser.setContentHandler(handler)
    number = 0
    try:
        while chunk := stream.read(XML_CHUNK):
            parser.feed(chunk)
            for record in handler.ready:
                number += 1
                yield Entry(_("biểu ghi %(number)d") % {"number": number}, record)
            handler.ready.clear()
        parser.close()
    except xml.sax.SAXParseException as error:
        yield Entry(
            _("sau biểu ghi %(number)d, dòng %(line)s cột %(column)s") % {
                "number": number, "line": error.getLineNumber(), "column": error.getColumnNumber(),
            },
            error=_("tệp MARCXML hỏng: %(error)s") % {"error": error.getMessage()},
        )
    for record in handler.ready:
        number += 1
        yield Entry(_("biểu ghi %(number)d") % {"number": number}, record)

