"""The OPAC pages, record page, exports and the JSON API through Django's test client."""

import xml.etree.ElementTree as ET

import pytest

from catalogue.models import Record
from catalogue.tests.catalogue import load_catalogue

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(catalogue_index):
    load_catalogue(catalogue_index)
    return {r.control_number: r for r in Record.objects.all()}


def test_search_page_lists_results_with_facets_and_highlight(client, catalogue):
    response = client.get("/opac/", {"q": "sach"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Tìm thấy 4 biểu ghi" in html
    assert "<mark>Sách</mark> giáo khoa Toán 6" in html
    assert ">Sẵn sàng<" in html and "Thư viện tỉnh" in html
    assert f'href="/opac/record/{catalogue["T1"].pk}/?back=q%3Dsach"' in html


def test_facet_link_narrows_and_pagination_keeps_the_query(client, catalogue):
    response = client.get("/opac/", {"q": "sach", "language": "vie", "page_size": "2"})
    html = response.content.decode()
    assert "Trang 1/2" in html
    assert "language=vie" in html and "page=2" in html
    narrowed = client.get("/opac/", {"q": "sach", "type": "video"}).content.decode()
    assert "Tìm thấy 1 biểu ghi" in narrowed


def test_did_you_mean_link(client, catalogue):
    html = client.get("/opac/", {"q": "quang nimh"}).content.decode()
    assert "Có phải bạn muốn tìm:" in html
    assert '<a href="?q=qu%E1%BA%A3ng%20ninh">quảng ninh</a>' in html


FACETS = {"language", "type", "branch", "decade", "available"}


def engine_answered(response):
    """The engine answered the OPAC page: no fallback, its facets, no maintenance notice."""
    assert response.status_code == 200
    result = response.context["result"]
    assert result.fallback is False
    assert set(result.facets) == FACETS  # the database fallback counts no facets
    assert "Máy tìm kiếm đang bảo trì" not in response.content.decode()


@pytest.mark.parametrize("query", ['"sach', "*:*", "x" * 10_000, "a:b^2~"])
def test_hostile_queries_never_500(client, catalogue, query):
    response = client.get("/opac/", {"q": query})
    assert response.status_code == 200
    engine_answered(response)


def test_control_characters_alone_are_no_query(client, catalogue):
    response = client.get("/opac/", {"q": "\x00\x01"})
    assert response.status_code == 200
    assert not response.context["params"].has_criteria  # nothing is searched at all
    assert response.context["result"].total == 0 and not response.context["result"].fallback


@pytest.mark.parametrize("params", [
    {"title": '"', "author": "*:*", "subject": "x" * 10_000, "isbn": "\x00", "publisher": "(("},
    {"language": ["x" * 10_000, "vie", ""], "type": "\x1b", "branch": "*"},
    {"q": "sach", "year_from": "2030", "year_to": "1990", "available": "maybe"},
    {"call_number": "[1 TO 5]", "q": "-"},
])
def test_hostile_fielded_and_limit_parameters_never_500(client, catalogue, params):
    response = client.get("/opac/", params)
    assert response.status_code == 200
    engine_answered(response)
    response = client.get("/api/v3/opac/search", params)
    assert response.status_code == 200
    assert response.json()["fallback"] is False and set(response.json()["facets"]) == FACETS


def test_page_past_the_window_is_a_400_with_a_message(client, catalogue):
    response = client.get("/opac/", {"q": "sach", "page": "999999"})
    assert response.status_code == 400
    assert "10000 kết quả đầu tiên" in response.content.decode()


def test_record_page_shows_fields_holdings_and_more_by_author(client, catalogue):
    record = catalogue["T2"]
    html = client.get(f"/opac/record/{record.pk}/").content.decode()
    assert "Nước sạch cho nông thôn" in html and "Trần Thị Hoa" in html
    assert "Đang cho mượn" in html and "hạn trả 15/12/2026" in html
    assert "Cùng tác giả Trần Thị Hoa" in html and "Lịch sử Quảng Ninh" in html
    assert client.get("/opac/record/999999/").status_code == 404


def test_exports(client, catalogue):
    record = catalogue["T1"]
    xml = client.get(f"/opac/record/{record.pk}/marcxml/")
    assert xml["Content-Type"].startswith("application/marcxml+xml")
    root = ET.fromstring(b"".join(xml.streaming_content))
    ns = {"m": "http://www.loc.gov/MARC21/slim"}
    assert root.find("m:record/m:controlfield[@tag='001']", ns).text == "T1"
    ris = client.get(f"/opac/record/{record.pk}/ris/").content.decode()
    assert ris.startswith("TY  - BOOK\r\nTI  - Sách giáo khoa Toán 6\r\n")
    assert "AU  - Nguyễn Văn Minh" in ris and ris.endswith("ER  - \r\n")
    bib = client.get(f"/opac/record/{record.pk}/bibtex/").content.decode()
    assert bib.startswith("@book{T1,") and "author = {Nguyễn Văn Minh}" in bib
    assert "year = {2021}" in bib


def test_api_search_shape(client, catalogue):
    response = client.get("/api/v3/opac/search", {"q": "sach", "sort": "year_desc"})
    assert response.status_code == 200
    data = response.json()
    assert data["total"] == 4 and data["page"] == 1 and data["fallback"] is False
    first = data["results"][0]
    assert set(first) >= {"id", "title", "authors", "year", "isbns", "available", "highlight"}
    assert first["title"] == "Sách giáo khoa Toán 6" and first["year"] == 2021
    assert first["isbns"] == ["9786040000101"] and first["available"] is True
    assert {"value": "vie", "count": 4} in data["facets"]["language"]


def test_api_errors_are_400_json(client, catalogue):
    for params in ({"page": "abc"}, {"sort": "x"}, {"page": "5000"}):
        response = client.get("/api/v3/opac/search", {"q": "sach", **params})
        assert response.status_code == 400 and response.json()["message"]
    assert client.get("/api/v3/opac/search", {"q": "*:*"}).status_code == 200
    assert client.get("/api/v3/opac/records/999999").status_code == 404


def test_api_record_and_autocomplete(client, catalogue):
    record = catalogue["T3"]
    data = client.get(f"/api/v3/opac/records/{record.pk}").json()
    assert data["control_number"] == "T3" and data["year"] == 1998
    assert [h["status"] for h in data["holdings"]] == ["available", "available"]
    assert data["url"].endswith(f"/opac/record/{record.pk}/")
    answer = client.get("/api/v3/opac/autocomplete", {"q": "lich s"}).json()
    titles = answer["results"]
    assert [t["title"] for t in titles] == ["Lịch sử Quảng Ninh"]
    assert answer["fallback"] is False


def test_api_is_in_the_openapi_document(client, db):
    document = client.get("/api/v3/openapi.json").json()
    paths = document["paths"]
    assert {"/api/v3/opac/search", "/api/v3/opac/records/{record_id}",
            "/api/v3/opac/autocomplete"} <= set(paths)
    answer = paths["/api/v3/opac/autocomplete"]["get"]["responses"]["200"]
    schema_name = answer["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[-1]
    schema = document["components"]["schemas"][schema_name]
    assert schema["properties"]["fallback"] == {"title": "Fallback", "type": "boolean"}
    assert set(schema["required"]) == {"results", "fallback"}
