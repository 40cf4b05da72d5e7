"""Editors keep the catalogue (records, holdings, imports) and the polls; moderators may also
delete them."""

from django.db import migrations

from base.group_permissions import grant_operation

EDITOR_PERMISSIONS = [
    (app_label, f"{action}_{model}")
    for app_label, model in (("library", "record"), ("library", "holding"), ("engagement", "poll"))
    for action in ("add", "change", "view")
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("library", "delete_record"),
    ("library", "delete_holding"),
    ("engagement", "delete_poll"),
]
WANTED = {"Editors": EDITOR_PERMISSIONS, "Moderators": MODERATOR_PERMISSIONS}


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0004_vietnamese_workflow_names"),
        ("library", "0002_catalogue"),
        ("engagement", "0001_initial"),
    ]
    operations = [grant_operation(WANTED)]
