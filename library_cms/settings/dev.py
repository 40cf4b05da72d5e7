"""Local development (``make run``): debug on unless the environment says otherwise."""

from library_cms.config import env_bool

from .base import *  # noqa: F403

DEBUG = env_bool("DEBUG", True)
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
STORAGES["staticfiles"]["BACKEND"] = (  # noqa: F405
    "django.contrib.staticfiles.storage.StaticFilesStorage"
)
