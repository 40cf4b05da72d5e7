"""Fold Vietnamese text for the database search: lowercase, no diacritics, ``đ`` → ``d``."""

import unicodedata

_TRANSLATE = str.maketrans({"đ": "d", "Đ": "d"})


def fold(text):
    """Return ``text`` lowercased without diacritics ("Sách Đỏ" → "sach do")."""
    decomposed = unicodedata.normalize("NFD", (text or "").translate(_TRANSLATE))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).lower()
