"""Service hours stored in the database, and their admin forms refusing bad input."""

from datetime import date, datetime, time

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from base.dates import LIBRARY_TZ
from library.models import ExceptionSession, HoursException, ServiceHours, WeeklySession

pytestmark = pytest.mark.django_db

EXCEPTION_ADD_URL = reverse("wagtailsnippets_library_hoursexception:add")
TUESDAY = date(2026, 12, 1)


def settings_url():
    """The edit view of the service hours (it redirects there from the URL without an id)."""
    return reverse("wagtailsettings:edit", args=["library", "servicehours", ServiceHours.load().pk])


@pytest.fixture
def admin_client(client, django_user_model):
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    return client


def at(day, hour, minute=0):
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LIBRARY_TZ)


def test_stored_schedule_opens_and_closes(hours):
    assert hours.opening_state(at(TUESDAY, 9)) == (True, at(TUESDAY, 12))
    assert hours.opening_state(at(date(2026, 11, 30), 9)) == (False, at(TUESDAY, 8))


def test_stored_exceptions_win_over_the_weekly_rule(hours):
    HoursException.objects.create(
        start_date=TUESDAY, end_date=date(2026, 12, 2), closed=True, note="Kiểm kê kho"
    )
    special = HoursException(start_date=date(2026, 12, 3), closed=False, note="Mở muộn")
    special.sessions = [ExceptionSession(opens=time(10), closes=time(20))]
    special.save()
    assert hours.opening_state(at(TUESDAY, 9)) == (False, at(date(2026, 12, 3), 10))
    assert hours.opening_state(at(date(2026, 12, 3), 17)) == (True, at(date(2026, 12, 3), 20))
    assert [e.note for e in hours.upcoming_exceptions(TUESDAY)] == ["Kiểm kê kho", "Mở muộn"]


def weekly_form(sessions, note=""):
    return nested_form_data(
        {
            "weekly_sessions": inline_formset(
                [
                    {"weekday": str(day), "opens": opens, "closes": closes}
                    for day, opens, closes in sessions
                ]
            ),
            "note": note,
            "tet_days_before": "1",
            "tet_last_day": "4",
        }
    )


def test_admin_saves_valid_weekly_hours(admin_client):
    response = admin_client.post(
        settings_url(), weekly_form([(1, "08:00", "12:00"), (1, "12:00", "16:30")], "Ghi chú")
    )
    assert response.status_code == 302
    assert ServiceHours.load().weekly_sessions.count() == 2


@pytest.mark.parametrize(
    ("sessions", "message"),
    [
        ([(1, "12:00", "08:00")], "Giờ đóng cửa phải sau giờ mở cửa."),
        ([(1, "08:00", "08:00")], "Giờ đóng cửa phải sau giờ mở cửa."),
        (
            [(1, "08:00", "12:00"), (2, "08:00", "12:00"), (1, "11:00", "13:00")],
            "Khung giờ 08:00–12:00 và 11:00–13:00 bị chồng lên nhau.",
        ),
    ],
)
def test_admin_refuses_bad_weekly_hours_and_saves_nothing(admin_client, sessions, message):
    response = admin_client.post(settings_url(), weekly_form(sessions, "không lưu"))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert WeeklySession.objects.count() == 0
    assert not ServiceHours.objects.filter(note="không lưu").exists()


def exception_form(closed, sessions, start="2026-12-24", end=""):
    data = {
        "start_date": start,
        "end_date": end,
        "note": "Nghỉ Giáng sinh",
        "sessions": inline_formset(
            [{"opens": opens, "closes": closes} for opens, closes in sessions]
        ),
    }
    if closed:
        data["closed"] = "on"
    return nested_form_data(data)


def test_admin_saves_a_closure_and_special_hours(admin_client):
    assert admin_client.post(EXCEPTION_ADD_URL, exception_form(True, [])).status_code == 302
    response = admin_client.post(
        EXCEPTION_ADD_URL, exception_form(False, [("08:00", "20:00")], start="2026-12-26")
    )
    assert response.status_code == 302
    assert HoursException.objects.count() == 2
    assert ExceptionSession.objects.count() == 1


@pytest.mark.parametrize(
    ("form", "message"),
    [
        (exception_form(True, [("08:00", "12:00")]), "Ngày nghỉ thì không có buổi phục vụ"),
        (exception_form(False, []), "Hãy đánh dấu đóng cửa"),
        (
            exception_form(False, [("08:00", "12:00"), ("09:00", "10:00")]),
            "bị chồng lên nhau",
        ),
        (exception_form(False, [("14:00", "13:00")]), "Giờ đóng cửa phải sau giờ mở cửa."),
        (exception_form(True, [], end="2026-12-20"), "Ngày kết thúc phải từ ngày bắt đầu"),
    ],
)
def test_admin_refuses_bad_exceptions_and_saves_nothing(admin_client, form, message):
    response = admin_client.post(EXCEPTION_ADD_URL, form)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert HoursException.objects.count() == 0
    assert ExceptionSession.objects.count() == 0


def test_admin_refuses_overlapping_exceptions(admin_client):
    HoursException.objects.create(
        start_date=date(2026, 12, 23), end_date=date(2026, 12, 25), note="Kiểm kê"
    )
    response = admin_client.post(EXCEPTION_ADD_URL, exception_form(True, []))
    assert response.status_code == 200
    assert "Trùng thời gian với lịch đã có" in response.content.decode()
    assert HoursException.objects.count() == 1
