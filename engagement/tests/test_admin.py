"""Editors: polls as snippets in the admin, and the daily-visits chart on the dashboard."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from engagement.chart import bar_chart, nice_ceiling
from engagement.models import DailyVisits, Poll, PollChoice
from engagement.tests.conftest import make_poll

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    return client


def poll_form(question, opens_at, closes_at="", choices=("Có", "Không")):
    data = {
        "question": question, "opens_at": opens_at, "closes_at": closes_at, "featured": "on",
        "choices-TOTAL_FORMS": len(choices), "choices-INITIAL_FORMS": 0,
        "choices-MIN_NUM_FORMS": 0, "choices-MAX_NUM_FORMS": 1000,
    }
    for number, text in enumerate(choices):
        data.update({f"choices-{number}-text": text, f"choices-{number}-ORDER": number + 1,
                     f"choices-{number}-id": ""})
    return data


def test_editor_creates_a_poll_with_ordered_choices(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_engagement_poll:add"),
        poll_form("Bạn thường đọc sách vào lúc nào?", "2027-03-01 08:00", "2027-04-01 08:00",
                  ("Buổi sáng", "Buổi tối", "Cuối tuần")),
    )
    assert response.status_code == 302, response.context["form"].errors
    poll = Poll.objects.get()
    assert [choice.text for choice in poll.choices.all()] == ["Buổi sáng", "Buổi tối", "Cuối tuần"]
    assert poll.featured
    assert timezone.localtime(poll.opens_at).hour == 8


def test_admin_refuses_a_poll_closing_before_it_opens(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_engagement_poll:add"),
        poll_form("Câu hỏi?", "2027-03-01 08:00", "2027-02-01 08:00"),
    )
    assert response.status_code == 200
    assert "Ngày đóng phải sau ngày mở bình chọn." in str(response.context["form"].errors)
    assert response.context["form"].errors == {
        "__all__": ["Ngày đóng phải sau ngày mở bình chọn."]}
    html = response.content.decode()
    assert "Không thể tạo bình chọn do có lỗi." in html
    assert "Ngày đóng phải sau ngày mở bình chọn." in html
    assert not Poll.objects.exists() and not PollChoice.objects.exists()


def test_admin_needs_two_choices(admin_client):
    response = admin_client.post(
        reverse("wagtailsnippets_engagement_poll:add"),
        poll_form("Câu hỏi?", "2027-03-01 08:00", choices=("Chỉ một",)),
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.errors  # the question and dates are fine: the choices are refused
    assert form.formsets["choices"].non_form_errors() == ["Vui lòng gửi ít nhất 2 biểu mẫu."]
    html = response.content.decode()
    assert "Không thể tạo bình chọn do có lỗi." in html
    assert "Vui lòng gửi ít nhất 2 biểu mẫu." in html
    assert not Poll.objects.exists() and not PollChoice.objects.exists()


def test_polls_are_listed_in_the_admin_with_their_votes(admin_client):
    poll = make_poll("Bạn có hài lòng không?")
    PollChoice.objects.filter(poll=poll).update(votes=4)
    html = admin_client.get(reverse("wagtailsnippets_engagement_poll:list")).content.decode()
    assert "Bình chọn" in html and "Số phiếu" in html
    assert "Bạn có hài lòng không?" in html and ">12<" in html.replace(" ", "").replace("\n", "")


def test_dashboard_shows_a_30_day_chart_without_any_cdn(admin_client):
    today = timezone.localdate()
    DailyVisits.objects.create(day=today - timedelta(days=2), views=1500)
    DailyVisits.objects.create(day=today - timedelta(days=40), views=99)
    html = admin_client.get(reverse("wagtailadmin_home")).content.decode()
    start = html.index('id="engagement-visits')
    panel = html[start:]
    assert "Lượt truy cập" in panel
    assert "Lượt xem trang mỗi ngày trong 30 ngày qua" in panel
    assert panel.count("<rect ") == 30
    day = today - timedelta(days=2)
    assert f"{day:%d/%m/%Y}: 1.500 lượt xem" in panel
    assert "Tổng: <strong>1.599</strong>" in panel
    assert "cdn" not in panel.lower() and "<script" not in panel[:panel.index("</svg>")]


def test_chart_geometry():
    assert [nice_ceiling(v) for v in (0, 1, 3, 7, 10, 11, 180, 1500)] == [
        1, 1, 5, 10, 10, 20, 200, 2000
    ]
    series = [(date(2027, 3, 1) + timedelta(days=n), views)
              for n, views in enumerate([0, 50, 100])]
    chart = bar_chart(series)
    heights = [bar.height for bar in chart["bars"]]
    assert heights[0] == 0 and heights[1] * 2 == heights[2]
    assert chart["bars"][2].y + heights[2] == chart["baseline"]
    assert [tick.value for tick in chart["ticks"]] == [0, 50, 100]
    assert chart["bars"][2].label == "03/03" and chart["bars"][1].label == ""
    assert chart["bars"][0].title == "Thứ Hai, 01/03/2027: 0 lượt xem"
