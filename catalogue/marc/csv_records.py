"""CSV import for libraries without MARC: each row becomes a MARC record, then the usual import.

The record is written by the writer of the admin's edits (:func:`~.writer.write_marc`, from the
row's values) and its copies by the 952 builder of :mod:`.items`, so that a CSV and an edit say
the same thing the same way.

Columns (UTF-8, header row; only ``title`` is required, lists are separated by ``;``):
``control_number, title, subtitle, responsibility, authors, subjects, isbn, issn, publisher,
place, year, edition, language, physical_description, series, summary, notes, classification,
call_number, material_type, cover_url, barcode, branch, location, status, due_date``. ``status``
is one of available, on_loan, reference, lost; ``cover_url`` is an http(s) address of the cover
image (written as 856 $u with $3 "Ảnh bìa"; any other address rejects the row); one barcode (and
its branch, location, status, due date) per row; several rows with the same control number add
copies.
"""

import csv
import io

from django.utils.translation import gettext as _
from pymarc import Field

from catalogue.choices import HoldingStatus, MaterialType
from catalogue.marc.elements import clean, iso_date, year_in
from catalogue.marc.field_edits import insert, new_field
from catalogue.marc.items import item_subfields
from catalogue.marc.vocabulary import (
    COVER_INDICATORS,
    COVER_LABEL,
    ITEM_TAG,
    LEADER_BY_MATERIAL,
)
from catalogue.marc.writer import MAPPED_FIELDS, write_marc
from catalogue.weblinks import web_url

CSV_COLUMNS = [
    "control_number", "title", "subtitle", "responsibility", "authors", "subjects", "isbn",
    "issn", "publisher", "place", "year", "edition", "language", "physical_description",
    "series", "summary", "notes", "classification", "call_number", "material_type", "cover_url",
    "barcode", "branch", "location", "status", "due_date",
]
CSV_STATUSES = (HoldingStatus.AVAILABLE, HoldingStatus.ON_LOAN, HoldingStatus.REFERENCE,
                HoldingStatus.LOST)  # any other status is a copy available


def _items(value):
    return [item.strip() for item in value.split(";") if item.strip()]


def _material(name):
    """The material a CSV row names (a :class:`MaterialType` value); a book when it names none
    but the catch-all "other"."""
    known = name in LEADER_BY_MATERIAL and name != MaterialType.OTHER
    return MaterialType(name) if known else MaterialType.BOOK


def _year(text):
    """The year of a CSV's ``year`` column ("2019", "0999", "năm 2019"), or ``None``."""
    return int(text) if len(text) == 4 and text.isdecimal() else year_in(clean(text))


def _stripped(row):
    """A row of :class:`csv.DictReader` with every column of :data:`CSV_COLUMNS`, stripped."""
    return {key: (row.get(key) or "").strip() for key in CSV_COLUMNS}


def row_values(row):
    """The writer's values (:data:`~catalogue.marc.writer.MAPPED_FIELDS`) of a stripped CSV row.

    The columns named as a field are taken as they are, the lists split at ``;``; the first
    author is the main entry.
    """
    names = _items(row["authors"])
    return {name: row[name] for name in MAPPED_FIELDS if name in row} | {
        "authors": [{"name": name, "role": "", "main": not index}
                    for index, name in enumerate(names)],
        "subjects": _items(row["subjects"]), "isbns": _items(row["isbn"]),
        "issns": _items(row["issn"]), "notes": _items(row["notes"]), "year": _year(row["year"]),
        "language": row["language"][:3], "material_type": _material(row["material_type"]),
    }


def row_to_marc(row):
    """The MARC record of a stripped CSV row: the writer's, unstamped (the same row gives the
    same record at every import, which then leaves it unchanged), with the cover as 856 42 $u
    and the row's copy as a 952."""
    record = write_marc(row_values(row), stamp=False)
    if row["cover_url"]:
        insert(record, new_field("856", COVER_INDICATORS, u=row["cover_url"], **{"3": COVER_LABEL}))
    if item := _item_field(row):
        record.add_field(item)
    return record


def _copy(row):
    """The copy a (stripped) CSV row describes, a dict as :func:`item_subfields` takes it."""
    status = row["status"] if row["status"] in CSV_STATUSES else HoldingStatus.AVAILABLE
    due = iso_date(clean(row["due_date"])) if status == HoldingStatus.ON_LOAN else None
    return {"barcode": row["barcode"], "branch": row["branch"], "location": row["location"],
            "call_number": row["call_number"], "status": status, "due_date": due}


def _item_field(row):
    """The 952 of the copy of a CSV row, or ``None`` when the row gives none of its values."""
    subfields = item_subfields(_copy(row))
    return Field(tag=ITEM_TAG, indicators=[" ", " "], subfields=subfields) if subfields else None


def csv_entries(stream, entry_class):
    """Entries (see :mod:`catalogue.marc.reader`) of a CSV file, one record per control number."""
    text = io.TextIOWrapper(stream, encoding="utf-8-sig", newline="")
    try:
        reader = csv.DictReader(text)
        if "title" not in (reader.fieldnames or []):
            yield entry_class(_("dòng 1"), error=_("tệp CSV thiếu cột “title”"))
            return
        pending = {}
        for line, row in enumerate(reader, start=2):
            row = _stripped(row)
            key = row["control_number"] or f"#{line}"
            if key in pending:
                item = _item_field(row)
                if item and pending[key][1]:
                    pending[key][1].add_field(item)
                continue
            position = _("dòng %(line)d") % {"line": line}
            if row["cover_url"] and not web_url(row["cover_url"]):
                pending[key] = (position, None, _(
                    "cover_url không phải địa chỉ http hoặc https: %(url)s"
                ) % {"url": row["cover_url"]})
                continue
            pending[key] = (position, row_to_marc(row), "")
        for position, record, error in pending.values():
            yield entry_class(position, record, error)
    except (UnicodeDecodeError, csv.Error) as error:
        yield entry_class(_("tệp CSV"), error=_("không đọc được: %(error)s") % {"error": error})
    finally:
        text.detach()
