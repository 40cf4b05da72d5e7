"""Editing a record in the admin rewrites its MARC from the form (and only what changed); the
import never does. Through the admin's views, PostgreSQL and the real engine."""

import unicodedata
from unittest import mock

import pytest

from catalogue.marc.mapping import map_record
from catalogue.marc.writer import MAPPED_FIELDS
from catalogue.models import Record
from catalogue.tests.admin_forms import LIST, body, form_of, found, marc_of, saved
from catalogue.tests.catalogue import load_catalogue

pytestmark = pytest.mark.django_db


def test_editing_a_record_rewrites_its_marc_and_keeps_the_rest(
    admin_client, client, imported, catalogue_index, django_capture_on_commit_callbacks
):
    url = f"{LIST}edit/{imported.pk}/"
    data = form_of(admin_client, url)
    assert data["main_author"] == "Trần Thị Hoa | tác giả" and data["subjects"] == "Lịch sử"
    data.update(
        title=unicodedata.normalize("NFD", "Lịch sử vùng mỏ Quảng Ninh"),
        main_author="Nguyễn Văn Minh | chủ biên",
        added_authors="Trần Thị Hoa | tác giả\nĐỗ Quang Vinh | minh hoạ",
        subjects="Công nghiệp than -- Lịch sử\nQuảng Ninh",
        isbns="978-604-1-00001-1\n0-14-000000-2",
    )
    response = saved(admin_client, url, data, django_capture_on_commit_callbacks)
    assert response.status_code == 302, body(response)

    record = Record.objects.get(pk=imported.pk)
    assert record.title == "Lịch sử vùng mỏ Quảng Ninh"  # NFC, as an import stores it
    assert record.authors == [
        {"name": "Nguyễn Văn Minh", "role": "chủ biên", "main": True},
        {"name": "Trần Thị Hoa", "role": "tác giả", "main": False},
        {"name": "Đỗ Quang Vinh", "role": "minh hoạ", "main": False},
    ]
    assert record.subjects == ["Công nghiệp than -- Lịch sử", "Quảng Ninh"]
    assert record.isbns == ["9786041000011", "0140000002"]
    fields = map_record(marc_of(record.marcxml)).fields
    assert {name: fields[name] for name in MAPPED_FIELDS} == {
        name: getattr(record, name) for name in MAPPED_FIELDS}

    # the record page's MARC view
    page = client.get(f"/opac/record/{record.pk}/").content.decode()
    assert "=245  10$aLịch sử vùng mỏ Quảng Ninh /$cTrần Thị Hoa" in page
    assert "=100  0\\$aNguyễn Văn Minh$echủ biên" in page
    assert "=650  \\4$aCông nghiệp than$xLịch sử" in page
    # the record's MARCXML export: new values, and the fields we do not map, untouched
    marc = marc_of(body(client.get(f"/opac/record/{record.pk}/marcxml/")))
    assert marc["245"]["a"] == "Lịch sử vùng mỏ Quảng Ninh /"
    assert [f.get_subfields("a", "e") for f in marc.get_fields("100", "700")] == [
        ["Nguyễn Văn Minh", "chủ biên"], ["Trần Thị Hoa", "tác giả"], ["Đỗ Quang Vinh", "minh hoạ"]]
    assert [f["a"] for f in marc.get_fields("650")] == ["Công nghiệp than", "Quảng Ninh"]
    assert [f["a"] for f in marc.get_fields("020")] == ["9786041000011", "0140000002"]
    assert marc["003"].data == "VN-QNL" and marc["001"].data == "QN100"
    assert str(marc["856"]) == (
        "=856  40$uhttps://thuvien.quangninh.gov.vn/qn100.pdf$yToàn văn")
    assert str(marc["952"]) == "=952  \\\\$aThư viện tỉnh$pQN-1"
    assert str(marc["900"]) == "=900  \\\\$aKho địa chí"
    assert marc["005"].data[:8] >= "2026" and marc["005"].data.endswith(".0")
    # the admin's export of the filtered list, and the inspect view
    export = body(admin_client.get(LIST, {"q": "vùng mỏ", "export": "marcxml"}))
    assert "Lịch sử vùng mỏ Quảng Ninh /" in export and "qn100.pdf" in export
    inspect = body(admin_client.get(f"{LIST}inspect/{record.pk}/")).replace("&#x27;", "'")
    assert "Nguyễn Văn Minh (chủ biên); Trần Thị Hoa (tác giả)" in inspect
    assert "=245  10$aLịch sử vùng mỏ Quảng Ninh /$cTrần Thị Hoa" in inspect
    assert "=856  40$uhttps://thuvien.quangninh.gov.vn/qn100.pdf" in inspect
    assert "QN-1 — Thư viện tỉnh — Sẵn sàng" in inspect
    # and the search engine has the new title
    assert found(catalogue_index, q="vung mo") == {"Lịch sử vùng mỏ Quảng Ninh"}


def test_saving_without_a_change_leaves_the_marc_alone(admin_client, imported):
    url = f"{LIST}edit/{imported.pk}/"
    response = admin_client.post(url, form_of(admin_client, url))
    assert response.status_code == 302
    assert Record.objects.get(pk=imported.pk).marcxml == imported.marcxml  # not even 005


def test_any_save_of_changed_fields_rewrites_the_marc(imported):
    imported.edition = "Tái bản lần 2"
    imported.save(update_fields=["edition"])
    imported.refresh_from_db()
    assert "<datafield tag=\"250\" ind1=\" \" ind2=\" \"><subfield code=\"a\">Tái bản lần 2" in (
        imported.marcxml)
    imported.cover = None
    before = imported.marcxml
    imported.save(update_fields=["cover"])
    assert Record.objects.get(pk=imported.pk).marcxml == before


def test_the_import_writes_the_source_marc_and_never_the_writer(tmp_path, catalogue_index):
    with mock.patch("catalogue.marc.writer.sync_marc", side_effect=AssertionError("called")):
        summary = load_catalogue(catalogue_index)
    assert summary.created == 8 and not summary.rejected
    record = Record.objects.get(control_number="T3")
    assert "<controlfield tag=\"005\">" not in record.marcxml  # as in the file: no 005


def test_what_the_marc_cannot_carry_is_refused(admin_client, imported):
    url = f"{LIST}edit/{imported.pk}/"
    data = form_of(admin_client, url)
    data.update(isbns="978-604-1-00001-1\nkhông rõ", language="tiếng Việt", year="12000",
                added_authors=" | dịch")
    html = body(admin_client.post(url, data))
    assert "“không rõ” không phải là ISBN." in html
    assert "Mã ngôn ngữ MARC gồm 3 chữ thường" in html
    assert "Thiếu tên tác giả ở dòng" in html
    assert "9999" in html
    assert Record.objects.get(pk=imported.pk).marcxml == imported.marcxml
