"""Visit statistics: what counts as a view, days in Asia/Ho_Chi_Minh, counters, API, widget."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone
from wagtail.documents.models import Document

from base.testing import temporary_media_root  # noqa: F401
from engagement.middleware import VisitCounterMiddleware
from engagement.models import DailyVisits, OnlineVisitor
from engagement.tests.conftest import BROWSER_AGENT, reader
from engagement.visits import compute_totals, count_view, daily_series, is_bot, visit_totals

pytestmark = pytest.mark.django_db

UTC = ZoneInfo("UTC")


def views_today():
    return sum(DailyVisits.objects.values_list("views", flat=True))


def test_a_reader_viewing_pages_is_counted(browser):
    for _view in range(3):
        assert browser.get("/").status_code == 200
    browser.get("/search/?q=sach")
    assert views_today() == 4
    assert OnlineVisitor.objects.count() == 1  # one visitor, marked once a minute


@pytest.mark.parametrize(
    "path",
    ["/admin/login/", "/api/v3/polls/", "/api/v3/stats/visits", "/healthz",
     "/static/css/site.css", "/media/anh.png", "/documents/1/tai-lieu.pdf", "/khong-co-trang-nay/"],
)
def test_admin_api_static_media_documents_health_and_errors_are_not_counted(browser, path):
    browser.get(path)
    assert views_today() == 0


@pytest.mark.parametrize(
    "path",
    ["/admin/", "/api/v3/pages/", "/static/css/site.css", "/static/trang.html", "/media/anh.png",
     "/media/trang.html", "/documents/1/trang.html", "/healthz", "/favicon.ico", "/robots.txt"],
)
def test_excluded_paths_are_not_counted_even_when_answered_with_a_page(path):
    """The path rule alone refuses them: the same 200 HTML answer elsewhere is counted."""
    counter = VisitCounterMiddleware(lambda request: HttpResponse("<p>Trang</p>"))
    counter(RequestFactory().get(path, headers={"user-agent": BROWSER_AGENT}))
    assert views_today() == 0
    counter(RequestFactory().get("/gioi-thieu/", headers={"user-agent": BROWSER_AGENT}))
    assert views_today() == 1


def test_a_document_served_as_an_html_page_is_not_counted(browser):
    document = Document.objects.create(
        title="Trang lưu trữ", file=ContentFile("<p>Trang cũ</p>".encode(), name="trang-cu.html"))
    response = browser.get(document.url)
    assert response.status_code == 200  # Wagtail serves it as a page…
    assert response["Content-Type"].startswith("text/html")
    assert views_today() == 0  # …that the /documents/ rule keeps out of the counts


@pytest.mark.parametrize(
    "agent",
    ["Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
     "Mozilla/5.0 (compatible; bingbot/2.0)", "facebookexternalhit/1.1", "curl/8.5.0",
     "python-requests/2.32", "Mozilla/5.0 (compatible; coccocbot-web/1.0)", ""],
)
def test_bots_are_not_counted(agent):
    assert is_bot(agent)
    reader(agent=agent).get("/")
    assert views_today() == 0


def test_browsers_are_not_bots():
    for agent in ("Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/131.0 Safari/537.36",
                  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) Safari/604.1",
                  "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0"):
        assert not is_bot(agent)


def test_non_get_and_prefetch_requests_are_not_counted(browser):
    browser.post("/", {})
    browser.head("/")
    browser.get("/", headers={"Sec-Purpose": "prefetch"})
    assert views_today() == 0


def test_the_day_changes_at_midnight_in_ho_chi_minh_city():
    before = datetime(2027, 2, 28, 16, 59, 59, tzinfo=UTC)  # 23:59:59 on 28/02 in Hà Nội
    after = datetime(2027, 2, 28, 17, 0, 0, tzinfo=UTC)  # 00:00 on 01/03 in Hà Nội
    count_view("a", at=before)
    count_view("b", at=after)
    count_view("c", at=after)
    assert dict(DailyVisits.objects.values_list("day", "views")) == {
        date(2027, 2, 28): 1, date(2027, 3, 1): 2
    }
    totals = compute_totals(at=after + timedelta(minutes=1))
    assert (totals.today, totals.this_month, totals.total) == (2, 2, 3)
    assert totals.day == date(2027, 3, 1)
    assert compute_totals(at=before).this_month == 1


def test_totals_of_today_this_month_and_all_time():
    at = datetime(2027, 3, 15, 3, tzinfo=UTC)
    DailyVisits.objects.bulk_create([
        DailyVisits(day=date(2027, 3, 15), views=7), DailyVisits(day=date(2027, 3, 1), views=5),
        DailyVisits(day=date(2027, 2, 28), views=100), DailyVisits(day=date(2026, 3, 15), views=1),
    ])
    totals = compute_totals(at=at)
    assert (totals.today, totals.this_month, totals.total) == (7, 12, 113)


def test_online_counts_distinct_visitors_of_the_last_five_minutes():
    now = datetime(2027, 3, 15, 3, tzinfo=UTC)
    count_view("xa", at=now - timedelta(minutes=6))
    count_view("gan", at=now - timedelta(minutes=4))
    count_view("gan", at=now - timedelta(minutes=4))
    count_view("moi", at=now)
    assert compute_totals(at=now).online == 2
    cache.clear()
    count_view("xa", at=now)  # back again: the next minute's view refreshes them
    assert compute_totals(at=now).online == 3


def test_old_visitors_are_forgotten():
    now = datetime(2027, 3, 15, 3, tzinfo=UTC)
    count_view("cu", at=now - timedelta(hours=1))
    compute_totals(at=now)
    assert not OnlineVisitor.objects.exists()


def test_widget_reads_cached_totals(browser):
    browser.get("/")
    first = visit_totals()
    DailyVisits.objects.update(views=500)
    assert visit_totals() == first  # cached
    cache.clear()
    assert visit_totals().today == 500


def test_widget_shows_the_counters_in_vietnamese(browser):
    today = timezone.localdate()
    DailyVisits.objects.create(day=today, views=1234)
    DailyVisits.objects.create(day=today - timedelta(days=400), views=10000)
    html = browser.get("/").content.decode()
    start = html.index('class="widget widget--statistics"')
    widget = html[start:html.index("</section>", start)]
    for label in ("Thống kê truy cập", "Đang trực tuyến", "Hôm nay", "Tháng này",
                  "Tổng lượt truy cập"):
        assert label in widget
    assert 'data-counter="today">1.234<' in widget
    assert 'data-counter="total">11.234<' in widget


def test_stats_api_shape(browser):
    today = timezone.localdate()
    DailyVisits.objects.create(day=today - timedelta(days=1), views=9)
    browser.get("/")
    cache.clear()
    body = browser.get("/api/v3/stats/visits").json()
    assert set(body) == {"online", "today", "this_month", "total", "day", "time_zone",
                         "last_30_days"}
    assert body["time_zone"] == "Asia/Ho_Chi_Minh"
    assert body["day"] == today.isoformat()
    assert body["today"] == 1 and body["online"] == 1 and body["total"] == 10
    assert len(body["last_30_days"]) == 30
    assert body["last_30_days"][-2:] == [
        {"day": (today - timedelta(days=1)).isoformat(), "views": 9},
        {"day": today.isoformat(), "views": 1},
    ]


def test_daily_series_fills_missing_days_with_zero():
    at = datetime(2027, 3, 15, 3, tzinfo=UTC)
    DailyVisits.objects.create(day=date(2027, 3, 10), views=4)
    series = daily_series(days=7, at=at)
    assert series[0] == (date(2027, 3, 9), 0)
    assert series[1] == (date(2027, 3, 10), 4)
    assert series[-1] == (date(2027, 3, 15), 0)
