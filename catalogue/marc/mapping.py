"""Map a pymarc record to catalogue fields, in the spirit of Koha's MARC21 framework.

245 title/subtitle/responsibility; 100/110/111 main and 700/710/711 added authors; 600–651 and
653 subjects; 020/022; 082 class; 090 or 852 call number; 264 or 260 publication; 008/07-10
year; 008/35-37 or 041 language; 250, 300, 490, 520, other 5xx notes; 952 or 852 holdings;
856 $u: the cover image (Koha-like: $3/$y/$z say "cover"/"bìa", or the address ends like an
image) and other links, http(s) only. Each element has its reader in :mod:`.elements`.
"""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from catalogue.marc.elements import (
    all_of,
    authors,
    call_number_of,
    clean,
    first,
    holdings,
    language_of,
    material_type_of,
    normalise_isbn,
    notes,
    physical_description_of,
    publication,
    series_of,
    subjects,
    summary_of,
    unique,
    web_links,
    year_of,
)
from catalogue.marc.marcxml import record_xml

MAX_CONTROL_NUMBER = 64


class MappingError(ValueError):
    """The record cannot enter the catalogue (no title, no key); the message says why."""


@dataclass
class MappedRecord:
    """The catalogue fields of one MARC record, its holdings and its MARCXML."""

    fields: dict
    holdings: list = field(default_factory=list)

    @property
    def control_number(self):
        return self.fields["control_number"]


class _ByTag:
    """A pymarc record read through an index of its fields by tag (pymarc's ``get_fields``
    scans every field on each call; the mapping asks for ~20 tags a record)."""

    def __init__(self, record):
        self.fields = record.fields
        self.leader = record.leader
        self.by_tag = {}
        for marc_field in record.fields:
            self.by_tag.setdefault(marc_field.tag, []).append(marc_field)

    def get_fields(self, *tags):
        if len(tags) == 1:
            return self.by_tag.get(tags[0], [])
        return [marc_field for marc_field in self.fields if marc_field.tag in tags]

    def get(self, tag):
        found = self.by_tag.get(tag)
        return found[0] if found else None


def map_record(record):
    """Return the :class:`MappedRecord` of a pymarc record; raise :class:`MappingError`."""
    xml = record_xml(record)
    record = _ByTag(record)
    title = first(record, "245", "a")
    if not title:
        raise MappingError(_("thiếu nhan đề (245 $a)"))
    isbns = unique(map(normalise_isbn, all_of(record, ["020"], "a")))
    control = clean(record.get("001").data) if record.get("001") else ""
    control = control or (f"ISBN{isbns[0]}" if isbns else "")
    if not control:
        raise MappingError(_("thiếu số kiểm soát (001) và ISBN (020)"))
    if len(control) > MAX_CONTROL_NUMBER:
        raise MappingError(_("số kiểm soát dài quá %(max)d ký tự") % {"max": MAX_CONTROL_NUMBER})
    place, publisher, date_text = publication(record)
    call_number = call_number_of(record)[:100]
    cover_url, links = web_links(record)
    fields = {
        "control_number": control,
        "title": title,
        "subtitle": first(record, "245", "b"),
        "responsibility": first(record, "245", "c"),
        "authors": authors(record),
        "subjects": subjects(record),
        "isbns": isbns,
        "issns": unique(all_of(record, ["022"], "a")),
        "publisher": publisher,
        "place": place,
        "year": year_of(record, date_text),
        "edition": first(record, "250", "a"),
        "language": language_of(record),
        "physical_description": physical_description_of(record),
        "series": series_of(record),
        "summary": summary_of(record),
        "notes": notes(record),
        "classification": first(record, "082", "a")[:100],
        "call_number": call_number,
        "material_type": material_type_of(record),
        "cover_url": cover_url,
        "links": links,
        "marcxml": xml,
    }
    return MappedRecord(fields, holdings(record, call_number))
