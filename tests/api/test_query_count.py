"""A list endpoint's SQL query count does not grow with the page size (no N+1)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleCategory, ArticlePage, NewsIndexPage
from base.demo_tools import store_embed
from base.testing import make_image
from library.models import VideoIndexPage, VideoPage

NEWS = "/api/v2/pages/?type=articles.ArticlePage&fields=*&order=id&limit={limit}"


@pytest.fixture
def twenty_articles(demo):
    index = NewsIndexPage.objects.get()
    category = ArticleCategory.objects.first()
    for number in range(20):
        image = make_image(f"Ảnh đếm truy vấn {number}")
        page = ArticlePage(
            title=f"Tin đếm truy vấn {number}", slug=f"dem-truy-van-{number}", lead="Tóm tắt.",
            main_image=image, publish_date=date(2026, 11, 1),
            body=[
                ("paragraph", "<p>Nội dung.</p>"),
                ("image", {"image": image, "alt_text": "Ảnh", "caption": ""}),
            ],
        )
        page.categories = [category]
        page.tags.add("đếm", f"tin-{number}")
        index.add_child(instance=page)
        page.save_revision().publish()


@pytest.fixture
def twenty_videos(demo):
    index = VideoIndexPage.objects.get()
    for number in range(20):
        url = f"https://www.youtube.com/watch?v=demtruyvan{number}"
        store_embed(url, f"Video đếm truy vấn {number}")
        page = VideoPage(title=f"Video đếm truy vấn {number}", slug=f"video-dem-{number}",
                         video_url=url)
        index.add_child(instance=page)
        page.save_revision().publish()


def query_count(client, url):
    client.get(url)  # renditions are created on the first request
    cache.clear()  # a miss: the query count of building the answer, not of the API cache
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), len(response.json()["items"])


@pytest.mark.parametrize(
    "url",
    [
        NEWS,
        "/api/v2/pages/?limit={limit}",
        "/api/v2/images/?fields=*&limit={limit}",
        "/api/v3/pages/?limit={limit}",
        "/api/v3/pages/?type=articles.ArticlePage&limit={limit}",
    ],
)
def test_list_query_count_does_not_grow_with_the_page_size(client, twenty_articles, url):
    few, few_items = query_count(client, url.format(limit=2))
    many, many_items = query_count(client, url.format(limit=20))
    assert (few_items, many_items) == (2, 20)
    assert many == few, f"{few} queries for 2 items, {many} for 20"


def test_video_list_loads_stored_embeds_in_one_query(client, twenty_videos):
    url = "/api/v2/pages/?type=library.VideoPage&fields=*&order=id&limit={limit}"
    few, few_items = query_count(client, url.format(limit=2))
    many, many_items = query_count(client, url.format(limit=20))
    assert (few_items, many_items) == (2, 20)
    assert many == few, f"{few} queries for 2 items, {many} for 20"
    items = client.get(url.format(limit=20)).json()["items"]
    assert all(item["embed"]["provider_name"] == "YouTube" for item in items)
