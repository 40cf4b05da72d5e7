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

from catalogue.choices import MaterialType
from catalogue.marc.vocabulary import LEADER_BY_MATERIAL
from catalogue.weblinks import web_url

CSV_COLUMNS = [
    "control_number", "title", "subtitle", "responsibility", "authors", "subjects", "isbn",
    "issn", "publisher", "place", "year", "edition", "language", "physical_description",
    "series", "summary", "notes", "classification", "call_number", "material_type", "cover_url",
    "barcode", "branch", "location", "status", "due_date",
]
INDICATORS = {"264": [" ", "1"], "856": ["4", "2"]}  # 264: publication; 856: HTTP, related
COVER_LABEL = "Ảnh bìa"
STATUS_SUBFIELDS = {"reference": ("7", "1"), "lost": ("1", "1")}


def _items(value):
    return [item.strip() for item in (value or "").split(";") if item.strip()]


def _datafield(tag, **subfields):
    values = [Subfield(code, value) for code, value in subfields.items() if value]
    return Field(tag=tag, indicators=[" ", " "], subfields=values) if values else None


def _material(name):
    """The material a CSV row names (a :class:`MaterialType` value); a book when it names none
    but the catch-all "other"."""
    known = name in LEADER_BY_MATERIAL and name != MaterialType.OTHER
    return MaterialType(name) if known else MaterialType.BOOK


def row_to_marc(row):
    """Build a pymarc record from one CSV row (a dict keyed by :data:`CSV_COLUMNS`)."""
    row = {key: (row.get(key) or "").strip() for key in CSV_COLUMNS}
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


def _holding_field(row):
    status = (row.get("status") or "").strip()
    code, value = STATUS_SUBFIELDS.get(status, ("", ""))
    if status == "on_loan":  # 952 $q (due date) is what marks a copy on loan
        code, value = "q", (row.get("due_date") or "").strip() or "?"
    return _datafield(
        "952", a=(row.get("branch") or "").strip(), c=(row.get("location") or "").strip(),
        o=(row.get("call_number") or "").strip(), p=(row.get("barcode") or "").strip(),
        **({code: value} if code else {}),
    )


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
            key = (row.get("control_number") or "").strip() or f"#{line}"
            if key in pending:
                holding = _holding_field(row)
                if holding and pending[key][1]:
                    pending[key][1].add_field(holding)
                continue
            position = _("dòng %(line)d") % {"line": line}
            cover = (row.get("cover_url") or "").strip()
            if cover and not web_url(cover):
                pending[key] = (position, None, _(
                    "cover_url không phải địa chỉ http hoặc https: %(url)s") % {"url": cover})
                continue
            record = row_to_marc(row)
            if holding := _holding_field(row):
                record.add_field(holding)
            pending[key] = (position, record, "")
        for position, record, error in pending.values():
            yield entry_class(position, record, error)
    except (UnicodeDecodeError, csv.Error) as error:
        yield entry_class(_("tệp CSV"), error=_("không đọc được: %(error)s") % {"error": error})
    finally:
        text.detach()
