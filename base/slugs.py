"""Readable ASCII slugs from Vietnamese titles: "Khai trương phòng đọc Cẩm Phả" →
``khai-truong-phong-doc-cam-pha``.

Django's ``slugify`` drops the diacritics by Unicode decomposition, but "đ" has none and is
dropped whole ("phòng đọc" would give ``phong-oc``). The same mapping is given to the admin's
slug field (``VietnameseSlugInput``), whose JavaScript otherwise spells "đ" as Serbian "dj".
"""

from django.utils.text import slugify
from wagtail.admin.widgets import SlugInput

# The letters that Unicode decomposition does not reduce to ASCII, as Vietnamese reads them.
ASCII_LETTERS = {"đ": "d", "Đ": "D"}


def ascii_slug(text):
    """``text`` as a lowercase ASCII slug, "đ" read as "d"."""
    for letter, ascii_letter in ASCII_LETTERS.items():
        text = text.replace(letter, ascii_letter)
    return slugify(text, allow_unicode=False)


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug input, told to read "đ" as "d" before it makes the slug."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        formatters = [*(formatters or []), *ASCII_LETTERS.items()]
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)
