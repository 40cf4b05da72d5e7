"""Headless preview round trip: the admin's preview sends the editor to the front end with a
short-lived token, and the API returns the draft for that token only."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from articles.models import ArticlePage

FRONT_END = "https://doc.thuvien.example.org/preview"
DRAFT_TITLE = "Tiêu đề đang sửa, chưa đăng"


@pytest.fixture
def headless(settings):
    settings.HEADLESS_PREVIEW_URL = FRONT_END


@pytest.fixture
def preview_query(client, demo, headless, admin_user):
    """Preview an unsaved edit of a live article in the admin; the front end's query string."""
    page = ArticlePage.objects.live().first()
    client.force_login(admin_user)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[page.pk])
    data = nested_form_data({
        "title": DRAFT_TITLE,
        "slug": page.slug,
        "lead": page.lead,
        "publish_date": "2026-11-27",
        "body": streamfield([("paragraph", rich_text("<p>Đoạn mới.</p>"))]),
    })
    assert client.post(url, data).json()["is_valid"]
    response = client.get(url, {"mode": "headless"})
    client.logout()
    assert response.status_code == 302
    assert response.url.startswith(FRONT_END + "?")
    query = {name: values[0] for name, values in parse_qs(urlsplit(response.url).query).items()}
    assert query["content_type"] == "articles.articlepage"
    return page, query


def test_the_front_end_is_the_default_preview_mode(demo, headless):
    page = ArticlePage.objects.first()
    assert page.default_preview_mode == "headless"


def test_without_a_front_end_the_portal_preview_stays(demo):
    assert "headless" not in dict(ArticlePage.objects.first().preview_modes)


@pytest.mark.parametrize("url", ["/api/v2/page_preview/", "/api/v3/preview/"])
def test_the_api_returns_the_draft_for_the_token_only(client, preview_query, url):
    page, query = preview_query
    response = client.get(url, query)
    assert response.status_code == 200, response.content
    assert response.json()["title"] == DRAFT_TITLE
    assert response.json()["id"] == page.pk
    assert "private" in response.headers["Cache-Control"]

    assert client.get(f"/api/v2/pages/{page.pk}/").json()["title"] == page.title
    assert client.get(f"/api/v3/pages/{page.pk}/").json()["title"] == page.title


@pytest.mark.parametrize("url", ["/api/v2/page_preview/", "/api/v3/preview/"])
def test_wrong_or_expired_tokens_are_refused(client, preview_query, settings, url):
    page, query = preview_query
    assert client.get(url, {**query, "token": query["token"] + "x"}).status_code == 403
    assert client.get(url, {**query, "content_type": "home.homepage"}).status_code == 403
    assert client.get(url, {**query, "content_type": "khong.co"}).status_code == 403
    settings.HEADLESS_PREVIEW_MAX_AGE = -1
    response = client.get(url, query)
    assert response.status_code == 403
    assert DRAFT_TITLE not in response.content.decode()


def test_missing_parameters_are_a_4xx(client, demo):
    assert client.get("/api/v2/page_preview/").status_code == 400
    assert client.get("/api/v3/preview/").status_code == 422
