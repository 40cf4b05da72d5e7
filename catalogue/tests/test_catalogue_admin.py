"""The catalogue in the admin (wagtail-modeladmin): list, filters, inspect, exports, import."""

import csv
import io
import xml.etree.ElementTree as ET

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from catalogue.admin import imports as admin_import
from catalogue.importing.jobs import run_job
from catalogue.models import Holding, Record
from catalogue.tests.catalogue import load_catalogue
from catalogue.tests.marc_samples import iso2709, marc_record

pytestmark = pytest.mark.django_db
LIST = "/admin/library/record/"
NS = {"m": "http://www.loc.gov/MARC21/slim"}


@pytest.fixture
def catalogue(catalogue_index):
    load_catalogue(catalogue_index)
    return {r.control_number: r for r in Record.objects.all()}


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


@pytest.mark.parametrize(("url", "order"), [
    (LIST, 'ORDER BY "library_record"."id" DESC'),
    ("/admin/library/holding/", 'ORDER BY "library_holding"."barcode" ASC'),
])
def test_lists_page_along_an_index_without_sorting_every_record(
        admin_client, catalogue, url, order):
    # With a million records, ordering by title (or DISTINCT over it) took 2–8 s a page.
    with CaptureQueriesContext(connection) as queries:
        assert admin_client.get(url).status_code == 200
    sql = [query["sql"] for query in queries]
    assert any(order in statement for statement in sql)
    assert not any("DISTINCT" in s and '"title"' in s for s in sql)
    newest = body(admin_client.get(LIST)).index("Truyện cổ tích")  # loaded last, listed first
    assert newest < body(admin_client.get(LIST)).index("Lịch sử Quảng Ninh")


def test_list_with_filters_and_search(admin_client, catalogue):
    html = body(admin_client.get(LIST))
    assert "Lịch sử Quảng Ninh" in html and "A history of Vietnam" in html
    english = body(admin_client.get(LIST, {"language__exact": "eng"}))
    assert "A history of Vietnam" in english and "Lịch sử Quảng Ninh" not in english
    nineties = body(admin_client.get(LIST, {"decade": "1990"}))
    assert "Lịch sử Quảng Ninh" in nineties and "Truyện cổ tích" not in nineties
    videos = body(admin_client.get(LIST, {"material_type__exact": "video"}))
    assert "Người đọc và sách" in videos and "Lịch sử Quảng Ninh" not in videos
    none_free = body(admin_client.get(LIST, {"available": "no"}))
    assert "Sách và người đọc" in none_free and "Lịch sử Quảng Ninh" not in none_free
    found = body(admin_client.get(LIST, {"q": "Vịnh"}))
    assert "Vịnh Hạ Long" in found and "Lịch sử Quảng Ninh" not in found


def test_inspect_shows_fields_and_marc(admin_client, catalogue):
    record = catalogue["T3"]
    html = body(admin_client.get(f"{LIST}inspect/{record.pk}/"))
    assert "Lịch sử Quảng Ninh" in html and "biểu ghi marc" in html.lower()
    assert "=245  10$aLịch sử Quảng Ninh /$cTrần Thị Hoa" in html.replace("&#x27;", "'")
    assert admin_client.get(f"{LIST}edit/{record.pk}/").status_code == 200
    assert admin_client.get(f"{LIST}delete/{record.pk}/").status_code == 200


def test_export_filtered_list_as_csv_and_marcxml(admin_client, catalogue):
    text = body(admin_client.get(LIST, {"language__exact": "vie", "decade": "2010",
                                        "export": "csv"}))
    rows = list(csv.DictReader(io.StringIO(text)))
    assert sorted(row["Nhan Đề"] if "Nhan Đề" in row else list(row.values())[1]
                  for row in rows) == sorted(
        ["Nước sạch cho nông thôn", "Vịnh Hạ Long kỳ quan thiên nhiên", "Sách và người đọc"])
    response = admin_client.get(LIST, {"decade": "1990", "export": "marcxml"})
    assert response["Content-Type"].startswith("application/marcxml+xml")
    root = ET.fromstring(body(response).encode())
    assert [c.text for c in root.findall("m:record/m:controlfield[@tag='001']", NS)] == ["T3"]
    assert "Tải MARCXML" in body(admin_client.get(LIST))


def test_export_filtered_list_as_xlsx(admin_client, catalogue):
    response = admin_client.get(LIST, {"decade": "1990", "export": "xlsx"})
    assert response["Content-Type"] == (
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    assert response["Content-Disposition"] == 'attachment; filename="muc-luc.xlsx"'
    data = b"".join(response.streaming_content) if response.streaming else response.content
    header, *rows = load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
    assert header == ("Số Kiểm Soát", "Nhan Đề", "Phụ Đề", "tác giả", "Chủ Đề", "Isbn",
                      "Nhà Xuất Bản", "Nơi Xuất Bản", "Năm Xuất Bản", "Ngôn Ngữ",
                      "Loại Tài Liệu", "Ký Hiệu Xếp Giá")
    assert rows == [("T3", "Lịch sử Quảng Ninh", "-", "Trần Thị Hoa", "Lịch sử, Quảng Ninh",
                     "-", "Nxb. Quảng Ninh", "Hà Nội", 1998, "vie", "book", "-")]
    everything = admin_client.get(LIST, {"export": "xlsx"})
    data = b"".join(everything.streaming_content) if everything.streaming else everything.content
    first = load_workbook(io.BytesIO(data)).active.iter_rows(min_row=2, values_only=True)
    assert sorted(row[0] for row in first) == sorted(catalogue)
    assert "Tải xuống XLSX" in body(admin_client.get(LIST))


def test_admin_upload_imports_and_shows_the_summary(admin_client, catalogue_index, monkeypatch):
    started = []
    monkeypatch.setattr(admin_import, "start_job", started.append)  # run below, in this process
    data = iso2709(marc_record("U1", "Tải lên từ quản trị"), marc_record("U2", ""))
    upload = SimpleUploadedFile("upload.mrc", data, content_type="application/marc")
    response = admin_client.post("/admin/catalogue/import/", {"files": [upload]})
    assert response.status_code == 302
    run_job(started[0].pk)
    html = body(admin_client.get(response["Location"]))
    assert "Đã đọc 2 biểu ghi (100%)" in html
    assert "Đã đọc 2 biểu ghi: 1 mới, 0 cập nhật, 0 không đổi, 1 bị từ chối." in html
    assert "upload.mrc, biểu ghi 2" in html and "thiếu nhan đề" in html
    assert Record.objects.filter(control_number="U1").exists()
    assert "Nhập biểu ghi" in body(admin_client.get("/admin/catalogue/import/"))


def test_import_needs_the_permission(client, django_user_model, db):
    user = django_user_model.objects.create_user("reader", password="pw")
    client.force_login(user)
    assert client.get("/admin/catalogue/import/").status_code in (302, 403)


def test_a_copy_is_edited_on_its_own_page_without_a_list_of_every_record(
    admin_client, catalogue, django_capture_on_commit_callbacks
):
    holding = catalogue["T3"].holdings.get(barcode="B3")
    assert admin_client.get("/admin/library/holding/create/").status_code in (302, 403)
    assert "/admin/library/holding/create/" not in body(admin_client.get("/admin/library/holding/"))
    page = body(admin_client.get(f"/admin/library/holding/edit/{holding.pk}/"))
    assert 'name="record"' not in page and "Lịch sử Quảng Ninh" in page
    assert "Sách giáo khoa Toán 6" not in page  # no <option> per record
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(f"/admin/library/holding/edit/{holding.pk}/", {
            "barcode": "B3", "status": "on_loan", "due_date": "2026-12-15",
            "branch": "Thư viện tỉnh", "location": "Kho mượn", "call_number": "959.7 L",
        })
    assert response.status_code == 302
    holding.refresh_from_db()
    assert (holding.status, holding.record_id) == ("on_loan", catalogue["T3"].pk)


def test_copies_search_finds_a_scanned_barcode_or_control_number_exactly(admin_client, catalogue):
    Holding.objects.create(record=catalogue["T2"], barcode="B12", branch="Thư viện tỉnh")

    def barcodes(term):
        html = body(admin_client.get("/admin/library/holding/", {"q": term}))
        return {code for code in ("B1", "B12", "B2", "B3", "B4") if f">{code}<" in html}

    assert barcodes("B1") == {"B1"}  # not B12: a scanned barcode is the whole barcode
    assert barcodes("T3") == {"B3", "B4"}  # a record's control number: all its copies
    assert barcodes("Quảng Ninh") == {"B3", "B4"}  # other text: words in the title, as before
    assert barcodes("B") >= {"B1", "B12", "B2"}
