"""Copies edited in the admin written back into the record's MARC, as Koha's 952 item fields.

The import reads holdings from 952 (or 852 $p); after an editor adds, changes or removes a copy,
the stored MARC (record page, MARCXML exports) must say the same. Each copy keeps its own 952
(found by the $p barcode), untouched while the mapping still reads the copy out of it; a changed
copy's 952 keeps the subfields we do not manage ($d acquired, $g price, $y item type…) and gets
these rewritten: $a/$b branch, $c shelf, $o call number (when not the record's), $p barcode,
$q due date, and the status flags $1 lost, $4 damaged, $7 not for loan. A new copy gets a new
952, the 952 of a removed copy goes. Copies an 852 $p describes are left to their 852.

:func:`item_subfields` is the one place a copy's values become 952 subfields (the CSV import
builds its copies with it too); :func:`~catalogue.marc.elements.item_of` reads them back.
"""

from pymarc import Field, Subfield

from catalogue.choices import HoldingStatus
from catalogue.marc.elements import item_of
from catalogue.marc.vocabulary import (
    ITEM_BARCODE,
    ITEM_BRANCH,
    ITEM_CALL_NUMBER,
    ITEM_CODES,
    ITEM_DUE_DATE,
    ITEM_FLAGS,
    ITEM_HOLDING_BRANCH,
    ITEM_LOCATION,
    ITEM_TAG,
    UNKNOWN_DUE_DATE,
)

FIELDS = ("barcode", "branch", "location", "call_number", "status", "due_date")


def item_subfields(copy, call_number=""):
    """The 952 subfields of ``copy`` (a dict of :data:`FIELDS`, as ``item_of`` reads them).

    $o is left out when the copy's call number is the record's ``call_number``; a copy on loan
    without a due date gets $q "?", which still reads as on loan.
    """
    due = copy["due_date"].isoformat() if copy["due_date"] else ""
    if not due and copy["status"] == HoldingStatus.ON_LOAN:
        due = UNKNOWN_DUE_DATE
    values = [
        (ITEM_BRANCH, copy["branch"]), (ITEM_HOLDING_BRANCH, copy["branch"]),
        (ITEM_LOCATION, copy["location"]),
        (ITEM_CALL_NUMBER, "" if copy["call_number"] == call_number else copy["call_number"]),
        (ITEM_BARCODE, copy["barcode"]), (ITEM_DUE_DATE, due),
    ]
    if flag := ITEM_FLAGS.get(copy["status"]):
        values.append((flag, "1"))
    return [Subfield(code, value) for code, value in values if value]


def _barcode(marc_field):
    values = marc_field.get_subfields(ITEM_BARCODE)
    return values[0].strip() if values else ""


def write_items(marc, holdings, call_number=""):
    """Make the 952 fields of the pymarc record ``marc`` describe ``holdings`` (see above);
    ``call_number`` is the record's, which a copy without its own $o has."""
    in_852 = {_barcode(f) for f in marc.get_fields("852")}
    holdings = [h for h in holdings if h.barcode not in in_852]
    existing = {_barcode(f): f for f in marc.get_fields(ITEM_TAG)}
    for marc_field in marc.get_fields(ITEM_TAG):
        if _barcode(marc_field) not in {h.barcode for h in holdings}:
            marc.remove_field(marc_field)
    for holding in holdings:
        marc_field = existing.get(holding.barcode)
        wanted = {name: getattr(holding, name) for name in FIELDS}
        if marc_field is not None and item_of(marc_field, call_number) == wanted:
            continue
        kept = [s for s in marc_field.subfields if s.code not in ITEM_CODES] if marc_field else []
        if marc_field is None:
            marc_field = Field(tag=ITEM_TAG, indicators=[" ", " "])
            marc.add_ordered_field(marc_field)
        marc_field.subfields = item_subfields(wanted, call_number) + kept
    return marc
