"""The portal home page and the site's visual identity (logo, lead story, colours)."""

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from base.colours import INK, WHITE, ReadableWith, design_tokens
from base.pages import IntroPage, image_field

DEFAULT_BRAND = "#0b4f6c"  # the sea of Hạ Long Bay, readable under white text
DEFAULT_ACCENT = "#f2b134"  # warm gold, readable under dark text


class HomePage(IntroPage):
    """The library portal's front page: an introduction plus the portal widgets."""

    max_count = 1
    subpage_types = [
        "articles.NewsIndexPage",
        "library.BookIndexPage",
        "library.VideoIndexPage",
        "library.MapPage",
    ]

    class Meta:
        verbose_name = _("trang chủ")
        verbose_name_plural = _("trang chủ")


@register_setting(icon="image")
class Branding(BaseGenericSetting):
    """The library's visual identity: logo and motto in the header, the home page's lead story
    or banner, the image shared when a page has none, and the two colours of the design."""

    logo = image_field(_("logo"), help_text=_("Hiện ở đầu mọi trang, cao khoảng 64 điểm ảnh."))
    tagline = models.CharField(
        _("khẩu hiệu"), max_length=120, blank=True, help_text=_("Hiện dưới tên thư viện.")
    )
    featured_page = models.ForeignKey(
        "wagtailcore.Page", verbose_name=_("bài nổi bật"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
        help_text=_("Bài lớn ở giữa trang chủ; để trống thì dùng tin mới nhất."),
    )
    banner_image = image_field(
        _("ảnh băng rôn"), help_text=_("Ảnh của bài nổi bật khi bài không có ảnh.")
    )
    share_image = image_field(
        _("ảnh chia sẻ mặc định"),
        help_text=_("Ảnh hiện khi chia sẻ một trang không có ảnh lên mạng xã hội."),
    )
    brand_colour = models.CharField(
        _("màu chủ đạo"), max_length=7, default=DEFAULT_BRAND, validators=[ReadableWith(WHITE)],
        help_text=_("Nền của đầu trang và chữ của liên kết: phải đọc rõ chữ trắng trên nền này."),
    )
    accent_colour = models.CharField(
        _("màu nhấn"), max_length=7, default=DEFAULT_ACCENT, validators=[ReadableWith(INK)],
        help_text=_("Gạch chân, huy hiệu, viền khi chọn bằng bàn phím: chữ đen phải đọc rõ."),
    )

    panels = [
        MultiFieldPanel(
            [FieldPanel("logo"), FieldPanel("tagline")], heading=_("Đầu trang")
        ),
        MultiFieldPanel(
            [FieldPanel("featured_page"), FieldPanel("banner_image")], heading=_("Trang chủ")
        ),
        FieldPanel("share_image"),
        FieldRowPanel(
            [
                FieldPanel("brand_colour", widget=forms.TextInput(attrs={"type": "color"})),
                FieldPanel("accent_colour", widget=forms.TextInput(attrs={"type": "color"})),
            ],
            heading=_("Màu sắc"),
        ),
    ]

    class Meta:
        verbose_name = _("nhận diện thư viện")
        verbose_name_plural = _("nhận diện thư viện")

    def tokens(self):
        """The CSS custom properties of the chosen colours (the defaults if one is bad)."""
        brand, accent = self.brand_colour, self.accent_colour
        for colour, validate in ((brand, ReadableWith(WHITE)), (accent, ReadableWith(INK))):
            try:
                validate(colour)
            except ValidationError:
                brand, accent = DEFAULT_BRAND, DEFAULT_ACCENT
        return design_tokens(brand, accent)

    @property
    def theme_colour(self):
        """The brand colour browsers paint their toolbar with."""
        return self.tokens()["--brand"]
