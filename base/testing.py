"""Helpers shared by the apps' tests: a temporary media folder and small images."""

import pytest

from base.demo_tools import demo_image


@pytest.fixture(autouse=True)
def temporary_media_root(settings, tmp_path):
    """Uploaded and generated files go to a temporary folder, not var/media."""
    settings.MEDIA_ROOT = str(tmp_path / "media")


def make_image(title="Ảnh thử"):
    """A small Wagtail image drawn with Pillow."""
    return demo_image(title, title, (10, 80, 160), size=(320, 200))
