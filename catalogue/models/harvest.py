"""OAI-PMH sources the catalogue harvests (``harvest_oai``), their runs, what came from where."""

from datetime import timedelta

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from catalogue.models.imports import BackgroundJob


class HarvestSchedule(models.TextChoices):
    """How often ``harvest_oai --due`` (from cron) runs a source."""

    HOURLY = "hourly", _("Mỗi giờ")
    DAILY = "daily", _("Mỗi ngày")
    WEEKLY = "weekly", _("Mỗi tuần")
    MANUAL = "manual", _("Chỉ khi chạy tay")


INTERVALS = {
    HarvestSchedule.HOURLY: timedelta(hours=1),
    HarvestSchedule.DAILY: timedelta(days=1),
    HarvestSchedule.WEEKLY: timedelta(weeks=1),
}


class HarvestSource(models.Model):
    """An OAI-PMH repository (the library's ILS: Koha…) whose records the catalogue keeps.

    ``last_datestamp`` is the newest datestamp of the last complete list: the next run asks
    ``from`` it. ``checkpoint`` is where an interrupted list stands: ``{"token", "from",
    "latest"}`` (the resumption token of the next page, the ``from`` of that list, the newest
    datestamp of its pages written so far); the next run goes on from it. The ``last_*`` fields
    repeat the last run's outcome for the admin's list.
    """

    name = models.CharField(_("tên"), max_length=200)
    url = models.URLField(_("địa chỉ OAI-PMH"), max_length=2048)
    set_spec = models.CharField(_("tập (set)"), max_length=255, blank=True,
                                help_text=_("Để trống để thu thập mọi biểu ghi."))
    metadata_prefix = models.CharField(_("định dạng (metadataPrefix)"), max_length=64,
                                       default="marc21")
    schedule = models.CharField(_("lịch chạy"), max_length=10, choices=HarvestSchedule.choices,
                                default=HarvestSchedule.DAILY)
    active = models.BooleanField(_("đang dùng"), default=True)
    granularity = models.CharField(_("độ chi tiết thời gian"), max_length=32, blank=True,
                                   editable=False)
    last_datestamp = models.DateTimeField(_("mốc thời gian gần nhất"), null=True, blank=True,
                                          editable=False)
    checkpoint = models.JSONField(_("điểm dừng"), default=dict, blank=True, editable=False)
    last_run_at = models.DateTimeField(_("lần chạy gần nhất"), null=True, blank=True,
                                       editable=False)
    last_status = models.CharField(_("kết quả"), max_length=10, blank=True, editable=False)
    last_summary = models.TextField(_("số liệu lần chạy gần nhất"), blank=True, editable=False)
    last_error = models.TextField(_("lỗi gần nhất"), blank=True, editable=False)
    created_at = models.DateTimeField(_("ngày tạo"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("nguồn thu thập OAI-PMH")
        verbose_name_plural = _("nguồn thu thập OAI-PMH")
        constraints = [models.UniqueConstraint(
            fields=["url", "set_spec", "metadata_prefix"], name="catalogue_harvest_source_once")]

    def __str__(self):
        return self.name

    def is_due(self, now):
        """Whether ``--due`` runs it at ``now``: active, scheduled and its interval has passed."""
        interval = INTERVALS.get(self.schedule)
        if not self.active or interval is None:
            return False
        return self.last_run_at is None or self.last_run_at + interval <= now


class HarvestRun(BackgroundJob):
    """One run of a source's harvest: its counts, progress, log lines and error."""

    source = models.ForeignKey(HarvestSource, verbose_name=_("nguồn"), on_delete=models.CASCADE,
                               related_name="runs")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người chạy"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("lúc tạo"), auto_now_add=True)
    full = models.BooleanField(_("thu thập toàn bộ"), default=False)
    pages = models.PositiveIntegerField(_("số trang"), default=0)
    withdrawn = models.PositiveIntegerField(_("rút khỏi mục lục"), default=0)
    log = models.TextField(_("nhật ký"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lượt thu thập OAI-PMH")
        verbose_name_plural = _("lượt thu thập OAI-PMH")

    def __str__(self):
        return f"{self.source} #{self.pk}"

    def get_absolute_url(self):
        return reverse("catalogue_harvest_run", args=[self.pk])


class HarvestedRecord(models.Model):
    """Which control number a source's OAI identifier brought, so that its deletion finds it."""

    source = models.ForeignKey(HarvestSource, on_delete=models.CASCADE, related_name="+")
    identifier = models.CharField(max_length=255)
    control_number = models.CharField(max_length=64)

    class Meta:
        constraints = [models.UniqueConstraint(
            fields=["source", "identifier"], name="catalogue_harvested_once")]

    def __str__(self):
        return self.identifier
