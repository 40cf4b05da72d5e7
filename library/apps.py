from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LibraryConfig(AppConfig):
    """The library's services: hours, book of the day, videos, map, links, support contacts."""

    name = "library"
    verbose_name = _("Thư viện")
