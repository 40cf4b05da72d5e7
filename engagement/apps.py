from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    """Reader engagement: polls and visit statistics."""

    name = "engagement"
    verbose_name = _("Tương tác bạn đọc")
