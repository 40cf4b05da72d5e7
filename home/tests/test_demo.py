"""load_demo builds a complete portal, in NFC Vietnamese, and a second run changes nothing."""

import unicodedata
from datetime import datetime

import pytest
from django.apps import apps
from django.core.management import call_command
from django.utils import timezone
from wagtail.embeds.models import Embed
from wagtail.models import Page, Revision

from articles.models import ArticleCategory, ArticlePage
from base.dates import LIBRARY_TZ
from library.models import (
    BookPage,
    HoursException,
    MapPage,
    ServiceHours,
    SupportContact,
    VideoCategory,
    VideoPage,
    WebsiteLink,
    book_of_the_day,
)
from library.templatetags.library_tags import service_hours

pytestmark = pytest.mark.django_db


def row_counts():
    """Rows of every model of our apps and of Wagtail's pages, revisions, images, embeds."""
    apps_counted = ("home", "articles", "library", "engagement")
    counted = [m for app in apps_counted for m in apps.get_app_config(app).get_models()]
    counted += [Page, Revision, Embed, apps.get_model("wagtailimages", "Image")]
    return {model._meta.label: model.objects.count() for model in counted}


def test_load_demo_builds_the_portal_and_is_idempotent(client):
    call_command("load_demo")
    first = row_counts()
    call_command("load_demo")
    assert row_counts() == first

    assert ArticlePage.objects.live().count() >= 5
    assert ArticleCategory.objects.filter(articles__isnull=False).distinct().count() >= 2
    assert BookPage.objects.live().count() == 7
    assert book_of_the_day() is not None
    assert VideoPage.objects.filter(category=VideoCategory.AUDIOBOOK).count() >= 2
    assert all(video.embed for video in VideoPage.objects.all())
    assert MapPage.objects.get().units.count() > 10
    assert WebsiteLink.objects.exists() and SupportContact.objects.exists()
    assert HoursException.objects.exists()

    html = client.get("/").content.decode()
    for widget in ("Tin mới", "Lịch phục vụ", "Mỗi ngày một cuốn sách", "Video giới thiệu",
                   "Video sách nói", "Liên kết website", "Hỗ trợ trực tuyến", "Bình chọn",
                   "Thống kê truy cập", "Bản đồ hành chính"):
        assert widget in html
    for page in Page.objects.live().filter(depth__gt=1).specific():
        assert client.get(page.url).status_code == 200, page.url


def test_demo_hours_are_the_reference_hours():
    call_command("load_demo")
    hours = ServiceHours.load()
    state = hours.opening_state(datetime(2027, 3, 2, 9, tzinfo=LIBRARY_TZ))
    assert state == (True, datetime(2027, 3, 2, 12, tzinfo=LIBRARY_TZ))
    monday = datetime(2027, 3, 1, 9, tzinfo=LIBRARY_TZ)
    assert hours.opening_state(monday) == (False, datetime(2027, 3, 2, 8, tzinfo=LIBRARY_TZ))
    widget = service_hours(at=datetime(2027, 3, 1, 9, tzinfo=LIBRARY_TZ))
    assert widget["next_change_day"] == "Thứ Ba"
    assert [group["first"] for group in widget["groups"]] == ["Thứ Hai", "Thứ Ba"]


def test_demo_text_is_nfc():
    call_command("load_demo")
    texts = [p.title for p in Page.objects.all()]
    texts += [a.lead for a in ArticlePage.objects.all()]
    texts += [e.note for e in HoursException.objects.all()]
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)


def test_home_shows_open_badge_during_hours(client, monkeypatch):
    call_command("load_demo")
    open_instant = datetime(2027, 3, 2, 9, tzinfo=LIBRARY_TZ)
    monkeypatch.setattr(timezone, "now", lambda: open_instant)
    html = client.get("/").content.decode()
    assert "Đang mở cửa" in html
    assert 'datetime="2027-03-02T12:00:00+07:00"' in html
