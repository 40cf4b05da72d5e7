"""Our own endpoints' behaviour beyond the snapshots: news filters, hours at an instant, the
book of a given day and its catalogue link hook."""

from datetime import timedelta

import pytest
from django.utils import timezone

from articles.models import ArticlePage
from catalogue.oai.harvest import withdraw
from library.models.books import BookPage

NEWS = "/api/v2/pages/"
ARTICLES = {"type": "articles.ArticlePage"}


def slugs(client, url, **params):
    response = client.get(url, {**ARTICLES, **params} if url == NEWS else params)
    assert response.status_code == 200, response.content
    return [item["meta"]["slug"] for item in response.json()["items"]]


def test_news_by_category(client, demo):
    assert sorted(slugs(client, NEWS, category="chuyen-doi-so")) == [
        "lop-huong-dan-tra-cuu-truc-tuyen",
        "so-hoa-tai-lieu-dia-chi",
    ]
    assert slugs(client, NEWS, category="khong-co") == []


def test_news_by_published_date_range(client, demo):
    today = timezone.localdate()
    recent = slugs(client, NEWS, published_after=str(today - timedelta(days=5)))
    assert sorted(recent) == sorted(
        ArticlePage.objects.filter(publish_date__gte=today - timedelta(days=5)).values_list(
            "slug", flat=True
        )
    )
    window = slugs(
        client,
        NEWS,
        published_after=str(today - timedelta(days=9)),
        published_before=str(today - timedelta(days=3)),
    )
    assert sorted(window) == ["lop-huong-dan-tra-cuu-truc-tuyen", "trung-bay-sach-ve-bien-dao"]


def test_pages_child_of_the_news_index(client, demo):
    index = ArticlePage.objects.first().get_parent()
    assert len(slugs(client, "/api/v2/pages/", child_of=index.pk)) == 6


@pytest.mark.parametrize(
    ("at", "is_open", "next_change"),
    [
        ("2026-11-24T09:00:00+07:00", True, "2026-11-24T12:00:00+07:00"),
        ("2026-11-24T12:30:00+07:00", False, "2026-11-24T13:30:00+07:00"),
        ("2026-11-23T10:00:00+07:00", False, "2026-11-24T08:00:00+07:00"),  # Monday: closed
    ],
)
def test_hours_open_now_and_next_change(client, demo, at, is_open, next_change):
    response = client.get("/api/v3/hours/", {"at": at})
    assert response.status_code == 200
    assert response.json()["is_open"] is is_open
    assert response.json()["next_change"] == next_change


def test_book_of_a_given_day(client, demo):
    today = timezone.localdate()
    first = client.get("/api/v3/books/today/", {"on": str(today - timedelta(days=3))}).json()
    assert first["title"] == "Làm ít hơn, được nhiều hơn"
    assert client.get("/api/v3/books/today/").json()["title"] == "Khu vườn của bà"


def test_the_book_of_the_day_links_to_its_catalogue_record(client, demo):
    book = client.get("/api/v3/books/today/").json()
    record = BookPage.objects.get(pk=book["id"]).record
    assert book["catalogue_url"] == f"/opac/record/{record.pk}/"
    assert client.get(book["catalogue_url"]).status_code == 200


def test_a_book_whose_record_a_harvest_withdrew_links_nowhere(client, demo):
    book = BookPage.objects.get(pk=client.get("/api/v3/books/today/").json()["id"])
    opac_url = book.record.get_absolute_url()
    withdraw([book.record.control_number])
    assert client.get(opac_url).status_code == 404
    assert client.get("/api/v3/books/today/").json()["catalogue_url"] is None
    v2 = client.get(f"{NEWS}{book.pk}/").json()
    assert "catalogue_url" in v2 and v2["catalogue_url"] is None
    assert f'href="{opac_url}"' not in client.get(book.url).content.decode()
    assert f'href="{opac_url}"' not in client.get("/").content.decode()
