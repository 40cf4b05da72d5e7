"""The MARC writer is the inverse of the mapping: what it writes maps back to the same fields,
and every field the mapping does not read is kept as it was."""

import io
import random
import unicodedata
from datetime import UTC, datetime

import pytest
from pymarc import Field, MARCReader, Subfield

from catalogue.marc.mapping import map_record
from catalogue.marc.marcxml import record_xml
from catalogue.marc.writer import MAPPED_FIELDS, mapped_values, parse_marcxml, write_marc
from catalogue.tests.catalogue import RECORDS
from catalogue.tests.marc_samples import marc_record

NOW = datetime(2026, 11, 27, 8, 30, 15, tzinfo=UTC)  # 15:30:15 in Hà Nội
# Every tag the mapping reads (and 005, which the writer sets): the others must be kept.
MAPPED_TAGS = {
    "001", "005", "008", "020", "022", "041", "082", "090", "100", "110", "111", "245", "250",
    "260", "264", "300", "490", "600", "610", "611", "630", "648", "650", "651", "653", "700",
    "710", "711", "830", "852", *(str(tag) for tag in range(500, 600)),
}


def nfd(text):
    return unicodedata.normalize("NFD", text)


def through_xml(marc):
    """The record as stored (MARCXML) and read back."""
    return parse_marcxml(record_xml(marc))


def rich_record():
    """An imported record with what a library's MARC has besides the mapped fields."""
    record = marc_record("QN100", "Lịch sử Quảng Ninh", author="Trần Thị Hoa", year="1998",
                         subjects=["Lịch sử", "Quảng Ninh"], isbn="978-604-1-00001-1 (bìa mềm)",
                         call_number="959.729 TR-H", added=["Lê Văn Hải"], summary="Tóm tắt.",
                         holdings=[("QN-1", "Thư viện tỉnh", "available"),
                                   ("QN-2", "Chi nhánh Hạ Long", "on_loan")])
    record.add_ordered_field(
        Field(tag="003", data="VN-QNL"),
        Field(tag="041", indicators=["0", " "], subfields=[Subfield("a", "vie"),
                                                           Subfield("a", "eng")]),
        Field(tag="504", indicators=[" ", " "], subfields=[Subfield("a", "Thư mục: tr. 195.")]),
        Field(tag="600", indicators=["1", "4"], subfields=[
            Subfield("a", "Hồ Chí Minh,"), Subfield("d", "1890-1969"), Subfield("v", "Tiểu sử.")]),
        Field(tag="856", indicators=["4", "0"], subfields=[
            Subfield("u", "https://thuvien.quangninh.gov.vn/qn100.pdf"),
            Subfield("y", "Toàn văn")]),
        Field(tag="900", indicators=[" ", " "], subfields=[Subfield("a", "Kho địa chí")]),
    )
    return record


def kept_fields(marc):
    return [str(field) for field in marc.fields if field.tag not in MAPPED_TAGS]


def test_unchanged_values_write_back_the_same_fields():
    base = rich_record()
    marc = write_marc(mapped_values(base), base, NOW)
    assert [str(f) for f in marc.fields if f.tag != "005"] == [str(f) for f in base.fields]
    assert marc["005"].data == "20261127153015.0"
    assert str(marc.leader)[5] == "c"  # revised


def test_edited_fields_round_trip_with_vietnamese_authors_subjects_and_isbns():
    base = rich_record()
    values = mapped_values(base)
    values.update(
        title=nfd("Lịch sử vùng mỏ Quảng Ninh"), subtitle=nfd("tập 1"),
        responsibility=nfd("Nguyễn Văn Minh chủ biên ; Trần Thị Hoa"),
        authors=[
            {"name": nfd("Nguyễn Văn Minh"), "role": nfd("chủ biên"), "main": True},
            {"name": "Trần Thị Hoa", "role": "tác giả", "main": False},
            {"name": nfd("Đỗ Quang Vinh"), "role": nfd("minh hoạ"), "main": False},
            {"name": "Lê Văn Hải", "role": "", "main": False},
        ],
        subjects=["Quảng Ninh", nfd("Công nghiệp than -- Lịch sử"), "Lịch sử",
                  nfd("Hồ Chí Minh -- 1890-1969 -- Tiểu sử")],
        isbns=["978-604-1-00001-1", "0-14-000000-2", "9786040000101"],
        issns=["1859-0000"], publisher=nfd("Nxb. Quảng Ninh"), place="Hạ Long", year=2001,
        edition=nfd("Tái bản lần thứ 2"), language="vie",
        physical_description="320 tr. : ảnh ; 24 cm", series=nfd("Tủ sách địa chí"),
        summary=nfd("Lịch sử khai thác than ở Quảng Ninh"),
        notes=["Thư mục: tr. 195", nfd("Chính văn bằng tiếng Việt")],
        classification="959.729", call_number="959.729 NG-M", material_type="book",
    )
    marc = through_xml(write_marc(values, base, NOW))
    back = mapped_values(marc)
    expected = {name: _nfc(value) for name, value in values.items()}
    expected["isbns"] = ["9786041000011", "0140000002", "9786040000101"]
    assert back == expected
    assert [(f.tag, f.indicator1) for f in marc.get_fields("100", "700")] == [
        ("100", "0"), ("700", "1"), ("700", "0"), ("700", "1")]
    assert marc["100"].get_subfields("a", "e") == ["Nguyễn Văn Minh", "chủ biên"]
    assert marc["245"].get_subfields("a", "b", "c") == [
        "Lịch sử vùng mỏ Quảng Ninh :", "tập 1 /", "Nguyễn Văn Minh chủ biên ; Trần Thị Hoa"]
    # the subject that did not change keeps its field (indicators, $d, $v)
    assert "=600  14$aHồ Chí Minh,$d1890-1969$vTiểu sử." in str(marc)
    assert marc["020"].get_subfields("a") == ["978-604-1-00001-1 (bìa mềm)"]
    assert marc["008"].data[7:11] == "2001" and marc["008"].data[35:38] == "vie"
    assert kept_fields(marc) == kept_fields(rich_record())
    assert unicodedata.is_normalized("NFC", record_xml(marc))


def _nfc(value):
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    return value


def test_a_new_record_gets_a_minimal_valid_marc():
    values = {name: "" for name in MAPPED_FIELDS}
    values.update(control_number="ADM-1", title="Sổ tay thư viện", authors=[
        {"name": "Phạm Ngọc Lan", "role": "biên soạn", "main": True}], subjects=["Thư viện"],
        isbns=["9786040000101"], notes=[], issns=[], year=2024, language="vie",
        publisher="Nxb. Trẻ", place="Hà Nội", material_type="video")
    marc = write_marc(values, None, NOW)
    assert str(marc.leader).startswith("00000ngm a22")
    assert marc["001"].data == "ADM-1" and marc["005"].data == "20261127153015.0"
    assert len(marc["008"].data) == 40 and marc["008"].data[6:11] == "s2024"
    assert marc.get_fields("260") == [] and marc["264"].indicators == (" ", "1")
    assert str(marc["264"]) == "=264  \\1$aHà Nội :$bNxb. Trẻ,$c2024"
    iso = marc.as_marc()  # ISO 2709: the record is well formed
    again = next(iter(MARCReader(io.BytesIO(iso), to_unicode=True, force_utf8=True)))
    assert mapped_values(again) == {**values, "material_type": "video"}
    assert mapped_values(through_xml(marc)) == values


def test_the_record_keeps_its_260_and_its_publication_punctuation():
    base = marc_record("Q260", "Truyện cổ", tag_pub="260", year="1975", publisher="Nxb. Kim Đồng")
    values = {**mapped_values(base), "publisher": "Nxb. Văn học", "year": 1976}
    marc = write_marc(values, base, NOW)
    assert marc.get_fields("264") == []
    assert str(marc["260"]) == "=260  \\1$aHà Nội :$bNxb. Văn học,$c1976"


def test_emptied_fields_leave_no_trace_the_mapping_would_read():
    base = rich_record()
    base.add_ordered_field(Field(tag="830", indicators=[" ", "0"],
                                 subfields=[Subfield("a", "Tùng thư 830")]))
    values = {**mapped_values(base), "series": "", "summary": "", "subjects": [], "isbns": [],
              "authors": [], "year": None, "language": "", "call_number": "", "notes": []}
    marc = write_marc(values, base, NOW)
    assert mapped_values(marc) == values
    assert not marc.get_fields("100", "700", "650", "600", "020", "520", "504", "090", "041")
    assert marc["245"].indicator1 == "0"  # no main entry any more
    assert kept_fields(marc) == kept_fields(base)


@pytest.mark.parametrize("seed", range(4))
def test_random_edits_round_trip_and_keep_the_other_fields(seed):
    """Random edits of random records: the regenerated MARC maps back to the edited values
    (cleaned as an import cleans them), writing it again changes nothing, and every field the
    mapping does not read is still there, in order."""
    rng = random.Random(seed)
    words = ["Lịch sử", "Quảng Ninh", "Nguyễn Văn", "sách", "Hạ Long", "than", "Smith, John",
             "tập 2", "Đỗ", "Ánh", "A."]

    def text(count=3):
        value = " ".join(rng.choice(words) for _ in range(rng.randint(1, count)))
        value += rng.choice(["", "", " /", " :", ".", ","])
        return nfd(value) if rng.random() < 0.2 else value

    def maybe(make):
        return make() if rng.random() < 0.6 else ""

    def edit(values):
        new = {
            "title": text(), "subtitle": maybe(text), "responsibility": maybe(text),
            "authors": [{"name": text(2), "role": maybe(lambda: rng.choice(["tác giả", "dịch"])),
                         "main": i == 0 and rng.random() < 0.7} for i in range(rng.randint(0, 3))],
            "subjects": [text(2) + rng.choice(["", " -- Lịch sử"])
                         for _ in range(rng.randint(0, 3))],
            "isbns": rng.sample(["978-604-1-00001-1", "0140000002", "9786040000101 (bìa)"],
                                rng.randint(0, 2)),
            "issns": rng.sample(["1859-0000", "0866-7000"], rng.randint(0, 2)),
            "publisher": maybe(text), "place": maybe(text),
            "year": rng.choice([None, 1975, 1998, 2024]), "edition": maybe(text),
            "language": rng.choice(["vie", "eng", "fre", ""]),
            "physical_description": maybe(text), "series": maybe(text),
            "summary": maybe(lambda: text(6)), "notes": [text(4) for _ in range(rng.randint(0, 2))],
            "classification": maybe(lambda: "959.7"),
            "call_number": maybe(lambda: rng.choice(["959.7 NG", "510"])),
            "material_type": rng.choice(["book", "serial", "map", "video", "other"]),
        }
        for name in rng.sample(sorted(new), rng.randint(1, len(new))):
            values[name] = new[name]
        values["title"] = values["title"] or new["title"]  # a record has a title
        return values

    bases = [None, rich_record(), *RECORDS]
    for number in range(150):
        base = rng.choice(bases)
        values = {name: "" for name in MAPPED_FIELDS} | {
            "authors": [], "subjects": [], "isbns": [], "issns": [], "notes": [], "year": None,
            "material_type": "book"} if base is None else mapped_values(base)
        values = edit({**values, "control_number": f"R{number}"})
        marc = through_xml(write_marc(values, base, NOW))
        back = mapped_values(marc)
        cleaned = map_record(write_marc(back, marc, NOW)).fields
        assert {name: cleaned[name] for name in MAPPED_FIELDS} == back, number
        expected = _expected(values)
        assert back == expected, number
        if base is not None:
            assert kept_fields(marc) == kept_fields(base), number


def _expected(values):
    """What the mapping reads back from written values: cleaned, main authors first."""
    from catalogue.marc.writer import normalised_values

    expected = normalised_values(values)
    expected["authors"] = sorted(expected["authors"], key=lambda author: not author["main"])
    expected["authors"] = [author for author in expected["authors"] if author["name"]]
    return expected
