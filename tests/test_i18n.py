"""The admin speaks Vietnamese by default and English per user, from our catalogues."""

import gettext
import json
import os
import shutil

import polib
import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import translation
from wagtail.users.models import UserProfile

from library_cms import catalogues
from library_cms.catalogues import (
    APPS_CATALOGUE,
    DJANGO_CATALOGUE,
    LOCALE_DIR,
    package_po,
    po_files,
    stale_mo_files,
)


def our_po(catalogue, lang="vi", domain="django"):
    return next(
        po for po in po_files() if po.parts[-4:] == (catalogue, lang, "LC_MESSAGES", f"{domain}.po")
    )


def test_every_catalogue_directory_is_a_locale_path():
    assert set(settings.LOCALE_PATHS) == {path for path in LOCALE_DIR.iterdir() if path.is_dir()}
    assert settings.LOCALE_PATHS[0].name == APPS_CATALOGUE
    assert settings.LOCALE_PATHS[-1].name == DJANGO_CATALOGUE


def test_compiled_catalogues_are_up_to_date():
    stale = [str(mo.relative_to(LOCALE_DIR)) for mo in stale_mo_files()]
    assert not stale, f"run `.venv/bin/python -m library_cms.catalogues` (make test does): {stale}"


def test_a_po_newer_than_its_mo_is_found_stale_and_recompiled(tmp_path, monkeypatch, capsys):
    """The check above on a copy of our catalogue (``make test`` compiles before pytest, so the
    real tree is always fresh there): missing, fresh, edited, recompiled."""
    po = tmp_path / APPS_CATALOGUE / "en" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(our_po(APPS_CATALOGUE, "en"), po)
    mo = po.with_suffix(".mo")
    monkeypatch.setattr(catalogues, "LOCALE_DIR", tmp_path)

    def english(msgid):
        with mo.open("rb") as compiled:
            return gettext.GNUTranslations(compiled).gettext(msgid)

    assert stale_mo_files() == [mo]  # never compiled
    catalogues.compile_messages()
    assert stale_mo_files() == [] and english("Tin tức") == "News"

    edited = polib.pofile(str(po))
    edited.find("Tin tức").msgstr = "Library news"
    edited.save()
    earlier = po.stat().st_mtime - 10  # compiled before the edit, whatever the clock resolution
    os.utime(mo, (earlier, earlier))
    assert stale_mo_files() == [mo]
    assert english("Tin tức") == "News"  # the .mo still has the old translation
    catalogues.compile_messages()
    assert stale_mo_files() == [] and english("Tin tức") == "Library news"
    assert capsys.readouterr().out.count("compiled ") == 2


def test_apps_catalogue_has_every_string_of_our_code(settings, tmp_path, monkeypatch):
    """The English catalogue of our apps is what `manage.py make_app_messages` would write."""
    monkeypatch.chdir(settings.BASE_DIR)  # makemessages reads the current directory
    settings.LOCALE_PATHS = [tmp_path]
    call_command("make_app_messages", verbosity=0)
    current = {
        (e.msgctxt, e.msgid) for e in polib.pofile(str(tmp_path / "en/LC_MESSAGES/django.po"))
    }
    committed = {(e.msgctxt, e.msgid) for e in polib.pofile(str(our_po(APPS_CATALOGUE, "en")))}
    assert current - committed == set(), "new strings: run `manage.py make_app_messages`"
    assert committed - current == set(), "strings gone: run `manage.py make_app_messages`"


@pytest.fixture
def editor(django_user_model):
    """A member of "Editors" who has not chosen a language."""
    user = django_user_model.objects.create_user("bientap", "bientap@example.org", "x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


def prefer(user, language):
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()


@pytest.mark.django_db
def test_admin_speaks_vietnamese_by_default_and_english_on_request(client, editor):
    client.force_login(editor)
    html = client.get("/admin/").content.decode()
    assert '<html lang="vi"' in html
    with translation.override("vi"):
        dashboard = translation.gettext("Dashboard")
    assert dashboard != "Dashboard"
    assert f"<title>{dashboard} - Wagtail" in html
    assert json.dumps("Chuyên mục tin")[1:-1] in html  # our snippet's menu item

    prefer(editor, "en")
    html = client.get("/admin/").content.decode()
    assert '<html lang="en"' in html
    assert "<title>Dashboard - Wagtail" in html
    assert "News category" in html  # our apps' English catalogue


@pytest.mark.django_db
def test_admin_javascript_catalogue_is_ours(client, editor):
    """Messages upstream's vi djangojs catalogue lacks are served from locale/wagtail_admin_js."""
    upstream = {e.msgid for e in package_po("wagtail.admin", "vi", "djangojs").translated_entries()}
    ours = polib.pofile(str(our_po("wagtail_admin_js", domain="djangojs")))
    added = [e for e in ours.translated_entries() if e.msgid not in upstream and not e.msgid_plural]
    assert added
    client.force_login(editor)
    script = client.get("/admin/jsi18n/").content.decode()
    for entry in added:
        assert f"{json.dumps(entry.msgid)}: {json.dumps(entry.msgstr)}" in script

    prefer(editor, "en")
    script = client.get("/admin/jsi18n/").content.decode()
    assert json.dumps(added[0].msgstr) not in script


@pytest.mark.django_db
def test_default_workflow_has_a_vietnamese_name():
    from wagtail.models import Task, Workflow

    assert Workflow.objects.filter(name="Quy trình duyệt bài", active=True).exists()
    assert Task.objects.filter(name="Kiểm duyệt viên phê duyệt").exists()
    assert not Workflow.objects.filter(name="Moderators approval").exists()
