"""One codec in both directions: one vocabulary, one 952 builder, one writer (the CSV import's
too); what is written is read back as it was meant."""

from datetime import date

import pytest
from pymarc import Field

from catalogue.choices import HoldingStatus, MaterialType
from catalogue.marc.csv_records import CSV_COLUMNS, row_to_marc
from catalogue.marc.elements import item_of
from catalogue.marc.items import item_subfields
from catalogue.marc.mapping import map_record
from catalogue.marc.marcxml import record_xml
from catalogue.marc.vocabulary import LEADER_BY_MATERIAL
from catalogue.marc.writer import MAPPED_FIELDS, write_marc
from catalogue.tests.marc_samples import marc_record

NEW = {name: "" for name in MAPPED_FIELDS} | {
    "control_number": "V1", "title": "Sách", "authors": [], "subjects": [], "isbns": [],
    "issns": [], "notes": [], "year": None,
}


@pytest.mark.parametrize("material", list(MaterialType))
def test_every_material_is_read_back_from_the_leader_written_for_it(material):
    marc = write_marc({**NEW, "material_type": material})
    assert str(marc.leader)[6:8] == LEADER_BY_MATERIAL[material]
    assert map_record(marc).fields["material_type"] == material


# MARC21 leader/06 (type of record) read at level "m"; at level "s" every one is a serial.
READ_AS = {
    "a": MaterialType.BOOK, "c": MaterialType.MUSIC, "d": MaterialType.MUSIC,
    "e": MaterialType.MAP, "f": MaterialType.MAP, "g": MaterialType.VIDEO,
    "i": MaterialType.AUDIO, "j": MaterialType.AUDIO, "k": MaterialType.OTHER,
    "m": MaterialType.ELECTRONIC, "o": MaterialType.OTHER, "p": MaterialType.OTHER,
    "r": MaterialType.OTHER, "t": MaterialType.MANUSCRIPT,
}


@pytest.mark.parametrize("code", READ_AS)
def test_every_type_of_record_is_read_as_a_material_written_back_as_one_read_the_same(code):
    material = map_record(marc_record("V2", "Tài liệu", leader=code + "m")).fields["material_type"]
    assert material == READ_AS[code]
    rewritten = write_marc({**NEW, "material_type": material})
    assert map_record(rewritten).fields["material_type"] == material
    serial = marc_record("V3", "Tạp chí", leader=code + "s")
    assert map_record(serial).fields["material_type"] == MaterialType.SERIAL


# Every status, without a due date and with one where it does not make the copy read as on loan.
STATUSES = [(status, None) for status in HoldingStatus] + [
    (status, date(2026, 12, 15))
    for status in (HoldingStatus.ON_LOAN, HoldingStatus.LOST, HoldingStatus.DAMAGED)
]


@pytest.mark.parametrize(("status", "due_date"), STATUSES)
@pytest.mark.parametrize("own_call_number", [False, True])
def test_the_952_of_a_copy_is_read_back_as_that_copy(status, due_date, own_call_number):
    copy = {"barcode": "QN-1", "branch": "Thư viện tỉnh", "location": "Kho mở",
            "call_number": "895.922 NG-A" if own_call_number else "959.729 TR-H",
            "status": status, "due_date": due_date}
    item = Field(tag="952", indicators=[" ", " "], subfields=item_subfields(copy, "959.729 TR-H"))
    assert item_of(item, "959.729 TR-H") == copy
    assert bool(item.get_subfields("o")) == own_call_number
    record = marc_record("V5", "Sách", call_number="959.729 TR-H")
    record.add_field(item)
    assert map_record(record).holdings == [copy]


def test_a_copy_on_loan_without_a_due_date_stays_on_loan():
    copy = {"barcode": "QN-2", "branch": "", "location": "", "call_number": "",
            "status": HoldingStatus.ON_LOAN, "due_date": None}
    assert [tuple(sub) for sub in item_subfields(copy)] == [("p", "QN-2"), ("q", "?")]


def test_a_csv_row_is_written_by_the_writer_without_time_stamps():
    row = {name: "" for name in CSV_COLUMNS} | {
        "control_number": "CSV9", "title": "Truyện Kiều", "authors": "Nguyễn Du;Đào Duy Anh",
        "subjects": "Thơ -- Việt Nam", "year": "năm 1995", "language": "vie", "place": "Hà Nội",
        "publisher": "Nxb. Văn học", "material_type": "manuscript",
        "cover_url": "https://thuvien.vn/kieu.jpg", "barcode": "K-1", "branch": "Thư viện tỉnh",
        "status": "on_loan",
    }
    marc = row_to_marc(row)
    assert record_xml(marc) == record_xml(row_to_marc(row))  # the import finds it unchanged
    assert not marc.get_fields("005") and marc["008"].data[:11] == "      s1995"
    assert str(marc.leader)[6:8] == "tm" and marc["008"].data[35:38] == "vie"
    assert str(marc["264"]) == "=264  \\1$aHà Nội :$bNxb. Văn học,$c1995"
    assert str(marc["650"]) == "=650  \\4$aThơ$xViệt Nam"
    assert str(marc["856"]) == "=856  42$uhttps://thuvien.vn/kieu.jpg$3Ảnh bìa"
    assert str(marc["952"]) == "=952  \\\\$aThư viện tỉnh$bThư viện tỉnh$pK-1$q?"
    mapped = map_record(marc)
    assert mapped.fields["authors"] == [{"name": "Nguyễn Du", "role": "", "main": True},
                                        {"name": "Đào Duy Anh", "role": "", "main": False}]
    assert mapped.fields["cover_url"] == "https://thuvien.vn/kieu.jpg"
    assert [(h["barcode"], h["status"]) for h in mapped.holdings] == [("K-1", "on_loan")]


def test_a_csv_row_without_control_number_gets_no_001():
    marc = row_to_marc({name: "" for name in CSV_COLUMNS} | {"title": "Sách", "isbn": "0140000002"})
    assert marc.get_fields("001") == []
    assert map_record(marc).fields["control_number"] == "ISBN0140000002"
