"""The news widget of the portal as an inclusion tag."""

from django import template

from articles.models import NewsIndexPage, live_articles
from base.pages import unexpired

register = template.Library()

LATEST_NEWS_COUNT = 5


@register.inclusion_tag("articles/widgets/latest_news.html")
def latest_news(limit=LATEST_NEWS_COUNT, featured=False):
    """"Tin mới": the latest articles, as a list or (``featured``) as cards."""
    return {
        "widget_id": "featured-news" if featured else "latest-news",
        "articles": live_articles()[:limit],
        "featured": featured,
        "news_index": unexpired(NewsIndexPage.objects.live().public()).first(),
    }
