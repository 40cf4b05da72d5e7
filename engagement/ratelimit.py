"""A fixed-window rate limit per client, kept in Django's default cache.

``ENGAGEMENT_VOTE_RATE_LIMIT = (attempts, seconds)`` (default ``(10, 60)``) bounds vote attempts
per IP address. The counter lives in the cache: with several server processes it only holds
across them when the cache is shared (Redis or memcached), not the per-process local memory one.
"""

import time

from django.conf import settings
from django.core.cache import cache
from django.utils.crypto import salted_hmac

DEFAULT_VOTE_RATE_LIMIT = (10, 60)


def vote_rate_limit():
    """The configured ``(attempts, seconds)`` for votes."""
    return getattr(settings, "ENGAGEMENT_VOTE_RATE_LIMIT", DEFAULT_VOTE_RATE_LIMIT)


def allow_vote_attempt(request):
    """Count one vote attempt of this client; False once it is over the limit in this window."""
    attempts, seconds = vote_rate_limit()
    address = request.META.get("REMOTE_ADDR", "")
    client = salted_hmac("engagement.ratelimit", address).hexdigest()[:32]
    key = f"engagement:vote-attempts:{client}:{int(time.time() // seconds)}"
    cache.add(key, 0, timeout=seconds)
    try:
        count = cache.incr(key)
    except ValueError:  # the key expired between add() and incr()
        cache.add(key, 1, timeout=seconds)
        count = 1
    return count <= attempts
