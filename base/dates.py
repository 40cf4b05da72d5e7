"""The library's calendar: its time zone and the names of the weekdays."""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

LIBRARY_TZ = ZoneInfo("Asia/Ho_Chi_Minh")
LUNAR_YEARS = (1900, 2100)  # the years lunar_new_year() knows


class Weekday(models.IntegerChoices):
    """Days of the week as Python numbers them (0 = Monday)."""

    MONDAY = 0, _("Thứ Hai")
    TUESDAY = 1, _("Thứ Ba")
    WEDNESDAY = 2, _("Thứ Tư")
    THURSDAY = 3, _("Thứ Năm")
    FRIDAY = 4, _("Thứ Sáu")
    SATURDAY = 5, _("Thứ Bảy")
    SUNDAY = 6, _("Chủ nhật")


def lunar_new_year(year):
    """Mùng 1 Tết of the lunar year that begins in ``year``, by the Vietnamese calendar.

    The Vietnamese calendar is reckoned at UTC+7, China's at UTC+8: the two New Years fall on
    different days in some years (1985, 2007, 2030…). ``lunar_vn`` (Hồ Ngọc Đức's algorithm,
    pinned in requirements.txt) computes the Vietnamese one for 1900–2100.
    """
    from lunar_vn import LunarDate, lunar_to_solar

    return lunar_to_solar(LunarDate(day=1, month=1, year=year))
