"""In Chromium: a reader votes in the portal's poll, sees the results, and cannot vote twice."""

import pytest
from django.contrib.auth.models import Group
from django.core.management import call_command
from playwright.sync_api import expect

from engagement.demo import CHOICES, QUESTION
from engagement.models import PollChoice, Vote

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "mat-khau-bien-tap"


def test_reader_votes_sees_results_and_is_refused_a_second_vote(
    live_server, chromium, browser_page, screenshot_dir
):
    call_command("load_demo")
    page = browser_page
    page.goto(f"{live_server.url}/")
    # A second tab of the same reader, without JavaScript, opened before voting.
    plain = chromium.new_context(locale="vi-VN", java_script_enabled=False,
                                 user_agent=page.evaluate("navigator.userAgent"))
    plain_page = plain.new_page()
    plain_page.goto(f"{live_server.url}/")

    poll = page.locator("section.widget--poll")
    expect(poll.locator("h2")).to_have_text("Bình chọn")
    expect(poll).to_contain_text(QUESTION)
    page.screenshot(path=screenshot_dir / "engagement-01-poll.png", full_page=True)
    poll.get_by_label(CHOICES[0]).check()
    poll.get_by_role("button", name="Bình chọn").click()

    # JavaScript swaps in the results without leaving the page.
    poll = page.locator("section.widget--poll")
    expect(poll.get_by_role("status")).to_have_text("Cảm ơn bạn đã bình chọn!")
    results = poll.get_by_role("list", name="Kết quả bình chọn")
    expect(results.locator("li").first).to_contain_text("1 phiếu (100,0%)")
    expect(poll).to_contain_text("Tổng cộng: 1 phiếu")
    expect(poll.get_by_role("radio")).to_have_count(0)
    assert page.url == f"{live_server.url}/"
    page.screenshot(path=screenshot_dir / "engagement-02-results.png", full_page=True)

    # The other tab still shows the form: its plain POST is refused, with a message.
    plain_poll = plain_page.locator("section.widget--poll")
    plain_poll.get_by_label(CHOICES[2]).check()
    plain_poll.get_by_role("button", name="Bình chọn").click()
    plain_poll = plain_page.locator("section.widget--poll")
    expect(plain_poll.get_by_role("alert")).to_have_text(
        "Bạn đã bình chọn cho câu hỏi này rồi. Mỗi người chỉ được bình chọn một lần."
    )
    expect(plain_poll).to_contain_text("Tổng cộng: 1 phiếu")
    plain_page.screenshot(path=screenshot_dir / "engagement-03-refused.png", full_page=True)
    plain.close()

    # Reloading shows the results, not the form.
    page.reload()
    expect(page.locator("section.widget--poll")).to_contain_text("Bạn đã bình chọn.")
    assert Vote.objects.count() == 1
    assert list(PollChoice.objects.order_by("sort_order").values_list("votes", flat=True)) == [
        1, 0, 0
    ]
    statistics = page.locator("section.widget--statistics")
    expect(statistics).to_contain_text("Đang trực tuyến")


def test_editor_sees_the_daily_visits_chart_on_the_dashboard(
    live_server, browser_page, screenshot_dir, django_user_model
):
    call_command("load_demo")
    editor = django_user_model.objects.create_user("bientap", "bientap@example.org", PASSWORD)
    editor.groups.add(*Group.objects.filter(name__in=["Editors", "Moderators"]))
    page = browser_page
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "bientap")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/admin/")

    panel = page.locator("#engagement-visits-section, #engagement-visits").first
    expect(panel).to_contain_text("Lượt truy cập")
    chart = page.get_by_role("img", name="Lượt xem trang mỗi ngày trong 30 ngày qua")
    expect(chart).to_be_visible()
    expect(chart.locator("rect")).to_have_count(30)
    assert chart.bounding_box()["height"] > 100
    chart.screenshot(path=screenshot_dir / "engagement-04-dashboard-chart.png")
