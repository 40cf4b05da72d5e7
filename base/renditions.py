"""Renditions that a lost or unreadable image file cannot turn into a server error."""

import logging

logger = logging.getLogger(__name__)


def renditions_or_none(image, *specs):
    """``{spec: rendition}`` of ``image``, or ``None`` (logged) when its original file is lost
    or unreadable (Wagtail's ``SourceImageIOError`` and Pillow's errors are ``OSError``s)."""
    try:
        return image.get_renditions(*specs)
    except OSError:
        logger.warning("No renditions of image %s (%s): its file is missing or unreadable",
                       image.pk, image.file.name, exc_info=True)
        return None
