"""The catalogue in the admin: "Mục lục" (records, holdings) and its import pages."""

from django.urls import path
from wagtail import hooks
from wagtail_modeladmin.options import modeladmin_register

from catalogue.admin.imports import import_view, job_status, job_view
from catalogue.admin.records import CatalogueGroup


@hooks.register("register_admin_urls")
def catalogue_import_urls():
    """The catalogue's import page and its jobs (the menu item is in the "Mục lục" group)."""
    return [
        path("catalogue/import/", import_view, name="catalogue_import"),
        path("catalogue/import/<int:pk>/", job_view, name="catalogue_import_job"),
        path("catalogue/import/<int:pk>/status/", job_status, name="catalogue_import_status"),
    ]


modeladmin_register(CatalogueGroup)
