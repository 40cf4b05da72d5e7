"""HTTP behaviour of both APIs: CORS, caching headers, 304s, pagination limits, JSON errors."""


import pytest
from wagtail.models import Page

from articles.models import ArticlePage

FRONT_END = "https://app.thuvien.example.org"
READS = [
    "/api/v2/pages/",
    "/api/v2/pages/?type=articles.ArticlePage&fields=*",
    "/api/v2/images/",
    "/api/v3/pages/",
    "/api/v3/hours/",
    "/api/v3/books/today/",
    "/api/v3/links/",
    "/api/v3/support-contacts/",
]


@pytest.fixture
def cors(settings):
    settings.CORS_ALLOWED_ORIGINS = [FRONT_END]


@pytest.mark.parametrize("url", READS)
def test_cors_for_the_configured_origins_only(client, demo, cors, url):
    allowed = client.get(url, headers={"Origin": FRONT_END})
    assert allowed.headers["Access-Control-Allow-Origin"] == FRONT_END
    other = client.get(url, headers={"Origin": "https://evil.example.com"})
    assert "Access-Control-Allow-Origin" not in other.headers


def test_a_304_keeps_the_cors_header(client, demo, cors):
    headers = {"Origin": FRONT_END}
    etag = client.get("/api/v3/hours/", headers=headers).headers["ETag"]
    response = client.get("/api/v3/hours/", headers={**headers, "If-None-Match": etag})
    assert response.status_code == 304
    assert response.headers["Access-Control-Allow-Origin"] == FRONT_END


def test_cors_preflight_allows_the_bearer_header(client, demo, cors):
    response = client.options(
        "/api/v3/pages/",
        headers={
            "Origin": FRONT_END,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert response.status_code == 200
    assert "authorization" in response.headers["Access-Control-Allow-Headers"]


def test_no_cors_outside_the_api(client, demo, cors):
    response = client.get("/", headers={"Origin": FRONT_END})
    assert "Access-Control-Allow-Origin" not in response.headers


@pytest.mark.parametrize("url", READS)
def test_reads_are_cacheable_with_an_etag_and_answer_304(client, demo, url):
    response = client.get(url)
    assert response.status_code == 200
    assert "public" in response.headers["Cache-Control"]
    assert "max-age=60" in response.headers["Cache-Control"]
    etag = response.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.content == b""
    assert client.get(url, headers={"If-None-Match": '"other"'}).status_code == 200


@pytest.mark.parametrize("url", ["/api/v2/pages/{id}/", "/api/v3/pages/{id}/"])
def test_page_details_have_last_modified(client, demo, url):
    page = ArticlePage.objects.live().first()
    response = client.get(url.format(id=page.pk))
    last_modified = response.headers["Last-Modified"]
    assert client.get(
        url.format(id=page.pk), headers={"If-Modified-Since": last_modified}
    ).status_code == 304
    page.save_revision().publish()  # published again, later than Last-Modified
    assert client.get(
        url.format(id=page.pk), headers={"If-Modified-Since": last_modified}
    ).status_code == 200


def test_token_reads_are_private(client, demo, moderator):
    from tests.api.conftest import bearer

    response = client.get("/api/v3/pages/", headers=bearer(moderator))
    assert response.status_code == 200
    assert "private" in response.headers["Cache-Control"]
    assert "Authorization" in response.headers["Vary"]


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?limit=51",
        "/api/v2/images/?limit=1000000",
        "/api/v3/pages/?limit=51",
        "/api/v3/links/?limit=1000000",
    ],
)
def test_pagination_limits_are_enforced(client, demo, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "50" in response.content.decode()


BAD_INPUT = [
    ("/api/v2/pages/?limit=abc", 400),
    ("/api/v2/pages/?offset=-1", 400),
    ("/api/v2/pages/?offset=99999999999999999999999", 400),
    ("/api/v2/pages/?type=khong.CoLoaiNay", 400),
    ("/api/v2/pages/?fields=khong_co", 400),
    ("/api/v2/pages/?bo_loc_la=1", 400),
    ("/api/v2/pages/?child_of=abc", 400),
    ("/api/v2/pages/?child_of=999999", 400),
    ("/api/v2/pages/?order=khong_co", 400),
    ("/api/v2/pages/?category=van-hoa-doc", 400),
    ("/api/v2/pages/?type=articles.ArticlePage&published_after=hom-qua", 400),
    ("/api/v2/pages/?type=articles.ArticlePage&publish_date=hom-nay", 400),
    ("/api/v2/pages/?type=articles.ArticlePage&main_image=abc", 400),
    ("/api/v2/pages/abc/", 404),
    ("/api/v2/pages/99999999/", 404),
    ("/api/v2/pages/99999999999999999999999/", 404),
    ("/api/v2/images/99999999/", 404),
    ("/api/v2/khong-co/", 404),
    ("/api/v3/pages/?limit=0", 422),
    ("/api/v3/pages/?offset=-5", 422),
    ("/api/v3/pages/?type=khong.CoLoaiNay", 422),
    ("/api/v3/pages/?child_of=abc", 422),
    ("/api/v3/pages/abc/", 422),
    ("/api/v3/pages/99999999/", 404),
    ("/api/v3/pages/?offset=99999999999999999999999", 400),
    ("/api/v3/links/?offset=99999999999999999999999", 400),
    ("/api/v3/pages/99999999999999999999999/", 404),
    ("/api/v3/hours/?at=khong-phai-ngay", 422),
    ("/api/v3/hours/?at=2026-11-27T10:00:00", 422),
    ("/api/v3/books/today/?on=2020-01-01", 404),
    ("/api/v3/khong-co/", 404),
]


@pytest.mark.parametrize(("url", "status"), BAD_INPUT)
def test_bad_input_is_a_json_4xx_with_a_message(client, demo, url, status):
    response = client.get(url)
    assert response.status_code == status, response.content
    body = response.json()
    assert body.get("message") or body.get("detail")


def test_bad_tokens_on_reads_are_treated_as_anonymous(client, demo):
    anonymous = client.get("/api/v3/pages/").json()
    response = client.get("/api/v3/pages/", headers={"Authorization": "Bearer wagtail_sai"})
    assert response.status_code == 200
    assert response.json() == anonymous


def test_a_mistyped_filter_value_is_a_400_not_a_500(client, demo, moderator):
    """Wagtail 8.0.1 passes the revisions list's ``user_id`` to the ORM unchecked."""
    from tests.api.conftest import bearer

    page = Page.objects.get(depth=2)
    response = client.get(
        f"/api/v3/pages/{page.pk}/revisions/?user_id=BookPage", headers=bearer(moderator)
    )
    assert response.status_code == 400, response.content
    assert response.json()["detail"] == "Giá trị tham số không hợp lệ."
