"""What anonymous API callers may see: live, public pages whose expiry has not passed.

Wagtail's public page queryset (shared by API v2 and v3) keeps a page whose ``expire_at`` has
passed until ``publish_scheduled`` unpublishes it; both APIs here drop it at once. API v3 reads
the function from ``wagtail.api.v3.querysets``, so it is replaced there when this module loads.
"""

from django.db.models import Q
from django.utils import timezone
from wagtail.api import querysets as wagtail_querysets
from wagtail.api.v3 import querysets as v3_querysets

wagtail_public_pages = wagtail_querysets.get_public_pages_queryset


def public_pages(request, *model):
    """Wagtail's live, public pages of the request's site (of ``model``), minus expired ones."""
    queryset = wagtail_public_pages(request, *model)
    return queryset.filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))


v3_querysets.get_public_pages_queryset = public_pages
