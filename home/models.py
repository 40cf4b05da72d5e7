"""The portal home page."""

from django.utils.translation import gettext_lazy as _

from base.pages import IntroPage


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
