"""What readers may see: live, public pages whose expiry has not passed.

Wagtail keeps a page whose ``expire_at`` has passed live until ``publish_scheduled`` unpublishes
it; the site's lists and widgets (``base.pages.unexpired``) and both APIs (:func:`public_pages`)
drop it at once. API v3 reads the function from ``wagtail.api.v3.querysets``:
:func:`use_in_wagtail_api` (called by ``base.apps.BaseConfig.ready``) puts ours there.
"""

from django.utils import timezone
from wagtail.api import querysets as wagtail_querysets
from wagtail.api.v3 import querysets as v3_querysets
from wagtail.models import Page

wagtail_public_pages = wagtail_querysets.get_public_pages_queryset


def public_pages(request, *model):
    """Wagtail's live, public pages of the request's site (of ``model``), minus expired ones;
    worked out once per request (an API detail asks twice).

    Expired pages are excluded by path, an indexed field, so that searches work on the result.
    """
    known = request.__dict__.setdefault("public_pages", {})
    if model not in known:
        queryset = wagtail_public_pages(request, *model)
        expired = Page.objects.live().filter(expire_at__lte=timezone.now()).values_list("path")
        if paths := [path for (path,) in expired]:
            queryset = queryset.exclude(path__in=paths)
        known[model] = queryset
    return known[model].all()


def use_in_wagtail_api():
    """Make API v3's own page routers use :func:`public_pages`."""
    v3_querysets.get_public_pages_queryset = public_pages
