"""Editors edit and submit to the moderation workflow; moderators publish."""

import pytest
from django.contrib.auth.models import Group

from home.models import HomePage

pytestmark = pytest.mark.django_db


def member(django_user_model, name, group):
    user = django_user_model.objects.create_user(name, f"{name}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group))
    return user


def test_editors_edit_and_submit_moderators_publish(django_user_model):
    home = HomePage.objects.get()
    editor = member(django_user_model, "bientap", "Editors")
    moderator = member(django_user_model, "kiemduyet", "Moderators")
    assert home.permissions_for_user(editor).can_edit()
    assert not home.permissions_for_user(editor).can_publish()
    assert home.permissions_for_user(moderator).can_publish()
    assert home.get_workflow() is not None  # submissions go through moderation
    assert editor.has_perm("articles.add_articlecategory")
    assert editor.has_perm("library.change_servicehours")
    assert not editor.has_perm("library.delete_websitelink")
    assert moderator.has_perm("library.delete_websitelink")
    assert moderator.has_perm("library.change_librarycontact")


def test_editors_keep_the_catalogue_and_polls(client, django_user_model):
    editor = member(django_user_model, "bientap", "Editors")
    moderator = member(django_user_model, "kiemduyet", "Moderators")
    client.force_login(editor)
    for url in ("/admin/library/record/", "/admin/library/holding/",
                "/admin/snippets/engagement/poll/"):
        assert client.get(url).status_code == 200, url
    assert editor.has_perm("catalogue.add_record")
    assert not editor.has_perm("catalogue.delete_record")
    assert moderator.has_perm("catalogue.delete_record")
    assert moderator.has_perm("engagement.delete_poll")
