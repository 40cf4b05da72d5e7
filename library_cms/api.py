"""The headless API: Wagtail's v3 NinjaAPI with every project app's routers on it.

Each app that offers endpoints has an ``api.py`` module with ``routers``, a list of
``(prefix, ninja.Router)`` pairs; they all join the one OpenAPI document at
``/api/v3/openapi.json``.
"""

from importlib import import_module
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.db import DataError
from django.utils.translation import gettext as _
from wagtail.api.v3.errors import problem_response
from wagtail.api.v3.urls import api as api_v3

import library_cms.api_visibility  # noqa: F401 -- anonymous v3 callers never see expired pages


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


@api_v3.exception_handler(DataError)
def out_of_range(request, exc):
    """A value the database refuses (e.g. a huge offset) is a 400, not a 500."""
    return problem_response(status=400, detail=_("Giá trị tham số nằm ngoài phạm vi cho phép."))
