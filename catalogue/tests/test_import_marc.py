"""import_marc: ISO 2709 (UTF-8 and MARC-8), MARCXML and CSV into PostgreSQL and the engine."""

from datetime import date, timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from pymarc import Field, Subfield

from catalogue.choices import HoldingStatus
from catalogue.index import alias_name
from catalogue.marc.reader import iso2709_chunks, iso2709_entries
from catalogue.models import Holding, Record
from catalogue.opac.params import parse_params
from catalogue.opac.search import search
from catalogue.tests.marc_samples import iso2709, marc8_record, marc_record, marcxml
from search.engine import search_backend

SAMPLES = [
    marc_record("QN001", "Sách hay mỗi ngày", author="Nguyễn Văn Ánh", isbn="978-604-1-00001-1",
                subjects=["Văn học Việt Nam"], holdings=[
                    ("QN-0001", "Thư viện tỉnh", "available"),
                    ("QN-0002", "Chi nhánh Hạ Long", "on_loan"),
                ]),
    marc_record("QN002", "Lịch sử Quảng Ninh", subtitle="Từ thời dựng nước", author="Trần Hùng",
                tag_pub="260", year="1998", holdings=[("QN-0003", "Thư viện tỉnh", "lost")]),
    marc_record("QN003", "A short history of Vietnam", author="Smith, John", lang="eng",
                year="2015"),
]


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def run_import(*paths, **options):
    out = StringIO()
    try:
        call_command("import_marc", *paths, stdout=out, **options)
        return out.getvalue(), 0
    except CommandError as error:
        return out.getvalue() + str(error), error.returncode


def engine_count(refresh):
    refresh()
    return search_backend().es.count(index=alias_name())["count"]


def test_iso2709_utf8_import_maps_fields_and_indexes(tmp_path, catalogue_index):
    output, code = run_import(write(tmp_path, "a.mrc", iso2709(*SAMPLES)))
    assert code == 0, output
    assert "3 mới" in output
    record = Record.objects.get(control_number="QN001")
    assert record.title == "Sách hay mỗi ngày"
    assert record.authors == [{"name": "Nguyễn Văn Ánh", "role": "tác giả", "main": True}]
    assert record.isbns == ["9786041000011"]
    assert record.subjects == ["Văn học Việt Nam"]
    assert (record.publisher, record.place, record.year, record.language) == (
        "Nxb. Trẻ", "Hà Nội", 2020, "vie")
    assert "<controlfield tag=\"001\">QN001</controlfield>" in record.marcxml
    assert [h.status for h in record.holdings.order_by("barcode")] == [
        HoldingStatus.AVAILABLE, HoldingStatus.ON_LOAN]
    old = Record.objects.get(control_number="QN002")
    assert (old.subtitle, old.publisher, old.year) == ("Từ thời dựng nước", "Nxb. Trẻ", 1998)
    assert Record.objects.get(control_number="QN003").language == "eng"
    assert engine_count(catalogue_index) == 3


def test_852_locations_with_a_barcode_are_copies_on_the_shelf(tmp_path, catalogue_index):
    record = marc_record("QN852", "Địa chí Quảng Ninh", call_number="900 ĐC")
    for subfields in (
        [("a", "Thư viện tỉnh"), ("b", "Kho mở tầng 2"), ("h", "959.7"), ("i", "ĐC-QN"),
         ("p", "QN-852-1")],
        [("a", "Chi nhánh Hạ Long"), ("b", "Phòng đọc"), ("p", "QN-852-2")],
        [("a", "Chi nhánh Uông Bí"), ("b", "Kho"), ("h", "959.7")],  # no barcode: no copy
    ):
        record.add_field(Field(tag="852", indicators=["0", " "],
                               subfields=[Subfield(code, value) for code, value in subfields]))
    output, code = run_import(write(tmp_path, "852.mrc", iso2709(record)))
    assert code == 0, output
    imported = Record.objects.get(control_number="QN852")
    assert list(imported.holdings.order_by("barcode").values_list(
        "barcode", "branch", "location", "call_number", "status", "due_date")) == [
        ("QN-852-1", "Thư viện tỉnh", "Kho mở tầng 2", "959.7 ĐC-QN", "available", None),
        ("QN-852-2", "Chi nhánh Hạ Long", "Phòng đọc", "900 ĐC", "available", None),
    ]
    catalogue_index()
    for branch in ("Thư viện tỉnh", "Chi nhánh Hạ Long"):  # the engine knows the copies too
        result = search(parse_params({"q": "dia chi", "branch": branch, "available": "1"}))
        assert not result.fallback and [hit.id for hit in result.hits] == [imported.pk]
    assert search(parse_params({"q": "dia chi", "branch": "Chi nhánh Uông Bí"})).hits == []


def test_reimport_is_idempotent_and_updates_changes(tmp_path, catalogue_index):
    path = write(tmp_path, "a.mrc", iso2709(*SAMPLES))
    run_import(path)
    before = {r.pk: r.updated_at for r in Record.objects.all()}
    output, code = run_import(path)
    assert code == 0 and "0 mới, 0 cập nhật, 3 không đổi" in output
    assert {r.pk: r.updated_at for r in Record.objects.all()} == before
    assert Holding.objects.count() == 3
    changed = marc_record("QN001", "Sách hay mỗi ngày (tái bản)", author="Nguyễn Văn Ánh",
                          holdings=[("QN-0001", "Thư viện tỉnh", "on_loan")])
    output, code = run_import(write(tmp_path, "b.xml", marcxml(changed)))
    assert "1 cập nhật" in output
    record = Record.objects.get(control_number="QN001")
    assert record.pk in before and record.title == "Sách hay mỗi ngày (tái bản)"
    assert list(record.holdings.values_list("barcode", "status")) == [("QN-0001", "on_loan")]
    assert Record.objects.count() == 3 and engine_count(catalogue_index) == 3


def test_marc8_file(tmp_path, catalogue_index):
    # MARC-8 (ANSEL) bytes, written through latin-1: 0xBC = ơ, 0xF2 = dot below, 0xE3 = circumflex,
    # 0xE6 = breve,
    # each combining mark before its letter.
    record = marc8_record("M8-1", "Th\xbc ch\xf2on l\xf2oc", "Xu\xe3an Di\xf2\xe3eu",
                          "Nxb. V\xe6an h\xf2oc")
    data = iso2709(record)
    assert data[9:10] == b" "  # leader/09 blank: MARC-8
    output, code = run_import(write(tmp_path, "m8.mrc", data))
    assert code == 0, output
    record = Record.objects.get(control_number="M8-1")
    assert (record.title, record.main_author, record.publisher) == (
        "Thơ chọn lọc", "Xuân Diệu", "Nxb. Văn học")


def test_marcxml_file(tmp_path, catalogue_index):
    output, code = run_import(write(tmp_path, "a.xml", marcxml(*SAMPLES)))
    assert code == 0, output
    assert Record.objects.count() == 3
    assert Record.objects.get(control_number="QN002").title == "Lịch sử Quảng Ninh"


def test_bad_records_are_rejected_with_position_and_the_rest_imported(tmp_path, catalogue_index):
    no_title = marc_record("BAD1", "")
    good = iso2709(SAMPLES[0])
    body = b"nam a22000007a 4500garbage\x1e\x1d"  # right length, no directory
    broken = b"%05d" % (5 + len(body)) + body
    data = good + iso2709(no_title) + broken + iso2709(SAMPLES[2])
    output, code = run_import(write(tmp_path, "mixed.mrc", data))
    assert code == 2
    assert f"biểu ghi 2 (byte {len(good)})" in output
    assert "thiếu nhan đề (245 $a)" in output
    assert "biểu ghi 3" in output and "2 bị từ chối" in output
    assert set(Record.objects.values_list("control_number", flat=True)) == {"QN001", "QN003"}


def _read(data, size=None):
    chunks = [(1, 0, data)] if size is None else iso2709_chunks(BytesIO(data), size)
    return [
        (e.position, str(e.error), e.record and e.record.title)
        for first, offset, chunk in chunks
        for e in iso2709_entries(BytesIO(chunk), first, offset)
    ]


@pytest.mark.parametrize("tail", [b"", b"12x45 bad length", b"00100 truncated", b"000"])
def test_chunks_read_like_the_whole_file(tail):
    body = b"nam a22000007a 4500garbage\x1e\x1d"  # right length, no directory
    undecodable = b"%05d" % (5 + len(body)) + body
    good = [iso2709(sample) for sample in SAMPLES]
    data = good[0] + undecodable + good[1] + iso2709(marc_record("BAD1", "")) + tail + good[2]
    whole = _read(data)
    assert len(whole) >= 5
    for size in (1, 2, 3, 100):
        assert _read(data, size) == whole


def test_taken_barcode_rejects_only_that_record(tmp_path, catalogue_index):
    run_import(write(tmp_path, "a.mrc", iso2709(SAMPLES[0])))
    thief = marc_record("QN009", "Sách khác", holdings=[("QN-0001", "Thư viện tỉnh", "available")])
    output, code = run_import(write(tmp_path, "b.mrc", iso2709(thief, SAMPLES[2])))
    assert code == 2 and "mã vạch QN-0001 đã thuộc biểu ghi QN001" in output
    assert Record.objects.filter(control_number="QN003").exists()


def test_dry_run_writes_nothing(tmp_path, catalogue_index):
    output, code = run_import(write(tmp_path, "a.mrc", iso2709(*SAMPLES)), dry_run=True)
    assert code == 0 and "3 mới" in output and "Thử" in output
    assert Record.objects.count() == 0 and engine_count(catalogue_index) == 0


def test_missing_file_is_a_clear_error(tmp_path, db):
    output, code = run_import(str(tmp_path / "none.mrc"))
    assert code == 1 and "Không mở được" in output


def test_isbn_is_the_key_without_001(tmp_path, catalogue_index):
    record = marc_record("", "Không có số kiểm soát", isbn="978-604-2-11111-1")
    run_import(write(tmp_path, "a.mrc", iso2709(record)))
    run_import(write(tmp_path, "a.mrc", iso2709(record)))
    assert list(Record.objects.values_list("control_number", flat=True)) == ["ISBN9786042111111"]


def test_csv_import(tmp_path, catalogue_index):
    csv_text = (
        "control_number,title,authors,subjects,isbn,year,language,barcode,branch,status\n"
        "CSV1,Truyện cổ tích Việt Nam,Nguyễn Đổng Chi;Lê Văn A,Truyện cổ tích;Văn học dân gian,"
        "9786040000001,2019,vie,CSV-B1,Thư viện tỉnh,available\n"
        "CSV1,Truyện cổ tích Việt Nam,,,,,,CSV-B2,Chi nhánh Cẩm Phả,on_loan\n"
        ",,,,,,,,,\n"
    )
    output, code = run_import(write(tmp_path, "books.csv", csv_text.encode()))
    assert code == 2 and "dòng 4" in output and "thiếu nhan đề" in output
    record = Record.objects.get(control_number="CSV1")
    assert record.author_names == ["Nguyễn Đổng Chi", "Lê Văn A"]
    assert record.subjects == ["Truyện cổ tích", "Văn học dân gian"]
    assert (record.year, record.isbns) == (2019, ["9786040000001"])
    assert sorted(record.holdings.values_list("barcode", "status")) == [
        ("CSV-B1", "available"), ("CSV-B2", "on_loan")]


def test_csv_reimport_leaves_every_record_unchanged(tmp_path, catalogue_index, monkeypatch):
    csv_text = (
        "control_number,title,authors,isbn,year,cover_url,barcode,branch,status,due_date\n"
        "CSV1,Truyện Kiều,Nguyễn Du,,1995,https://thuvien.vn/kieu.jpg,K-1,Thư viện tỉnh,,\n"
        "CSV1,Truyện Kiều,,,,,K-2,Chi nhánh Cẩm Phả,on_loan,\n"
        ",Không có số kiểm soát,,9786040000001,c2001,,,,,\n"
        "CSV3,Sổ tay,,,,,S-1,Thư viện tỉnh,on_loan,2026-12-15\n"
    )
    path = write(tmp_path, "books.csv", csv_text.encode())
    output, code = run_import(path)
    assert code == 0 and "3 mới" in output, output
    before = {r.control_number: (r.updated_at, r.marcxml) for r in Record.objects.all()}
    tomorrow = timezone.now() + timedelta(days=1, seconds=1)
    monkeypatch.setattr(timezone, "now", lambda: tomorrow)  # no date nor time in a CSV's MARC
    output, code = run_import(path)
    assert code == 0 and "0 mới, 0 cập nhật, 3 không đổi" in output, output
    assert {r.control_number: (r.updated_at, r.marcxml) for r in Record.objects.all()} == before
    assert sorted(Holding.objects.values_list("barcode", "status", "due_date")) == [
        ("K-1", "available", None), ("K-2", "on_loan", None),
        ("S-1", "on_loan", date(2026, 12, 15))]


@pytest.mark.parametrize("data", [b"", b"<collection><record><leader>", b"\x00\x01\x02"])
def test_garbage_files_never_crash(tmp_path, catalogue_index, data):
    output, code = run_import(write(tmp_path, "junk.mrc", data))
    assert code in (1, 2)  # no record found, or rejected: an error either way, not a crash
    assert Record.objects.count() == 0


class Terminal(StringIO):
    """Captured output that says it is a terminal, as a shell's would."""

    def isatty(self):
        return True


def test_progress_bar_on_a_terminal(tmp_path, catalogue_index):
    out = Terminal()
    call_command("import_marc", write(tmp_path, "a.mrc", iso2709(*SAMPLES)), stdout=out)
    assert "\r[##############################] 100% 3 biểu ghi\n" in out.getvalue()
    plain = StringIO()
    call_command("import_marc", write(tmp_path, "a.mrc", iso2709(*SAMPLES)), stdout=plain)
    assert "[" not in plain.getvalue()


def test_a_file_without_any_record_is_an_error(tmp_path, catalogue_index):
    empty = write(tmp_path, "rong.mrc", b"")
    header_only = write(tmp_path, "chi-tieu-de.csv", b"title,authors\n")
    for path in (empty, header_only):
        output, code = run_import(path)
        assert code == 1 and f"Không tìm thấy biểu ghi nào trong {path}" in output
    good = write(tmp_path, "a.mrc", iso2709(*SAMPLES))
    output, code = run_import(good, empty)  # the other files are imported all the same
    error = output.splitlines()[-1]
    assert code == 1 and empty in error and good not in error
    assert Record.objects.count() == len(SAMPLES)
