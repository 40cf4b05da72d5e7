"""Citation and discovery metadata of record pages, read as their clients read them: the
schema.org JSON-LD parsed out of the served page with extruct, unAPI followed from the page's
link and id (as Zotero does), the COinS span's OpenURL."""

import xml.etree.ElementTree as ET
from urllib.parse import parse_qs

import extruct
import lxml.html
import pytest

from catalogue.models import Holding, Record
from catalogue.tests.catalogue import load_catalogue

pytestmark = pytest.mark.django_db
BASE = "http://testserver"


@pytest.fixture
def catalogue(catalogue_index):
    load_catalogue(catalogue_index)
    return {r.control_number: r for r in Record.objects.all()}


def page(client, record):
    response = client.get(record.get_absolute_url())
    assert response.status_code == 200
    return response.content.decode()


def json_ld(client, record):
    found = extruct.extract(page(client, record), base_url=BASE, syntaxes=["json-ld"])["json-ld"]
    assert len(found) == 1
    return found[0]


def test_json_ld_describes_the_book_and_its_copies_per_branch(client, catalogue):
    record = catalogue["T3"]
    data = json_ld(client, record)
    url = f"{BASE}/opac/record/{record.pk}/"
    assert {k: data[k] for k in ("@context", "@type", "@id", "url", "name", "datePublished",
                                 "inLanguage")} == {
        "@context": "https://schema.org", "@type": "Book", "@id": url, "url": url,
        "name": "Lịch sử Quảng Ninh", "datePublished": "1998", "inLanguage": "vi"}
    assert data["author"] == [{"@type": "Person", "name": "Trần Thị Hoa"}]
    assert data["publisher"] == {"@type": "Organization", "name": "Nxb. Quảng Ninh"}
    assert [s["name"] for s in data["about"]] == ["Lịch sử", "Quảng Ninh"]
    assert sorted((o["availableAtOrFrom"]["name"], o["availability"]) for o in data["offers"]) == [
        ("Chi nhánh Cẩm Phả", "https://schema.org/InStock"),
        ("Thư viện tỉnh", "https://schema.org/InStock")]
    assert json_ld(client, catalogue["T1"])["isbn"] == ["9786040000101"]


def test_offers_follow_the_copies_status(client, catalogue):
    on_loan = json_ld(client, catalogue["T2"])["offers"]
    assert on_loan == [{
        "@type": "Offer", "businessFunction": "http://purl.org/goodrelations/v1#LeaseOut",
        "availableAtOrFrom": {"@type": "Library", "name": "Chi nhánh Hạ Long"},
        "availability": "https://schema.org/OutOfStock", "availabilityStarts": "2026-12-15"}]
    assert json_ld(client, catalogue["T4"])["offers"][0]["availability"] == (
        "https://schema.org/InStoreOnly")  # reference copy: read in the library
    assert json_ld(client, catalogue["T6"])["offers"][0]["availability"] == (
        "https://schema.org/OutOfStock")  # lost
    Holding.objects.create(record=catalogue["T2"], barcode="B9", branch="Chi nhánh Hạ Long",
                           status="available")
    assert json_ld(client, catalogue["T2"])["offers"][0]["availability"] == (
        "https://schema.org/InStock")
    video = json_ld(client, catalogue["T7"])  # a video without copies
    assert video["@type"] == "CreativeWork" and "offers" not in video and "isbn" not in video


def test_json_ld_cover_image_and_hostile_text(client, catalogue):
    record = catalogue["T5"]
    record.cover_url = "https://covers.example.org/t5.jpg"
    record.title = 'A history </script><script>alert("x")</script> & more'
    record.save()
    html = page(client, record)
    assert "</script><script>alert(" not in html  # the title cannot end the JSON-LD early
    data = json_ld(client, record)
    assert data["name"] == record.title and data["inLanguage"] == "en"
    assert data["image"] == "https://covers.example.org/t5.jpg"


def test_unapi_followed_from_the_page_as_zotero_does(client, catalogue):
    record = catalogue["T1"]
    tree = lxml.html.fromstring(page(client, record))
    server = tree.xpath('//link[@rel="unapi-server"]/@href')
    ids = tree.xpath('//abbr[@class="unapi-id"]/@title')
    assert (server, ids) == (["/unapi"], [f"record:{record.pk}"])
    formats = client.get(server[0], {"id": ids[0]})
    assert formats.status_code == 300
    listed = ET.fromstring(formats.content)
    assert listed.get("id") == ids[0]
    assert {f.get("name"): f.get("type") for f in listed} == {
        "marcxml": "application/marcxml+xml", "oai_dc": "application/xml",
        "ris": "application/x-research-info-systems", "bibtex": "application/x-bibtex"}

    ris = client.get(server[0], {"id": ids[0], "format": "ris"})
    assert ris["Content-Type"].startswith("application/x-research-info-systems")
    assert "TI  - Sách giáo khoa Toán 6\r\n" in ris.content.decode()
    assert "SN  - 9786040000101" in ris.content.decode()
    bib = client.get(server[0], {"id": ids[0], "format": "bibtex"}).content.decode()
    assert bib.startswith("@book{T1,") and "author = {Nguyễn Văn Minh}" in bib
    marc = ET.fromstring(client.get(server[0], {"id": ids[0], "format": "marcxml"}).content)
    ns = {"m": "http://www.loc.gov/MARC21/slim"}
    assert marc.findtext("m:record/m:controlfield[@tag='001']", namespaces=ns) == "T1"
    dc = ET.fromstring(client.get(server[0], {"id": ids[0], "format": "oai_dc"}).content)
    assert dc.tag == "{http://www.openarchives.org/OAI/2.0/oai_dc/}dc"
    assert dc.findtext("{http://purl.org/dc/elements/1.1/}title") == "Sách giáo khoa Toán 6"


def test_unapi_errors(client, catalogue):
    formats = client.get("/unapi")
    assert formats.status_code == 200 and ET.fromstring(formats.content).get("id") is None
    pk = catalogue["T1"].pk
    assert client.get("/unapi", {"id": f"record:{pk}", "format": "mods"}).status_code == 406
    assert client.get("/unapi", {"id": "record:999999", "format": "ris"}).status_code == 404
    assert client.get("/unapi", {"id": "'; DROP TABLE x", "format": "ris"}).status_code == 404
    assert client.get("/unapi", {"id": f"record:{'9' * 40}"}).status_code == 404
    assert client.get("/unapi", {"format": "ris"}).status_code == 400
    assert client.post("/unapi", {"id": f"record:{pk}"}).status_code == 405


def test_coins_span_is_an_openurl_of_the_book(client, catalogue):
    record = catalogue["T1"]
    tree = lxml.html.fromstring(page(client, record))
    (title,) = tree.xpath('//span[@class="Z3988"]/@title')
    kev = parse_qs(title)
    assert kev["ctx_ver"] == ["Z39.88-2004"]
    assert kev["rft_val_fmt"] == ["info:ofi/fmt:kev:mtx:book"]
    assert kev["rft.btitle"] == ["Sách giáo khoa Toán 6"]
    assert kev["rft.au"] == ["Nguyễn Văn Minh"]
    assert (kev["rft.isbn"], kev["rft.date"]) == (["9786040000101"], ["2021"])
    assert kev["rft.pub"] == ["Nxb. Giáo dục Việt Nam"]
    assert f"{BASE}/opac/record/{record.pk}/" in kev["rft_id"]
