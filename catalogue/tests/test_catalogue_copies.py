"""Copies (holdings) in the admin: edited inline on the record's form or on their own page, the
index and the MARC's 952 items follow, bad barcodes and loans are form errors. Through the
admin's views, PostgreSQL and the real engine."""

from unittest import mock

import pytest

from catalogue import index
from catalogue.marc.mapping import map_record
from catalogue.marc.marcxml import record_xml
from catalogue.models import Holding, Record
from catalogue.tests.admin_forms import (
    CREATE,
    LIST,
    add_holding,
    body,
    form_of,
    found,
    marc_of,
    row_of,
    saved,
)

pytestmark = pytest.mark.django_db


def test_creating_a_record_with_two_holdings(
    editor, catalogue_index, django_capture_on_commit_callbacks
):
    data = form_of(editor, CREATE)
    data.update(control_number="ADM-1", title="Sổ tay bạn đọc Quảng Ninh", year="2024",
                language="VIE", publisher="Nxb. Quảng Ninh", place="Hạ Long",
                main_author="Phạm Ngọc Lan | biên soạn", subjects="Thư viện\nĐọc sách",
                call_number="027.4 PH-L")
    add_holding(data, barcode="ADM-B1", branch="Chi nhánh Uông Bí", location="Kho mở")
    add_holding(data, barcode="ADM-B2", branch="Thư viện tỉnh", status="on_loan",
                due_date="2026-12-20")
    with mock.patch("catalogue.index.send", wraps=index.send) as sent:
        response = saved(editor, CREATE, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, body(response)
    assert sent.call_count == 1  # the record and its copies: one request, after the last copy
    (records, holdings), _options = sent.call_args
    assert len(holdings[records[0].pk]) == 2

    record = Record.objects.get(control_number="ADM-1")
    assert record.language == "vie"
    assert sorted(record.holdings.values_list("barcode", "branch", "status")) == [
        ("ADM-B1", "Chi nhánh Uông Bí", "available"), ("ADM-B2", "Thư viện tỉnh", "on_loan")]
    marc = marc_of(record.marcxml)  # a minimal MARC, built from the form
    assert marc["001"].data == "ADM-1" and str(marc.leader)[5:8] == "nam"
    assert marc["008"].data[7:11] == "2024" and marc["008"].data[35:38] == "vie"
    assert str(marc["264"]) == "=264  \\1$aHạ Long :$bNxb. Quảng Ninh,$c2024"
    assert marc["090"]["a"] == "027.4 PH-L"
    assert sorted(str(f) for f in marc.get_fields("952")) == [  # the copies, as Koha items
        "=952  \\\\$aChi nhánh Uông Bí$bChi nhánh Uông Bí$cKho mở$pADM-B1",
        "=952  \\\\$aThư viện tỉnh$bThư viện tỉnh$pADM-B2$q2026-12-20"]
    # indexed once the record and both holdings were saved
    assert found(catalogue_index, q="so tay ban doc", branch="Chi nhánh Uông Bí",
                 available="1") == {"Sổ tay bạn đọc Quảng Ninh"}
    assert found(catalogue_index, q="so tay ban doc", branch="Thư viện tỉnh") == {
        "Sổ tay bạn đọc Quảng Ninh"}


def test_editing_and_removing_holdings_inline_updates_the_index(
    admin_client, imported, catalogue_index, django_capture_on_commit_callbacks
):
    record = Record.objects.get(control_number="T3")  # B3 (Thư viện tỉnh), B4 (Cẩm Phả)
    title = "Lịch sử Quảng Ninh"
    assert title in found(catalogue_index, q=title, available="1", branch="Chi nhánh Cẩm Phả")
    url = f"{LIST}edit/{record.pk}/"
    data = form_of(admin_client, url)
    data[f"holdings-{row_of(data, 'B4')}-DELETE"] = "1"  # the panel's delete button
    data[f"holdings-{row_of(data, 'B3')}-status"] = "on_loan"
    data[f"holdings-{row_of(data, 'B3')}-due_date"] = "2026-12-31"
    add_holding(data, barcode="B9", branch="Chi nhánh Móng Cái", status="reference")
    response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, body(response)

    assert sorted(record.holdings.values_list("barcode", "status")) == [
        ("B3", "on_loan"), ("B9", "reference")]
    assert not Holding.objects.filter(barcode="B4").exists()
    assert title not in found(catalogue_index, q=title, available="1")
    assert title not in found(catalogue_index, q=title, branch="Chi nhánh Cẩm Phả")
    assert found(catalogue_index, q=title, branch="Chi nhánh Móng Cái") == {title}
    # the record page shows the holdings the editor left
    page = body(admin_client.get(f"/opac/record/{record.pk}/"))
    table = page[page.index('<table class="opac-holdings">'):page.index("</table>")]
    assert "B9" in table and "B4" not in table


def test_a_copy_edited_on_its_own_page_updates_the_index(
    admin_client, imported, catalogue_index, django_capture_on_commit_callbacks
):
    title = "Truyện cổ tích Việt Nam"  # one copy, B8, available
    assert title in found(catalogue_index, q=title, available="1")
    url = f"/admin/library/holding/edit/{Holding.objects.get(barcode='B8').pk}/"
    data = form_of(admin_client, url)
    data["status"] = "lost"
    response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, body(response)
    assert title not in found(catalogue_index, q=title, available="1")


def test_a_barcode_of_another_copy_is_a_form_error(
    admin_client, imported, django_capture_on_commit_callbacks
):
    record = Record.objects.get(control_number="T3")
    url = f"{LIST}edit/{record.pk}/"
    data = form_of(admin_client, url)
    data["title"] = "Không được lưu"
    add_holding(data, barcode="QN-1")  # QN100's copy
    response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Bản tài liệu có Mã vạch đã tồn tại." in body(response)
    assert Record.objects.get(pk=record.pk).title == "Lịch sử Quảng Ninh"
    assert Holding.objects.get(barcode="QN-1").record_id == imported.pk

    data = form_of(admin_client, url)
    add_holding(data, barcode="B77")
    add_holding(data, barcode="B77")  # twice in one form
    response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Hãy sửa các dữ liệu trùng lặp cho mã vạch" in body(response)
    assert not Holding.objects.filter(barcode="B77").exists()


def test_a_barcode_taken_meanwhile_is_a_form_error_not_a_server_error(
    admin_client, imported, django_capture_on_commit_callbacks
):
    """Another editor saved the barcode after this form was checked: the database refuses it."""
    record = Record.objects.get(control_number="T3")
    url = f"{LIST}edit/{record.pk}/"
    data = form_of(admin_client, url)
    data["title"] = "Không được lưu"
    add_holding(data, barcode="QN-1")
    with mock.patch.object(Holding, "validate_unique"):  # the check raced
        response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200
    assert "Mã vạch này đã thuộc một bản tài liệu khác" in body(response)
    assert Record.objects.get(pk=record.pk).title == "Lịch sử Quảng Ninh"  # all or nothing
    assert record.holdings.count() == 2

    data = form_of(admin_client, CREATE)
    data.update(control_number="ADM-2", title="Biểu ghi mới")
    add_holding(data, barcode="QN-1")
    with mock.patch.object(Holding, "validate_unique"):
        response = saved(admin_client, CREATE, data, django_capture_on_commit_callbacks)
    assert response.status_code == 200 and "Mã vạch này đã thuộc" in body(response)
    assert not Record.objects.filter(control_number="ADM-2").exists()


def test_a_record_built_with_its_holdings_saves_them(catalogue_index):
    """``Record(holdings=[…])`` (modelcluster's child relation) still works beside the
    constructor's shortcut for records built without them (the import's)."""
    record = Record(control_number="CL-1", title="Sách có bản", holdings=[
        Holding(barcode="CL-B1", branch="Thư viện tỉnh"), Holding(barcode="CL-B2")])
    assert [h.barcode for h in record.holdings.all()] == ["CL-B2", "CL-B1"]  # branch order
    record.save()
    assert sorted(Holding.objects.filter(record=record).values_list("barcode", flat=True)) == [
        "CL-B1", "CL-B2"]
    assert map_record(marc_of(record.marcxml)).fields["title"] == "Sách có bản"


def test_copies_edited_in_the_admin_are_written_back_as_952(
    admin_client, client, imported, django_capture_on_commit_callbacks
):
    marc = marc_of(imported.marcxml)  # a 952 subfield we do not manage ($y item type) stays
    marc["952"].add_subfield("y", "SACH")
    Record.objects.filter(pk=imported.pk).update(marcxml=record_xml(marc))
    url = f"{LIST}edit/{imported.pk}/"
    data = form_of(admin_client, url)
    data[f"holdings-{row_of(data, 'QN-1')}-status"] = "lost"
    add_holding(data, barcode="QN-2", branch="Chi nhánh Hạ Long", location="Kho mở",
                status="on_loan", due_date="2026-12-20")
    add_holding(data, barcode="QN-3", branch="Thư viện tỉnh", status="damaged")
    response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, body(response)

    marc = marc_of(body(client.get(f"/opac/record/{imported.pk}/marcxml/")))
    items = {f["p"]: f for f in marc.get_fields("952")}
    assert str(items["QN-1"]) == "=952  \\\\$aThư viện tỉnh$bThư viện tỉnh$pQN-1$11$ySACH"
    assert (items["QN-2"]["c"], items["QN-2"]["q"]) == ("Kho mở", "2026-12-20")
    assert items["QN-3"]["4"] == "1"
    record = Record.objects.get(pk=imported.pk)
    as_stored = sorted(Holding.objects.filter(record=record).values(
        "barcode", "branch", "location", "call_number", "status", "due_date"),
        key=lambda h: h["barcode"])
    assert sorted(map_record(marc_of(record.marcxml)).holdings,
                  key=lambda h: h["barcode"]) == as_stored

    # the copy's own page: back on the shelf, then deleted
    copy = Holding.objects.get(barcode="QN-2")
    copy_url = f"/admin/library/holding/edit/{copy.pk}/"
    data = form_of(admin_client, copy_url) | {"status": "available", "due_date": ""}
    assert saved(admin_client, copy_url, data, django_capture_on_commit_callbacks
                 ).status_code == 302
    items = {f["p"]: f for f in marc_of(Record.objects.get(pk=record.pk).marcxml).get_fields(
        "952")}
    assert items["QN-2"].get_subfields("q") == []
    admin_client.post(f"/admin/library/holding/delete/{copy.pk}/")
    marc = marc_of(Record.objects.get(pk=record.pk).marcxml)
    assert sorted(f["p"] for f in marc.get_fields("952")) == ["QN-1", "QN-3"]


def test_a_copy_on_loan_needs_a_due_date(admin_client, imported):
    url = f"{LIST}edit/{imported.pk}/"
    data = form_of(admin_client, url)
    data[f"holdings-{row_of(data, 'QN-1')}-status"] = "on_loan"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Bản đang cho mượn cần có hạn trả." in body(response)
    assert Holding.objects.get(barcode="QN-1").status == "available"
