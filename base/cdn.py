"""A CDN or caching proxy in front (``WAGTAILFRONTENDCACHE``, README "API cache"): Wagtail's
``frontend_cache`` purges a page's own URLs when it is published or unpublished; this purges its
API details too (v2 and v3), and on a move as well. Lists of pages cannot be named one by one:
a proxy keeps them ``API_CACHE_MAX_AGE`` seconds at most (their ``Cache-Control``)."""

from django.conf import settings
from wagtail.contrib.frontend_cache.utils import PurgeBatch
from wagtail.signals import page_published, page_unpublished, post_page_move

API_DETAILS = ("/api/v2/pages/{id}/", "/api/v3/pages/{id}/")


def purge_api_details(sender, instance, **kwargs):
    """Signal receiver: purge ``instance``'s API detail URLs from the frontend caches."""
    if not settings.WAGTAILFRONTENDCACHE:
        return
    url_parts = instance.get_url_parts()
    if url_parts is None:  # a page outside every site has no address to purge
        return
    root_url = url_parts[1]
    PurgeBatch([root_url + path.format(id=instance.pk) for path in API_DETAILS]).purge()


def connect_signals():
    """Purge on publish, unpublish and move (called by ``BaseConfig.ready``)."""
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(purge_api_details, dispatch_uid=f"cdn-api-{id(signal)}")
