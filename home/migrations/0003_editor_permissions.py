"""Give the "Editors" and "Moderators" groups the portal's snippets and settings.

Wagtail's own migrations create both groups, their page permissions on the root page and the
"Moderators approval" workflow: editors edit and submit, moderators publish. This adds what our
apps bring. Idempotent: groups and permissions are got or created.
"""

from django.db import migrations

from base.group_permissions import grant_operation

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


WANTED = {"Editors": EDITOR_PERMISSIONS, "Moderators": MODERATOR_PERMISSIONS}


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0002_create_homepage"),
        ("articles", "0001_initial"),
        ("library", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]
    operations = [grant_operation(WANTED)]
