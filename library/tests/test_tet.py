"""Tết: the library closes every year by the Vietnamese lunar calendar, and an editor's dated
entry for a year's Tết replaces the rule that year."""

from datetime import date, datetime

import pytest

from base.dates import LIBRARY_TZ, lunar_new_year
from library.models import HoursException, ServiceHours
from library.opening import tet_closure

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("year", "new_year_day"),
    [
        (2026, date(2026, 2, 17)),
        (2027, date(2027, 2, 6)),
        # Years where Vietnam (UTC+7) and China (UTC+8) begin the year on different days:
        (1985, date(1985, 1, 21)),  # China: 20 February
        (2007, date(2007, 2, 17)),  # China: 18 February
        (2030, date(2030, 2, 2)),  # China: 3 February
    ],
)
def test_lunar_new_year_is_the_vietnamese_one(year, new_year_day):
    assert lunar_new_year(year) == new_year_day


@pytest.mark.parametrize(
    ("days_before", "last_day", "expected"),
    [
        (1, 4, (date(2027, 2, 5), date(2027, 2, 9))),
        (0, 1, (date(2027, 2, 6), date(2027, 2, 6))),
        (3, 6, (date(2027, 2, 3), date(2027, 2, 11))),
        (2, 0, None),  # no closure
    ],
)
def test_tet_closure_days(days_before, last_day, expected):
    assert tet_closure(date(2027, 2, 6), days_before, last_day) == expected


@pytest.fixture
def hours(hours):
    """The reference's hours, closed from the last day of the lunar year to mùng 4."""
    hours.tet_days_before, hours.tet_last_day = 1, 4
    hours.save()
    return hours


def at(day, hour):
    return datetime(day.year, day.month, day.day, hour, tzinfo=LIBRARY_TZ)


def test_the_library_is_closed_at_tet_and_reopens_after(hours):
    # Mùng 1 Tết Đinh Mùi is Saturday 6 February 2027, a day the library opens otherwise.
    assert hours.opening_state(at(date(2027, 2, 6), 9)) == (False, at(date(2027, 2, 10), 8))
    assert hours.opening_state(at(date(2027, 2, 4), 9)) == (True, at(date(2027, 2, 4), 12))
    hours.tet_last_day = 0  # the editor turns the yearly closure off
    hours.save()
    assert hours.opening_state(at(date(2027, 2, 6), 9)) == (True, at(date(2027, 2, 6), 12))


def test_tet_is_listed_with_the_coming_closures(hours):
    upcoming = hours.upcoming_exceptions(date(2027, 1, 20))
    assert [(c.note, c.start_date, c.end_date, c.closed) for c in upcoming] == [
        ("Nghỉ Tết Nguyên đán", date(2027, 2, 5), date(2027, 2, 9), True)
    ]
    assert hours.upcoming_exceptions(date(2026, 12, 1)) == []  # more than a month ahead


def test_a_dated_entry_for_one_tet_replaces_the_rule_that_year(hours):
    HoursException.objects.create(
        note="Nghỉ Tết theo lịch nghỉ của Nhà nước", start_date=date(2027, 2, 4),
        end_date=date(2027, 2, 11), closed=True,
    )
    notes = [c.note for c in hours.upcoming_exceptions(date(2027, 1, 20))]
    assert notes == ["Nghỉ Tết theo lịch nghỉ của Nhà nước"]
    assert hours.opening_state(at(date(2027, 2, 11), 9)) == (False, at(date(2027, 2, 12), 8))
    # The next year is the rule's again: Tết Mậu Thân, mùng 1 on 26 January 2028.
    next_year = [c for c in hours.upcoming_exceptions(date(2028, 1, 1))]
    assert [(c.note, c.start_date) for c in next_year] == [
        ("Nghỉ Tết Nguyên đán", date(2028, 1, 25))
    ]


def test_the_api_and_the_hours_page_show_tet(client, hours):
    data = client.get("/api/v3/hours/", {"at": "2027-01-20T09:00:00+07:00"}).json()
    assert data["exceptions"] == [{
        "start_date": "2027-02-05", "end_date": "2027-02-09", "closed": True,
        "note": "Nghỉ Tết Nguyên đán", "sessions": [],
    }]
    assert client.get("/api/v3/hours/", {"at": "2027-02-06T09:00:00+07:00"}).json()[
        "is_open"] is False


def test_tet_stops_at_the_edges_of_the_lunar_calendar(hours):
    # lunar_vn knows 1900–2100: the years beyond have no Tết rather than an error.
    assert [c.start_date.year for c in hours.tet_closures(date(1900, 6, 1))] == [1900, 1901, 1902]
    assert [c.start_date.year for c in hours.tet_closures(date(2100, 6, 1))] == [2099, 2100]


def test_the_api_answers_on_the_last_day_it_accepts(client, hours):
    # The API accepts instants before 2100; the year after next (2101) is past the calendar.
    response = client.get("/api/v3/hours/", {"at": "2099-12-31T12:00:00+07:00"})
    assert response.status_code == 200, response.content
    assert response.json()["is_open"] is False  # a Thursday at noon, between two sessions


def test_the_hours_page_lists_the_coming_years_closures(client, hours, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "now", lambda: at(date(2026, 12, 1), 9))
    html = client.get("/lich-phuc-vu/").content.decode()
    assert "Nghỉ Tết Nguyên đán" in html
    assert '<time datetime="2027-02-05">05/02/2027</time> – ' in html
    assert '<time datetime="2027-02-09">09/02/2027</time>' in html


def test_admin_refuses_a_tet_closure_past_mung_10(client, django_user_model):
    from django.urls import reverse
    from wagtail.test.utils.form_data import inline_formset, nested_form_data

    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    url = reverse("wagtailsettings:edit", args=["library", "servicehours",
                                                ServiceHours.load().pk])
    form = nested_form_data({"weekly_sessions": inline_formset([]), "note": "",
                             "tet_days_before": "1", "tet_last_day": "15"})
    response = client.post(url, form)
    assert response.status_code == 200
    assert "10" in str(response.context["form"].errors["tet_last_day"])
    assert ServiceHours.load().tet_last_day != 15
