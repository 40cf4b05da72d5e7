"""A fresh database and an empty engine, put into production by ``scripts/serve.sh``: every
index is created with our mapping before the site serves, and site search finds the demo
content (the engine would otherwise have created the page index itself, with a generic mapping
in which nothing is found)."""

import json
from urllib.parse import quote

from bench.fault_harness import get

TITLE = "Ngày hội đọc sách mùa thu thu hút đông đảo học sinh"


def test_serve_creates_every_index_and_site_search_finds_the_demo_content(faults):
    site, engine = faults.site, faults.engine
    status, _headers, body = get(site.base + "/search/?q=" + quote("ngay hoi doc sach"))
    results = body.decode().split("<main")[1].split("</main>")[0]  # not the news widget
    assert status == 200 and TITLE in results
    assert "Máy tìm kiếm đang bảo trì" not in results  # the engine answered, not the fallback

    status, headers, body = get(site.base + "/api/v2/pages/?search=" + quote("hội đọc sách"))
    assert status == 200 and "Search-Fallback" not in headers
    assert TITLE in [item["title"] for item in json.loads(body)["items"]]

    indexes = engine.indexes()
    assert {name.rsplit("_", 1)[0] for name in indexes} == {
        "faults_wagtailcore_page", "faults_wagtailimages_image", "faults_wagtaildocs_document",
        "faults_catalogue"}
    for name, index in indexes.items():  # nothing the engine made up by itself
        meta = index["mappings"].get("_meta", {})
        assert meta.get("library_cms_schema") or meta.get("schema_version"), name

    health = json.loads(get(site.base + "/healthz")[2])
    assert health == {"database": "ok", "search": "ok", "indexes": {
        "wagtailcore_page": "ok", "wagtaildocs_document": "ok", "wagtailimages_image": "ok",
        "catalogue": "ok"}, "cluster": {"status": "green", "nodes": 1, "expected_nodes": 1}}
