"""The readers of a record's MARC elements, shared by the mapping and the writer.

:func:`~catalogue.marc.mapping.map_record` builds the catalogue fields out of them; the writer
asks them what a record says now before it changes anything, so that what it writes is read
back as it was meant. They take a pymarc record (or the mapping's index of one: anything with
``get_fields``, ``get`` and ``leader``) and return cleaned text (:func:`clean`).
"""

import re
import unicodedata
from datetime import date
from functools import lru_cache
from urllib.parse import urlsplit

from catalogue.choices import HoldingStatus, MaterialType
from catalogue.marc.vocabulary import (
    ADDED_AUTHOR_TAGS,
    COVER_WORDS,
    IMAGE_EXTENSIONS,
    ITEM_BARCODE,
    ITEM_BRANCH,
    ITEM_CALL_NUMBER,
    ITEM_DUE_DATE,
    ITEM_HOLDING_BRANCH,
    ITEM_LOCATION,
    ITEM_STATUS_CODES,
    ITEM_TAG,
    MAIN_AUTHOR_TAGS,
    MATERIAL_BY_LEVEL,
    MATERIAL_BY_TYPE,
    NAME_CODES,
    NOTE_TAGS,
    ROLE_CODES,
    SUBDIVISION,
    SUBJECT_CODES,
    SUBJECT_TAGS,
    SUMMARY_TAG,
)
from catalogue.weblinks import web_url

TRAILING_PUNCTUATION = " /:;,=."
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_YEAR = re.compile(r"\b(1[0-9]{3}|20[0-9]{2})\b")
_ISBN = re.compile(r"[0-9Xx][0-9Xx -]{8,16}[0-9Xx]")
_LANGUAGE = re.compile("[a-z]{3}")
_NOTES = frozenset(NOTE_TAGS)  # asked of every field of every record imported


# --- text -----------------------------------------------------------------------------------------

@lru_cache(maxsize=65536)  # authors, subjects, publishers, places repeat across a catalogue
def clean(text):
    """NFC, no control characters, single spaces, ISBD punctuation trimmed at the end."""
    if not text:
        return ""
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return " ".join(_CONTROL.sub(" ", text).split()).rstrip(TRAILING_PUNCTUATION).strip()


def cleaned(values):
    """``values`` cleaned, the empty ones left out."""
    return [value for value in map(clean, values) if value]


def unique(values):
    """The non-empty ``values``, each once, in order."""
    return list(dict.fromkeys(filter(None, values)))


def normalise_isbn(value):
    """"978-604-1 (bìa mềm)" → "9786041"; ``""`` when no ISBN-looking number is there."""
    match = _ISBN.search(value or "")
    return re.sub(r"[ -]", "", match.group()).upper() if match else ""


def year_in(text):
    """The first year (1000–2099) written in ``text``, or ``None``."""
    match = _YEAR.search(text)
    return int(match.group()) if match else None


def iso_date(text):
    """The date ``text`` starts with (ISO 8601), or ``None``."""
    if not text:
        return None
    try:
        return date.fromisoformat(text[:10])
    except ValueError:
        return None


# --- subfields ------------------------------------------------------------------------------------

def first(record, tag, code):
    """The first cleaned, non-empty ``code`` subfield of the ``tag`` fields; ``""`` if none."""
    for marc_field in record.get_fields(tag):
        if values := cleaned(marc_field.get_subfields(code)):
            return values[0]
    return ""


def all_of(record, tags, code):
    """Every cleaned, non-empty ``code`` subfield of the fields of ``tags``, in record order."""
    return [value for f in record.get_fields(*tags) for value in cleaned(f.get_subfields(code))]


def first_value(marc_field, code):
    """The first cleaned, non-empty ``code`` subfield of one field; ``""`` if none."""
    values = cleaned(marc_field.get_subfields(code))
    return values[0] if values else ""


def joined(marc_field, codes, separator=" "):
    """The cleaned subfields of ``codes`` of one field, joined (and cleaned again)."""
    return clean(separator.join(cleaned(marc_field.get_subfields(*codes))))


def first_of_each(marc_field):
    """``{code: the first non-empty cleaned value of that subfield}`` of a field."""
    found = {}
    for code, value in marc_field.subfields:
        if code not in found and (value := clean(value)):
            found[code] = value
    return found


# --- elements -------------------------------------------------------------------------------------

def author_of(marc_field):
    """``(name, role)`` of a 1XX/7XX name field, or ``None`` when it has no name."""
    name = joined(marc_field, NAME_CODES)
    return (name, joined(marc_field, ROLE_CODES, ", ")) if name else None


def authors(record):
    """``[{"name", "role", "main"}]``: the main entries (1XX), then the added ones (7XX)."""
    found = []
    for tags, main in ((MAIN_AUTHOR_TAGS, True), (ADDED_AUTHOR_TAGS, False)):
        for marc_field in record.get_fields(*tags):
            if author := author_of(marc_field):
                found.append({"name": author[0], "role": author[1], "main": main})
    return found


def subject_heading(marc_field):
    """The heading of a 6XX field with its subdivisions (``"Lịch sử -- Việt Nam"``), or ``""``."""
    return joined(marc_field, SUBJECT_CODES, SUBDIVISION)


def subjects(record):
    """The subject headings of the record, each once, in record order."""
    headings = []
    for marc_field in record.get_fields(*SUBJECT_TAGS):
        heading = subject_heading(marc_field)
        if heading and heading not in headings:
            headings.append(heading)
    return headings


def publication_fields(record):
    """The fields that may say the publication, the one read first: 264 _1, other 264, 260."""
    fields = record.get_fields("264")
    return [f for f in fields if f.indicator2 == "1"] or fields or record.get_fields("260")


def publication(record):
    """``(place, publisher, date text)`` of the first publication field."""
    fields = publication_fields(record)
    if not fields:
        return "", "", ""
    pub = fields[0]
    return joined(pub, "a"), joined(pub, "b"), joined(pub, "c")


def _fixed(record):
    return record.get("008").data if record.get("008") else ""


def year_of(record, date_text):
    """008/07-10 when it is a number, else the first year in ``date_text`` (the publication's)."""
    fixed = _fixed(record)
    if len(fixed) >= 11 and fixed[7:11].isdigit():
        return int(fixed[7:11])
    return year_in(date_text)


def language_of(record):
    """The language code of 008/35-37, else of the first 041 $a; ``""`` if neither has one."""
    fixed = _fixed(record)
    code = fixed[35:38].strip().lower() if len(fixed) >= 38 else ""
    if _LANGUAGE.fullmatch(code):
        return code
    code = first(record, "041", "a")[:3].lower()
    return code if _LANGUAGE.fullmatch(code) else ""


def material_type_of(record):
    """The :class:`MaterialType` leader/06-07 says (see :mod:`.vocabulary`)."""
    leader = str(record.leader)
    if len(leader) > 7 and (material := MATERIAL_BY_LEVEL.get(leader[7])):
        return material
    return MATERIAL_BY_TYPE.get(leader[6] if len(leader) > 6 else "", MaterialType.OTHER)


def call_number_of(record):
    """090 $a$b, else 852 $h$i, else the first 952 $o."""
    for marc_field in record.get_fields("090"):
        if value := joined(marc_field, "ab"):
            return value
    for marc_field in record.get_fields("852"):
        if value := joined(marc_field, "hi"):
            return value
    return first(record, ITEM_TAG, ITEM_CALL_NUMBER)


def physical_description_of(record):
    """The 300 fields' $a/$b/$c/$e, joined."""
    return " ".join(filter(None, (joined(f, "abce") for f in record.get_fields("300"))))


def series_of(record):
    """490 $a, else 830 $a."""
    return first(record, "490", "a") or first(record, "830", "a")


def summary_of(record):
    """The 520 $a, joined."""
    return " ".join(all_of(record, [SUMMARY_TAG], "a"))


def notes(record):
    """The $a of the 5XX notes (but the 520 summary), in record order."""
    return [note for f in record.fields if f.tag in _NOTES and (note := joined(f, "a"))]


# --- copies and links -----------------------------------------------------------------------------

def item_status(first_subfields):
    """The status of a copy whose 952 has these ``{code: first value}`` (see :mod:`.vocabulary`)."""
    for status, code in ITEM_STATUS_CODES.items():
        if (value := first_subfields.get(code)) and (code == ITEM_DUE_DATE or value != "0"):
            return status
    return HoldingStatus.AVAILABLE


def item_of(marc_field, call_number):
    """The copy a Koha 952 item field describes (a dict of Holding's fields), or ``None``.

    ``call_number`` is the record's, which a copy without its own $o has.
    """
    sub = first_of_each(marc_field)
    barcode = sub.get(ITEM_BARCODE, "")
    if not barcode:
        return None
    return {
        "barcode": barcode[:64],
        "branch": (sub.get(ITEM_BRANCH) or sub.get(ITEM_HOLDING_BRANCH, ""))[:150],
        "location": sub.get(ITEM_LOCATION, "")[:150],
        "call_number": (sub.get(ITEM_CALL_NUMBER) or call_number)[:100],
        "status": item_status(sub),
        "due_date": iso_date(sub.get(ITEM_DUE_DATE, "")),
    }


def holdings(record, call_number):
    """The copies of the 952 item fields, then those of 852 $p (``call_number``: the record's)."""
    found = [copy for f in record.get_fields(ITEM_TAG) if (copy := item_of(f, call_number))]
    for marc_field in record.get_fields("852"):
        barcode = first_value(marc_field, "p")
        if barcode:
            found.append({
                "barcode": barcode[:64], "branch": first_value(marc_field, "a")[:150],
                "location": first_value(marc_field, "b")[:150],
                "call_number": (joined(marc_field, "hi") or call_number)[:100],
                "status": HoldingStatus.AVAILABLE, "due_date": None,
            })
    return found


def web_links(record):
    """``(cover URL or "", [{"url", "label"}])`` from the 856 fields' http(s) ``$u``."""
    cover, links = "", []
    for marc_field in record.get_fields("856"):
        said = joined(marc_field, "3yz").lower()
        said_cover = any(word in said for word in COVER_WORDS)
        label = first_value(marc_field, "y") or first_value(marc_field, "3")
        for url in filter(None, map(web_url, marc_field.get_subfields("u"))):
            if not cover and (said_cover or urlsplit(url).path.lower().endswith(IMAGE_EXTENSIONS)):
                cover = url
            elif url != cover and all(link["url"] != url for link in links):
                links.append({"url": url, "label": label})
    return cover, links
