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

What only a content change or the clock reaching a page's expiry can change (the expired pages,
the next expiry, view restrictions, the site of a host, the sites' root paths) is worked out once
per generation (:class:`GenerationState`) and kept beside it: a request reads both in one cache
read.
"""

import hashlib
import logging
import time
import uuid
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import timedelta

from django.conf import settings
from django.core.cache import caches
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.http import HttpResponse
from django.utils import timezone
from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger(__name__)

GENERATION_KEY = "api-cache:generation"
STATE_KEY = "api-cache:state"
SEARCH_SETTLE_SECONDS = 2  # above the page indexes' refresh interval (1 s)
STORED_HEADERS = ("Content-Type", "Content-Language", "Last-Modified", "ETag")
# The API request being served (set by ``library_cms.api_http``), for what has no request at hand.
serving = ContextVar("api_cache_serving", default=None)


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


class GenerationState:
    """What readers may see that only a content change or a page's expiry changes: the paths of
    expired live pages, the next expiry, and what :meth:`kept` adds. Worked out once per
    generation and valid until the next expiry, ``API_CACHE_TIMEOUT`` seconds at most; without
    a generation (the cache off or failing) it serves one request."""

    def __init__(self, generation, data=None):
        self.generation = generation
        self.changed = data is None
        if data is None:
            now = timezone.now()
            expiries = Page.objects.live().filter(expire_at__isnull=False).values_list(
                "path", "expire_at")
            data = {
                "generation": generation,
                "expired_paths": sorted(path for path, at in expiries if at <= now),
                "next_expiry": min((at for _path, at in expiries if at > now), default=None),
                "until": now + timedelta(seconds=settings.API_CACHE_TIMEOUT),
                "kept": {},
            }
        self.data = data

    @property
    def expired_paths(self):
        return self.data["expired_paths"]

    @property
    def next_expiry(self):
        return self.data["next_expiry"]

    @staticmethod
    def is_current(data, generation):
        """Whether ``data`` (read from the cache) is this generation's and still right."""
        if not isinstance(data, dict) or data.get("generation") != generation:
            return False
        now = timezone.now()
        return now < data["until"] and (data["next_expiry"] is None or now < data["next_expiry"])

    def kept(self, name, compute):
        """``compute()``, worked out once per generation (it may change with content only)."""
        if name not in self.data["kept"]:
            self.data["kept"][name] = compute()
            self.changed = True
        return self.data["kept"][name]


def load_state():
    """The current generation and its state, read in one cache read (the state worked out
    again when missing, another generation's or past its time)."""
    generation = data = None
    if settings.API_CACHE_TIMEOUT:
        found = guarded(lambda: caches["default"].get_many([GENERATION_KEY, STATE_KEY])) or {}
        generation = found.get(GENERATION_KEY) or current_generation()
        data = found.get(STATE_KEY)
    if generation and GenerationState.is_current(data, generation):
        return GenerationState(generation, data)
    return GenerationState(generation)


def request_state(request):
    """The :class:`GenerationState` of ``request`` (Django's or REST framework's), loaded once
    per request."""
    request = getattr(request, "_request", request)
    if "api_cache_state" not in request.__dict__:
        request.api_cache_state = load_state()
    return request.api_cache_state


@contextmanager
def serving_request(request):
    """While ``request`` is served: :data:`serving` is it; then keep what its state worked out."""
    token = serving.set(request)
    try:
        yield
    finally:
        serving.reset(token)
        state = request.__dict__.get("api_cache_state")
        if state and state.changed and state.generation:
            guarded(lambda: caches["default"].set(
                STATE_KEY, state.data, settings.API_CACHE_TIMEOUT))


def response_key(request):
    """The entry's key for an anonymous GET of this URL, host and ``Accept``, or ``None`` when
    the cache is off or unreachable."""
    if not settings.API_CACHE_TIMEOUT or (generation := request_state(request).generation) is None:
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
    state = request_state(request)
    made_at = float(state.generation.split("-")[0])
    if "search" in request.GET and time.time() - made_at < SEARCH_SETTLE_SECONDS:
        return
    timeout = settings.API_CACHE_TIMEOUT
    if state.next_expiry is not None:
        timeout = min(timeout, int((state.next_expiry - timezone.now()).total_seconds()))
    if timeout <= 0:
        return
    headers = [(name, response[name]) for name in STORED_HEADERS if name in response]
    guarded(lambda: caches["default"].set(key, (response.content, headers), timeout))
