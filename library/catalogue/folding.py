"""Fold Vietnamese text for the database search: lowercase, no diacritics, ``đ`` → ``d``."""

import re
import unicodedata

_COMBINING = re.compile("[\u0300-\u036f]")


def fold(text):
    """Return ``text`` lowercased without diacritics ("Sách Đỏ" → "sach do")."""
    text = (text or "").replace("đ", "d").replace("Đ", "d")  # str.translate is slower
    if text.isascii():
        return text.lower()
    return _COMBINING.sub("", unicodedata.normalize("NFD", text)).lower()
