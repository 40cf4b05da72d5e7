"""The headless API: Wagtail's v3 NinjaAPI with every project app's routers on it.

Each app that offers endpoints has an ``api.py`` module with ``routers``, a list of
``(prefix, ninja.Router)`` pairs; they all join the one OpenAPI document at
``/api/v3/openapi.json``.
"""

from wagtail.api.v3.urls import api as api_v3

from base.discovery import project_app_modules
from library_cms.api_errors import register_v3_error_handlers
from library_cms.api_json import LocalTimeRenderer

for module in project_app_modules("api"):
    for prefix, router in module.routers:
        api_v3.add_router(prefix, router)


register_v3_error_handlers(api_v3)
api_v3.renderer = LocalTimeRenderer()  # date-times as API v2 writes them (api_json.py)
