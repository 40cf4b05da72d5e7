"""In Chromium, an editor's day: log in, write a news article whose slug the admin makes from
its Vietnamese title, publish it, change the Tết closure in the hours and the site's colour;
nothing in the admin loads from another host. Screenshots: var/screenshots/editor-*.png."""

import re
from urllib.parse import urlsplit

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import ArticlePage, NewsIndexPage
from home.models import Branding
from library.models import ServiceHours

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-bien-tap"
TITLE = "Khai trương phòng đọc Cẩm Phả"


def test_an_editors_day(live_server, browser_page, screenshot_dir, django_user_model, settings):
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0  # autosave would race the publish button
    call_command("load_demo")
    user = django_user_model.objects.create_user("bientap", "b@example.org", PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    page = browser_page
    host = urlsplit(live_server.url).netloc
    elsewhere = []

    def route(request_route):
        url = urlsplit(request_route.request.url)
        if url.scheme in {"http", "https"} and url.netloc != host:
            elsewhere.append(request_route.request.url)
            request_route.abort()
        else:
            request_route.continue_()

    page.context.route("**/*", route)
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")
    page.wait_for_load_state("networkidle")
    page.screenshot(path=screenshot_dir / "editor-1-dashboard.png", full_page=True)

    index = NewsIndexPage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{index.pk}/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_title", TITLE)
    page.locator("#id_title").blur()
    page.fill("#id_lead", "Phòng đọc mới mở cửa cho bạn đọc phường Cẩm Phả.")
    page.click(".c-sf-add-button")
    page.get_by_role("option", name="Đoạn văn").click()
    paragraph = page.locator(".public-DraftEditor-content").first
    paragraph.click()
    paragraph.press_sequentially("Phòng đọc có hai nghìn đầu sách.")
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("nghìn"))
    expect(page.locator("#id_slug")).to_have_value("khai-truong-phong-doc-cam-pha")
    page.screenshot(path=screenshot_dir / "editor-2-new-article.png", full_page=True)
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.click("button[name='action-publish']")
    page.wait_for_url(f"{live_server.url}/admin/pages/{index.pk}/")
    article = ArticlePage.objects.get(title=TITLE)
    assert article.live and article.slug == "khai-truong-phong-doc-cam-pha"
    page.goto(f"{live_server.url}{article.url}")
    expect(page.locator("h1")).to_have_text(TITLE)
    assert page.url.endswith("/tin-tuc/khai-truong-phong-doc-cam-pha/")

    page.goto(f"{live_server.url}/admin/settings/library/servicehours/")
    page.wait_for_load_state("networkidle")
    page.fill("#id_tet_last_day", "6")
    page.screenshot(path=screenshot_dir / "editor-3-hours.png", full_page=True)
    page.get_by_role("button", name="Lưu").first.click()
    expect(page.locator(".messages")).to_contain_text("đã được cập nhật")
    assert ServiceHours.load().tet_last_day == 6

    page.goto(f"{live_server.url}/admin/settings/home/branding/")
    page.wait_for_load_state("networkidle")
    page.locator("#id_brand_colour").evaluate("input => input.value = '#7a1f3d'")
    page.get_by_role("button", name="Lưu").first.click()
    expect(page.locator(".messages")).to_contain_text("đã được cập nhật")
    assert Branding.load().brand_colour == "#7a1f3d"
    page.goto(f"{live_server.url}/")
    brand = page.evaluate(
        "getComputedStyle(document.querySelector('.site-header')).backgroundColor")
    assert brand == "rgb(122, 31, 61)"
    page.screenshot(path=screenshot_dir / "editor-4-new-colour.png")
    assert not elsewhere, elsewhere
