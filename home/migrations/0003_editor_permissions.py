"""Give the "Editors" and "Moderators" groups the portal's snippets and settings.

Wagtail's own migrations create both groups, their page permissions on the root page and the
"Moderators approval" workflow: editors edit and submit, moderators publish. This adds what our
apps bring. Idempotent: groups and permissions are got or created.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_PERMISSIONS = [
    ("articles", "add_articlecategory"),
    ("articles", "change_articlecategory"),
    ("library", "add_websitelink"),
    ("library", "change_websitelink"),
    ("library", "add_supportcontact"),
    ("library", "change_supportcontact"),
    ("library", "add_hoursexception"),
    ("library", "change_hoursexception"),
    ("library", "change_servicehours"),
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("articles", "delete_articlecategory"),
    ("library", "delete_websitelink"),
    ("library", "delete_supportcontact"),
    ("library", "delete_hoursexception"),
    ("library", "change_librarycontact"),
]


def grant_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for app_label in ("articles", "library"):
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # let create_permissions work on migration state
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for group_name, wanted in (
        ("Editors", EDITOR_PERMISSIONS),
        ("Moderators", MODERATOR_PERMISSIONS),
    ):
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke_permissions(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=("Editors", "Moderators")):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label__in=("articles", "library"))
        )


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("articles", "0001_initial"),
        ("library", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [migrations.RunPython(grant_permissions, revoke_permissions)]
