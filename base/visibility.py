"""What readers may see: live, public pages whose expiry has not passed.

Wagtail keeps a page whose ``expire_at`` has passed live until ``publish_scheduled`` unpublishes
it; the site's lists and widgets (``base.pages.unexpired``) and both APIs (:func:`public_pages`)
drop it at once. API v3 reads the function from ``wagtail.api.v3.querysets``:
:func:`use_in_wagtail_api` (called by ``base.apps.BaseConfig.ready``) puts ours there.
"""

from django.conf import settings
from django.db.models import Q
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, PageViewRestriction, Site

from base import api_cache

wagtail_site_root_paths = Site.get_site_root_paths


def view_restrictions():
    """Every view restriction with its page and groups (what ``accept_request`` reads)."""
    return list(PageViewRestriction.objects.select_related("page").prefetch_related("groups"))


def public(pages):
    """``pages.public()`` (Wagtail's: none under a view restriction), the restrictions read once
    per generation of the API cache during an API request."""
    request = api_cache.serving.get()
    if request is None:
        return pages.public()
    private = Q()
    restrictions = api_cache.request_state(request).kept("view-restrictions", view_restrictions)
    for restriction in restrictions:
        private |= pages.descendant_of_q(restriction.page, inclusive=True)
    return pages.exclude(private or Q(pk__in=[]))


def request_site(request):
    """The request's site (Wagtail's ``Site.find_for_request``), looked up once per generation
    of the API cache for each host and port."""
    http_request = getattr(request, "_request", request)
    if not hasattr(http_request, "_wagtail_site"):
        key = f"site:{http_request.get_host()}:{http_request.get_port()}"
        http_request._wagtail_site = api_cache.request_state(http_request).kept(
            key, lambda: Site.find_for_request(http_request))
    return http_request._wagtail_site


def on_site(request, queryset):
    """``queryset`` within the site of ``?site=`` or of the request, as Wagtail's API scopes it
    (no site: nothing)."""
    if "site" not in request.GET:
        request_site(request)
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if not site:
        return queryset.none()
    pages = queryset.descendant_of(site.root_page, inclusive=True)
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        for translation in site.root_page.get_translations():
            pages |= queryset.descendant_of(translation, inclusive=True)
    return pages


def public_pages(request, *model):
    """Live pages (of ``model``) of the request's site that its view restrictions let it see
    (Wagtail's ``get_public_pages_queryset``), minus expired ones; worked out once per request
    (an API detail asks twice), the restrictions and the expired pages once per generation of
    the API cache (``base.api_cache``).

    Expired pages are excluded by path, an indexed field, so that searches work on the result.
    """
    known = request.__dict__.setdefault("public_pages", {})
    if model not in known:
        state = api_cache.request_state(request)
        queryset = (model[0] if model else Page)._default_manager.all().live()
        for restriction in state.kept("view-restrictions", view_restrictions):
            if not restriction.accept_request(request):
                queryset = queryset.not_descendant_of(restriction.page, inclusive=True)
        queryset = on_site(request, queryset)
        if paths := state.expired_paths:
            queryset = queryset.exclude(path__in=paths)
        known[model] = queryset
    return known[model].all()


def site_root_paths():
    """Wagtail's ``Site.get_site_root_paths``, read once per generation of the API cache during
    an API request: Wagtail reads them from the cache for every page it gives a URL."""
    request = api_cache.serving.get()
    if request is None:
        return wagtail_site_root_paths()
    if "site_root_paths" not in request.__dict__:
        request.site_root_paths = api_cache.request_state(request).kept(
            "site-root-paths", wagtail_site_root_paths)
    return request.site_root_paths


def use_in_wagtail_api():
    """Make API v3's own page routers use :func:`public_pages`, and pages' URLs in an API read
    use :func:`site_root_paths`."""
    from wagtail.api.v3 import querysets as v3_querysets  # loads models: not at import time

    v3_querysets.get_public_pages_queryset = public_pages
    Site.get_site_root_paths = staticmethod(site_root_paths)
