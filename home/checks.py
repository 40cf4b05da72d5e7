"""Deployment checks of the portal (``manage.py check --deploy``)."""

from django.conf import settings
from django.core.checks import Tags, Warning, register

LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "0.0.0.0"}


@register(Tags.security, deploy=True)
def site_url_is_public(app_configs, **kwargs):
    """Warn when ``SITE_URL`` still names this machine: links would point readers to it."""
    if settings.SITE_HOSTNAME in LOCAL_HOSTS:
        return [
            Warning(
                f"SITE_URL is {settings.SITE_URL}: canonical links, sitemaps and the APIs' "
                "html_url would name this machine.",
                hint="Set SITE_URL to the public address, e.g. https://thuvien.example.vn",
                id="home.W001",
            )
        ]
    return []
