"""The headless API: Wagtail's v3 NinjaAPI with every project app's routers on it.

Each app that offers endpoints has an ``api.py`` module with ``routers``, a list of
``(prefix, ninja.Router)`` pairs; they all join the one OpenAPI document at
``/api/v3/openapi.json``.
"""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from wagtail.api.v3.urls import api as api_v3

import library_cms.api_visibility  # noqa: F401 -- anonymous v3 callers never see expired pages
from library_cms.api_errors import register_v3_error_handlers


def _project_app_modules():
    """Yield the ``api`` module of every installed app that lives in this project."""
    for config in apps.get_app_configs():
        if Path(config.path).parent != settings.BASE_DIR:
            continue
        name = f"{config.name}.api"
        try:
            yield import_module(name)
        except ModuleNotFoundError as error:
            if error.name != name:
                raise


for module in _project_app_modules():
    for prefix, router in module.routers:
        api_v3.add_router(prefix, router)


register_v3_error_handlers(api_v3)
