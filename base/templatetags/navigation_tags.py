"""The site's navigation: the main menu of every page."""

from django import template
from wagtail.models import Site

from base.pages import unexpired

register = template.Library()


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live, unexpired pages under the site root that are marked "show in menus"."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    if site is None:
        return {"menu_pages": []}
    current = context.get("page")
    pages = list(unexpired(site.root_page.get_children().live().in_menu().public()))
    for item in pages:
        item.active = current is not None and current.path.startswith(item.path)
    return {"menu_pages": pages, "current_path": request.path if request else ""}
