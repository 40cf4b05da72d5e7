"""Editors and moderators choose the library's visual identity (logo, lead story, colours)."""

from django.db import migrations

from base.group_permissions import grant_operation

PERMISSIONS = [("home", "change_branding")]
WANTED = {"Editors": PERMISSIONS, "Moderators": PERMISSIONS}


class Migration(migrations.Migration):
    dependencies = [("home", "0006_branding")]
    operations = [grant_operation(WANTED)]
