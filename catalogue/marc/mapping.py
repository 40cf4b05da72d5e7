"""Map a pymarc record to catalogue fields, in the spirit of Koha's MARC21 framework.

245 title/subtitle/responsibility; 100/110/111 main and 700/710/711 added authors; 600–651 and
653 subjects; 020/022; 082 class; 090 or 852 call number; 264 or 260 publication; 008/07-10
year; 008/35-37 or 041 language; 250, 300, 490, 520, other 5xx notes; 952 or 852 holdings;
856 $u: the cover image (Koha-like: $3/$y/$z say "cover"/"bìa", or the address ends like an
image) and other links, http(s) only.
"""

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from django.utils.translation import gettext as _

from catalogue.choices import HoldingStatus, MaterialType
from catalogue.marc.marcxml import record_xml
from catalogue.marc.vocabulary import (
    ADDED_AUTHOR_TAGS,
    MAIN_AUTHOR_TAGS,
    MATERIAL_BY_LEVEL,
    MATERIAL_BY_TYPE,
    NAME_CODES,
    ROLE_CODES,
    SUBDIVISION,
    SUBJECT_CODES,
    SUBJECT_TAGS,
)
from catalogue.weblinks import web_url

MAX_CONTROL_NUMBER = 64
TRAILING_PUNCTUATION = " /:;,=."
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_ISBN = re.compile(r"[0-9Xx][0-9Xx -]{8,16}[0-9Xx]")
COVER_WORDS = ("cover", "bìa")
IMAGE_EXTENSIONS = (".jpg", ".jpeg", ".png", ".gif", ".webp")


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


@lru_cache(maxsize=65536)  # authors, subjects, publishers, places repeat across a catalogue
def clean(text):
    """NFC, no control characters, single spaces, ISBD punctuation trimmed at the end."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(_CONTROL.sub(" ", text).split()).rstrip(TRAILING_PUNCTUATION).strip()


def _cleaned(values):
    return [value for value in map(clean, values) if value]


def _first(record, tag, code):
    for marc_field in record.get_fields(tag):
        if values := _cleaned(marc_field.get_subfields(code)):
            return values[0]
    return ""


def _all(record, tags, code):
    return [value for f in record.get_fields(*tags) for value in _cleaned(f.get_subfields(code))]


def _joined(marc_field, codes, separator=" "):
    return clean(separator.join(_cleaned(marc_field.get_subfields(*codes))))


def normalise_isbn(value):
    """"978-604-1 (bìa mềm)" → "9786041"; ``""`` when no ISBN-looking number is there."""
    match = _ISBN.search(value or "")
    return re.sub(r"[ -]", "", match.group()).upper() if match else ""


def _authors(record):
    authors = []
    for tags, main in ((MAIN_AUTHOR_TAGS, True), (ADDED_AUTHOR_TAGS, False)):
        for marc_field in record.get_fields(*tags):
            name = _joined(marc_field, NAME_CODES)
            if name:
                role = _joined(marc_field, ROLE_CODES, ", ")
                authors.append({"name": name, "role": role, "main": main})
    return authors


def _subjects(record):
    subjects = []
    for marc_field in record.get_fields(*SUBJECT_TAGS):
        heading = _joined(marc_field, SUBJECT_CODES, SUBDIVISION)
        if heading and heading not in subjects:
            subjects.append(heading)
    return subjects


def _publication(record):
    fields = record.get_fields("264")
    fields = [f for f in fields if f.indicator2 == "1"] or fields or record.get_fields("260")
    if not fields:
        return "", "", ""
    pub = fields[0]
    return _joined(pub, "a"), _joined(pub, "b"), _joined(pub, "c")


def _year(record, date_text):
    fixed = record.get("008").data if record.get("008") else ""
    if len(fixed) >= 11 and fixed[7:11].isdigit():
        return int(fixed[7:11])
    match = _YEAR.search(date_text)
    return int(match.group()) if match else None


def _language(record):
    fixed = record.get("008").data if record.get("008") else ""
    code = fixed[35:38].strip().lower() if len(fixed) >= 38 else ""
    if re.fullmatch("[a-z]{3}", code):
        return code
    code = _first(record, "041", "a")[:3].lower()
    return code if re.fullmatch("[a-z]{3}", code) else ""


def _material_type(record):
    leader = str(record.leader)
    if len(leader) > 7 and (material := MATERIAL_BY_LEVEL.get(leader[7])):
        return material
    return MATERIAL_BY_TYPE.get(leader[6] if len(leader) > 6 else "", MaterialType.OTHER)


def _call_number(record):
    for marc_field in record.get_fields("090"):
        if value := _joined(marc_field, "ab"):
            return value
    for marc_field in record.get_fields("852"):
        if value := _joined(marc_field, "hi"):
            return value
    return _first(record, "952", "o")


def item(marc_field, call_number):
    """The copy a Koha 952 item field describes (a dict of Holding's fields), or ``None``."""
    sub = _first_of_each(marc_field)
    barcode = sub.get("p", "")
    if not barcode:
        return None
    due = sub.get("q", "")
    if sub.get("1", "0") != "0":
        status = HoldingStatus.LOST
    elif sub.get("4", "0") != "0":
        status = HoldingStatus.DAMAGED
    elif due:
        status = HoldingStatus.ON_LOAN
    elif sub.get("7", "0") != "0":
        status = HoldingStatus.REFERENCE
    else:
        status = HoldingStatus.AVAILABLE
    return {
        "barcode": barcode[:64],
        "branch": (sub.get("a") or sub.get("b", ""))[:150],
        "location": sub.get("c", "")[:150],
        "call_number": (sub.get("o") or call_number)[:100],
        "status": status,
        "due_date": _date(due),
    }


def _holdings(record, call_number):
    holdings = [found for f in record.get_fields("952") if (found := item(f, call_number))]
    for marc_field in record.get_fields("852"):
        barcode = _first_sub(marc_field, "p")
        if barcode:
            holdings.append({
                "barcode": barcode[:64], "branch": _first_sub(marc_field, "a")[:150],
                "location": _first_sub(marc_field, "b")[:150],
                "call_number": (_joined(marc_field, "hi") or call_number)[:100],
                "status": HoldingStatus.AVAILABLE, "due_date": None,
            })
    return holdings


def _date(text):
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


def _first_of_each(marc_field):
    """``{code: the first non-empty cleaned value of that subfield}`` of a field."""
    first = {}
    for code, value in marc_field.subfields:
        if code not in first and (value := clean(value)):
            first[code] = value
    return first


def _first_sub(marc_field, code):
    values = _cleaned(marc_field.get_subfields(code))
    return values[0] if values else ""


def web_links(record):
    """``(cover URL or "", [{"url", "label"}])`` from the 856 fields' http(s) ``$u``."""
    cover, links = "", []
    for marc_field in record.get_fields("856"):
        said = _joined(marc_field, "3yz").lower()
        said_cover = any(word in said for word in COVER_WORDS)
        label = _first_sub(marc_field, "y") or _first_sub(marc_field, "3")
        for url in filter(None, map(web_url, marc_field.get_subfields("u"))):
            if not cover and (said_cover or urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS)):
                cover = url
            elif url != cover and all(link["url"] != url for link in links):
                links.append({"url": url, "label": label})
    return cover, links


def map_record(record):
    """Return the :class:`MappedRecord` of a pymarc record; raise :class:`MappingError`."""
    xml = record_xml(record)
    record = _ByTag(record)
    title = _first(record, "245", "a")
    if not title:
        raise MappingError(_("thiếu nhan đề (245 $a)"))
    isbns = list(dict.fromkeys(filter(None, map(normalise_isbn, _all(record, ["020"], "a")))))
    control = clean(record.get("001").data) if record.get("001") else ""
    control = control or (f"ISBN{isbns[0]}" if isbns else "")
    if not control:
        raise MappingError(_("thiếu số kiểm soát (001) và ISBN (020)"))
    if len(control) > MAX_CONTROL_NUMBER:
        raise MappingError(_("số kiểm soát dài quá %(max)d ký tự") % {"max": MAX_CONTROL_NUMBER})
    place, publisher, date_text = _publication(record)
    call_number = _call_number(record)[:100]
    cover_url, links = web_links(record)
    notes = [
        note for f in record.fields
        if "500" <= f.tag <= "599" and f.tag != "520" and (note := _joined(f, "a"))
    ]
    fields = {
        "control_number": control,
        "title": title,
        "subtitle": _first(record, "245", "b"),
        "responsibility": _first(record, "245", "c"),
        "authors": _authors(record),
        "subjects": _subjects(record),
        "isbns": isbns,
        "issns": list(dict.fromkeys(_all(record, ["022"], "a"))),
        "publisher": publisher,
        "place": place,
        "year": _year(record, date_text),
        "edition": _first(record, "250", "a"),
        "language": _language(record),
        "physical_description": " ".join(
            filter(None, (_joined(f, "abce") for f in record.get_fields("300")))),
        "series": _first(record, "490", "a") or _first(record, "830", "a"),
        "summary": " ".join(_all(record, ["520"], "a")),
        "notes": notes,
        "classification": _first(record, "082", "a")[:100],
        "call_number": call_number,
        "material_type": _material_type(record),
        "cover_url": cover_url,
        "links": links,
        "marcxml": xml,
    }
    return MappedRecord(fields, _holdings(record, call_number))
