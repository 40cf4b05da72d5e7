"""The library's portal widgets as inclusion tags: each finds its content by type, never by id."""

from django import template
from django.utils import timezone

from base.dates import Weekday
from base.pages import unexpired
from library.models import (
    UPCOMING_EXCEPTION_DAYS,
    MapPage,
    ServiceHours,
    SupportContact,
    VideoCategory,
    WebsiteLink,
    book_of_the_day,
    live_videos,
)
from library.opening import merged_sessions

register = template.Library()


def hours_context(at=None, days=UPCOMING_EXCEPTION_DAYS):
    """What the hours widget and page show at ``at``: open now, next change, today's sessions,
    the weekly groups and the closures within ``days``."""
    hours = ServiceHours.load()
    at = at or timezone.now()
    today = timezone.localdate(at)
    schedule = hours.schedule(today)
    state = hours.opening_state(at, schedule)
    next_day = timezone.localtime(state.next_change) if state.next_change else None
    return {
        "hours": hours,
        "state": state,
        "today": today,
        "today_name": Weekday(today.weekday()).label,
        "today_sessions": merged_sessions(schedule.sessions_on(today)),
        "next_change_day": None
        if next_day is None or next_day.date() == today
        else Weekday(next_day.weekday()).label,
        "groups": hours.weekday_groups(),
        "exceptions": hours.upcoming_exceptions(today, days),
    }


@register.inclusion_tag("library/widgets/service_hours.html")
def service_hours(at=None):
    """"Lịch phục vụ": weekly hours, upcoming exceptions and the open-now badge."""
    return {"widget_id": "hours", **hours_context(at)}


@register.inclusion_tag("library/includes/today_hours.html")
def today_hours(at=None):
    """The header's line for today: open or closed, today's sessions, a link to the hours."""
    return hours_context(at, days=0)


@register.inclusion_tag("library/widgets/book_of_the_day.html")
def book_of_the_day_widget():
    """"Mỗi ngày một cuốn sách": today's book, or the latest one before."""
    return {"widget_id": "book", "book": book_of_the_day()}


@register.inclusion_tag("library/widgets/intro_video.html")
def intro_video():
    """"Video giới thiệu": the newest introduction video, embedded."""
    return {
        "widget_id": "intro-video",
        "title": VideoCategory.INTRODUCTION.label,
        "video": live_videos(VideoCategory.INTRODUCTION).first(),
    }


@register.inclusion_tag("library/widgets/video_list.html")
def audiobook_videos(limit=5):
    """"Video sách nói": the newest audiobook videos, as links."""
    return {
        "widget_id": "audiobooks",
        "title": VideoCategory.AUDIOBOOK.label,
        "videos": live_videos(VideoCategory.AUDIOBOOK)[:limit],
    }


@register.inclusion_tag("library/widgets/website_links.html")
def website_links():
    """"Liên kết website"."""
    return {"widget_id": "links", "links": WebsiteLink.objects.all()}


@register.inclusion_tag("library/widgets/support_contacts.html")
def support_contacts():
    """"Hỗ trợ trực tuyến"."""
    return {"widget_id": "support", "contacts": SupportContact.objects.all()}


@register.inclusion_tag("library/widgets/map_link.html")
def map_link():
    """"Bản đồ hành chính": a link to the map page."""
    return {"widget_id": "map", "map_page": unexpired(MapPage.objects.live().public()).first()}
