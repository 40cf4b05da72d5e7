"""A list endpoint's SQL query count does not grow with the page size (no N+1); a miss of the
API cache, counted with the production settings' cache (a database table), stays under a ceiling:
one cache read (the generation and its state), one write (the entry)."""

from datetime import date

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import ArticleCategory, ArticlePage, NewsIndexPage
from base.demo_tools import store_embed
from base.testing import make_image
from library.models import VideoIndexPage, VideoPage

NEWS = "/api/v2/pages/?type=articles.ArticlePage&fields=*&order=id&limit={limit}"
CACHE_TABLE = "test_api_cache"
COLD = "X-Test-Cold"


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


def tables_read(client, url):
    """Which of the tables an article's list fields read from beside its own a miss of ``url``
    queries, and the answer's items."""
    client.get(url)
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        items = client.get(url).json()["items"]
    sql = "\n".join(query["sql"] for query in queries)
    return {table for table in ('"wagtailimages_rendition"', '"articles_articlecategory"',
                                '"taggit_tag"') if table in sql}, items


def test_a_list_fetches_for_the_fields_it_shows_only(client, twenty_articles):
    """A page type's ``api_prefetch_related``: each prefetch when the list shows its field."""
    news = "/api/v2/pages/?type=articles.ArticlePage&limit=20"
    read, items = tables_read(client, news)  # the default fields: id, type, title…
    assert read == set() and len(items) == 20 and "tags" not in items[0]
    read, items = tables_read(client, news + "&fields=tags")
    assert read == {'"taggit_tag"'}
    assert {"đếm", "tin-0"} <= {tag for item in items for tag in item["tags"]}
    read, items = tables_read(client, news + "&fields=*")
    assert read == {'"wagtailimages_rendition"', '"articles_articlecategory"', '"taggit_tag"'}
    assert all(item["main_image"]["renditions"] for item in items)


@pytest.fixture
def database_cache(settings):
    """The production settings' cache, a table (in the test database): the API cache's own
    reads and writes are queries, as in production."""
    settings.CACHES = {"default": {"BACKEND": "base.cache_backends.ResilientDatabaseCache",
                                   "LOCATION": CACHE_TABLE}}
    settings.API_CACHE_BYPASS_HEADER = COLD
    call_command("createcachetable", verbosity=0)


@pytest.mark.parametrize(
    "url, ceiling",
    [
        # before the generation's state and the loaded renditions: 47, 46, 33 and 11; before
        # the kept site root paths, "Tin khác"'s restrictions and categories, v2's one-query
        # parent: 17, 19, 10 and 7
        ("/api/v2/pages/{id}/", 13),
        ("/api/v3/pages/{id}/", 16),
        ("/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=20", 9),
        ("/api/v2/pages/?type=articles.ArticlePage&limit=20", 6),  # before: 9, as with fields=*
        ("/api/v3/pages/?type=articles.ArticlePage&limit=20", 6),
    ],
)
def test_a_miss_reads_the_cache_once_writes_its_entry_and_stays_under_a_ceiling(
    client, twenty_articles, database_cache, url, ceiling
):
    url = url.format(id=ArticlePage.objects.get(slug="dem-truy-van-0").pk)
    client.get(url)  # renditions made, the generation's state kept
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers={COLD: "1"})
    assert response.status_code == 200 and response.headers["X-Cache"] == "miss"
    statements = [query["sql"] for query in queries  # the test's transaction's savepoints aside
                  if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))]
    listing = "\n".join(statements)
    on_cache = [sql for sql in statements if f'"{CACHE_TABLE}"' in sql]
    reads = [sql.split(" IN ")[1] for sql in on_cache
             if sql.startswith('SELECT "cache_key", "value"')]
    writes = [sql for sql in on_cache if sql.startswith(("INSERT", "UPDATE", "DELETE"))]
    assert reads == [  # the generation with its state (Wagtail's site root paths kept in it)
        "(':1:api-cache:generation', ':1:api-cache:state')"], listing
    assert len(writes) == 1, listing  # the entry
    assert len(statements) <= ceiling, listing
