"""The API's response cache: published representations kept in Django's cache, under a
generation that any content change replaces.

Every key holds the current *generation*, a token in the cache. A save or delete of any model
(pages, images, documents, snippets, settings, view restrictions… all but the
``API_CACHE_IGNORED_MODELS``), a many-to-many change, a publish, unpublish or move replaces it
at once and again when the transaction commits, so no entry written before the change is ever
read again. An entry lives at most ``API_CACHE_TIMEOUT`` seconds and never past the next expiry
of a live page (pages leave the API at their ``expire_at`` without the cron job). Searches are
not stored in the seconds after a change, while the engine's index refreshes. A cache that
fails (down, its table missing) is logged and skipped: the API answers from the database.
"""

import hashlib
import logging
import time
import uuid

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Min
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "api-cache:generation"
SEARCH_SETTLE_SECONDS = 2  # above the page indexes' refresh interval (1 s)
STORED_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "ETag")


def guarded(operation, default=None):
    """``operation()``, or ``default`` when the cache fails (a Redis or memcached server away;
    the database cache of ``base.cache_backends`` fails soft by itself)."""
    try:
        return operation()
    except Exception:  # any backend's error: the cache is an optimisation, never a failure
        logger.warning("API cache unavailable; answering from the database", exc_info=True)
        return default


def new_generation():
    """A generation never used before: when it was made and a random part."""
    return f"{time.time():.3f}-{uuid.uuid4().hex}"


def current_generation():
    """The generation in the cache (made when missing), or ``None`` when the cache fails."""

    def read():
        generation = caches["default"].get(GENERATION_KEY)
        if generation is None:
            caches["default"].add(GENERATION_KEY, new_generation(), None)
            generation = caches["default"].get(GENERATION_KEY)
        return generation

    return guarded(read)


def set_new_generation():
    """Make every entry unreachable."""
    guarded(lambda: caches["default"].set(GENERATION_KEY, new_generation(), None))


def replace_generation():
    """Make every entry unreachable, now and when the current transaction commits (so a read
    between the change and the commit cannot keep the old content under the new generation)."""
    set_new_generation()
    connection = connections[DEFAULT_DB_ALIAS]
    pending = (callback for _savepoints, callback, _robust in connection.run_on_commit)
    if connection.in_atomic_block and set_new_generation not in pending:
        transaction.on_commit(set_new_generation)  # once per transaction, however many saves


def content_changed(sender, **kwargs):
    """Signal receiver: a change the API may show."""
    model = kwargs.get("instance").__class__ if sender is None else sender
    if model._meta.label_lower not in settings.API_CACHE_IGNORED_MODELS:
        replace_generation()


def connect_signals():
    """Replace the generation on every content change (called by ``BaseConfig.ready``)."""
    for signal in (post_save, post_delete, m2m_changed):
        signal.connect(content_changed, dispatch_uid=f"api-cache-{id(signal)}")
    for signal in (page_published, page_unpublished, post_page_move):
        signal.connect(content_changed, dispatch_uid=f"api-cache-{id(signal)}")


def seconds_to_next_expiry(generation):
    """Seconds until the next live page expires (``None``: none will), found once per
    generation: an expiry time only changes with a save, which replaces the generation."""
    key = f"api-cache:next-expiry:{generation}"
    cached = guarded(lambda: caches["default"].get(key))
    if cached is None:
        now = timezone.now()
        cached = Page.objects.live().filter(expire_at__gt=now).aggregate(
            next=Min("expire_at"))["next"] or False
        if cached:
            guarded(lambda: caches["default"].set(key, cached, (cached - now).total_seconds()))
        else:
            guarded(lambda: caches["default"].set(key, cached, settings.API_CACHE_TIMEOUT))
    return (cached - timezone.now()).total_seconds() if cached else None


def response_key(request):
    """The entry's key for an anonymous GET of this URL, host and ``Accept``, or ``None`` when
    the cache is off or unreachable."""
    if not settings.API_CACHE_TIMEOUT or (generation := current_generation()) is None:
        return None
    url = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
    digest = hashlib.sha256(f"{url}\n{request.headers.get('Accept', '')}".encode()).hexdigest()
    return f"api-cache:{generation}:{digest}"


def cached_response(key):
    """The stored response of ``key``, or ``None``."""
    entry = guarded(lambda: caches["default"].get(key)) if key else None
    if entry is None:
        return None
    content, headers = entry
    response = HttpResponse(content)
    for name, value in headers:
        response[name] = value
    return response


def store(key, request, response):
    """Keep a successful JSON ``response`` under ``key``, for as long as it may be right."""
    if not key or response.cookies or "json" not in response.get("Content-Type", ""):
        return
    generation = key.split(":")[1]
    made_at = float(generation.split("-")[0])
    if "search" in request.GET and time.time() - made_at < SEARCH_SETTLE_SECONDS:
        return
    timeout = settings.API_CACHE_TIMEOUT
    if (expiry := seconds_to_next_expiry(generation)) is not None:
        timeout = min(timeout, int(expiry))
    if timeout <= 0:
        return
    headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
    guarded(lambda: caches["default"].set(key, (response.content, headers), timeout))
