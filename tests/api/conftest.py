"""Fixtures for the API tests: the demo content, an API client, bearer tokens."""

import pytest
from django.contrib.auth.models import Group
from django.db import transaction
from django.test import override_settings
from wagtail.models import APIToken

from base.testing import temporary_media_root  # noqa: F401
from home.demo import load_demo


@pytest.fixture(scope="module")
def demo_content(django_db_setup, django_db_blocker, tmp_path_factory):
    """The demo portal, loaded once per module and rolled back after it (like a TestCase's
    ``setUpTestData``); its files go to a temporary folder."""
    media = tmp_path_factory.mktemp("media")
    with django_db_blocker.unblock(), override_settings(MEDIA_ROOT=str(media)):
        with transaction.atomic():
            load_demo()
            yield media
            transaction.set_rollback(True)


@pytest.fixture
def demo(demo_content, db, settings):
    """The demo portal (news, books, videos, map, hours, links, contacts) for one test."""
    settings.MEDIA_ROOT = str(demo_content)


def bearer(user):
    """``Authorization`` headers with a new API token of ``user``."""
    _token, plaintext = APIToken.create_token(user=user, name="thử nghiệm")
    return {"Authorization": f"Bearer {plaintext}"}


@pytest.fixture
def editor(django_user_model):
    """A user in the Editors group (may add and edit pages, not publish)."""
    user = django_user_model.objects.create_user("bien-tap", password="x")
    user.groups.add(Group.objects.get(name="Editors"))
    return user


@pytest.fixture
def moderator(django_user_model):
    """A user in the Moderators group (may add, edit and publish pages)."""
    user = django_user_model.objects.create_user("kiem-duyet", password="x")
    user.groups.add(Group.objects.get(name="Moderators"))
    return user
