"""Web addresses a record links to (MARC 856): only http and https ever reach a page."""

import unicodedata

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

MAX_URL = URLValidator.max_length  # 2048
validate_web_url = URLValidator(schemes=["http", "https"])


def web_url(text):
    """``text`` (trimmed, NFC) if it is an http(s) URL, else ``""`` (``javascript:``, ``ftp:``…)."""
    url = unicodedata.normalize("NFC", (text or "").strip())
    if not url:
        return ""
    try:
        validate_web_url(url)
    except ValidationError:
        return ""
    return url
