"""Editing the catalogue in the admin: the MARC follows the form, holdings are edited inline and
the catalogue index follows both. Through the admin's views, PostgreSQL and the real engine."""

import io
import unicodedata
from html.parser import HTMLParser
from unittest import mock

import pytest
from django.contrib.auth.models import Group
from pymarc import Field, Subfield, parse_xml_to_array

from catalogue import index
from catalogue.importing.files import import_files
from catalogue.marc.mapping import map_record
from catalogue.marc.marcxml import record_xml
from catalogue.marc.writer import MAPPED_FIELDS
from catalogue.models import Holding, Record
from catalogue.opac.params import parse_params
from catalogue.opac.search import search
from catalogue.tests.catalogue import load_catalogue
from catalogue.tests.marc_samples import iso2709, marc_record

pytestmark = pytest.mark.django_db
LIST = "/admin/library/record/"
CREATE = f"{LIST}create/"


class PostForm(HTMLParser):
    """The fields of a page's POST form, as a browser sends them (the inline panel's empty-form
    template left out)."""

    def __init__(self, html):
        super().__init__(convert_charrefs=True)
        self.data, self.inside, self.textarea = {}, False, None
        self.select, self.first_option = None, None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = (attrs.get("method") or "").lower() == "post"
        name = attrs.get("name") or ""
        if not self.inside or "__prefix__" in name:
            return
        if tag == "input" and name and attrs.get("type") not in ("submit", "button", "file"):
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.data[name] = attrs.get("value") or ""
        elif tag == "textarea" and name:
            self.textarea, self.data[name] = name, ""
        elif tag == "select" and name:
            self.select, self.first_option = name, None
        elif tag == "option" and self.select:
            if self.first_option is None:
                self.first_option = attrs.get("value", "")
            if "selected" in attrs:
                self.data[self.select] = attrs.get("value", "")

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "textarea":
            self.textarea = None
        elif tag == "select" and self.select:
            self.data.setdefault(self.select, self.first_option or "")
            self.select = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea] += data.removeprefix("\n") if not self.data[
                self.textarea] else data


def form_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return PostForm(response.content.decode()).data


def body(response):
    if response.streaming:
        return b"".join(response.streaming_content).decode()
    return response.content.decode()


def add_holding(data, **holding):
    """Add a row to the inline holdings, as the panel's "add" button does."""
    index = int(data["holdings-TOTAL_FORMS"])
    data["holdings-TOTAL_FORMS"] = str(index + 1)
    row = {"id": "", "DELETE": "", "barcode": "", "branch": "", "location": "",
           "call_number": "", "status": "available", "due_date": ""} | holding
    data.update({f"holdings-{index}-{name}": value for name, value in row.items()})


def row_of(data, barcode):
    return next(key.split("-")[1] for key, value in data.items()
                if key.endswith("-barcode") and value == barcode)


def saved(client, url, data, capture):
    """POST the form and run what waits for the commit (the index update)."""
    with capture(execute=True):
        response = client.post(url, data)
    return response


def marc_of(xml):
    records = parse_xml_to_array(io.BytesIO(xml.encode()))
    assert len(records) == 1
    return records[0]


def found(refresh, **query):
    refresh()
    result = search(parse_params(query))
    assert not result.fallback
    return {hit.title for hit in result.hits}


@pytest.fixture
def imported(catalogue_index):
    """The test catalogue and a record with what libraries' MARC carries beyond our fields."""
    record = marc_record("QN100", "Địa chí Quảng Ninh", author="Trần Thị Hoa", year="1998",
                         subjects=["Lịch sử"], publisher="Nxb. Quảng Ninh",
                         holdings=[("QN-1", "Thư viện tỉnh", "available")])
    record.add_ordered_field(
        Field(tag="003", data="VN-QNL"),
        Field(tag="856", indicators=["4", "0"], subfields=[
            Subfield("u", "https://thuvien.quangninh.gov.vn/qn100.pdf"),
            Subfield("y", "Toàn văn")]),
        Field(tag="900", indicators=[" ", " "], subfields=[Subfield("a", "Kho địa chí")]),
    )
    import_files([("qn.mrc", io.BytesIO(iso2709(record)))])
    load_catalogue(catalogue_index)
    return Record.objects.get(control_number="QN100")


@pytest.fixture
def editor(client, django_user_model):
    """A cataloguer of the "Editors" group, logged in."""
    user = django_user_model.objects.create_user("bientap", "bientap@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


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
