"""The provider's metadata formats: ``marc21`` (the stored MARCXML as it is) and ``oai_dc``
(simple Dublin Core from the record's fields, after the Library of Congress' MARC → DC
crosswalk)."""

from catalogue.choices import MaterialType
from catalogue.marc.marcxml import MARC_NS, xml_text

OAI_DC_NS = "http://www.openarchives.org/OAI/2.0/oai_dc/"
DC_NS = "http://purl.org/dc/elements/1.1/"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
# prefix: (schema, namespace)
FORMATS = {
    "oai_dc": ("http://www.openarchives.org/OAI/2.0/oai_dc.xsd", OAI_DC_NS),
    "marc21": ("http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd", MARC_NS),
}
FIELDS = {"oai_dc": "dc", "marc21": "marc"}  # what Listing reads for each format
DCMI_TYPES = {
    MaterialType.BOOK: "Text", MaterialType.SERIAL: "Text", MaterialType.MANUSCRIPT: "Text",
    MaterialType.MUSIC: "Text", MaterialType.MAP: "Image", MaterialType.AUDIO: "Sound",
    MaterialType.VIDEO: "MovingImage", MaterialType.ELECTRONIC: "Software",
}
_OPEN_DC = (
    f'<oai_dc:dc xmlns:oai_dc="{OAI_DC_NS}" xmlns:dc="{DC_NS}" xmlns:xsi="{XSI_NS}" '
    f'xsi:schemaLocation="{OAI_DC_NS} {FORMATS["oai_dc"][0]}">'
)


def formats_of(record):
    """The prefixes ``record`` can be disseminated in (every format, or none if deleted)."""
    if record is None or record.withdrawn_at is not None:
        return list(FORMATS)
    return [prefix for prefix in FORMATS if prefix != "marc21" or record.marcxml]


def metadata(prefix, record, url):
    """The ``<metadata>`` content of ``record`` in ``prefix`` (``url``: its OPAC page)."""
    if prefix == "marc21":
        return record.marcxml
    return dublin_core(record, url)


def dublin_core(record, url):
    """``<oai_dc:dc>`` of a record's fields."""
    authors = record.authors or []
    elements = [("title", record.full_title)]
    elements += [("creator", a["name"]) for a in authors if a.get("main")]
    elements += [("contributor", a["name"]) for a in authors if not a.get("main")]
    elements += [("subject", subject) for subject in record.subjects]
    elements += [("subject", record.classification)] if record.classification else []
    elements += [("description", record.summary), *[("description", n) for n in record.notes]]
    elements += [
        ("publisher", record.publisher), ("date", str(record.year or "")),
        ("type", DCMI_TYPES.get(record.material_type, "")),
        ("format", record.physical_description), ("identifier", url),
    ]
    elements += [("identifier", f"urn:isbn:{isbn}") for isbn in record.isbns]
    elements += [("identifier", f"urn:issn:{issn}") for issn in record.issns]
    elements += [("language", record.language), ("relation", record.series)]
    body = "".join(f"<dc:{name}>{xml_text(value)}</dc:{name}>"
                   for name, value in elements if value)
    return f"{_OPEN_DC}{body}</oai_dc:dc>"
