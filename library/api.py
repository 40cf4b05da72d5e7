"""The library app's API v3 routers: hours, book of the day, links, support contacts.

All read-only and anonymous; they join Wagtail's v3 NinjaAPI through ``library_cms/api.py``.
"""

from datetime import UTC, date, datetime
from typing import Annotated

from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import AwareDatetime
from wagtail.api.v3.auth import AllowAnonymous
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination

from base.api_fields import ImageData, image_data
from base.dates import Weekday
from base.visibility import public_pages
from library.models import (
    BookFeatureDate,
    BookPage,
    ServiceHours,
    SupportContact,
    WebsiteLink,
)
from library.opening import merged_sessions

hours_router = Router(tags=["hours"], auth=AllowAnonymous())
books_router = Router(tags=["books"], auth=AllowAnonymous())
links_router = Router(tags=["links"], auth=AllowAnonymous())
contacts_router = Router(tags=["support-contacts"], auth=AllowAnonymous())

# The range the opening hours answer for (zone offsets before 1906 are local mean time).
Instant = Annotated[
    AwareDatetime,
    Field(ge=datetime(2000, 1, 1, tzinfo=UTC), lt=datetime(2100, 1, 1, tzinfo=UTC)),
]
Day = Annotated[date, Field(ge=date(2000, 1, 1), lt=date(2100, 1, 1))]


class SessionSchema(Schema):
    opens: str = Field(pattern=r"^\d\d:\d\d$", examples=["08:00"])
    closes: str = Field(pattern=r"^\d\d:\d\d$", examples=["12:00"])


def session_data(session):
    """A session as local ``HH:MM`` times."""
    return {"opens": f"{session.opens:%H:%M}", "closes": f"{session.closes:%H:%M}"}


class WeekdaySchema(Schema):
    weekday: int
    name: str
    sessions: list[SessionSchema]


class ExceptionSchema(Schema):
    start_date: date
    end_date: date
    closed: bool
    note: str
    sessions: list[SessionSchema]


class HoursSchema(Schema):
    is_open: bool
    next_change: datetime | None
    weekly: list[WeekdaySchema]
    exceptions: list[ExceptionSchema]
    note: str


def exception_data(closure):
    """A ``Closure`` (a dated exception or Tết) as the API writes it."""
    return {
        "start_date": closure.start_date,
        "end_date": closure.end_date,
        "closed": closure.closed,
        "note": closure.note,
        "sessions": [session_data(session) for session in closure.sessions],
    }


@hours_router.get("/", response=HoursSchema, summary="Lịch phục vụ", operation_id="hours")
def hours(request, at: Instant | None = None):
    """The weekly schedule, the exceptions of the coming month, and whether the library is open
    at ``at`` (default: now) and until when."""
    service_hours = ServiceHours.load()
    at = at or timezone.now()
    schedule = service_hours.schedule(timezone.localdate(at))
    state = service_hours.opening_state(at, schedule)
    return {
        "is_open": state.is_open,
        "next_change": state.next_change,
        "weekly": [
            {
                "weekday": day.value,
                "name": str(day.label),
                "sessions": [
                    session_data(session)
                    for session in merged_sessions(schedule.weekly.get(day.value, ()))
                ],
            }
            for day in Weekday
        ],
        "exceptions": [
            exception_data(exception)
            for exception in service_hours.upcoming_exceptions(timezone.localdate(at))
        ],
        "note": service_hours.note,
    }


class BookOfTheDaySchema(Schema):
    id: int
    title: str
    author: str
    review: str
    cover: ImageData | None
    featured_date: date
    url: str | None
    catalogue_url: str | None


@books_router.get(
    "/today/", response=BookOfTheDaySchema, summary="Sách của ngày", operation_id="books_today"
)
def book_of_the_day(request, on: Day | None = None):
    """The book featured on ``on`` (default: today), or the latest one featured before it."""
    day = on or timezone.localdate()
    feature = (
        BookFeatureDate.objects.filter(
            date__lte=day, page__in=public_pages(request, BookPage).values("pk")
        )
        .order_by("-date", "-page__last_published_at", "-page_id")
        .select_related("page", "page__cover", "page__record")
        .first()
    )
    if feature is None:
        raise Http404(_("Chưa có sách nào được giới thiệu."))
    book = feature.page
    return {
        "id": book.pk,
        "title": book.title,
        "author": book.author,
        "review": book.review,
        "cover": image_data(book.cover) if book.cover else None,
        "featured_date": feature.date,
        "url": book.get_full_url(request),
        "catalogue_url": book.catalogue_url,
    }


class LinkSchema(Schema):
    id: int
    title: str
    url: str


@links_router.get("/", response=list[LinkSchema], summary="Liên kết website", operation_id="links")
@paginate(WagtailLimitOffsetPagination)
def links(request):
    """Links to other websites, in the editors' order."""
    return WebsiteLink.objects.all()


class SupportContactSchema(Schema):
    id: int
    name: str
    role: str
    phone: str
    email: str
    chat_url: str


@contacts_router.get(
    "/",
    response=list[SupportContactSchema],
    summary="Hỗ trợ trực tuyến",
    operation_id="support_contacts",
)
@paginate(WagtailLimitOffsetPagination)
def support_contacts(request):
    """People readers can reach for help, in the editors' order."""
    return SupportContact.objects.all()


routers = [
    ("/hours/", hours_router),
    ("/books/", books_router),
    ("/links/", links_router),
    ("/support-contacts/", contacts_router),
]
