"""Admin menus for the portal's snippets: links, support contacts, hours exceptions."""

from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

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
