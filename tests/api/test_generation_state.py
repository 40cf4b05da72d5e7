"""What the API cache works out once per generation and keeps beside it
(``base.api_cache.GenerationState``: the expired pages and the next expiry, Wagtail's view
restrictions, the request's site, the sites' root paths) is never read past what changes it: a
miss sees an expiry pass with nothing saved, a restriction's groups change, a site move, a new
restriction hiding an article from "Tin khác", at once."""

import time
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.utils import timezone
from wagtail.models import PageViewRestriction, Site

from articles.models import live_articles
from base import api_cache

COLD = "X-Test-Cold"
NEWS_V2 = "/api/v2/pages/?type=articles.ArticlePage&fields=*&limit=50"
NEWS_V3 = "/api/v3/pages/?type=articles.ArticlePage&limit=50"


@pytest.fixture
def miss(client, settings):
    """``miss(url)``: a read that skips the API cache's entries (as the benchmark's cold runs),
    so that only the generation's state can remember anything."""
    settings.API_CACHE_BYPASS_HEADER = COLD

    def read(url):
        response = client.get(url, headers={COLD: "1"})
        assert response.headers.get("X-Cache") in (None, "miss"), url
        return response

    return read


@pytest.fixture
def article(demo):
    return live_articles()[0]


def listed(response):
    return [item["id"] for item in response.json()["items"]]


def test_a_miss_sees_an_expiry_pass_with_nothing_saved(miss, article):
    article.expire_at = timezone.now() + timedelta(seconds=2)
    article.save(update_fields=["expire_at"])
    details = [f"/api/v2/pages/{article.pk}/", f"/api/v3/pages/{article.pk}/"]
    for url in (NEWS_V2, NEWS_V3):
        assert article.pk in listed(miss(url)), url
    for url in details:
        assert miss(url).status_code == 200, url
    generation = api_cache.current_generation()
    state = cache.get(api_cache.STATE_KEY)
    assert state["generation"] == generation and state["next_expiry"] == article.expire_at
    time.sleep((article.expire_at - timezone.now()).total_seconds() + 0.1)
    for url in (NEWS_V2, NEWS_V3):
        assert article.pk not in listed(miss(url)), url
    for url in details:
        assert miss(url).status_code == 404, url
    assert api_cache.current_generation() == generation  # the clock alone hid it
    assert article.path in cache.get(api_cache.STATE_KEY)["expired_paths"]


def test_a_restriction_s_groups_changed_show_at_once(client, miss, article, django_user_model):
    reader = django_user_model.objects.create_user("ban-doc", password="x")
    reader.groups.add(Group.objects.get(name="Moderators"))
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.GROUPS)
    restriction.groups.set([Group.objects.get(name="Editors")])
    url = f"/api/v2/pages/{article.pk}/"
    assert miss(url).status_code == 404
    client.force_login(reader)
    for _read in range(2):  # the second from the kept restrictions
        assert client.get(url).status_code == 404
        assert article.pk not in listed(client.get(NEWS_V2))
    restriction.groups.add(Group.objects.get(name="Moderators"))  # only the many-to-many changes
    assert client.get(url).status_code == 200
    assert article.pk in listed(client.get(NEWS_V2))
    client.logout()
    client.cookies.clear()
    assert miss(url).status_code == 404


def test_a_site_moved_shows_in_every_url_at_once(miss, article):
    urls = [f"/api/v2/pages/{article.pk}/", f"/api/v3/pages/{article.pk}/"]
    for url in urls:
        data = miss(url).json()
        assert data["meta"]["html_url"].startswith("http://"), url
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "thuvien.example.vn", 443
    site.save()
    for url in (*urls, NEWS_V2):
        data = miss(url).json()
        items = data.get("items") or [data, *data["related_news"]]
        addresses = [item.get("url") or item["meta"]["html_url"] for item in items]
        assert all(address.startswith("https://thuvien.example.vn/") for address in addresses), url


def test_a_restricted_article_leaves_related_news_at_once(miss, article):
    other = next(page for page in live_articles()[1:] if article in page.other_news())
    urls = [f"/api/v2/pages/{other.pk}/", f"/api/v3/pages/{other.pk}/"]
    for url in urls:  # the generation's state keeps the restrictions (none)
        assert article.pk in [page["id"] for page in miss(url).json()["related_news"]], url
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    for url in urls:
        assert article.pk not in [page["id"] for page in miss(url).json()["related_news"]], url
