"""Keep the catalogue index in step with edits made one record at a time (admin, shell), and
leave a tombstone of each deleted record for the OAI-PMH provider."""

from django.db.models.signals import post_delete, post_save, pre_delete
from django.dispatch import receiver
from django.utils import timezone

from catalogue.index import update_after_commit
from catalogue.models import DeletedRecord, Holding, Record


@receiver(post_save, sender=Record)
def index_saved_record(sender, instance, raw=False, **kwargs):
    if not raw:
        update_after_commit([instance.pk])


@receiver(pre_delete, sender=Record)
def leave_tombstone(sender, instance, **kwargs):
    """Remember the deleted record's number and sets (its copies are still there to read)."""
    branches = sorted(set(Holding.objects.filter(record_id=instance.pk).exclude(branch="")
                          .values_list("branch", flat=True)))
    DeletedRecord.objects.update_or_create(control_number=instance.control_number, defaults={
        "deleted_at": timezone.now(), "material_type": instance.material_type,
        "branches": branches,
    })


@receiver(post_delete, sender=Record)
def unindex_deleted_record(sender, instance, **kwargs):
    update_after_commit([instance.pk], "delete")


@receiver([post_save, post_delete], sender=Holding)
def reindex_holding_record(sender, instance, raw=False, **kwargs):
    if not raw and Record.objects.filter(pk=instance.record_id).exists():
        update_after_commit([instance.record_id])
