"""An import of MARC/CSV files started from the admin, run by ``import_marc --job`` on its own,
and what every such background job records (:class:`BackgroundJob`)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    """Where a job stands: queued until its process starts, then running, then done or failed."""

    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang nhập")
    DONE = "done", _("Đã xong")
    FAILED = "failed", _("Thất bại")


class BackgroundJob(models.Model):
    """What a job run by a process of its own (an import, a harvest) did and how far it is.

    ``rejections`` lists the first :data:`~catalogue.importing.jobs.MAX_REJECTIONS`
    ``{"position", "reason"}``; ``rejected`` counts them all. ``pid`` and ``host`` name the
    process that runs the job, so a page can tell when it died.
    """

    status = models.CharField(
        _("trạng thái"), max_length=10, choices=ImportStatus.choices,
        default=ImportStatus.QUEUED, db_index=True,
    )
    read = models.PositiveIntegerField(_("đã đọc"), default=0)
    created = models.PositiveIntegerField(_("mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    rejected = models.PositiveIntegerField(_("bị từ chối"), default=0)
    not_indexed = models.PositiveIntegerField(_("chưa vào chỉ mục"), default=0)
    rejections = models.JSONField(_("biểu ghi bị từ chối"), default=list)
    progress = models.FloatField(_("tiến độ"), default=0)
    error = models.TextField(_("lỗi"), blank=True)
    pid = models.PositiveIntegerField(_("mã tiến trình"), null=True, blank=True)
    host = models.CharField(_("máy chủ"), max_length=255, blank=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)

    class Meta:
        abstract = True

    @property
    def finished(self):
        return self.status in (ImportStatus.DONE, ImportStatus.FAILED)


class ImportJob(BackgroundJob):
    """Who imported which files, how far the import is, and what it did.

    ``files`` is a list of ``{"name", "stored", "size"}`` (the uploaded name, the name in the
    ``catalogue_imports`` storage, bytes); the stored files are deleted when the job ends.
    """

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người nhập"), null=True, blank=True,
        on_delete=models.SET_NULL, related_name="+",
    )
    created_at = models.DateTimeField(_("lúc tải lên"), auto_now_add=True)
    files = models.JSONField(_("tệp"), default=list)
    dry_run = models.BooleanField(_("chỉ kiểm tra"), default=False)

    class Meta:
        db_table = "library_importjob"  # the table from before the catalogue app
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lượt nhập biểu ghi")
        verbose_name_plural = _("lượt nhập biểu ghi")

    def __str__(self):
        return ", ".join(self.file_names)

    def get_absolute_url(self):
        return reverse("catalogue_import_job", args=[self.pk])

    @property
    def file_names(self):
        return [f["name"] for f in self.files]
