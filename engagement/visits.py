"""Page-view counting and the visit counters, days taken in the library's time zone.

A counted view costs one ``UPDATE … SET views = views + 1`` of today's row (the row is created
once a day, racing creators resolved by ``ON CONFLICT DO NOTHING``). "Online now" is the number
of distinct visitors seen in the last five minutes: each visitor's ``last_seen`` is upserted at
most once a minute (a cache key remembers the last write), so it costs one more small write per
visitor per minute, not per view.
"""

import re
from dataclasses import dataclass
from datetime import date, timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import F, Q, Sum
from django.utils import timezone

from base.dates import LIBRARY_TZ
from engagement.identity import client_hash
from engagement.models import DailyVisits, OnlineVisitor

ONLINE_WINDOW = timedelta(minutes=5)
ONLINE_REFRESH_SECONDS = 60
TOTALS_CACHE_KEY = "engagement:visit-totals"
TOTALS_CACHE_SECONDS = 30
CHART_DAYS = 30

EXCLUDED_PREFIXES = ("/admin/", "/api/", "/documents/", "/healthz", "/favicon.ico", "/robots.txt")
BOT_AGENTS = re.compile(
    r"bot|crawl|spider|slurp|archiver|facebookexternalhit|preview|monitor|uptime|curl|wget|"
    r"python-|httpx|go-http-client|java/|libwww|okhttp|scrapy|lighthouse",
    re.IGNORECASE,
)


def local_day(at):
    """The library's calendar day at the aware instant ``at``."""
    return at.astimezone(LIBRARY_TZ).date()


def is_bot(user_agent):
    """Crawlers, monitors and scripts, by user agent; an empty user agent is a script too."""
    return not user_agent or BOT_AGENTS.search(user_agent) is not None


def excluded_path(path):
    """The admin, the APIs, static and media files, documents and health checks."""
    prefixes = EXCLUDED_PREFIXES + (settings.STATIC_URL, settings.MEDIA_URL)
    return path.startswith(tuple(prefix for prefix in prefixes if prefix))


def is_counted(request, response):
    """Whether this request is a reader's view of a rendered page."""
    return (
        request.method == "GET"
        and 200 <= response.status_code < 300
        and response.get("Content-Type", "").startswith("text/html")
        and not excluded_path(request.path)
        and not is_bot(request.META.get("HTTP_USER_AGENT", ""))
        and "prefetch" not in request.headers.get("Sec-Purpose", request.headers.get("Purpose", ""))
    )


def count_view(visitor, at=None):
    """Add one view to the library's day at ``at`` and mark ``visitor`` (a hash) as online."""
    at = at or timezone.now()
    day = local_day(at)
    if not DailyVisits.objects.filter(day=day).update(views=F("views") + 1):
        DailyVisits.objects.bulk_create([DailyVisits(day=day, views=0)], ignore_conflicts=True)
        DailyVisits.objects.filter(day=day).update(views=F("views") + 1)
    if cache.add(f"engagement:online:{visitor}", 1, timeout=ONLINE_REFRESH_SECONDS):
        OnlineVisitor.objects.bulk_create(
            [OnlineVisitor(visitor_hash=visitor, last_seen=at)],
            update_conflicts=True, unique_fields=["visitor_hash"], update_fields=["last_seen"],
        )


def count_request(request):
    """Count ``request`` as one view of the visitor it comes from."""
    count_view(client_hash(request, "visitor"))


@dataclass(frozen=True)
class VisitTotals:
    """The counters of "Thống kê truy cập"."""

    online: int
    today: int
    this_month: int
    total: int
    day: date


def compute_totals(at=None):
    """The counters at ``at`` straight from the database; forgets visitors long gone."""
    at = at or timezone.now()
    today = local_day(at)
    since = at - ONLINE_WINDOW
    OnlineVisitor.objects.filter(last_seen__lt=since - ONLINE_WINDOW).delete()
    sums = DailyVisits.objects.filter(day__lte=today).aggregate(
        total=Sum("views"),
        month=Sum("views", filter=Q(day__gte=today.replace(day=1))),
        today=Sum("views", filter=Q(day=today)),
    )
    return VisitTotals(
        online=OnlineVisitor.objects.filter(last_seen__gte=since).count(),
        today=sums["today"] or 0,
        this_month=sums["month"] or 0,
        total=sums["total"] or 0,
        day=today,
    )


def visit_totals():
    """The counters, cached for ``TOTALS_CACHE_SECONDS``."""
    return cache.get_or_set(TOTALS_CACHE_KEY, compute_totals, TOTALS_CACHE_SECONDS)


def daily_series(days=CHART_DAYS, at=None):
    """``(day, views)`` for each of the last ``days`` days up to today, zero where none."""
    today = local_day(at or timezone.now())
    first = today - timedelta(days=days - 1)
    views = dict(DailyVisits.objects.filter(day__gte=first, day__lte=today)
                 .values_list("day", "views"))
    return [(day, views.get(day, 0)) for day in (first + timedelta(n) for n in range(days))]
