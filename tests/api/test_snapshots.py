"""Snapshots of every endpoint's JSON on the demo content (``load_demo``).

Values that change from run to run (ids, dates and times, block ids, media file names, the
current book and opening state are pinned by query parameters) are normalised before comparing
with ``tests/api/snapshots/<name>.json``. A missing snapshot fails the test; after a
deliberate change of the API, or for a new endpoint, write the files and review their diff:

    UPDATE_SNAPSHOTS=1 make test PYTEST_ARGS="tests/api/test_snapshots.py"
"""

import json
import os
import re
from pathlib import Path

import pytest
from wagtail.models import Page

SNAPSHOTS = Path(__file__).parent / "snapshots"
AT = "2026-11-24T09:00:00%2B07:00"  # a Tuesday morning, open

ENDPOINTS = {
    "v2_pages": "/api/v2/pages/?limit=50",
    "v2_news": "/api/v2/pages/?type=articles.ArticlePage&fields=*&order=-publish_date",
    "v2_news_category": "/api/v2/pages/?type=articles.ArticlePage&category=chuyen-doi-so",
    "v2_article": "/api/v2/pages/{ngay-hoi-doc-sach-mua-thu}/",
    "v2_article_video": "/api/v2/pages/{lop-huong-dan-tra-cuu-truc-tuyen}/",
    "v2_article_table": "/api/v2/pages/{so-hoa-tai-lieu-dia-chi}/",
    "v2_book": "/api/v2/pages/{sach-1}/",
    "v2_video": "/api/v2/pages/{gioi-thieu-thu-vien}/",
    "v2_map": "/api/v2/pages/{ban-do-hanh-chinh}/",
    "v2_home": "/api/v2/pages/{home}/",
    "v2_images": "/api/v2/images/?fields=*&limit=50",
    "v2_documents": "/api/v2/documents/",
    "v3_pages": "/api/v3/pages/?limit=50",
    "v3_article": "/api/v3/pages/{ngay-hoi-doc-sach-mua-thu}/",
    "v3_book": "/api/v3/pages/{sach-1}/",
    "v3_video": "/api/v3/pages/{gioi-thieu-thu-vien}/",
    "v3_map": "/api/v3/pages/{ban-do-hanh-chinh}/",
    "v3_hours": f"/api/v3/hours/?at={AT}",
    "v3_book_of_the_day": "/api/v3/books/today/",
    "v3_links": "/api/v3/links/",
    "v3_support_contacts": "/api/v3/support-contacts/",
}

PATTERNS = [
    (re.compile(r'"(id|pk|page|image|[a-z_]+_id)": \d+'), r'"\1": 0'),
    (re.compile(r"/(pages|images|documents|record)/\d+/"), r"/\1/0/"),
    (re.compile(r"\d{4}-\d\d-\d\d(T[0-9:.]+(Z|[+-]\d\d:\d\d)?)?"), "<date>"),
    (re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"), "<uuid>"),
    (re.compile(r"(/media/[a-z_]+/)[^\"]+?(\.[a-z0-9x-]+)?\.(png|jpg)"), r"\1<file>\2.\3"),
]


def normalised(data):
    text = json.dumps(data, ensure_ascii=False, indent=1, sort_keys=True)
    for pattern, replacement in PATTERNS:
        text = pattern.sub(replacement, text)
    return text + "\n"


def resolve(url):
    """``{slug}`` in a URL becomes the id of the page with that slug."""
    return re.sub(
        r"\{([a-z0-9-]+)\}", lambda match: str(Page.objects.get(slug=match[1]).pk), url
    )


@pytest.mark.parametrize("name", ENDPOINTS)
def test_endpoint_json_matches_its_snapshot(client, demo, name):
    response = client.get(resolve(ENDPOINTS[name]))
    assert response.status_code == 200, response.content
    actual = normalised(response.json())
    path = SNAPSHOTS / f"{name}.json"
    if os.environ.get("UPDATE_SNAPSHOTS") == "1":
        path.write_text(actual, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}: write it with UPDATE_SNAPSHOTS=1"
    assert actual == path.read_text(encoding="utf-8")


def test_every_endpoint_has_its_snapshot_and_every_snapshot_its_endpoint():
    assert {path.stem for path in SNAPSHOTS.glob("*.json")} == set(ENDPOINTS)
