"""Keep the catalogue index in step with edits made one record at a time (admin, shell)."""

from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from catalogue.index import update_after_commit
from catalogue.models import Holding, Record


@receiver(post_save, sender=Record)
def index_saved_record(sender, instance, raw=False, **kwargs):
    if not raw:
        update_after_commit([instance.pk])


@receiver(post_delete, sender=Record)
def unindex_deleted_record(sender, instance, **kwargs):
    update_after_commit([instance.pk], "delete")


@receiver([post_save, post_delete], sender=Holding)
def reindex_holding_record(sender, instance, raw=False, **kwargs):
    if not raw and Record.objects.filter(pk=instance.record_id).exists():
        update_after_commit([instance.record_id])
