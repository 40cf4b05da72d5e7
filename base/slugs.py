"""Readable ASCII slugs from Vietnamese titles: "Khai trương phòng đọc Cẩm Phả" →
``khai-truong-phong-doc-cam-pha``.

Django's ``slugify`` drops the diacritics by Unicode decomposition, but "đ" has none and is
dropped whole ("phòng đọc" would give ``phong-oc``). The admin's slug field makes the slug in
JavaScript, which knows no Vietnamese: it drops "ư", "ọ", "ẩ"… and spells "đ" as Serbian "dj".
``VietnameseSlugInput`` gives it, as Wagtail's slug "formatters", a replacement for every
accented Latin letter (by its decomposition) before it slugifies.
"""

import unicodedata

from django.utils.text import slugify
from wagtail.admin.widgets import SlugInput

# The letters that Unicode decomposition does not reduce to ASCII, as Vietnamese reads them.
ASCII_LETTERS = {"đ": "d", "Đ": "D"}
# Latin-1 Supplement to Latin Extended Additional: every Vietnamese letter is in there.
ACCENTED_RANGES = ((0x00C0, 0x024F), (0x1E00, 0x1EFF))


def ascii_folds():
    """``[(character class, ASCII letter)]``: each accented Latin letter under its base."""
    by_base = {}
    for first, last in ACCENTED_RANGES:
        for code in range(first, last + 1):
            base = unicodedata.normalize("NFD", chr(code))[0]
            if base != chr(code) and base.isascii() and base.isalpha():
                by_base.setdefault(base, []).append(chr(code))
    folds = [(f"[{''.join(letters)}]", base) for base, letters in sorted(by_base.items())]
    return [*folds, *ASCII_LETTERS.items(), ("[\u0300-\u036f]", "")]


def ascii_slug(text):
    """``text`` as a lowercase ASCII slug, "đ" read as "d"."""
    for letter, ascii_letter in ASCII_LETTERS.items():
        text = text.replace(letter, ascii_letter)
    return slugify(text, allow_unicode=False)


class VietnameseSlugInput(SlugInput):
    """Wagtail's slug input, told to read "đ" as "d" before it makes the slug."""

    def __init__(self, attrs=None, formatters=None, locale=None):
        formatters = [*(formatters or []), *ascii_folds()]
        super().__init__(attrs=attrs, formatters=formatters, locale=locale)
