"""What every page type of the site shares: SEO and headless preview, an optional image, and
the introduction of a section's index page."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Page

from base.preview import HeadlessPreviewMixin
from base.seo import SeoMixin


def image_field(verbose_name, **options):
    """An optional image of a page or record (deleting the image leaves the field empty)."""
    return models.ForeignKey(
        "wagtailimages.Image", verbose_name=verbose_name, null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+", **options,
    )


def unexpired(pages, relation=""):
    """``pages`` without those whose expiry time (``expire_at``) has passed: they leave every
    list at that time, not when ``publish_scheduled`` unpublishes them. ``relation`` reaches the
    page from another model (``"page__"``)."""
    return pages.exclude(**{f"{relation}expire_at__lte": timezone.now()})


class SitePage(HeadlessPreviewMixin, SeoMixin, Page):
    """A page of the public site: meta description and Open Graph data, headless preview."""

    class Meta:
        abstract = True


class IntroPage(SitePage):
    """A page that opens with an introduction: the home page and the sections' index pages."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    summary_field = "intro"

    class Meta:
        abstract = True
