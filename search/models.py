"""The retry queue of index updates the search engine could not take (see ``search.queue``)."""

from django.apps import apps
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingIndexUpdate(models.Model):
    """An object whose index update failed (engine down); replayed by ``flush_search_queue``."""

    ACTIONS = [("index", _("lập chỉ mục")), ("delete", _("xoá khỏi chỉ mục"))]

    model_label = models.CharField(_("mô hình"), max_length=100)
    object_pk = models.CharField(_("khoá"), max_length=64)
    action = models.CharField(_("thao tác"), max_length=10, choices=ACTIONS)
    queued_at = models.DateTimeField(_("thời điểm"), auto_now=True)

    class Meta:
        verbose_name = _("cập nhật chỉ mục đang chờ")
        verbose_name_plural = _("cập nhật chỉ mục đang chờ")
        constraints = [
            models.UniqueConstraint(
                fields=["model_label", "object_pk"], name="unique_pending_object"
            )
        ]

    def __str__(self):
        return f"{self.action} {self.model_label}#{self.object_pk}"

    def model_class(self):
        """Return the queued object's model class."""
        return apps.get_model(self.model_label)

    def target(self):
        """Return the queued object, or ``None`` when it no longer exists."""
        return self.model_class()._default_manager.filter(pk=self.object_pk).first()
