"""Read MARC21 files (ISO 2709 in UTF-8 or MARC-8, MARCXML) and CSV as a stream of entries.

Each entry is ``(position, record, error)``: a pymarc record, or ``None`` and the reason it
could not be read. Reading goes on after a bad record whenever the format allows it.
"""

import xml.sax
from dataclasses import dataclass

from django.utils.translation import gettext as _
from pymarc import MARCReader
from pymarc.marcxml import XmlHandler

from catalogue.marc.csv_records import csv_entries

XML_CHUNK = 64 * 1024


@dataclass
class Entry:
    """One record read from a file, or the reason it could not be read, and where it was."""

    position: str
    record: object = None
    error: str = ""


def file_format(stream, name=""):
    """``"csv"``, ``"xml"`` or ``"iso2709"``: guessed from the name and the start of ``stream``."""
    if name.lower().endswith(".csv"):
        return "csv"
    head = stream.read(64)
    stream.seek(0)
    return "xml" if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<") else "iso2709"


def read_entries(stream, name=""):
    """Yield the entries of a seekable binary ``stream`` (see :func:`file_format`)."""
    kind = file_format(stream, name)
    if kind == "csv":
        yield from csv_entries(stream, Entry)
    elif kind == "xml":
        yield from xml_entries(stream)
    else:
        yield from iso2709_entries(stream)


def iso2709_entries(stream, first=1, offset=0):
    """Entries of an ISO 2709 file: MARC-8 or UTF-8 as the leader (09) says.

    ``first`` and ``offset`` are the number and byte offset of the stream's first record (when
    it is a chunk of a bigger file, see :func:`iso2709_chunks`).
    """
    reader = MARCReader(stream, to_unicode=True, permissive=True, utf8_handling="strict")
    where = _("biểu ghi %(number)d (byte %(offset)d)")
    for number, record in enumerate(reader, start=first):
        position = where % {"number": number, "offset": offset}
        offset += len(reader.current_chunk or b"")
        if record is None:
            error = reader.current_exception
            yield Entry(position, error=_("không đọc được: %(error)s") % {
                "error": error or _("cấu trúc ISO 2709 hỏng"),
            })
        else:
            yield Entry(position, record)


def iso2709_chunks(stream, size):
    """Split an ISO 2709 stream into ``(first number, byte offset, bytes)`` of ``size`` records.

    The bytes are cut exactly where pymarc's reader goes on to the next record, so reading the
    chunks one after the other gives the entries of the whole stream; from the first record
    pymarc cannot read past (bad length, truncated, no terminator) the rest is one last chunk.
    """
    number, offset, whole = 1, 0, True
    while whole:
        parts = []
        while whole and len(parts) < size:
            part, whole = _next_record(stream)
            parts.append(part)
        data = b"".join(parts)
        if data:
            yield number, offset, data
        number, offset = number + size, offset + len(data)


def _next_record(stream):
    """The bytes of the next record and whether reading can go on after it, as pymarc does."""
    head = stream.read(5)
    try:
        length = int(head)
    except ValueError:
        length = 0
    if len(head) == 5 and length >= 5:
        body = stream.read(length - 5)
        if len(body) == length - 5 and body.endswith(b"\x1d"):
            return head + body, True
        return head + body + stream.read(), False
    return head + stream.read(), False


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

