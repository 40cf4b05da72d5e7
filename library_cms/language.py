"""The public site speaks Vietnamese, whatever the browser's ``Accept-Language`` asks for.

Django's ``LocaleMiddleware`` would switch the site's chrome to English for an English browser
while the content stays Vietnamese (and ``<html lang>`` would lie). Readers get
``LANGUAGE_CODE``; editors choose their admin language in their account (Wagtail applies it in
the admin's views).
"""

from django.conf import settings
from django.urls import reverse
from django.utils import translation


class VietnameseSiteMiddleware:
    """Activate ``LANGUAGE_CODE`` for every request and say so in ``Content-Language``."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.admin_prefix = None

    def __call__(self, request):
        translation.activate(settings.LANGUAGE_CODE)
        request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        response = self.get_response(request)
        if self.admin_prefix is None:
            self.admin_prefix = reverse("wagtailadmin_home")
        # An editor may read the admin in English: only the public site's language is known here.
        user = getattr(request, "user", None)
        if not request.path.startswith(self.admin_prefix) or not user or user.is_anonymous:
            response.headers.setdefault("Content-Language", settings.LANGUAGE_CODE)
        return response
