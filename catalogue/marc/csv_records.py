"""CSV import for libraries without MARC: each row becomes a MARC record, then the usual import.

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
from pymarc import Field, Leader, Record, Subfield

from catalogue.choices import HoldingStatus, MaterialType
from catalogue.marc.elements import clean, iso_date
from catalogue.marc.items import item_subfields
from catalogue.marc.vocabulary import ITEM_TAG, LEADER_BY_MATERIAL
from catalogue.weblinks import web_url

CSV_COLUMNS = [
    "control_number", "title", "subtitle", "responsibility", "authors", "subjects", "isbn",
    "issn", "publisher", "place", "year", "edition", "language", "physical_description",
    "series", "summary", "notes", "classification", "call_number", "material_type", "cover_url",
    "barcode", "branch", "location", "status", "due_date",
]
INDICATORS = {"264": [" ", "1"], "856": ["4", "2"]}  # 264: publication; 856: HTTP, related
COVER_LABEL = "Ảnh bìa"
CSV_STATUSES = (HoldingStatus.AVAILABLE, HoldingStatus.ON_LOAN, HoldingStatus.REFERENCE,
                HoldingStatus.LOST)  # any other status is a copy available


def _items(value):
    return [item.strip() for item in value.split(";") if item.strip()]


def _datafield(tag, **subfields):
    values = [Subfield(code, value) for code, value in subfields.items() if value]
    return Field(tag=tag, indicators=[" ", " "], subfields=values) if values else None


def _material(name):
    """The material a CSV row names (a :class:`MaterialType` value); a book when it names none
    but the catch-all "other"."""
    known = name in LEADER_BY_MATERIAL and name != MaterialType.OTHER
    return MaterialType(name) if known else MaterialType.BOOK


def _stripped(row):
    """A row of :class:`csv.DictReader` with every column of :data:`CSV_COLUMNS`, stripped."""
    return {key: (row.get(key) or "").strip() for key in CSV_COLUMNS}


def row_to_marc(row):
    """Build a pymarc record from one stripped CSV row (see :func:`_stripped`)."""
    record = Record(force_utf8=True)
    leader_type = LEADER_BY_MATERIAL[_material(row["material_type"])]
    record.leader = Leader(f"00000n{leader_type} a22000007a 4500")
    if row["control_number"]:
        record.add_field(Field(tag="001", data=row["control_number"]))
    year = row["year"] if row["year"].isdigit() and len(row["year"]) == 4 else "    "
    language = (row["language"] or "   ")[:3].ljust(3)
    record.add_field(Field(tag="008", data=f"      s{year}    vm            000 0 {language} d"))
    authors = _items(row["authors"])
    fields = [
        *(_datafield("020", a=isbn) for isbn in _items(row["isbn"])),
        *(_datafield("022", a=issn) for issn in _items(row["issn"])),
        _datafield("082", a=row["classification"]),
        _datafield("090", a=row["call_number"]),
        _datafield("100", a=authors[0]) if authors else None,
        _datafield("245", a=row["title"], b=row["subtitle"], c=row["responsibility"]),
        _datafield("250", a=row["edition"]),
        _datafield("264", a=row["place"], b=row["publisher"], c=row["year"]),
        _datafield("300", a=row["physical_description"]),
        _datafield("490", a=row["series"]),
        *(_datafield("500", a=note) for note in _items(row["notes"])),
        _datafield("520", a=row["summary"]),
        *(_datafield("650", a=subject) for subject in _items(row["subjects"])),
        *(_datafield("700", a=author) for author in authors[1:]),
        _datafield("856", u=row["cover_url"], **{"3": COVER_LABEL}) if row["cover_url"] else None,
    ]
    for marc_field in filter(None, fields):
        marc_field.indicators = INDICATORS.get(marc_field.tag, marc_field.indicators)
        record.add_field(marc_field)
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
            record = row_to_marc(row)
            if item := _item_field(row):
                record.add_field(item)
            pending[key] = (position, record, "")
        for position, record, error in pending.values():
            yield entry_class(position, record, error)
    except (UnicodeDecodeError, csv.Error) as error:
        yield entry_class(_("tệp CSV"), error=_("không đọc được: %(error)s") % {"error": error})
    finally:
        text.detach()
