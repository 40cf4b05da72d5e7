"""Anonymous callers see only live, public, unexpired pages, in every endpoint (v2 and v3).

Five hidden cases under the demo news index: a draft never published, a live page whose newer
draft must not leak, a password-protected page, a page private to a group, and a page whose
expiry has passed (still flagged live until ``publish_scheduled`` runs). A v3 bearer token of a
user without page permission sees none of them either.
"""

from datetime import date, timedelta

import pytest
from django.contrib.auth.models import Group
from django.utils import timezone
from wagtail.models import PageViewRestriction
from wagtail.search.backends import get_search_backend

from articles.models import ArticlePage, NewsIndexPage
from library.models import BookFeatureDate, BookIndexPage, BookPage
from tests.api.conftest import bearer

SECRET = "Bí mật"
LIVE_TITLE = "Tin công khai đã đăng"
DRAFT_TITLE = f"{SECRET}: bản nháp mới"


def article(index, slug, title, publish=True, **fields):
    page = ArticlePage(
        title=title, slug=slug, lead="Tóm tắt.", body=[("paragraph", "<p>Nội dung.</p>")],
        publish_date=date(2026, 11, 1), live=publish, **fields,
    )
    index.add_child(instance=page)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@pytest.fixture
def hidden(demo):
    """The five hidden pages (and one visible page with unpublished changes), by case."""
    index = NewsIndexPage.objects.get()
    pages = {
        "draft": article(index, "ban-nhap", f"{SECRET} nháp", publish=False),
        "password": article(index, "mat-khau", f"{SECRET} mật khẩu"),
        "group": article(index, "nhom", f"{SECRET} nhóm"),
        "expired": article(
            index, "het-han", f"{SECRET} hết hạn", expire_at=timezone.now() - timedelta(hours=1)
        ),
    }
    PageViewRestriction.objects.create(
        page=pages["password"], restriction_type=PageViewRestriction.PASSWORD, password="123"
    )
    group_restriction = PageViewRestriction.objects.create(
        page=pages["group"], restriction_type=PageViewRestriction.GROUPS
    )
    group_restriction.groups.set([Group.objects.get(name="Editors")])
    changed = article(index, "co-thay-doi", LIVE_TITLE)
    changed.title = DRAFT_TITLE
    changed.save_revision()
    pages["changed"] = changed
    backend = get_search_backend()
    for page in ArticlePage.objects.all():
        backend.add(page)
    backend.get_index_for_model(ArticlePage).refresh()
    return pages


HIDDEN = ["draft", "password", "group", "expired"]
LISTS = [
    "/api/v2/pages/",
    "/api/v2/pages/?type=articles.ArticlePage&fields=*",
    "/api/v2/pages/?search=Bí mật",
    "/api/v2/pages/?type=articles.ArticlePage&search=Bi mat",
    "/api/v3/pages/",
    "/api/v3/pages/?type=articles.ArticlePage&limit=50",
    "/api/v3/pages/?search=Bí mật",
]


def listed_ids(client, url):
    response = client.get(url, {"limit": 50} if "limit" not in url else {})
    assert response.status_code == 200, response.content
    return {item["id"] for item in response.json()["items"]}


@pytest.mark.parametrize("url", LISTS)
def test_lists_and_searches_show_only_public_live_pages(client, hidden, url):
    ids = listed_ids(client, url)
    for case in HIDDEN:
        assert hidden[case].pk not in ids, case
    assert SECRET not in client.get(url).content.decode()


def test_searches_find_the_public_page(client, hidden):
    assert hidden["changed"].pk in listed_ids(client, "/api/v2/pages/?search=công khai")
    assert hidden["changed"].pk in listed_ids(client, "/api/v3/pages/?search=công khai")


@pytest.mark.parametrize("case", HIDDEN)
@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/{id}/",
        "/api/v3/pages/{id}/",
        "/api/v3/pages/{id}/?version=draft",
        "/api/v2/pages/find/?id={id}",
        "/api/v3/pages/find/?id={id}",
    ],
)
def test_details_and_finds_are_404(client, hidden, case, url):
    response = client.get(url.format(id=hidden[case].pk))
    assert response.status_code == 404
    assert response.headers["Content-Type"].startswith("application/")
    assert SECRET not in response.content.decode()


@pytest.mark.parametrize("case", HIDDEN)
def test_find_by_path_is_404(client, hidden, case):
    path = f"/tin-tuc/{hidden[case].slug}/"
    assert client.get("/api/v2/pages/find/", {"html_path": path}).status_code == 404
    assert client.get("/api/v3/pages/find/", {"html_path": path}).status_code == 404


@pytest.mark.parametrize("case", HIDDEN)
def test_child_of_a_hidden_page_is_refused(client, hidden, case):
    page_id = hidden[case].pk
    assert client.get("/api/v2/pages/", {"child_of": page_id}).status_code in (400, 404)
    assert client.get("/api/v3/pages/", {"child_of": page_id}).status_code in (404, 422)


@pytest.mark.parametrize("url", ["/api/v2/pages/{id}/", "/api/v3/pages/{id}/"])
def test_unpublished_changes_stay_unpublished(client, hidden, url):
    response = client.get(url.format(id=hidden["changed"].pk), {"version": "draft"}
                          if "v3" in url else {})
    assert response.status_code == 200
    assert response.json()["title"] == LIVE_TITLE
    assert DRAFT_TITLE not in response.content.decode()


@pytest.mark.parametrize("case", HIDDEN)
def test_book_of_the_day_skips_hidden_books(client, demo, case):
    today = timezone.localdate()
    index = BookIndexPage.objects.get()
    book = BookPage(
        title=f"{SECRET} sách", slug=f"sach-{case}", author="A", review="R", live=case != "draft"
    )
    book.featured_dates = [BookFeatureDate(date=today)]
    if case == "expired":
        book.expire_at = timezone.now() - timedelta(hours=1)
    index.add_child(instance=book)
    revision = book.save_revision()
    if case != "draft":
        revision.publish()
    if case == "password":
        PageViewRestriction.objects.create(
            page=book, restriction_type=PageViewRestriction.PASSWORD, password="123"
        )
    if case == "group":
        restriction = PageViewRestriction.objects.create(
            page=book, restriction_type=PageViewRestriction.GROUPS
        )
        restriction.groups.set([Group.objects.get(name="Editors")])
    response = client.get("/api/v3/books/today/")
    assert response.status_code == 200
    assert response.json()["id"] != book.pk
    assert SECRET not in response.content.decode()
    if case in ("password", "group"):  # the restriction alone hid it: without it, it is today's
        PageViewRestriction.objects.filter(page=book).delete()
        assert client.get("/api/v3/books/today/").json()["id"] == book.pk


def test_a_v3_token_without_page_permission_sees_no_draft_nor_private_page(
    client, hidden, django_user_model, moderator
):
    reader = django_user_model.objects.create_user("ban-doc", password="x")  # in no group
    headers = bearer(reader)
    for url in [url for url in LISTS if url.startswith("/api/v3/")]:
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.content
        assert "private" in response.headers["Cache-Control"]  # no shared cache keeps it
        ids = {item["id"] for item in response.json()["items"]}
        assert not ids & {hidden[case].pk for case in HIDDEN}, url
        assert SECRET not in response.content.decode()
    for case in [*HIDDEN, "changed"]:
        page_id = hidden[case].pk
        for url in (f"/api/v3/pages/{page_id}/", f"/api/v3/pages/{page_id}/?version=draft",
                    f"/api/v3/pages/find/?id={page_id}"):
            response = client.get(url, headers=headers)
            assert response.status_code == 404, (case, url)
            assert SECRET not in response.content.decode()
        response = client.get(f"/api/v3/pages/{page_id}/revisions/", headers=headers)
        # 403, not the anonymous 401: the token authenticated its user, who may not see them
        assert response.status_code == 403 and SECRET not in response.content.decode()

    # the same requests with a moderator's token see them: the token's permissions decide
    draft = client.get(f"/api/v3/pages/{hidden['draft'].pk}/?version=draft",
                       headers=bearer(moderator))
    assert draft.status_code == 200 and draft.json()["title"] == f"{SECRET} nháp"
    changed = client.get(f"/api/v3/pages/{hidden['changed'].pk}/?version=draft",
                         headers=bearer(moderator))
    assert changed.json()["title"] == DRAFT_TITLE
