"""Service hours: a weekly schedule of sessions plus dated exceptions (holidays, special days)."""

from collections import defaultdict
from datetime import date, timedelta
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Orderable

from base.dates import LUNAR_YEARS, Weekday, lunar_new_year
from library.opening import (
    Schedule,
    Session,
    first_overlap,
    group_weekdays,
    merged_sessions,
    tet_closure,
)
from library.opening import opening_state as compute_opening_state

MAX_EXCEPTION_DAYS = 366
UPCOMING_EXCEPTION_DAYS = 30
TET_NOTE = _("Nghỉ Tết Nguyên đán")


class Closure(NamedTuple):
    """Days off the weekly rule as readers see them: a dated exception or the Tết closure."""

    start_date: date
    end_date: date
    closed: bool
    note: str
    sessions: list[Session]


class SessionFields(models.Model):
    """An opening session: opening time strictly before closing time, within one day."""

    opens = models.TimeField(_("mở cửa"))
    closes = models.TimeField(_("đóng cửa"))

    panels = [FieldRowPanel([FieldPanel("opens"), FieldPanel("closes")])]

    class Meta:
        abstract = True

    def __str__(self):
        return format_session(self.session)

    def clean(self):
        """Reject a session that ends before (or when) it starts."""
        super().clean()
        if self.opens is not None and self.closes is not None and self.closes <= self.opens:
            raise ValidationError({"closes": _("Giờ đóng cửa phải sau giờ mở cửa.")})

    @property
    def session(self):
        """This row as a plain ``Session``."""
        return Session(self.opens, self.closes)


def flag_overlaps(formset, day_of):
    """Put an error on each inline form whose session overlaps another one of the same day.

    ``day_of(cleaned_data)`` tells which day a form's session belongs to. Returns the number of
    sessions kept (valid and not deleted).
    """
    formset.is_valid()  # validates every child form, so cleaned_data is there
    by_day = defaultdict(list)
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None)
        if not data or form.errors or data.get("DELETE"):
            continue
        by_day[day_of(data)].append((Session(data["opens"], data["closes"]), form))
    for entries in by_day.values():
        pair = first_overlap(session for session, _form in entries)
        if pair is None:
            continue
        message = _("Khung giờ %(first)s và %(second)s bị chồng lên nhau.") % {
            "first": format_session(pair[0]),
            "second": format_session(pair[1]),
        }
        for session, form in entries:
            if session in pair:
                form.add_error(None, message)
    return sum(len(entries) for entries in by_day.values())


def format_session(session):
    """``08:00–12:00``."""
    return f"{session.opens:%H:%M}–{session.closes:%H:%M}"


class ServiceHoursForm(WagtailAdminModelForm):
    """Admin form of the weekly schedule: no overlapping sessions on a weekday."""

    def clean(self):
        cleaned_data = super().clean()
        flag_overlaps(self.formsets["weekly_sessions"], lambda data: data["weekday"])
        return cleaned_data


@register_setting(icon="time")
class ServiceHours(ClusterableModel, BaseGenericSetting):
    """The library's weekly service hours ("Lịch phục vụ"); exceptions are separate snippets."""

    note = models.CharField(
        _("ghi chú"),
        max_length=300,
        blank=True,
        help_text=_("Hiện dưới lịch phục vụ, ví dụ: phục vụ cả ngày lễ theo thông báo."),
    )
    tet_days_before = models.PositiveSmallIntegerField(
        _("nghỉ từ mấy ngày trước mùng 1 Tết"), default=1, validators=[MaxValueValidator(10)],
        help_text=_("1: từ ngày cuối năm âm lịch (29 hoặc 30 Tết); 0: từ mùng 1."),
    )
    tet_last_day = models.PositiveSmallIntegerField(
        _("đến hết mùng"), default=4, validators=[MaxValueValidator(10)],
        help_text=_("Mỗi năm ngày dương lịch được tính theo âm lịch Việt Nam; 0: không tự nghỉ "
                    "Tết. Một lịch nghỉ nhập theo ngày trùng dịp Tết năm nào thì thay cho năm đó."),
    )

    panels = [
        InlinePanel("weekly_sessions", heading=_("Các buổi trong tuần"), label=_("Buổi")),
        FieldPanel("note"),
        FieldRowPanel(
            [FieldPanel("tet_days_before"), FieldPanel("tet_last_day")],
            heading=_("Nghỉ Tết Nguyên đán (hằng năm, theo âm lịch)"),
        ),
    ]
    base_form_class = ServiceHoursForm

    class Meta:
        verbose_name = _("lịch phục vụ")
        verbose_name_plural = _("lịch phục vụ")

    def tet_closures(self, around, dated=()):
        """The Tết closures of the lunar years around the date ``around`` (the one before, its
        own and the next two), minus any year a dated exception in ``dated`` overlaps."""
        closures = []
        for year in range(around.year - 1, around.year + 3):
            if not LUNAR_YEARS[0] <= year <= LUNAR_YEARS[1]:
                continue  # beyond the calendar's tables: no Tết rather than an error
            days = tet_closure(lunar_new_year(year), self.tet_days_before, self.tet_last_day)
            if days and not any(e.start_date <= days[1] and e.last_date >= days[0]
                                 for e in dated):
                closures.append(Closure(*days, True, str(TET_NOTE), []))
        return closures

    def closures(self, around=None):
        """Every dated exception and the Tết closures around ``around`` (default: today)."""
        around = around or timezone.localdate()
        dated = list(HoursException.objects.prefetch_related("sessions"))
        closures = [
            Closure(e.start_date, e.last_date, e.closed, e.note,
                    [] if e.closed else merged_sessions(row.session for row in e.sessions.all()))
            for e in dated
        ]
        return sorted(closures + self.tet_closures(around, dated))

    def schedule(self, around=None):
        """The weekly sessions, the exceptions and Tết (around a date), as a ``Schedule``."""
        weekly = defaultdict(list)
        for row in self.weekly_sessions.all():
            weekly[row.weekday].append(row.session)
        exceptions = {}
        for closure in self.closures(around):
            for offset in range((closure.end_date - closure.start_date).days + 1):
                exceptions[closure.start_date + timedelta(days=offset)] = closure.sessions
        return Schedule(weekly=dict(weekly), exceptions=exceptions)

    def opening_state(self, at=None, schedule=None):
        """``(is_open, next_change)`` at the aware instant ``at`` (default: now), from
        ``schedule`` if the caller has it."""
        at = at or timezone.now()
        return compute_opening_state(at, schedule or self.schedule(timezone.localdate(at)))

    def weekday_groups(self):
        """Runs of weekdays with the same sessions, Monday first, for display."""
        return [
            {
                "first": Weekday(group.first).label,
                "last": Weekday(group.last).label if group.last != group.first else None,
                "sessions": [format_session(session) for session in group.sessions],
            }
            for group in group_weekdays(self.schedule().weekly)
        ]

    def upcoming_exceptions(self, today=None, days=UPCOMING_EXCEPTION_DAYS):
        """Closures (``Closure``) that end today or later and start within ``days``, soonest
        first: dated exceptions and Tết."""
        today = today or timezone.localdate()
        horizon = today + timedelta(days=days)
        return [closure for closure in self.closures(today)
                if closure.end_date >= today and closure.start_date <= horizon]


class WeeklySession(Orderable, SessionFields):
    """One session of one weekday; a day may have any number of them, or none (closed)."""

    hours = ParentalKey(ServiceHours, on_delete=models.CASCADE, related_name="weekly_sessions")
    weekday = models.PositiveSmallIntegerField(_("thứ"), choices=Weekday.choices)

    panels = [
        FieldRowPanel([FieldPanel("weekday"), FieldPanel("opens"), FieldPanel("closes")])
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("buổi phục vụ")
        verbose_name_plural = _("buổi phục vụ")


class HoursExceptionForm(WagtailAdminModelForm):
    """Admin form of an exception: either closed, or open with non-overlapping sessions."""

    def clean(self):
        cleaned_data = super().clean()
        kept = flag_overlaps(self.formsets["sessions"], lambda data: None)
        closed = cleaned_data.get("closed")
        if closed and kept:
            self.add_error(
                "closed", _("Ngày nghỉ thì không có buổi phục vụ: bỏ chọn hoặc xoá buổi.")
            )
        elif not closed and not kept:
            self.add_error(
                "closed", _("Hãy đánh dấu đóng cửa, hoặc thêm ít nhất một buổi phục vụ đặc biệt.")
            )
        return cleaned_data


class HoursException(ClusterableModel):
    """A dated exception to the weekly schedule: a closure or special hours, with a note."""

    start_date = models.DateField(_("từ ngày"))
    end_date = models.DateField(
        _("đến ngày"), null=True, blank=True, help_text=_("Để trống nếu chỉ một ngày.")
    )
    closed = models.BooleanField(_("đóng cửa"), default=True)
    note = models.CharField(_("ghi chú"), max_length=200, help_text=_("Ví dụ: Nghỉ Tết Nguyên đán"))

    panels = [
        FieldRowPanel([FieldPanel("start_date"), FieldPanel("end_date")]),
        FieldPanel("note"),
        FieldPanel("closed"),
        InlinePanel("sessions", heading=_("Giờ phục vụ đặc biệt"), label=_("Buổi")),
    ]
    base_form_class = HoursExceptionForm

    class Meta:
        ordering = ["-start_date"]
        verbose_name = _("lịch nghỉ / lịch đặc biệt")
        verbose_name_plural = _("lịch nghỉ / lịch đặc biệt")

    def __str__(self):
        return f"{self.note} ({self.start_date:%d/%m/%Y})"

    @property
    def last_date(self):
        """The last day covered (the start date for a one-day exception)."""
        return self.end_date or self.start_date

    def days(self):
        """Every date the exception covers."""
        return [
            self.start_date + timedelta(days=offset)
            for offset in range((self.last_date - self.start_date).days + 1)
        ]

    def clean(self):
        """Dates in order, at most a year, not overlapping another exception."""
        super().clean()
        if self.start_date is None:
            return
        if self.end_date is not None and self.end_date < self.start_date:
            raise ValidationError({"end_date": _("Ngày kết thúc phải từ ngày bắt đầu trở đi.")})
        if (self.last_date - self.start_date).days >= MAX_EXCEPTION_DAYS:
            raise ValidationError({"end_date": _("Một lịch nghỉ dài tối đa một năm.")})
        clashes = (
            HoursException.objects.exclude(pk=self.pk)
            .filter(start_date__lte=self.last_date)
            .filter(
                models.Q(end_date__gte=self.start_date)
                | models.Q(end_date=None, start_date__gte=self.start_date)
            )
        )
        if clash := clashes.first():
            raise ValidationError(
                _("Trùng thời gian với lịch đã có: %(other)s.") % {"other": clash}
            )


class ExceptionSession(Orderable, SessionFields):
    """A session of special hours on the days of an exception."""

    exception = ParentalKey(HoursException, on_delete=models.CASCADE, related_name="sessions")

    class Meta(Orderable.Meta):
        verbose_name = _("buổi đặc biệt")
        verbose_name_plural = _("buổi đặc biệt")
