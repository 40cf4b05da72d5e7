"""The news widget of the portal as an inclusion tag."""

from django import template

from articles.models import NewsIndexPage, live_articles
from base.pages import unexpired

register = template.Library()

LATEST_NEWS_COUNT = 5


@register.inclusion_tag("articles/widgets/latest_news.html")
def latest_news(limit=LATEST_NEWS_COUNT, featured=False, exclude=None):
    """"Tin mới": the latest articles, as a list or (``featured``) as cards, without the page
    ``exclude`` (the home page's lead story)."""
    articles = live_articles()
    if exclude is not None:
        articles = articles.exclude(pk=exclude.pk)
    return {
        "widget_id": "featured-news" if featured else "latest-news",
        "articles": articles[:limit],
        "featured": featured,
        "news_index": unexpired(NewsIndexPage.objects.live().public()).first(),
    }
