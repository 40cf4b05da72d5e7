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
    assert '<html lang="vi" ' in response.content.decode()
    assert "<title>Thư viện tỉnh Quảng Ninh</title>" in response.content.decode()  # once


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


@pytest.mark.parametrize(
    ("name", "content"),
    [("ban-do.txt", b"not an image"), ("ban-do.png", b"plain text pretending to be a PNG")],
)
def test_admin_refuses_unsupported_images_with_a_message(
    client, django_user_model, settings, tmp_path, name, content
):
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.urls import reverse
    from wagtail.images.models import Image

    settings.MEDIA_ROOT = str(tmp_path)
    client.force_login(django_user_model.objects.create_superuser("root", "r@example.org", "pw"))
    response = client.post(
        reverse("wagtailimages:add"),
        {"title": "Ảnh hỏng", "file": SimpleUploadedFile(name, content)},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["file"]
    assert not Image.objects.exists()


def test_pages_have_open_graph_tags(client):
    html = client.get("/").content.decode()
    assert '<meta property="og:title" content="Thư viện tỉnh Quảng Ninh">' in html
    assert '<meta property="og:locale" content="vi_VN">' in html
    assert '<link rel="canonical" href="http://localhost/">' in html
