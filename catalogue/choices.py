"""The catalogue's fixed vocabularies: kinds of material and where a copy stands."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class MaterialType(models.TextChoices):
    """What kind of item a record describes (from the MARC leader, 06-07)."""

    BOOK = "book", _("Sách")
    SERIAL = "serial", _("Ấn phẩm định kỳ")
    MAP = "map", _("Bản đồ")
    MUSIC = "music", _("Âm nhạc")
    AUDIO = "audio", _("Tài liệu nghe")
    VIDEO = "video", _("Tài liệu nghe nhìn")
    ELECTRONIC = "electronic", _("Tài liệu điện tử")
    MANUSCRIPT = "manuscript", _("Bản thảo")
    OTHER = "other", _("Khác")


class HoldingStatus(models.TextChoices):
    """Where a copy stands today."""

    AVAILABLE = "available", _("Sẵn sàng")
    ON_LOAN = "on_loan", _("Đang cho mượn")
    REFERENCE = "reference", _("Chỉ đọc tại chỗ")
    LOST = "lost", _("Bị mất")
    DAMAGED = "damaged", _("Hư hỏng")
