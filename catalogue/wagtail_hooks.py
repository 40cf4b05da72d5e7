"""The catalogue in the admin: "Mục lục" (records, holdings, OAI-PMH sources), the import's and
the harvests' pages."""

from django.urls import path
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from catalogue.admin.harvest import run_status, run_view, source_view
from catalogue.admin.imports import import_view, job_status, job_view
from catalogue.admin.records import CatalogueGroup


@hooks.register("register_admin_urls")
def catalogue_import_urls():
    """The catalogue's import page and its jobs (the menu item is in the "Mục lục" group)."""
    return [
        path("catalogue/import/", import_view, name="catalogue_import"),
        path("catalogue/import/<int:pk>/", job_view, name="catalogue_import_job"),
        path("catalogue/import/<int:pk>/status/", job_status, name="catalogue_import_status"),
        path("catalogue/harvest/source/<int:pk>/", source_view, name="catalogue_harvest_source"),
        path("catalogue/harvest/<int:pk>/", run_view, name="catalogue_harvest_run"),
        path("catalogue/harvest/<int:pk>/status/", run_status, name="catalogue_harvest_status"),
    ]


modeladmin_register(CatalogueGroup)
