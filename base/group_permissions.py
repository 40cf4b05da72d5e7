"""Grant the "Editors" and "Moderators" groups model permissions from data migrations."""

from django.contrib.auth.management import create_permissions
from django.db import migrations


def grant(apps, wanted_by_group):
    """Add ``{group name: [(app_label, codename), …]}`` to the groups (created if missing)."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for app_label in {app_label for wanted in wanted_by_group.values() for app_label, _ in wanted}:
        app_config = apps.get_app_config(app_label)
        app_config.models_module = True  # let create_permissions work on migration state
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    for group_name, wanted in wanted_by_group.items():
        group, _created = Group.objects.get_or_create(name=group_name)
        for app_label, codename in wanted:
            group.permissions.add(
                Permission.objects.get(content_type__app_label=app_label, codename=codename)
            )


def revoke(apps, wanted_by_group):
    """Remove what :func:`grant` added."""
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for group in Group.objects.filter(name__in=wanted_by_group):
        for app_label, codename in wanted_by_group[group.name]:
            group.permissions.remove(
                *Permission.objects.filter(content_type__app_label=app_label, codename=codename)
            )


def grant_operation(wanted_by_group):
    """A reversible ``RunPython`` operation granting ``wanted_by_group``."""
    return migrations.RunPython(
        lambda apps, schema_editor: grant(apps, wanted_by_group),
        lambda apps, schema_editor: revoke(apps, wanted_by_group),
    )
