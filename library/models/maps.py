"""The province's administrative map ("Bản đồ hành chính") and its administrative units."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page

from base.api_fields import EmbedField, ImageField, prefetch_renditions
from base.embeds import EmbedUrlMixin
from base.pages import SitePage, image_field


class MapPage(EmbedUrlMixin, SitePage):
    """A map image or an embedded map, a text, and the list of administrative units."""

    intro = models.TextField(_("giới thiệu"), blank=True)
    map_image = image_field(_("ảnh bản đồ"))
    map_embed_url = models.URLField(
        _("địa chỉ bản đồ nhúng"),
        blank=True,
        help_text=_("Tuỳ chọn: bản đồ trực tuyến có oEmbed; hiện thay cho ảnh."),
    )
    body = RichTextField(_("nội dung"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        MultiFieldPanel(
            [FieldPanel("map_image"), FieldPanel("map_embed_url")], heading=_("Bản đồ")
        ),
        FieldPanel("body"),
        InlinePanel("units", heading=_("Đơn vị hành chính"), label=_("Đơn vị")),
    ]
    api_fields = [
        APIField("intro"),
        APIField("map_image", serializer=ImageField()),
        APIField("map_embed_url"),
        APIField("embed", serializer=EmbedField()),
        APIField("body"),
        APIField("units"),
    ]
    # What the api_fields read from other tables: fetched once per API list (each prefetch when
    # the list shows its field), not per item.
    api_select_related = ["map_image"]
    api_prefetch_related = {"map_image": prefetch_renditions("map_image__renditions"),
                            "units": "units"}
    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count = 1
    embed_url_field = "map_embed_url"
    summary_field = "intro"
    image_field = "map_image"

    class Meta:
        verbose_name = _("trang bản đồ hành chính")
        verbose_name_plural = _("trang bản đồ hành chính")


class UnitKind(models.TextChoices):
    """Kinds of administrative units."""

    CITY = "city", _("Thành phố")
    TOWN = "town", _("Thị xã")
    DISTRICT = "district", _("Huyện")
    WARD = "ward", _("Phường")
    COMMUNE = "commune", _("Xã")
    SPECIAL_ZONE = "special_zone", _("Đặc khu")


class AdministrativeUnit(Orderable):
    """One administrative unit listed on the map page."""

    page = ParentalKey(MapPage, on_delete=models.CASCADE, related_name="units")
    kind = models.CharField(_("loại"), max_length=20, choices=UnitKind.choices)
    name = models.CharField(_("tên"), max_length=100)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    panels = [FieldRowPanel([FieldPanel("kind"), FieldPanel("name"), FieldPanel("note")])]
    api_fields = [APIField("kind"), APIField("name"), APIField("note")]

    class Meta(Orderable.Meta):
        verbose_name = _("đơn vị hành chính")
        verbose_name_plural = _("đơn vị hành chính")

    def __str__(self):
        return f"{self.get_kind_display()} {self.name}"
