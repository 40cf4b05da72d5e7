"""Links, online support contacts and the library's contact details (footer)."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting


class WebsiteLink(models.Model):
    """A link to another website ("Liên kết website")."""

    title = models.CharField(_("tên"), max_length=150)
    url = models.URLField(_("địa chỉ"))
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [FieldPanel("title"), FieldPanel("url"), FieldPanel("sort_order")]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = _("liên kết website")
        verbose_name_plural = _("liên kết website")

    def __str__(self):
        return self.title


class SupportContact(models.Model):
    """A person readers can reach for help ("Hỗ trợ trực tuyến")."""

    name = models.CharField(_("họ tên"), max_length=150)
    role = models.CharField(_("nhiệm vụ"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=30, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    chat_url = models.URLField(
        _("liên kết trò chuyện"), blank=True, help_text=_("Ví dụ: đường dẫn Zalo hoặc Messenger.")
    )
    sort_order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("chat_url"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("người hỗ trợ trực tuyến")
        verbose_name_plural = _("hỗ trợ trực tuyến")

    def __str__(self):
        return self.name


@register_setting(icon="mail")
class LibraryContact(BaseGenericSetting):
    """The library's contact details, shown in the footer of every page."""

    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    facebook_url = models.URLField(_("trang Facebook"), blank=True)
    footer_text = models.TextField(
        _("chân trang"), blank=True, help_text=_("Ví dụ: cơ quan chủ quản, giấy phép.")
    )

    panels = [
        FieldPanel("address"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
        FieldPanel("facebook_url"),
        FieldPanel("footer_text"),
    ]

    class Meta:
        verbose_name = _("thông tin liên hệ")
        verbose_name_plural = _("thông tin liên hệ")
