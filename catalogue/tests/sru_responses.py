"""SRU answers read as a reader's client would: the XML parsed, its parts picked out."""

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field

NS = {"zs": "http://www.loc.gov/zing/srw/",
      "sru": "http://docs.oasis-open.org/ns/search-ws/sruResponse",
      "marc": "http://www.loc.gov/MARC21/slim", "dc": "http://purl.org/dc/elements/1.1/",
      "lib": "urn:x-library-cms:sru"}


@dataclass
class Answer:
    """The parts of an SRU answer a test looks at."""

    root: ET.Element
    version: str = ""
    total: int | None = None
    records: list = field(default_factory=list)  # recordData's first child, or its text
    positions: list = field(default_factory=list)
    next_position: int | None = None
    diagnostics: list = field(default_factory=list)  # [(code, details)]
    backend: str = ""

    @property
    def codes(self):
        """The control numbers (001) of MARCXML records, in order."""
        return [r.findtext("marc:controlfield[@tag='001']", namespaces=NS) for r in self.records]

    @property
    def diagnostic_codes(self):
        return [code for code, _details in self.diagnostics]


def _local(element):
    return element.tag.rsplit("}", 1)[-1]


def _child(element, name):
    return next((c for c in element if _local(c) == name), None)


def read(response):
    """The :class:`Answer` of an SRU HTTP response (status 200, XML)."""
    assert response.status_code == 200, response.content[:500]
    root = ET.fromstring(response.content)
    answer = Answer(root, version=_child(root, "version").text)
    if (total := _child(root, "numberOfRecords")) is not None:
        answer.total = int(total.text)
    for record in root.iter():
        if _local(record) != "record" or _child(record, "recordData") is None:
            continue
        data = _child(record, "recordData")
        answer.records.append(data[0] if len(data) else data.text)
        if (position := _child(record, "recordPosition")) is not None:
            answer.positions.append(int(position.text))
    if (position := _child(root, "nextRecordPosition")) is not None:
        answer.next_position = int(position.text)
    for element in root.iter():
        if _local(element) == "diagnostic":
            uri = _child(element, "uri").text
            details = _child(element, "details")
            answer.diagnostics.append((int(uri.rsplit("/", 1)[1]),
                                       details.text if details is not None else ""))
    answer.backend = root.findtext(".//lib:searchBackend", default="", namespaces=NS)
    return answer
