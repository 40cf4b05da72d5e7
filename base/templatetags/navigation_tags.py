"""The site's navigation and address: the main menu, the canonical URL and the picture shared
with every page."""

from django import template
from django.templatetags.static import static
from django.urls import reverse
from wagtail.models import Site

from base.pages import unexpired
from base.renditions import renditions_or_none

register = template.Library()
SHARE_RENDITION = "fill-1200x630"


@register.inclusion_tag("includes/main_menu.html", takes_context=True)
def main_menu(context):
    """Live, unexpired pages under the site root that are marked "show in menus", then the OPAC
    and the service hours (views of their own, outside the page tree)."""
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    path = request.path if request else ""
    current = context.get("page")
    pages = list(unexpired(site.root_page.get_children().live().in_menu().public())) if site else []
    for item in pages:
        item.active = current is not None and current.path.startswith(item.path)
    return {
        "menu_pages": pages,
        "current_path": path,
        "opac_active": path.startswith(reverse("opac:search")),
        "hours_active": path.startswith(reverse("hours")),
    }


@register.simple_tag(takes_context=True)
def canonical_url(context):
    """The public address of what is shown: the page's, or the site's root plus the path."""
    page, request = context.get("page"), context.get("request")
    if page is not None and hasattr(page, "full_url"):
        return page.full_url
    site = Site.find_for_request(request) if request else None
    root = site.root_url if site else ""
    return f"{root}{request.path if request else '/'}"


@register.simple_tag(takes_context=True)
def open_graph_image(context, fallback=None):
    """``{url, width, height, alt}`` of the picture shared with the page: its own, else
    ``fallback`` (the library's share image), else the site's icon."""
    page = context.get("page")
    image = getattr(page, "og_image", None) or fallback
    renditions = renditions_or_none(image, SHARE_RENDITION) if image is not None else None
    if renditions:
        rendition = renditions[SHARE_RENDITION]
        return {"url": rendition.full_url, "width": rendition.width,
                "height": rendition.height, "alt": image.title}
    request = context.get("request")
    site = Site.find_for_request(request) if request else None
    return {"url": f"{site.root_url if site else ''}{static('icons/icon-512.png')}",
            "width": 512, "height": 512, "alt": ""}
