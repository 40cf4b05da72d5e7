"""Write a record's catalogue fields back into its MARC, the inverse of :mod:`.mapping`.

When a cataloguer edits a record (the admin, a shell), its stored MARCXML must say what its fields
say. :func:`write_marc` takes the record's MARC and changes only what the mapping reads and now
reads differently; everything else (003, 856, 952 holdings, local 9XX, authority links,
indicators, ISBD punctuation of what did not change) stays as it was. A record without MARC gets
a minimal one built from its fields.

Each element is checked with the mapping's own reader (:mod:`.elements`) first and left alone
when it already gives the wanted value; otherwise it is rewritten as follows:

* leader/06-07 material type (leader/05 ``c`` on a revised record, leader/09 ``a``: Unicode);
  001 the control number; 005 the time of the edit; 008/07-10 the year, 008/35-37 the language,
  and the first 041 $a when the record has a 041;
* 100/110/111 (main entry) and 700/710/711 (added entries): ``name`` in $a, ``role`` in $e. A
  field whose name is unchanged is kept (its $d dates, $0 links…) with its role rewritten;
* 600–651 and 653: a subject an original field carries keeps that field, a new one becomes
  650 _4 ($a, then $x for each `` -- `` subdivision);
* 020 / 022 (ISBNs kept where the field still carries them, qualifiers and all), 5XX notes (but
  520), in the order given;
* 245 $a/$b/$c, 250 $a, 260 or 264 $a/$b/$c (whichever the record had, 264 _1 for new records),
  300, 490 $a (830 $a cleared with an empty series), 520 $a, 082 $a, 090 $a or 852 $h (the
  call number, where the record had it).

Values are written as given; the mapping then cleans them as an import would (NFC, ISBD
punctuation trimmed). :func:`sync_marc` sets the record's fields to what the new MARC maps to, so
the database and the MARC never disagree.

The elements are written by :mod:`.fixed_fields` (leader, 001, 005, 008, 041),
:mod:`.repeated_fields` and :mod:`.single_fields`, with the tools of :mod:`.field_edits`.
"""

import io
import logging
from copy import deepcopy

from django.utils import timezone
from pymarc import Record as MarcRecord
from pymarc import parse_xml_to_array

from catalogue.marc.elements import clean, cleaned, normalise_isbn, unique
from catalogue.marc.fixed_fields import (
    NEW_LEADER,
    ensure_008,
    write_control,
    write_control_number,
    write_language,
    write_leader,
    write_year,
)
from catalogue.marc.mapping import MappingError, map_record
from catalogue.marc.marcxml import record_xml
from catalogue.marc.repeated_fields import (
    write_authors,
    write_isbns,
    write_issns,
    write_notes,
    write_subjects,
)
from catalogue.marc.single_fields import (
    write_call_number,
    write_physical_description,
    write_publication,
    write_series,
    write_single,
    write_summary,
    write_title,
)
from catalogue.marc.vocabulary import MAIN_AUTHOR_TAGS, SUBDIVISION, SUBDIVISION_MARK

logger = logging.getLogger(__name__)

# The catalogue fields that come from the MARC (all of map_record's but the MARCXML itself).
MAPPED_FIELDS = (
    "control_number", "title", "subtitle", "responsibility", "authors", "subjects", "isbns",
    "issns", "publisher", "place", "year", "edition", "language", "physical_description",
    "series", "summary", "notes", "classification", "call_number", "material_type",
)


def parse_marcxml(marcxml):
    """The pymarc record of stored MARCXML, or ``None`` (none stored, or unreadable)."""
    if not marcxml:
        return None
    try:
        records = parse_xml_to_array(io.BytesIO(marcxml.encode()))
    except Exception:  # a broken MARCXML cannot be a base: the record is rebuilt from its fields
        logger.warning("Stored MARCXML unreadable; MARC rebuilt from the fields", exc_info=True)
        return None
    return records[0] if records else None


def mapped_values(marc):
    """``{name: value}`` of :data:`MAPPED_FIELDS` that ``marc`` maps to; ``None`` if unmappable."""
    try:
        fields = map_record(marc).fields
    except (MappingError, ValueError, IndexError, AttributeError):
        return None
    return {name: fields[name] for name in MAPPED_FIELDS}


def sync_marc(record, now=None):
    """Make ``record.marcxml`` say what the record's fields say; return whether it was rewritten.

    Nothing happens when the stored MARC already maps to the fields. Otherwise the MARC is
    rewritten (:func:`write_marc`) and the fields are set to what it maps to: the cleaned values
    an import of that MARC would store.
    """
    values = {name: getattr(record, name) for name in MAPPED_FIELDS}
    base = parse_marcxml(record.marcxml)
    if base is not None and mapped_values(base) == values:
        return False
    marc = write_marc(values, base, now)
    try:
        mapped = map_record(marc).fields
    except MappingError:  # no title or no key: an invalid record, kept as given
        logger.warning("Record %s saved without a mappable MARC", record.control_number)
    else:
        for name in MAPPED_FIELDS:
            setattr(record, name, mapped[name])
    record.marcxml = record_xml(marc)
    return True


def write_marc(values, base=None, now=None, stamp=True):
    """A pymarc record that maps to ``values`` (a dict of :data:`MAPPED_FIELDS`).

    ``base`` (left untouched) is the record's current MARC, or ``None`` for a new record.
    ``now`` (default: the current time) goes in 005 and, for a new record, in 008/00-05 (date
    entered); with ``stamp`` false neither is written (no 005, a blank date entered), so that the
    same values always give the same record.
    """
    now = timezone.localtime(now or timezone.now())
    entered = f"{now:%y%m%d}" if stamp else " " * 6
    values = normalised_values(values)
    marc = deepcopy(base) if base is not None else MarcRecord(leader=NEW_LEADER)
    write_leader(marc, values["material_type"], revised=base is not None)
    if base is None:
        ensure_008(marc, entered)
    had_main_entry = bool(marc.get_fields(*MAIN_AUTHOR_TAGS))
    write_control_number(marc, values["control_number"])
    write_authors(marc, values["authors"] or [])
    write_title(marc, values["title"], values["subtitle"], values["responsibility"])
    if bool(marc.get_fields(*MAIN_AUTHOR_TAGS)) != had_main_entry:
        for title in marc.get_fields("245"):
            title.indicator1 = "1" if marc.get_fields(*MAIN_AUTHOR_TAGS) else "0"
    write_publication(marc, values["place"], values["publisher"], values["year"])
    write_year(marc, values["year"], entered, new=base is None)
    write_language(marc, values["language"], entered)
    write_isbns(marc, values["isbns"])
    write_issns(marc, values["issns"])
    write_subjects(marc, values["subjects"])
    write_notes(marc, values["notes"])
    write_single(marc, "250", "a", values["edition"], "  ")
    write_physical_description(marc, values["physical_description"])
    write_series(marc, values["series"])
    write_summary(marc, values["summary"])
    write_single(marc, "082", "a", values["classification"], "04")
    write_call_number(marc, values["call_number"])
    if stamp:
        write_control(marc, "005", now.strftime("%Y%m%d%H%M%S.0"))
    return marc


def normalised_values(values):
    """``values`` cleaned the way the mapping cleans what it reads (so that they can be matched
    with what the MARC holds)."""
    values = dict(values)
    for name in ("control_number", "title", "subtitle", "responsibility", "publisher", "place",
                 "edition", "physical_description", "series", "summary", "classification",
                 "call_number"):
        values[name] = clean(str(values[name] or ""))
    values["language"] = (values["language"] or "").strip().lower()
    values["year"] = int(values["year"]) if values["year"] not in (None, "") else None
    values["isbns"] = unique(normalise_isbn(str(v)) for v in values["isbns"] or [])
    values["issns"] = unique(clean(str(v)) for v in values["issns"] or [])
    values["subjects"] = unique(clean(SUBDIVISION.join(cleaned(str(v).split(SUBDIVISION_MARK))))
                                 for v in values["subjects"] or [])
    values["notes"] = [note for note in (clean(str(v)) for v in values["notes"] or []) if note]
    values["authors"] = [
        {"name": clean(str(a.get("name") or "")), "role": clean(str(a.get("role") or "")),
         "main": bool(a.get("main"))}
        for a in values["authors"] or [] if isinstance(a, dict)
    ]
    return values
