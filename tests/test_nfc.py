"""Text typed or sent decomposed (NFD) is stored composed (NFC) in every kind of content: a
snippet, a page's title and revision, a Wagtail image, a tag (a StreamField sent through the
API: tests/api/test_writes.py); the spelling stays the writer's."""

import unicodedata

import pytest
from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import Page

from library.models import SupportContact


def nfd(text):
    return unicodedata.normalize("NFD", text)


@pytest.mark.django_db
def test_snippets_pages_images_and_tags_are_stored_nfc():
    contact = SupportContact.objects.create(name=nfd("Lê Thị Mĩ"), role=nfd("Hỗ trợ kĩ thuật"))
    contact.refresh_from_db()
    assert (contact.name, contact.role) == ("Lê Thị Mĩ", "Hỗ trợ kĩ thuật")

    page = Page.objects.get(depth=2).add_child(instance=Page(title=nfd("Thuý Kiều"), slug="kieu"))
    page.save_revision().publish()
    page.refresh_from_db()
    revision = page.get_latest_revision()
    assert page.title == "Thuý Kiều" and revision.content["title"] == "Thuý Kiều"

    image = Image.objects.create(title=nfd("Ảnh hoà nhạc"), file=get_test_image_file())
    image.tags.add(nfd("hoà nhạc"))
    image.refresh_from_db()
    assert image.title == "Ảnh hoà nhạc" and list(image.tags.names()) == ["hoà nhạc"]

