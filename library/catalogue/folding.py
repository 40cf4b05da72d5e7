"""Fold Vietnamese text for the database search: lowercase, no diacritics, ``đ`` → ``d``."""

import re
import unicodedata

_TRANSLATE = str.maketrans({"đ": "d", "Đ": "d"})
_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text):
    """Return ``text`` lowercased without diacritics ("Sách Đỏ" → "sach do")."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_TRANSLATE))
    return _COMBINING.sub("", decomposed).lower()
