"""The portal home page."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from base.preview import HeadlessPreviewMixin
from base.seo import SeoMixin


class HomePage(HeadlessPreviewMixin, SeoMixin, Page):
    """The library portal's front page: an introduction plus the portal widgets."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    max_count = 1
    subpage_types = [
        "articles.NewsIndexPage",
        "library.BookIndexPage",
        "library.VideoIndexPage",
        "library.MapPage",
    ]
    summary_field = "intro"

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")
