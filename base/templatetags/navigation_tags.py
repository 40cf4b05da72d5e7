"""The site's navigation: the main menu of every page."""

from django import template
from django.urls import reverse
from wagtail.models import Site

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live pages under the site root that are marked "show in menus", then the OPAC and the
    service hours (views of their own, outside the page tree)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    path = request.path if request else ""
    current = context.get("page")
    pages = list(site.root_page.get_children().live().in_menu().public()) if site else []
    for item in pages:
        item.active = current is not None and current.path.startswith(item.path)
    return {
        "menu_pages": pages,
        "current_path": path,
        "opac_active": path.startswith(reverse("opac:search")),
        "hours_active": path.startswith(reverse("hours")),
    }
