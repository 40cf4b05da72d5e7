from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class BaseConfig(AppConfig):
    """The page toolkit every content app builds on (SEO, preview, API fields, embeds…)."""

    name = "base"
    verbose_name = _("Nền tảng")

    def ready(self):
        from django.db import models
        from wagtail.admin.forms.models import register_form_field_override

        from base import api_cache, cdn
        from base.nfc import store_text_in_nfc
        from base.slugs import VietnameseSlugInput
        from base.visibility import use_in_wagtail_api

        use_in_wagtail_api()
        store_text_in_nfc()
        api_cache.connect_signals()  # every content change empties the API cache
        cdn.connect_signals()  # and purges a CDN in front, when one is configured
        # Every slug field of the admin (pages, categories) makes "đ" a "d".
        register_form_field_override(models.SlugField, override={"widget": VietnameseSlugInput})
