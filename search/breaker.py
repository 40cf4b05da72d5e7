"""The engine's circuit breaker: after a failure the engine counts as down for a while.

Every request to the engine goes through its client's transport, which asks a :class:`Breaker`
(one per engine address) before sending (``search.backends`` installs it). After a connection
failure, a timeout or a 502/503/504, the engine counts as down for ``SEARCH_RETRY_AFTER`` seconds:
requests then fail at once with the client's own ``ConnectionError`` (which every fallback and
the retry queue already handle) instead of each waiting for a timeout. When that time is up,
one request, the probe, is let through; its answer decides whether the engine is back.

The state is kept in the process and shared through Django's cache (the database in
production), so that one worker's failure spares the others their timeout. The log says once
per outage that the engine is down, and once that it is back.

While Django serves a request, every engine request waits at most ``SEARCH_READER_TIMEOUT``
seconds (readers' searches, autocomplete, ``/healthz``, an editor's save); management commands
(indexing, rebuilds) use the client's ``SEARCH_TIMEOUT`` and the timeouts they ask for.
"""

import hashlib
import logging
import threading
import time
from contextvars import ContextVar

from django.conf import settings
from django.core.cache import cache
from django.db import connection

logger = logging.getLogger(__name__)
SHARED_STATE_TTL = 1.0  # seconds a process trusts what it last read of the shared state
_serving = ContextVar("search_engine_serving_request", default=False)


def serving_request(sender=None, **kwargs):
    """``request_started`` receiver: the engine requests that follow serve a web request."""
    _serving.set(True)


def request_done(sender=None, **kwargs):
    """``request_finished`` receiver."""
    _serving.set(False)


def request_timeout(asked):
    """The timeout for an engine request that asked for ``asked`` seconds (``None``: the
    client's), capped at ``SEARCH_READER_TIMEOUT`` while a web request is served."""
    if not _serving.get():
        return asked
    reader = settings.SEARCH_READER_TIMEOUT
    return reader if asked is None else min(asked, reader)


class Breaker:
    """The up/down state of the engine at ``address`` (see the module's documentation)."""

    def __init__(self, address):
        self.address = address
        digest = hashlib.sha1(address.encode()).hexdigest()[:12]
        self.down_key = f"search-engine-down:{digest}"
        self.probe_key = f"search-engine-probe:{digest}"
        self.lock = threading.Lock()
        self.down_until = 0.0  # wall-clock time; 0 while the engine counts as up
        self.probe_until = 0.0  # a probe of this process is under way until then
        self.shared_read_at = 0.0

    def send(self, request, timeout, outage):
        """Run ``request(timeout)`` unless the engine counts as down; record how it went.

        ``outage(error or response)`` tells an outage from any other answer. Raises
        :class:`EngineDown` while the engine counts as down.
        """
        probing = self._admit()
        try:
            answer = request(request_timeout(timeout))
        except Exception as error:
            if outage(error):
                self.failed(error)
            elif probing:
                self.succeeded()  # the engine answered, if only with a refusal
            raise
        if outage(answer):
            self.failed(f"HTTP {answer}")
        elif probing or self.down_until:
            self.succeeded()
        return answer

    def _admit(self):
        """Raise :class:`EngineDown` while the engine counts as down; return whether this
        request is the probe."""
        now = time.time()
        if not self.down_until and now - self.shared_read_at > SHARED_STATE_TTL:
            self.down_until = float(self._shared("get", self.down_key) or 0)
            self.shared_read_at = now
        if not self.down_until:
            return False
        if now < self.down_until:
            raise EngineDown(self.address, self.down_until - now)
        with self.lock:
            window = settings.SEARCH_READER_TIMEOUT + 1
            if now < self.probe_until:
                raise EngineDown(self.address, self.probe_until - now)
            if self._shared("add", self.probe_key, True, window) is False:
                if self._shared("get", self.down_key) is None:  # another worker's probe: back
                    self.down_until = 0.0
                    return False
                raise EngineDown(self.address, window)
            self.probe_until = now + window
        return True

    def failed(self, error):
        """The engine failed to answer: count it as down for ``SEARCH_RETRY_AFTER`` seconds."""
        retry_after = settings.SEARCH_RETRY_AFTER
        until = time.time() + retry_after
        first = not self.down_until
        self.down_until, self.probe_until = until, 0.0
        shared_first = self._shared("add", self.down_key, until, None)
        if shared_first is False:
            self._shared("set", self.down_key, until, None)
        self._shared("delete", self.probe_key)
        if shared_first or (shared_first is None and first):
            logger.warning(
                "Search engine %s is down (%s): searches answer from the database and index "
                "updates are queued; next try in %s s", self.address, describe(error), retry_after)

    def succeeded(self):
        """The engine answered: count it as up again."""
        self.down_until = self.probe_until = 0.0
        self.shared_read_at = time.time()
        cleared = self._shared("delete", self.down_key)
        self._shared("delete", self.probe_key)
        if cleared is not False:
            logger.warning("Search engine %s is back", self.address)

    def reset(self):
        """Forget any outage (tests)."""
        self.down_until = self.probe_until = self.shared_read_at = 0.0
        self._shared("delete", self.down_key)
        self._shared("delete", self.probe_key)

    def _shared(self, operation, *args):
        """``cache.<operation>(*args)``, or ``None`` when the cache itself fails (its database
        is down) or a database transaction is open (an editor's save: a failing cache query
        would abort it): the process then goes on with its own state."""
        if connection.in_atomic_block:
            return None
        try:
            return getattr(cache, operation)(*args)
        except Exception:
            return None


class EngineDown(Exception):
    """Raised as the client's own ``ConnectionError`` while the engine counts as down (the
    transports of ``search.backends`` turn it into that)."""

    def __init__(self, address, retry_in):
        super().__init__(f"search engine {address} counts as down for {retry_in:.0f} more s")


def describe(error):
    """One line about an engine error, not its traceback."""
    if isinstance(error, Exception):
        text = str(error).strip().splitlines()
        return f"{type(error).__name__}: {text[0][:200]}" if text else type(error).__name__
    return str(error)
