"""Writes through API v3: news created, updated and published with a bearer token whose user
has the page permission; anything else is refused with a JSON 401/403."""

import re
import unicodedata

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from wagtail.models import APIToken

from articles.models import ArticlePage, NewsIndexPage
from tests.api.conftest import bearer

PAGES = "/api/v3/pages/"


def news(index, action=None, title="Tin mới từ ứng dụng"):
    meta = {"type": "articles.ArticlePage", "parent_id": index.pk}
    if action:
        meta["action"] = action
    return {
        "meta": meta,
        "title": title,
        "slug": "tin-moi-tu-ung-dung",
        "lead": "Tóm tắt gửi qua API.",
        "publish_date": "2026-11-27",
        "body": [{"type": "paragraph", "value": "<p>Nội dung gửi qua API.</p>"}],
    }


def post(client, data, headers=None):
    return client.post(PAGES, data, content_type="application/json", headers=headers or {})


@pytest.fixture
def index(demo):
    return NewsIndexPage.objects.get()


def assert_problem(response, status):
    assert response.status_code == status, response.content
    assert response.headers["Content-Type"] == "application/problem+json"
    assert response.json()["status"] == status and response.json()["detail"]


def test_anonymous_and_bad_tokens_cannot_write(client, index):
    assert_problem(post(client, news(index)), 401)
    assert_problem(post(client, news(index), {"Authorization": "Bearer wagtail_sai"}), 401)
    assert_problem(post(client, news(index), {"Authorization": "Basic abc"}), 401)
    assert not ArticlePage.objects.filter(slug="tin-moi-tu-ung-dung").exists()


def test_a_user_without_page_permission_is_forbidden(client, index, django_user_model):
    reader = django_user_model.objects.create_user("ban-doc", password="x")
    assert_problem(post(client, news(index), bearer(reader)), 403)


def test_an_editor_creates_a_draft_but_cannot_publish(client, index, editor):
    headers = bearer(editor)
    response = post(client, news(index), headers)
    assert response.status_code == 201, response.content
    page = ArticlePage.objects.get(slug="tin-moi-tu-ung-dung")
    assert not page.live
    assert client.get(f"{PAGES}{page.pk}/").status_code == 404  # not for anonymous callers

    publish = f"{PAGES}{page.pk}/actions/publish/"
    assert_problem(client.post(publish, headers=headers), 403)
    page.refresh_from_db()
    assert not page.live


def test_a_moderator_creates_updates_and_publishes_news(client, index, moderator):
    headers = bearer(moderator)
    response = post(client, news(index, action="publish"), headers)
    assert response.status_code == 201, response.content
    page = ArticlePage.objects.get(slug="tin-moi-tu-ung-dung")
    assert page.live and "Nội dung gửi qua API." in page.body[0].value.source
    assert client.get(f"{PAGES}{page.pk}/").json()["title"] == "Tin mới từ ứng dụng"

    response = client.patch(
        f"{PAGES}{page.pk}/", {"title": "Tin đã sửa"}, content_type="application/json",
        headers=headers,
    )
    assert response.status_code == 200, response.content
    assert client.get(f"{PAGES}{page.pk}/").json()["title"] == "Tin mới từ ứng dụng"

    response = client.post(f"{PAGES}{page.pk}/actions/publish/", headers=headers)
    assert response.status_code == 200, response.content
    assert client.get(f"{PAGES}{page.pk}/").json()["title"] == "Tin đã sửa"


def test_invalid_news_is_a_422_with_messages(client, index, moderator):
    data = news(index)
    data["body"] = [{"type": "khong-co", "value": "x"}]
    response = post(client, data, bearer(moderator))
    assert_problem(response, 422)
    assert response.json()["errors"]


def test_tokens_from_the_management_command_work_until_revoked(client, index, moderator, capsys):
    call_command("api_tokens", "create", "--user", moderator.username, "--name", "ứng dụng")
    token = capsys.readouterr().out.strip()
    headers = {"Authorization": f"Bearer {token}"}
    assert post(client, news(index), headers).status_code == 201

    call_command("api_tokens", "revoke", "--user", moderator.username, "--prefix", token[:12])
    data = news(index)
    data["slug"] = "tin-khac"
    assert_problem(post(client, data, headers), 401)


def token_table(html):
    """The admin's token list as rows of cell texts, headers first."""
    start = html.index('<table class="listing')
    table = html[start:html.index("</table>", start)]
    rows = re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S)
    cells = [re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S) for row in rows]
    return [[" ".join(re.sub(r"<[^>]+>", " ", cell).split()) for cell in row] for row in cells]


def test_tokens_are_managed_in_the_admin(client, index, admin_user, moderator):
    client.force_login(admin_user)
    listed, _plaintext = APIToken.create_token(user=moderator, name="ứng dụng di động")
    response = client.get(reverse("wagtailusers_api_tokens:index"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "<title>Mã truy cập API" in html
    headers, *rows = token_table(html)
    assert headers == ["Mã truy cập", "Tên", "Người dùng", "Đã tạo", "Lần dùng cuối",
                       "Đã thu hồi"]
    assert len(rows) == 1 and rows[0][0].startswith(listed.prefix)
    assert rows[0][1:3] == ["ứng dụng di động", "kiem-duyet"]

    response = client.post(reverse("wagtailusers_api_tokens:add"),
                           {"name": "cổng thông tin", "user": moderator.pk})
    assert response.status_code == 200
    html = response.content.decode()
    token = response.context["token"]
    assert token.startswith("wagtail_") and len(token) > 30
    assert APIToken.objects.get(name="cổng thông tin").user == moderator
    assert "<title>Đã tạo mã truy cập API" in html
    assert 'Đã tạo mã truy cập "cổng thông tin". Hãy sao chép ngay' in html
    assert f'value="{token}"' in html  # shown once, to be copied
    rows = token_table(client.get(reverse("wagtailusers_api_tokens:index")).content.decode())[1:]
    assert sorted(row[1] for row in rows) == ["cổng thông tin", "ứng dụng di động"]
    # the token shown works for its user
    assert post(Client(), news(index), {"Authorization": f"Bearer {token}"}).status_code == 201


@pytest.mark.parametrize(
    ("method", "url", "body"),
    [
        ("post", PAGES, [None, None]),
        ("patch", PAGES + "1.5e-308/", {"title": "x"}),
        ("post", PAGES + "1/actions/copy/", {}),
        ("post", PAGES + "{home}/actions/move/", {"destination_id": 1, "position": "left"}),
    ],
)
def test_writes_wagtail_would_crash_on_are_a_400(client, index, moderator, method, url, body):
    url = url.format(home=index.get_parent().pk)
    response = getattr(client, method)(
        url, body, content_type="application/json", headers=bearer(moderator)
    )
    assert_problem(response, 400)


def test_publishing_answers_the_published_page(client, index, moderator):
    """The answer of a write that publishes shows the page as published."""
    headers = bearer(moderator)
    created = post(client, news(index, action="publish"), headers)
    assert created.status_code == 201, created.content
    page = ArticlePage.objects.get(slug="tin-moi-tu-ung-dung")
    assert created.json()["meta"]["first_published_at"] is not None
    assert created.json()["meta"]["first_published_at"] == client.get(
        f"{PAGES}{page.pk}/").json()["meta"]["first_published_at"]

    data = news(index, title="Bản nháp")
    data["slug"] = "ban-nhap"
    draft = post(client, data, headers).json()
    assert draft["meta"]["first_published_at"] is None
    updated = client.patch(f"{PAGES}{draft['id']}/", {"meta": {"action": "publish"}},
                           content_type="application/json", headers=headers)
    assert updated.status_code == 200 and updated.json()["meta"]["first_published_at"]
    published = client.post(f"{PAGES}{draft['id']}/actions/publish/", headers=headers)
    assert published.json()["meta"]["first_published_at"] == updated.json()["meta"][
        "first_published_at"]


def test_text_sent_decomposed_is_stored_composed(client, index, moderator):
    """NFD (as some keyboards and pastes write Vietnamese) in the title, the lead and the body's
    rich text, through the API's publish: stored NFC, read back NFC, the spelling kept."""
    data = news(index, action="publish", title=unicodedata.normalize("NFD", "Hoà nhập cộng đồng"))
    data["lead"] = unicodedata.normalize("NFD", "Khoẻ mạnh, kĩ năng")
    data["body"][0]["value"] = unicodedata.normalize("NFD", "<p>Thuý Kiều đọc sách.</p>")
    assert post(client, data, bearer(moderator)).status_code == 201
    page = ArticlePage.objects.get(slug="tin-moi-tu-ung-dung")
    stored = [page.title, page.lead, page.body[0].value.source, page.get_latest_revision().content]
    assert stored[:2] == ["Hoà nhập cộng đồng", "Khoẻ mạnh, kĩ năng"]
    assert "Thuý Kiều đọc sách.</p>" in stored[2]
    assert unicodedata.is_normalized("NFC", str(stored))
    assert client.get(f"{PAGES}{page.pk}/").json()["title"] == "Hoà nhập cộng đồng"
