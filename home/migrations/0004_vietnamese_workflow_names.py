"""Give Wagtail's default workflow and its task Vietnamese names (editors see them in the editor's
"Gửi duyệt theo …" action and in the page's status). Only the untouched defaults are renamed."""

from django.db import migrations

NAMES = [  # (model, Wagtail's name, ours)
    ("Workflow", "Moderators approval", "Quy trình duyệt bài"),
    ("Task", "Moderators approval", "Kiểm duyệt viên phê duyệt"),
]


def rename(apps, schema_editor, reverse=False):
    for model_name, english, vietnamese in NAMES:
        old, new = (vietnamese, english) if reverse else (english, vietnamese)
        apps.get_model("wagtailcore", model_name).objects.filter(name=old).update(name=new)


def rename_back(apps, schema_editor):
    rename(apps, schema_editor, reverse=True)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_editor_permissions"),
        ("wagtailcore", "0048_add_default_workflows"),
    ]
    operations = [migrations.RunPython(rename, rename_back)]
