"""A record in simple Dublin Core (the Library of Congress's MARC → DC crosswalk, shortened), for
SRU's ``dc`` schema and unAPI's ``oai_dc``."""

from catalogue.choices import MaterialType
from catalogue.marc.marcxml import xml_text

DC_NS = "http://purl.org/dc/elements/1.1/"
# DCMI Type Vocabulary
DCMI_TYPES = {
    MaterialType.MAP: "StillImage", MaterialType.MUSIC: "Sound", MaterialType.AUDIO: "Sound",
    MaterialType.VIDEO: "MovingImage", MaterialType.ELECTRONIC: "InteractiveResource",
}
WRAPPERS = {
    "srw_dc": ('<srw_dc:dc xmlns:srw_dc="info:srw/schema/1/dc-schema" '
               f'xmlns:dc="{DC_NS}">', "</srw_dc:dc>"),
    "oai_dc": ('<oai_dc:dc xmlns:oai_dc="http://www.openarchives.org/OAI/2.0/oai_dc/" '
               f'xmlns:dc="{DC_NS}" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
               'xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/oai_dc/ '
               'http://www.openarchives.org/OAI/2.0/oai_dc.xsd">', "</oai_dc:dc>"),
}


def elements(record, url=""):
    """``[(element, value)]`` of ``record``; ``url`` is its page (an identifier)."""
    found = [("title", record.full_title)]
    found += [("creator", name) for name in record.author_names]
    found += [("subject", subject) for subject in record.subjects]
    found += [("description", text) for text in [record.summary, *record.notes]]
    found += [("publisher", record.publisher), ("date", str(record.year or ""))]
    found += [("type", DCMI_TYPES.get(record.material_type, "Text")),
              ("format", record.physical_description)]
    found += [("identifier", f"URN:ISBN:{isbn}") for isbn in record.isbns]
    found += [("identifier", f"ISSN {issn}") for issn in record.issns]
    found += [("identifier", url), ("language", record.language), ("relation", record.series)]
    return [(name, value) for name, value in found if value]


def dc_xml(record, url="", wrapper="srw_dc"):
    """The record's Dublin Core as XML, in SRU's (``srw_dc``) or OAI-PMH's (``oai_dc``)
    wrapper."""
    start, end = WRAPPERS[wrapper]
    body = "".join(f"<dc:{name}>{xml_text(value)}</dc:{name}>"
                   for name, value in elements(record, url))
    return f"{start}{body}{end}"
