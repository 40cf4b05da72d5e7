"""A page whose expiry time has passed leaves every list, widget, related list, search and API at
that time, while it is still flagged live (``publish_scheduled``, run from cron, unpublishes it
later)."""

import time
from datetime import timedelta

import pytest
from django.utils import timezone
from wagtail.models import Page

from articles.models import ArticlePage, live_articles
from library.models import BookPage, VideoPage, book_of_the_day, live_videos
from search.engine import search_backend


def expire(page):
    """Give ``page`` an expiry time a moment ahead, as an editor does, and let it pass, as time
    does (nothing changes when it passes)."""
    page.expire_at = timezone.now() + timedelta(seconds=1)
    page.save(update_fields=["expire_at"])
    time.sleep(1.1)
    page.refresh_from_db()
    assert page.live


@pytest.fixture
def news(demo):
    """The demo's newest article (expired here) and another one listing it in "Tin khác"."""
    newest, *others = live_articles()
    return newest, next(other for other in others if newest in other.other_news())


def test_an_expired_article_leaves_lists_widgets_and_related_news(client, news):
    expired, other = news
    related_urls = (f"/api/v2/pages/{other.pk}/", f"/api/v3/pages/{other.pk}/")
    for url in related_urls:
        assert expired.pk in [item["id"] for item in client.get(url).json()["related_news"]]
    expire(expired)
    assert expired not in live_articles() and expired not in other.other_news()
    for path in ("/", "/tin-tuc/", other.url):  # the home widgets, the news list, "Tin khác"
        html = client.get(path).content.decode()
        assert expired.title not in html, path
    for url in related_urls:
        related = client.get(url).json()["related_news"]
        assert expired.pk not in [item["id"] for item in related], url
    listed = client.get("/api/v2/pages/", {"type": "articles.ArticlePage"}).json()["items"]
    assert expired.pk not in [item["id"] for item in listed]


def test_an_expired_page_leaves_site_search(client, news):
    expired, _other = news
    for page in ArticlePage.objects.all():  # the demo loaded in this test's transaction
        search_backend().add(page)
    search_backend().get_index_for_model(ArticlePage).refresh()

    def found():
        response = client.get("/search/", {"q": expired.title})
        assert response.context["search_fallback"] is False
        return [page.title for page in response.context["results"]]

    assert expired.title in found()
    expire(expired)
    assert expired.title not in found()


def test_expired_videos_books_and_menu_pages_leave_the_portal(client, demo):
    video = live_videos().first()
    book = book_of_the_day()
    menu_page = Page.objects.get(depth=2).get_children().live().in_menu().first()
    assert video and book and menu_page
    for page in (video, book, menu_page):
        expire(page)
    assert video not in live_videos()
    assert book_of_the_day() != book
    html = client.get("/").content.decode()
    assert f'href="{menu_page.url}"' not in html.split('class="main-menu"')[1].split("</nav>")[0]
    assert VideoPage.objects.live().filter(pk=video.pk).exists()  # still flagged live
    assert BookPage.objects.live().filter(pk=book.pk).exists()
