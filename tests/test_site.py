"""The home page, the admin login page and the Vietnamese defaults."""

import pytest
from django.conf import settings
from django.utils import translation

from home.models import HomePage

pytestmark = pytest.mark.django_db


def test_home_page_renders(client):
    response = client.get("/")
    assert response.status_code == 200
    assert response.templates[0].name == "home/home_page.html"
    assert HomePage.objects.live().count() == 1
    assert '<html lang="vi">' in response.content.decode()


def test_admin_login_page_defaults_to_vietnamese(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert response["Content-Language"] == "vi"
    assert 'lang="vi"' in response.content.decode()


def test_vietnamese_defaults():
    assert settings.LANGUAGE_CODE == "vi"
    assert settings.TIME_ZONE == "Asia/Ho_Chi_Minh"
    assert ("en", "English") in settings.WAGTAILADMIN_PERMITTED_LANGUAGES


def test_dates_in_vietnamese_format():
    from datetime import date

    from django.utils.formats import date_format

    with translation.override("vi"):
        assert date_format(date(2026, 11, 27)) == "Ngày 27 tháng 11 năm 2026"
