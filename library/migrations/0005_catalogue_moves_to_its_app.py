"""Records, holdings and import jobs now belong to the ``catalogue`` app (its migration 0001).

Their tables stay (``library_record``…); this app lets go of the models in Django's state, the
book of the day's link points at ``catalogue.Record``, and what names the models by app label
follows: the content types (so the groups keep their catalogue permissions and Wagtail's logs
their history) and the queued index updates of ``flush_search_queue``.
"""

import django.db.models.deletion
from django.db import migrations, models

MOVED = ("record", "holding", "importjob")


def relabel(apps, old, new):
    ContentType = apps.get_model("contenttypes", "ContentType")
    PendingIndexUpdate = apps.get_model("search", "PendingIndexUpdate")
    for model in MOVED:
        # A content type created for the new label before this ran (``migrate catalogue`` alone,
        # then post_migrate) holds nothing yet: the old one, with its permissions, wins.
        if ContentType.objects.filter(app_label=old, model=model).exists():
            ContentType.objects.filter(app_label=new, model=model).delete()
        ContentType.objects.filter(app_label=old, model=model).update(app_label=new)
        PendingIndexUpdate.objects.filter(model_label=f"{old}.{model}").update(
            model_label=f"{new}.{model}"
        )


def forwards(apps, schema_editor):
    relabel(apps, "library", "catalogue")


def backwards(apps, schema_editor):
    relabel(apps, "catalogue", "library")


class Migration(migrations.Migration):

    dependencies = [
        ("catalogue", "0001_initial"),
        ("contenttypes", "0002_remove_content_type_name"),
        # The catalogue permissions were granted to the groups under the old label.
        ("home", "0005_catalogue_and_poll_permissions"),
        ("library", "0004_record_holdings_inline"),
        ("search", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="bookpage",
                    name="record",
                    field=models.ForeignKey(
                        blank=True,
                        help_text="Bạn đọc đi từ bài giới thiệu đến biểu ghi trong OPAC.",
                        null=True,
                        on_delete=django.db.models.deletion.SET_NULL,
                        related_name="book_pages",
                        to="catalogue.record",
                        verbose_name="biểu ghi trong mục lục",
                    ),
                ),
                migrations.DeleteModel(name="Holding"),
                migrations.DeleteModel(name="ImportJob"),
                migrations.DeleteModel(name="Record"),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
