"""What is left of a record deleted in the admin: the OAI-PMH provider's persistent deletions."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class DeletedRecord(models.Model):
    """A tombstone: the control number of a deleted record, when it went and the sets it was in.

    Written when a record is deleted (``pre_delete``, :mod:`catalogue.signals`), so that OAI-PMH
    harvesters learn of the deletion (``<header status="deleted">``, Identify's
    ``deletedRecord`` = ``persistent``). A record created again with the same control number
    hides its tombstone (the provider lists the record, not both).
    """

    control_number = models.CharField(_("số kiểm soát"), max_length=64, unique=True)
    deleted_at = models.DateTimeField(_("xoá lúc"))
    material_type = models.CharField(_("loại tài liệu"), max_length=20, blank=True)
    branches = models.JSONField(_("thư viện chi nhánh"), default=list, blank=True)

    class Meta:
        verbose_name = _("biểu ghi đã xoá")
        verbose_name_plural = _("biểu ghi đã xoá")
        indexes = [models.Index(fields=["deleted_at", "id"], name="catalogue_deleted_oai_key")]

    def __str__(self):
        return self.control_number
