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
from base.slugs import ascii_slug


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
    """A page of the public site: meta description and Open Graph data, headless preview; a
    page saved without a slug (the API's page creation) gets an ASCII one from its title."""

    class Meta:
        abstract = True

    def _set_core_field_defaults(self):
        # Wagtail's own default would drop "đ" (Django's slugify), and would not look for a
        # sibling's slug before the page is in the tree (API v3's page creation): make it here.
        parent = getattr(self, "_cached_parent_obj", None) or (
            self.get_parent() if self.path else None)
        if not self.slug and parent is not None and (base_slug := ascii_slug(self.title or "")):
            self.slug, suffix = base_slug, 1
            while not self._slug_is_available(self.slug, parent, self):
                suffix += 1
                self.slug = f"{base_slug}-{suffix}"
        super()._set_core_field_defaults()


class IntroPage(SitePage):
    """A page that opens with an introduction: the home page and the sections' index pages."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro")]
    summary_field = "intro"

    class Meta:
        abstract = True
