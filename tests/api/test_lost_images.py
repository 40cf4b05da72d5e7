"""An image whose file is lost (a failed disk, media not shared between servers, a bucket
emptied) costs its picture, never the page: the portal, an article, the v2/v3 APIs and the
OPAC's record API still answer 200, with the library's icon or no renditions in its place."""

import pytest
from wagtail.images import get_image_model
from wagtail.images.models import Rendition

from articles.models import ArticlePage
from catalogue.models import Record


@pytest.fixture
def lost_images(demo):
    """Every image's file (and rendition) removed from the storage, the rows kept."""
    images = list(get_image_model().objects.all())
    assert images
    Rendition.objects.all().delete()
    for image in images:
        image.file.storage.delete(image.file.name)
    return images


def test_pages_and_apis_answer_without_the_image_files(client, lost_images):
    article = ArticlePage.objects.live().exclude(main_image=None).first()
    assert article is not None
    for path in ["/", article.url, "/tin-tuc/"]:
        response = client.get(path)
        assert response.status_code == 200, path
    assert "icons/icon-512" in client.get(article.url).content.decode()  # the shared picture
    v2 = client.get(f"/api/v2/pages/{article.pk}/").json()
    v3 = client.get(f"/api/v3/pages/{article.pk}/").json()
    assert v2["id"] == v3["id"] == article.pk
    assert v2["main_image"]["id"] == article.main_image_id
    assert v2["main_image"]["renditions"] == v3["main_image"]["renditions"] == {}


def test_the_record_api_falls_back_to_the_cover_link(client, demo, lost_images):
    record = Record.objects.exclude(cover=None).first()
    response = client.get(f"/api/v3/opac/records/{record.pk}")
    assert response.status_code == 200 and response.json()["cover_url"] == record.cover_link
