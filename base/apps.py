from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """The page toolkit every content app builds on (SEO, preview, API fields, embeds…)."""

    name = "base"
    verbose_name = _("Nền tảng")

    def ready(self):
        from base.visibility import use_in_wagtail_api

        use_in_wagtail_api()
