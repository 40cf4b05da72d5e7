"""The API cache (``base.api_cache``): a second identical anonymous read comes from the cache
without touching the database, and every change readers may see shows at once, in API v2 and
v3, lists, details, "Tin khác" and search; private, unpublished and expired pages never come
from it; the API answers from the database when the cache fails."""

import time
from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage, NewsIndexPage, live_articles
from base import api_cache
from search.engine import search_backend

NEWS_V2 = "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=20"
NEWS_V3 = "/api/v3/pages/?type=articles.ArticlePage&limit=50"


def read(client, url, **headers):
    """The response to ``url`` and how many SQL queries it took."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def ids(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def urls_of(page):
    """The v2 and v3 detail URLs of ``page``."""
    return f"/api/v2/pages/{page.pk}/", f"/api/v3/pages/{page.pk}/"


def warm(client, *urls):
    """Read each URL twice: the second read must be a hit."""
    for url in urls:
        client.get(url)
        assert client.get(url).headers.get("X-Cache") == "hit", url


@pytest.fixture
def article(demo):
    """The demo's newest article."""
    return live_articles()[0]


def new_article(title="Tin mới Zyxwvu của thư viện"):
    """A draft article in the news index, sharing the newest article's categories."""
    page = ArticlePage(title=title, slug="tin-moi-zyxwvu", lead="Tóm tắt mới.", live=False)
    page.categories = list(live_articles()[0].categories.all())
    NewsIndexPage.objects.get().add_child(instance=page)
    page.save_revision()
    return page


@pytest.mark.parametrize(
    "url", [NEWS_V2, "/api/v2/pages/{id}/", NEWS_V3, "/api/v3/pages/{id}/",
            "/api/v2/images/", "/api/v3/support-contacts/", "/api/v3/links/"],
)
def test_a_second_identical_read_is_a_hit_without_queries(client, article, url):
    url = url.format(id=article.pk)
    first, _queries = read(client, url)
    second, queries = read(client, url)
    assert first.status_code == second.status_code == 200
    assert (first.headers["X-Cache"], second.headers["X-Cache"]) == ("miss", "hit")
    assert queries == 0
    assert second.content == first.content
    assert second.headers["ETag"] == first.headers["ETag"]
    assert second.headers["Content-Type"] == first.headers["Content-Type"]
    assert "public" in second.headers["Cache-Control"]
    again = client.get(url, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304


def test_a_publish_shows_at_once_in_lists_details_and_related_news(client, article):
    draft = new_article()
    warm(client, NEWS_V2, NEWS_V3, *urls_of(article))
    assert draft.pk not in ids(client, NEWS_V2) + ids(client, NEWS_V3)
    draft.get_latest_revision().publish()
    assert draft.pk in ids(client, NEWS_V2) and draft.pk in ids(client, NEWS_V3)
    for url in urls_of(draft):
        assert client.get(url).json()["title"] == draft.title
    for url in urls_of(article):  # "Tin khác": the newest article sharing a category
        related = client.get(url).json()["related_news"]
        assert draft.pk in [item["id"] for item in related], url


def test_a_publish_shows_at_once_in_search(client, article, monkeypatch):
    monkeypatch.setattr(api_cache, "SEARCH_SETTLE_SECONDS", 0)
    index = search_backend().get_index_for_model(ArticlePage)
    urls = ["/api/v2/pages/?type=articles.ArticlePage&search=zyxwvu",
            "/api/v3/pages/?search=zyxwvu"]
    draft = new_article()
    warm(client, *urls)
    assert all(draft.pk not in ids(client, url) for url in urls)
    draft.get_latest_revision().publish()
    index.refresh()
    for url in urls:
        response = client.get(url)
        assert response.headers["X-Cache"] == "miss" and "Search-Fallback" not in response
        assert draft.pk in [item["id"] for item in response.json()["items"]], url


def test_searches_are_not_kept_while_the_index_refreshes(client, article, monkeypatch):
    monkeypatch.setattr(api_cache, "SEARCH_SETTLE_SECONDS", 60)  # a slow machine's seconds
    search = "/api/v2/pages/?type=articles.ArticlePage&search=thu+vien"
    article.save_revision().publish()  # a change: the index refreshes within a second
    assert [client.get(search).headers.get("X-Cache") for _ in range(2)] == ["miss", "miss"]
    assert [client.get(NEWS_V2).headers.get("X-Cache") for _ in range(2)] == ["miss", "hit"]


def test_an_unpublished_or_deleted_page_never_comes_from_the_cache(client, article):
    other = live_articles()[1]
    warm(client, NEWS_V2, NEWS_V3, *urls_of(article), *urls_of(other))
    article.unpublish()
    for url in urls_of(article):
        assert client.get(url).status_code == 404, url
    assert article.pk not in ids(client, NEWS_V2) + ids(client, NEWS_V3)
    warm(client, NEWS_V2, *urls_of(other))
    other.delete()
    for url in urls_of(other):
        assert client.get(url).status_code == 404, url
    assert other.pk not in ids(client, NEWS_V2)


def test_an_entry_does_not_outlive_the_next_expiry(client, article):
    warm(client, NEWS_V2, NEWS_V3, *urls_of(article))  # renditions made: the next reads are quick
    article.expire_at = timezone.now() + timedelta(seconds=3)
    article.save(update_fields=["expire_at"])
    warm(client, NEWS_V2, NEWS_V3, *urls_of(article))
    time.sleep((article.expire_at - timezone.now()).total_seconds() + 0.1)
    assert article.pk not in ids(client, NEWS_V2) + ids(client, NEWS_V3)
    for url in urls_of(article):
        assert client.get(url).status_code == 404, url


def test_a_restricted_page_never_comes_from_the_cache(client, article, django_user_model):
    warm(client, NEWS_V2, NEWS_V3, *urls_of(article))
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    for url in urls_of(article):
        assert client.get(url).status_code == 404, url
    assert article.pk not in ids(client, NEWS_V2) + ids(client, NEWS_V3)
    user = django_user_model.objects.create_user("ban-doc", password="x")
    client.force_login(user)  # a session may see more: it is never served nor stored
    response = client.get(f"/api/v2/pages/{article.pk}/")
    assert response.status_code == 200 and "X-Cache" not in response
    assert "private" in response.headers["Cache-Control"]
    client.logout()
    client.cookies.clear()
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 404


def test_bearer_token_reads_bypass_the_cache(client, article, moderator):
    from tests.api.conftest import bearer

    warm(client, NEWS_V3)
    response = client.get(NEWS_V3, headers=bearer(moderator))
    assert response.status_code == 200 and "X-Cache" not in response


def test_an_image_or_snippet_change_shows_at_once(client, article):
    warm(client, *urls_of(article), NEWS_V2)
    image = article.main_image
    image.title = "Ảnh đã đổi tên"
    image.save()
    for url in urls_of(article):
        assert client.get(url).json()["main_image"]["title"] == "Ảnh đã đổi tên", url
    warm(client, *urls_of(article))
    category = article.categories.first()
    category.name = "Chuyên mục đã đổi"
    category.save()
    for url in urls_of(article):
        names = [item["name"] for item in client.get(url).json()["categories"]]
        assert "Chuyên mục đã đổi" in names, url


def test_a_move_changes_the_parent_and_url_at_once(client, article):
    home = NewsIndexPage.objects.get().get_parent()
    v2, v3 = urls_of(article)
    warm(client, v2, v3)
    article.move(home, pos="last-child")
    moved = client.get(v2).json()["meta"]
    assert moved["parent"]["id"] == home.pk
    assert "/tin-tuc/" not in moved["html_url"]
    assert client.get(v3).json()["meta"]["parent"]["id"] == home.pk


def test_the_api_answers_from_the_database_when_the_cache_fails(client, article, settings):
    settings.CACHES = {"default": {"BACKEND": "base.cache_backends.ResilientDatabaseCache",
                                   "LOCATION": "no_such_cache_table"}}
    for url in (NEWS_V2, NEWS_V3, *urls_of(article)):
        for _attempt in range(2):
            response = client.get(url)
            assert response.status_code == 200, url
            assert "X-Cache" not in response  # no key: nothing read from nor kept in the cache
    article.unpublish()  # a change while the cache is away: no error either
    assert client.get(urls_of(article)[0]).status_code == 404


def test_a_change_replaces_the_generation_now_and_once_more_at_commit(article):
    before = api_cache.current_generation()
    article.save_revision().publish()
    during = api_cache.current_generation()
    article.title = "Tiêu đề mới"
    article.save()
    assert before != during
    pending = [callback for _ids, callback, _robust in connection.run_on_commit]
    assert pending.count(api_cache.set_new_generation) == 1  # once, however many saves
    api_cache.set_new_generation()  # what the commit runs
    assert api_cache.current_generation() not in (before, during)
