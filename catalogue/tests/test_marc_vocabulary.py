"""One vocabulary for both directions: what the writer writes, the mapping reads back as it was."""

import pytest

from catalogue.choices import MaterialType
from catalogue.marc.mapping import map_record
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
