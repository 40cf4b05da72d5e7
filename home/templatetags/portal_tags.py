"""The portal's widgets as inclusion tags: each finds its content by type, never by id."""

from django import template
from django.utils import timezone
from wagtail.models import Site

from articles.models import NewsIndexPage, live_articles
from library.models import (
    MapPage,
    ServiceHours,
    SupportContact,
    VideoCategory,
    WebsiteLink,
    Weekday,
    book_of_the_day,
    live_videos,
)

register = template.Library()

LATEST_NEWS_COUNT = 5


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live pages under the site root that are marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"menu_pages": []}
    current = context.get("page")
    pages = list(site.root_page.get_children().live().in_menu().public())
    for item in pages:
        item.active = current is not None and current.path.startswith(item.path)
    return {"menu_pages": pages, "current_path": request.path if request else ""}


@register.inclusion_tag("widgets/latest_news.html")
def latest_news(limit=LATEST_NEWS_COUNT, featured=False):
    """"Tin mới": the latest articles, as a list or (``featured``) as cards."""
    return {
        "widget_id": "featured-news" if featured else "latest-news",
        "articles": live_articles()[:limit],
        "featured": featured,
        "news_index": NewsIndexPage.objects.live().public().first(),
    }


@register.inclusion_tag("widgets/service_hours.html")
def service_hours(at=None):
    """"Lịch phục vụ": weekly hours, upcoming exceptions and the open-now badge."""
    hours = ServiceHours.load()
    at = at or timezone.now()
    state = hours.opening_state(at)
    next_day = timezone.localtime(state.next_change) if state.next_change else None
    return {
        "widget_id": "hours",
        "hours": hours,
        "state": state,
        "next_change_day": None
        if next_day is None or next_day.date() == timezone.localdate(at)
        else Weekday(next_day.weekday()).label,
        "groups": hours.weekday_groups(),
        "exceptions": hours.upcoming_exceptions(timezone.localdate(at)),
    }


@register.inclusion_tag("widgets/book_of_the_day.html")
def book_of_the_day_widget():
    """"Mỗi ngày một cuốn sách": today's book, or the latest one before."""
    return {"widget_id": "book", "book": book_of_the_day()}


@register.inclusion_tag("widgets/intro_video.html")
def intro_video():
    """"Video giới thiệu": the newest introduction video, embedded."""
    return {
        "widget_id": "intro-video",
        "title": VideoCategory.INTRODUCTION.label,
        "video": live_videos(VideoCategory.INTRODUCTION).first(),
    }


@register.inclusion_tag("widgets/video_list.html")
def audiobook_videos(limit=5):
    """"Video sách nói": the newest audiobook videos, as links."""
    return {
        "widget_id": "audiobooks",
        "title": VideoCategory.AUDIOBOOK.label,
        "videos": live_videos(VideoCategory.AUDIOBOOK)[:limit],
    }


@register.inclusion_tag("widgets/website_links.html")
def website_links():
    """"Liên kết website"."""
    return {"widget_id": "links", "links": WebsiteLink.objects.all()}


@register.inclusion_tag("widgets/support_contacts.html")
def support_contacts():
    """"Hỗ trợ trực tuyến"."""
    return {"widget_id": "support", "contacts": SupportContact.objects.all()}


@register.inclusion_tag("widgets/map_link.html")
def map_link():
    """"Bản đồ hành chính": a link to the map page."""
    return {"widget_id": "map", "map_page": MapPage.objects.live().public().first()}
