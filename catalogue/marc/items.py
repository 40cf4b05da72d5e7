"""Copies edited in the admin written back into the record's MARC, as Koha's 952 item fields.

The import reads holdings from 952 (or 852 $p); after an editor adds, changes or removes a copy,
the stored MARC (record page, MARCXML exports) must say the same. Each copy keeps its own 952
(found by the $p barcode), untouched while the mapping still reads the copy out of it; a changed
copy's 952 keeps the subfields we do not manage ($d acquired, $g price, $y item type…) and gets
these rewritten: $a/$b branch, $c shelf, $o call number (when not the record's), $p barcode,
$q due date, and the status flags $1 lost, $4 damaged, $7 not for loan. A new copy gets a new
952, the 952 of a removed copy goes. Copies an 852 $p describes are left to their 852.
"""

from pymarc import Field, Subfield

from catalogue.choices import HoldingStatus
from catalogue.marc.elements import item_of

MANAGED = ("a", "b", "c", "o", "p", "q", "1", "4", "7")
STATUS_FLAGS = {HoldingStatus.LOST: "1", HoldingStatus.DAMAGED: "4",
                HoldingStatus.REFERENCE: "7"}
FIELDS = ("barcode", "branch", "location", "call_number", "status", "due_date")


def _subfields(holding, call_number):
    values = [("a", holding.branch), ("b", holding.branch), ("c", holding.location),
              ("o", "" if holding.call_number == call_number else holding.call_number),
              ("p", holding.barcode)]
    if holding.due_date:
        values.append(("q", holding.due_date.isoformat()))
    if flag := STATUS_FLAGS.get(holding.status):
        values.append((flag, "1"))
    return [Subfield(code, value) for code, value in values if value]


def _barcode(marc_field):
    values = marc_field.get_subfields("p")
    return values[0].strip() if values else ""


def write_items(marc, holdings, call_number=""):
    """Make the 952 fields of the pymarc record ``marc`` describe ``holdings`` (see above);
    ``call_number`` is the record's, which a copy without its own $o has."""
    in_852 = {_barcode(f) for f in marc.get_fields("852")}
    holdings = [h for h in holdings if h.barcode not in in_852]
    existing = {_barcode(f): f for f in marc.get_fields("952")}
    for marc_field in marc.get_fields("952"):
        if _barcode(marc_field) not in {h.barcode for h in holdings}:
            marc.remove_field(marc_field)
    for holding in holdings:
        marc_field = existing.get(holding.barcode)
        wanted = {name: getattr(holding, name) for name in FIELDS}
        if marc_field is not None and item_of(marc_field, call_number) == wanted:
            continue
        kept = [s for s in marc_field.subfields if s.code not in MANAGED] if marc_field else []
        if marc_field is None:
            marc_field = Field(tag="952", indicators=[" ", " "])
            marc.add_ordered_field(marc_field)
        marc_field.subfields = _subfields(holding, call_number) + kept
    return marc
