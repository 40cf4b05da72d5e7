"""MARC 856: the cover image and the other links, on the record page and in the API."""

import importlib
import io

import pytest
from django.db import connection
from django.db.migrations.loader import MigrationLoader
from pymarc import Field, Subfield

from base.testing import make_image
from catalogue.importing.files import import_files
from catalogue.marc.mapping import map_record
from catalogue.models import Record
from catalogue.tests.marc_samples import iso2709, marc_record

pytestmark = pytest.mark.django_db
HOSTILE = "javascript:alert(1)"


def link(url, **labels):
    """An 856 40 with ``$u url`` and labels such as ``y="Toàn văn"`` or ``_3="Ảnh bìa"``."""
    subfields = [Subfield(code.lstrip("_"), text) for code, text in labels.items()]
    return Field(tag="856", indicators=["4", "0"], subfields=[*subfields, Subfield("u", url)])


def with_links(control, *fields):
    record = marc_record(control, f"Sách {control}", author="Nguyễn Văn Ánh")
    for marc_field in fields:
        record.add_field(marc_field)
    return record


def imported(*records):
    summary = import_files([("links.mrc", io.BytesIO(iso2709(*records)))])
    assert not summary.rejected, summary.rejected
    return {r.control_number: r for r in Record.objects.all()}


@pytest.mark.parametrize(("fields", "cover"), [
    ([link("https://thuvien.vn/bia/123", _3="Ảnh bìa")], "https://thuvien.vn/bia/123"),
    ([link("https://img.vn/x", y="Cover image")], "https://img.vn/x"),
    ([link("http://img.vn/a/b.JPG?w=200")], "http://img.vn/a/b.JPG?w=200"),
    ([link("https://img.vn/b.webp", z="Xem ảnh")], "https://img.vn/b.webp"),
    ([link("https://thuvien.vn/toan-van.pdf", y="Toàn văn")], ""),
    ([link(HOSTILE, _3="Ảnh bìa"), link("javascript:x//a.jpg")], ""),
    ([link("ftp://img.vn/a.jpg"), link("data:image/png;base64,AAAA")], ""),
    ([link(" https://img.vn/1.png "), link("https://img.vn/2.png")], "https://img.vn/1.png"),
])
def test_856_cover_is_mapped_http_only(fields, cover):
    assert map_record(with_links("L1", *fields)).fields["cover_url"] == cover


def test_856_other_links_keep_their_label_and_only_http():
    mapped = map_record(with_links(
        "L1", link("https://thuvien.vn/bia.jpg"),
        link("https://thuvien.vn/toan-van.pdf", y="Toàn văn"),
        link("http://thuvien.vn/muc-luc", _3="Mục lục"),
        link("https://thuvien.vn/khac"), link(HOSTILE, y="Nhấn vào đây"),
        link("https://thuvien.vn/toan-van.pdf", y="Lặp lại"),
    )).fields
    assert mapped["cover_url"] == "https://thuvien.vn/bia.jpg"
    assert mapped["links"] == [
        {"url": "https://thuvien.vn/toan-van.pdf", "label": "Toàn văn"},
        {"url": "http://thuvien.vn/muc-luc", "label": "Mục lục"},
        {"url": "https://thuvien.vn/khac", "label": ""},
    ]


def test_record_page_and_api_show_the_856_cover_and_links(client, catalogue_index):
    records = imported(with_links(
        "L1", link("https://thuvien.vn/anh/bia-l1", _3="Ảnh bìa"),
        link("https://thuvien.vn/toan-van.pdf", y="Toàn văn"),
        link(HOSTILE, y="Nhấn vào đây")))
    record = records["L1"]
    assert record.cover_url == "https://thuvien.vn/anh/bia-l1"
    html = client.get(f"/opac/record/{record.pk}/").content.decode()
    assert '<img src="https://thuvien.vn/anh/bia-l1" class="opac-record__cover"' in html
    assert "Liên kết" in html
    assert '<a href="https://thuvien.vn/toan-van.pdf" rel="nofollow noopener">Toàn văn</a>' in html
    # only the MARC view shows the hostile 856, as escaped text
    assert 'href="javascript' not in html.lower() and "Nhấn vào đây</a>" not in html
    assert html.lower().count("javascript:") == 1
    assert "$ujavascript:alert(1)" in html.split("<pre>")[1].split("</pre>")[0]
    data = client.get(f"/api/v3/opac/records/{record.pk}").json()
    assert data["cover_url"] == "https://thuvien.vn/anh/bia-l1"
    assert data["links"] == [{"url": "https://thuvien.vn/toan-van.pdf", "label": "Toàn văn"}]


def test_a_hostile_url_saved_by_hand_never_reaches_the_page(client, catalogue_index):
    record = imported(with_links("L1"))["L1"]
    Record.objects.filter(pk=record.pk).update(
        cover_url=HOSTILE, links=[{"url": HOSTILE, "label": "x"}, "not a link"])
    html = client.get(f"/opac/record/{record.pk}/").content.decode()
    assert "javascript" not in html.lower() and "Liên kết" not in html
    data = client.get(f"/api/v3/opac/records/{record.pk}").json()
    assert (data["cover_url"], data["links"]) == ("", [])


def test_uploaded_cover_wins_over_the_856_one(client, catalogue_index):
    record = imported(with_links("L1", link("https://thuvien.vn/bia.png")))["L1"]
    record.cover = make_image("Bìa tải lên")
    record.save()
    html = client.get(f"/opac/record/{record.pk}/").content.decode()
    rendition = record.cover.get_rendition("max-240x340").url
    assert rendition in html and 'src="https://thuvien.vn/bia.png"' not in html
    data = client.get(f"/api/v3/opac/records/{record.pk}").json()
    assert data["cover_url"] == f"http://testserver{rendition}"


def test_reimport_without_the_856_clears_it(catalogue_index):
    imported(with_links("L1", link("https://thuvien.vn/bia.png"),
                        link("https://thuvien.vn/a.pdf", y="A")))
    record = imported(with_links("L1"))["L1"]
    assert (record.cover_url, record.links) == ("", [])


def test_csv_cover_url_column(catalogue_index):
    text = ("control_number,title,cover_url\n"
            "C1,Có ảnh bìa,https://thuvien.vn/anh/c1\n"
            "C2,Ảnh bìa độc,javascript:alert(1)\n"
            "C3,Không ảnh bìa,\n")
    summary = import_files([("books.csv", io.BytesIO(text.encode()))])
    assert [(r.position, r.reason) for r in summary.rejected] == [
        ("books.csv, dòng 3", "cover_url không phải địa chỉ http hoặc https: javascript:alert(1)")]
    covers = dict(Record.objects.values_list("control_number", "cover_url"))
    assert covers == {"C1": "https://thuvien.vn/anh/c1", "C3": ""}
    assert 'tag="856" ind1="4" ind2="2"' in Record.objects.get(control_number="C1").marcxml


def test_migration_fills_records_imported_before_856_was_mapped(catalogue_index):
    record = imported(with_links("L1", link("https://thuvien.vn/bia.gif"),
                                 link("https://thuvien.vn/a.pdf", y="A")), with_links("L2"))["L1"]
    Record.objects.update(cover_url="", links=[])
    name = ("library", "0003_import_jobs_and_web_links")
    migration = importlib.import_module("library.migrations." + name[1])
    state = MigrationLoader(connection).project_state(name)  # Record was library's then
    migration.web_links_from_stored_marc(state.apps, None)
    record.refresh_from_db()
    assert record.cover_url == "https://thuvien.vn/bia.gif"
    assert record.links == [{"url": "https://thuvien.vn/a.pdf", "label": "A"}]
    assert Record.objects.get(control_number="L2").cover_url == ""


def test_result_lists_show_the_cover(client, catalogue_index, django_capture_on_commit_callbacks):
    records = imported(with_links("L1", link("https://thuvien.vn/bia-l1.jpg")),
                       with_links("L2"))
    catalogue_index()
    html = client.get("/opac/", {"q": "L1 OR L2"}).content.decode()
    assert html.count('class="opac-hit__cover"') == 1
    assert '<img src="https://thuvien.vn/bia-l1.jpg" class="opac-hit__cover"' in html
    data = client.get("/api/v3/opac/search", {"q": "L1 OR L2"}).json()
    assert {r["id"]: r["cover_url"] for r in data["results"]} == {
        records["L1"].pk: "https://thuvien.vn/bia-l1.jpg", records["L2"].pk: ""}
    with django_capture_on_commit_callbacks(execute=True):  # an uploaded cover wins, once saved
        records["L2"].cover = make_image("Bìa L2")
        records["L2"].save()
    catalogue_index()
    thumbnail = records["L2"].cover.get_rendition("max-120x170").url
    data = client.get("/api/v3/opac/search", {"q": "L2"}).json()
    assert data["results"][0]["cover_url"] == f"http://testserver{thumbnail}"
    assert f'<img src="{thumbnail}"' in client.get("/opac/", {"q": "L2"}).content.decode()
