"""In Chromium: the portal's hours widget and latest news; an editor publishes a news article."""

import re

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from articles.models import ArticlePage, NewsIndexPage, live_articles

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-bien-tap"
NEW_TITLE = "Thư viện mở thêm góc đọc sách ngoài trời"
BODY_TEXT = "Bạn đọc có thể mượn sách và ngồi đọc ngay tại sân thư viện."


@pytest.fixture
def editor(django_user_model):
    """An editor who may also publish (member of "Editors" and "Moderators")."""
    user = django_user_model.objects.create_user("bientap", "bientap@example.org", PASSWORD)
    user.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    return user


def test_portal_and_an_editor_publishing_news(
    live_server, browser_page, screenshot_dir, editor, settings
):
    # Autosave would race the publish button (it turns the add form into an edit form).
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    call_command("load_demo")
    page = browser_page
    latest = live_articles().first()

    page.goto(f"{live_server.url}/")
    hours = page.locator("section.widget--hours")
    assert hours.locator("h2").inner_text().strip().upper() == "LỊCH PHỤC VỤ"
    badge = hours.locator(".status-badge")
    assert badge.inner_text().strip() in {"Đang mở cửa", "Đang đóng cửa"}
    assert "Thứ Ba đến Chủ nhật" in hours.inner_text()
    assert "08:00–12:00" in hours.inner_text()
    lead = page.locator("article.lead-story")  # the newest article leads the home page
    assert lead.get_by_role("link", name=re.compile(re.escape(latest.title))).is_visible()
    page.screenshot(path=screenshot_dir / "01-home.png", full_page=True)

    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    index = NewsIndexPage.objects.get()
    page.goto(f"{live_server.url}/admin/pages/add/articles/articlepage/{index.pk}/")
    page.wait_for_load_state("networkidle")  # the admin's editors are ready
    page.fill("#id_title", NEW_TITLE)
    page.fill("#id_lead", "Góc đọc dưới tán cây mở cửa vào các buổi sáng cuối tuần.")
    page.click(".c-sf-add-button")
    page.get_by_role("option", name="Đoạn văn").click()
    paragraph = page.locator(".public-DraftEditor-content").first
    paragraph.click()
    paragraph.press_sequentially(BODY_TEXT)
    expect(paragraph).to_have_text(BODY_TEXT)
    # Draftail copies its content into the form's hidden input a moment later: wait for it.
    expect(page.locator("input[name='body-0-value']")).to_have_value(re.compile("mượn sách"))
    page.screenshot(path=screenshot_dir / "02-admin-new-article.png", full_page=True)
    page.locator("footer [data-w-dropdown-target='toggle']").last.click()
    page.click("button[name='action-publish']")
    page.wait_for_url(f"{live_server.url}/admin/pages/{index.pk}/")
    assert ArticlePage.objects.live().filter(title=NEW_TITLE).exists()

    page.goto(f"{live_server.url}/")
    lead = page.locator("article.lead-story")
    assert lead.get_by_role("link", name=re.compile(NEW_TITLE)).is_visible()
    page.screenshot(path=screenshot_dir / "03-home-with-new-article.png", full_page=True)
    lead.get_by_role("link", name=re.compile(NEW_TITLE)).click()
    assert page.locator("h1").inner_text() == NEW_TITLE
    page.screenshot(path=screenshot_dir / "04-new-article.png", full_page=True)
