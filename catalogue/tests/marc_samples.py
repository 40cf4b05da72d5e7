"""MARC samples built with pymarc for the catalogue tests."""

import io

from pymarc import Field, Leader, MARCWriter, Record, Subfield, XMLWriter


def marc_record(control, title, *, author="", subjects=(), isbn="", year="2020", lang="vie",
                publisher="Nxb. Trẻ", tag_pub="264", holdings=(), subtitle="", leader="am",
                summary="", added=(), call_number=""):
    """A MARC21 bibliographic record; ``holdings`` are ``(barcode, branch, status)``."""
    record = Record(force_utf8=True)
    record.leader = Leader(f"00000n{leader} a22000007a 4500")
    if control:
        record.add_field(Field(tag="001", data=control))
    record.add_field(Field(tag="008", data=f"200101s{year}    vm            000 0 {lang} d"))
    if isbn:
        record.add_field(Field(tag="020", indicators=[" ", " "], subfields=[Subfield("a", isbn)]))
    if call_number:
        record.add_field(Field(tag="090", indicators=[" ", " "],
                               subfields=[Subfield("a", call_number)]))
    if author:
        record.add_field(Field(tag="100", indicators=["1", " "], subfields=[
            Subfield("a", author), Subfield("e", "tác giả")]))
    title_sub = [Subfield("a", title + (" :" if subtitle else " /"))]
    if subtitle:
        title_sub.append(Subfield("b", subtitle + " /"))
    title_sub.append(Subfield("c", author or "Nhiều tác giả"))
    if title:
        record.add_field(Field(tag="245", indicators=["1", "0"], subfields=title_sub))
    record.add_field(Field(tag=tag_pub, indicators=[" ", "1"], subfields=[
        Subfield("a", "Hà Nội :"), Subfield("b", publisher + ","), Subfield("c", year)]))
    record.add_field(Field(tag="300", indicators=[" ", " "], subfields=[Subfield("a", "200 tr.")]))
    if summary:
        record.add_field(Field(tag="520", indicators=[" ", " "],
                               subfields=[Subfield("a", summary)]))
    for subject in subjects:
        record.add_field(Field(tag="650", indicators=[" ", "7"],
                               subfields=[Subfield("a", subject)]))
    for name in added:
        record.add_field(Field(tag="700", indicators=["1", " "], subfields=[Subfield("a", name)]))
    for barcode, branch, status in holdings:
        extra = {"on_loan": [Subfield("q", "2026-12-15")], "lost": [Subfield("1", "1")],
                 "reference": [Subfield("7", "1")]}.get(status, [])
        record.add_field(Field(tag="952", indicators=[" ", " "], subfields=[
            Subfield("a", branch), Subfield("p", barcode), *extra]))
    return record


def marc8_record(control, title, author, publisher):
    """A MARC-8 record (leader/09 blank); texts are MARC-8 bytes written as latin-1 characters."""
    record = Record(to_unicode=False)
    record.leader = Leader("00000nam  22000007a 4500")
    record.add_field(Field(tag="001", data=control))
    record.add_field(Field(tag="100", indicators=["1", " "], subfields=[Subfield("a", author)]))
    record.add_field(Field(tag="245", indicators=["1", "0"], subfields=[Subfield("a", title)]))
    record.add_field(Field(tag="260", indicators=[" ", " "], subfields=[
        Subfield("a", "Ha Noi :"), Subfield("b", publisher), Subfield("c", "1999")]))
    return record


def iso2709(*records):
    """The records as an ISO 2709 byte string."""
    out = io.BytesIO()
    writer = MARCWriter(out)
    for record in records:
        writer.write(record)
    return out.getvalue()


def marcxml(*records):
    """The records as a MARCXML collection."""
    out = io.BytesIO()
    writer = XMLWriter(out)
    for record in records:
        writer.write(record)
    writer.close(close_fh=False)
    return out.getvalue()
