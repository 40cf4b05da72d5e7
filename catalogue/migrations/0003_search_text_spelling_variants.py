"""``search_text`` folded by the spelling rules of ``search.analysis`` ("Kỹ" → "ki", not "ky"), so
that the OPAC's database search finds either spelling of i/y.

Recomputed in batches, each its own transaction (a million records take a minute or two); only
the records whose folded text changes are written. Running it again changes nothing.
"""

from django.db import migrations, transaction

from catalogue.models.records import SEARCHED_LISTS, SEARCHED_TEXT, search_text_of

BATCH = 2000


def refresh_search_text(apps, schema_editor):
    """Recompute every record's ``search_text``; write those that changed."""
    Record = apps.get_model("catalogue", "Record")
    fields = ["pk", "search_text", "authors", *SEARCHED_TEXT, *SEARCHED_LISTS]
    last = 0
    while True:
        records = list(Record.objects.filter(pk__gt=last).order_by("pk").only(*fields)[:BATCH])
        if not records:
            return
        last = records[-1].pk
        changed = []
        for record in records:
            text = search_text_of(vars(record))
            if text != record.search_text:
                record.search_text = text
                changed.append(record)
        with transaction.atomic():
            Record.objects.bulk_update(changed, ["search_text"])


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("catalogue", "0002_oai_pmh")]

    operations = [migrations.RunPython(refresh_search_text, migrations.RunPython.noop)]
