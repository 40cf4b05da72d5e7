"""Admin menus for the portal's snippets (links, support contacts, hours exceptions) and the
catalogue (records, holdings, import)."""

from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup
from wagtail_modeladmin.options import modeladmin_register

from library.catalogue.admin import CatalogueGroup
from library.catalogue.admin_import import import_view, job_status, job_view
from library.models import HoursException, SupportContact, WebsiteLink


class WebsiteLinkViewSet(SnippetViewSet):
    """"Liên kết website" in the admin."""

    model = WebsiteLink
    icon = "link"
    list_display = ["title", "url", "sort_order"]


class SupportContactViewSet(SnippetViewSet):
    """"Hỗ trợ trực tuyến" in the admin."""

    model = SupportContact
    icon = "user"
    list_display = ["name", "role", "phone", "email"]


class HoursExceptionViewSet(SnippetViewSet):
    """Holidays, closures and special hours in the admin."""

    model = HoursException
    icon = "date"
    list_display = ["note", "start_date", "end_date", "closed"]


class PortalViewSetGroup(SnippetViewSetGroup):
    """One "Cổng thông tin" menu for what the portal's side widgets show."""

    items = (WebsiteLinkViewSet, SupportContactViewSet, HoursExceptionViewSet)
    menu_icon = "site"
    menu_label = _("Cổng thông tin")
    menu_name = "portal"


register_snippet(PortalViewSetGroup)


@hooks.register("register_admin_urls")
def catalogue_import_urls():
    """The catalogue's import page and its jobs (the menu item is in the "Mục lục" group)."""
    return [
        path("catalogue/import/", import_view, name="catalogue_import"),
        path("catalogue/import/<int:pk>/", job_view, name="catalogue_import_job"),
        path("catalogue/import/<int:pk>/status/", job_status, name="catalogue_import_status"),
    ]


modeladmin_register(CatalogueGroup)
