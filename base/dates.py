"""The library's calendar: its time zone and the names of the weekdays."""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

LIBRARY_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


class Weekday(models.IntegerChoices):
    """Days of the week as Python numbers them (0 = Monday)."""

    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")
