"""The home page's lead story: the page editors chose in "Nhận diện thư viện", or the newest
article."""

from django import template

from articles.models import live_articles
from home.models import Branding

register = template.Library()


def lead_page():
    """The featured page if it is live and public, else the newest article (or ``None``)."""
    featured = Branding.load().featured_page
    if featured and featured.live and featured.get_view_restrictions().count() == 0:
        return featured.specific
    return live_articles().first()


@register.inclusion_tag("home/includes/lead_story.html")
def lead_story(story):
    """The lead story as a large card: its picture (the banner when it has none), its title,
    date and summary."""
    branding = Branding.load()
    return {
        "story": story,
        "image": (story.og_image if story else None) or branding.banner_image,
        "date": getattr(story, "publish_date", None),
    }


@register.simple_tag
def home_lead():
    """The lead page, for the home page to show and to leave out of the news below it."""
    return lead_page()
